import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatch, type HandlerTable } from '../../electron/dispatch';
import { readBody } from '../../electron/web';

/**
 * Test-only: serves the built renderer and the real handler table over HTTP on 127.0.0.1, so the
 * renderer runs in Chromium against the real services. Calls need the random token; the renderer gets
 * it from the script in bridge-client.ts that Playwright injects. Never shipped.
 */
export interface Bridge {
  url: string;
  token: string;
  /** Every call that reached dispatch, for assertions. */
  calls: Array<{ channel: unknown; input: unknown }>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Events for the page: `listen(send)` starts forwarding and returns the function that stops it. */
export type BridgeEvents = (send: (event: string, payload: unknown) => void) => () => void;

export async function startBridge(options: {
  handlers: HandlerTable;
  staticDir: string;
  events?: BridgeEvents;
}): Promise<Bridge> {
  const token = randomBytes(24).toString('hex');
  const calls: Bridge['calls'] = [];
  const root = path.resolve(options.staticDir);

  const tokenOk = (req: IncomingMessage): boolean => {
    const given = Buffer.from(String(req.headers['x-bridge-token'] ?? ''));
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__bridge/events') {
      // Server-sent events; EventSource cannot send headers, so the token comes in the query.
      const given = Buffer.from(url.searchParams.get('token') ?? '');
      if (given.length !== token.length || !timingSafeEqual(given, Buffer.from(token))) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': open\n\n');
      const stop = options.events?.((event, payload) => {
        res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
      });
      req.on('close', () => stop?.());
      return;
    }
    if (url.pathname === '/__bridge/invoke') {
      if (req.method !== 'POST' || !tokenOk(req)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readBody(req);
      let message: { channel?: unknown; input?: unknown };
      try {
        message = JSON.parse(body) as typeof message;
      } catch {
        res.writeHead(400).end();
        return;
      }
      calls.push({ channel: message.channel, input: message.input });
      const result = await dispatch(options.handlers, message.channel, message.input);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    const file = path.resolve(
      root,
      `.${decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)}`,
    );
    if (!file.startsWith(root + path.sep) || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    try {
      const data = await readFile(file);
      res
        .writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          // Built assets have content hashes in their names: cache them as a packaged app's files are.
          ...(url.pathname.startsWith('/assets/')
            ? { 'cache-control': 'public, max-age=31536000, immutable' }
            : {}),
        })
        .end(data);
    } catch {
      res.writeHead(404).end();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
