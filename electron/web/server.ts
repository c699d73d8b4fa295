import { createHash, randomBytes } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { EventName } from '../../shared/channels';
import { contract, type EventPayload } from '../../shared/contract';
import type { Language } from '../../shared/i18n';
import { dispatch, failure, type HandlerTable } from '../dispatch';
import { CONTENT_SECURITY_POLICY } from '../shell/window-options';
import {
  cookieValue,
  isJsonContentType,
  isLoopback,
  isOwnHost,
  isSameOrigin,
  isWildcard,
  urlHost,
  type Listening,
} from './guards';

/**
 * Browser mode (`goproxy-desk ui`, DESIGN §8): the built renderer and the handler table over HTTP, for
 * machines without a desktop. The same dispatch as the IPC path (contract channels, validated input and
 * output); events as server-sent events. Every request must name this server in its Host header (DNS
 * rebinding) and carry the session cookie, which only a one-time link gives; calls must also come from
 * our own origin as JSON (cross-site requests). The CSP is a header on every answer.
 */
export interface WebServerOptions {
  handlers: HandlerTable;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Starts forwarding the services' events; returns the function that stops it. */
  events: (send: <E extends EventName>(event: E, payload: EventPayload<E>) => void) => () => void;
  /** An IP literal; 127.0.0.1 unless the user names another. */
  address: string;
  /** 0 picks a free port. */
  port: number;
  /** The page's language when the app's language setting is 'system' (default: the browser's). */
  language?: Language;
}

export interface WebServer {
  /** http://ADDRESS:PORT */
  origin: string;
  port: number;
  /** A new one-time link: visiting it starts a session. */
  newLink(): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The largest call the renderer makes is a profiles import; a megabyte is far above it. */
const MAX_BODY = 1024 * 1024;
/** Event streams open at once (a few tabs); more are refused rather than held. */
const MAX_STREAMS = 16;
/** A comment on each event stream this often, so that proxies and SSH tunnels keep it open. */
const HEARTBEAT_MS = 25_000;

const SECURITY_HEADERS: OutgoingHttpHeaders = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

const NO_SESSION = [
  'This page needs the link that `goproxy-desk ui` printed; each link works once.',
  'Run `goproxy-desk ui` again and open the new link.',
  '',
  '此页面需要 `goproxy-desk ui` 打印的链接，每个链接只能使用一次。',
  '请重新运行 `goproxy-desk ui` 并打开新链接。',
  '',
].join('\n');

/** Secrets are kept as their hashes: a lookup's timing then says nothing about a secret's bytes. */
const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const secret = (): string => randomBytes(32).toString('base64url');

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = path.resolve(options.staticDir);
  const tokens = new Set<string>();
  const sessions = new Set<string>();
  const streams = new Set<ServerResponse>();
  let listening: Listening = { address: options.address, port: options.port };
  let cookieName = '';

  const send = (
    res: ServerResponse,
    status: number,
    headers: OutgoingHttpHeaders,
    body?: string | Buffer,
  ) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
  const text = (res: ServerResponse, status: number, body: string, headers: OutgoingHttpHeaders = {}) =>
    send(res, status, { 'content-type': 'text/plain; charset=utf-8', ...headers }, body);

  const hasSession = (req: IncomingMessage): boolean => {
    const value = cookieValue(req.headers.cookie, cookieName);
    return value !== undefined && sessions.has(digest(value));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, listening)) {
      text(res, 421, misdirected(listening));
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://server.invalid');
    } catch {
      text(res, 400, 'Bad request.\n');
      return;
    }

    const token = url.searchParams.get('token');
    if (url.pathname === '/' && token !== null && req.method === 'GET') {
      const key = digest(token);
      if (!tokens.delete(key)) {
        text(res, 401, NO_SESSION);
        return;
      }
      const session = secret();
      sessions.add(digest(session));
      const lang = options.language === undefined ? '' : `?lang=${options.language}`;
      send(res, 303, {
        location: `/${lang}`,
        'set-cookie': `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return;
    }
    if (!hasSession(req)) {
      text(res, 401, NO_SESSION);
      return;
    }

    if (url.pathname === '/api/invoke') return invoke(req, res);
    if (url.pathname === '/api/events') return events(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      text(res, 405, 'Method not allowed.\n', { allow: 'GET, HEAD' });
      return;
    }
    return serveFile(url.pathname, req, res);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      text(res, 405, 'Method not allowed.\n', { allow: 'POST' });
      return;
    }
    // A form or an image on another site can send a POST with the user's cookies only as a "simple"
    // request: never with Content-Type application/json, and always with its own Origin.
    if (!isJsonContentType(req.headers['content-type']) || !isSameOrigin(req.headers)) {
      text(res, 403, 'Calls must come from this page, as JSON.\n');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      text(res, 413, 'Request too large.\n');
      return;
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      text(res, 413, 'Request too large.\n');
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      send(
        res,
        400,
        { 'content-type': 'application/json' },
        JSON.stringify(failure('invalid-input', 'The request is not JSON.')),
      );
      return;
    }
    const { channel, input } =
      typeof message === 'object' && message !== null
        ? (message as { channel?: unknown; input?: unknown })
        : { channel: undefined, input: undefined };
    const result = await dispatch(options.handlers, channel, input);
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(result));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      text(res, 405, 'Method not allowed.\n', { allow: 'GET' });
      return;
    }
    if (streams.size >= MAX_STREAMS) {
      text(res, 429, 'Too many open pages.\n');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
    });
    res.write(': open\n\n');
    streams.add(res);
    const stop = options.events((event, payload) => {
      // The same check as the IPC path's emit: nothing leaves that the contract does not describe.
      const parsed = contract.events[event].parse(payload);
      res.write(`data: ${JSON.stringify({ event, payload: parsed })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      stop();
      streams.delete(res);
    });
  }

  async function serveFile(pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      text(res, 400, 'Bad request.\n');
      return;
    }
    const file = path.resolve(root, `.${relative}`);
    if (relative.includes('\0') || !file.startsWith(root + path.sep)) {
      text(res, 404, 'Not found.\n');
      return;
    }
    try {
      const info = await lstat(file);
      if (!info.isFile()) throw new Error('not a file');
      const data = await readFile(file);
      send(
        res,
        200,
        {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          // Built assets carry content hashes in their names.
          ...(relative.startsWith('/assets/')
            ? { 'cache-control': 'private, max-age=31536000, immutable' }
            : {}),
        },
        req.method === 'HEAD' ? undefined : data,
      );
    } catch {
      text(res, 404, 'Not found.\n');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) text(res, 500, 'Internal error.\n');
      else res.end();
      console.error('goproxy-desk ui:', error);
    });
  });
  // Slow or idle clients do not hold the server: requests have this long to arrive in full.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.address, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  listening = { address: options.address, port };
  // Cookies are per host, not per port: two servers on one machine keep theirs apart by name.
  cookieName = `goproxy-desk-${port}`;
  // A server on every address is opened through loopback (browsers refuse 0.0.0.0).
  const linkAddress = isWildcard(options.address)
    ? options.address.includes(':')
      ? '::1'
      : '127.0.0.1'
    : options.address;
  const origin = `http://${urlHost(linkAddress)}:${port}`;

  return {
    origin,
    port,
    newLink() {
      const token = secret();
      tokens.add(digest(token));
      return `${origin}/?token=${token}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a request with someone else's name in its Host header is told (DNS rebinding, a wrong tunnel). */
function misdirected({ address, port }: Listening): string {
  const names = isWildcard(address)
    ? `an IP address of this machine or localhost, port ${port}`
    : `${urlHost(address)}:${port}${isLoopback(address) ? ` or localhost:${port}` : ''}`;
  return `This server answers only as ${names}. Open the link goproxy-desk ui printed; over SSH, forward the same port (ssh -L ${port}:127.0.0.1:${port} HOST).\n`;
}

/** A request's body as text; rejects once it passes `limit` bytes (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
