import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/window-options';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';
import { rawRequest, startUi, type UiProcess } from '../harness/ui-server';

/**
 * `goproxy-desk ui` (browser mode, issue 18) started from the built CLI and attacked over raw HTTP:
 * the one-time link, the session cookie, DNS rebinding (Host), cross-site requests (Origin, content
 * type), the CSP header, the event stream, and where it listens.
 */
let sandbox: Sandbox;
let ui: UiProcess;
let cookie = '';
const GOENV = 'GOPROXY=https://goproxy.cn,direct\n';
const WAIT = { timeout: 10_000 };

const invoke = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  rawRequest(ui.origin, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'content-type': 'application/json', origin: ui.origin, cookie, ...headers },
    body: JSON.stringify({ channel, input }),
  });

beforeAll(async () => {
  sandbox = await createSandbox();
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, GOENV);
  ui = await startUi(['--port', '0', '--no-open'], sandbox.env);
});
afterAll(async () => {
  await ui?.stop();
  await sandbox?.cleanup();
});

describe('goproxy-desk ui: the link and the session', () => {
  it('prints the link first, on loopback, and an SSH tunnel hint', async () => {
    expect(ui.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    return expect
      .poll(() => ui.stderr(), WAIT)
      .toMatch(new RegExp(`ssh -L ${ui.port}:127\\.0\\.0\\.1:${ui.port} [^]*Press Ctrl\\+C to stop\\.`));
  });

  it('answers 401 to the page, its files, the API and the events without a session', async () => {
    for (const p of ['/', '/index.html', '/icon.svg', '/api/events']) {
      const res = await rawRequest(ui.origin, { path: p });
      expect(res.status, p).toBe(401);
      expect(res.body, p).toContain('goproxy-desk ui');
      expect(res.headers['content-security-policy'], p).toBe(CONTENT_SECURITY_POLICY);
    }
    const call = await rawRequest(ui.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'content-type': 'application/json', origin: ui.origin },
      body: JSON.stringify({ channel: 'goenv:read', input: {} }),
    });
    expect(call.status).toBe(401);
    // A made-up session is no session.
    const forged = await rawRequest(ui.origin, { headers: { cookie: `goproxy-desk-${ui.port}=forged` } });
    expect(forged.status).toBe(401);
  });

  it('refuses a wrong token without using up the right one, which then works exactly once', async () => {
    expect((await rawRequest(ui.origin, { path: `/?token=${ui.token.slice(1)}x` })).status).toBe(401);
    const first = await rawRequest(ui.origin, { path: `/?token=${ui.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^goproxy-desk-${ui.port}=[A-Za-z0-9_-]{43}; `));
    const attributes = setCookie.split(';').map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attributes.some((a) => /^(domain|expires|max-age)=/i.test(a))).toBe(false);
    cookie = setCookie.split(';')[0]!;
    expect(first.headers['referrer-policy']).toBe('no-referrer');

    const again = await rawRequest(ui.origin, { path: `/?token=${ui.token}` });
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('serves the page with the CSP as a header, and its assets, to the session', async () => {
    const page = await rawRequest(ui.origin, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('<div id="root"></div>');
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await rawRequest(ui.origin, { path: script!, headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Nothing outside the built pages, however the path is spelled.
    for (const p of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00x', '/%E0%A4%A']) {
      const res = await rawRequest(ui.origin, { path: p, headers: { cookie } });
      expect([400, 404], p).toContain(res.status);
    }
  });

  it('answers goenv:read through /api/invoke with the contract’s result', async () => {
    const res = await invoke('goenv:read', {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const result = JSON.parse(res.body) as { ok: boolean; value: { vars: Record<string, unknown> } };
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.value)).toContain('https://goproxy.cn,direct');
    // The contract still decides: unknown channels and bad payloads are refused as over IPC.
    expect(JSON.parse((await invoke('shell:exec', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(JSON.parse((await invoke('goenv:read', { evil: 1 })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const notJson = await rawRequest(ui.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'content-type': 'application/json', origin: ui.origin, cookie },
      body: '{"channel":',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('goproxy-desk ui: requests from elsewhere change nothing', () => {
  // A valid call: were it let through, it would change the go env file (the SSE test below shows that).
  const write = { set: ['GOPROXY=https://evil.example'] };

  it('answers 421 to a Host that is not its own (DNS rebinding), session or not', async () => {
    for (const host of [
      `evil.example:${ui.port}`,
      `127.0.0.1.nip.io:${ui.port}`,
      `127.0.0.1:${ui.port + 1}`,
      '127.0.0.1',
      `localhost.evil.example:${ui.port}`,
      `[::1]:${ui.port}`,
    ]) {
      const page = await rawRequest(ui.origin, { headers: { host, cookie } });
      expect(page.status, host).toBe(421);
      expect(page.body, host).not.toContain('<div id="root">');
      const call = await invoke('goenv:write', write, { host, origin: `http://${host}` });
      expect(call.status, host).toBe(421);
    }
    // No Host at all: Node's HTTP server refuses it (400) before our handler runs.
    expect((await rawRequest(ui.origin, { noHost: true, headers: { cookie } })).status).toBe(400);
    // localhost with its port is the same server.
    expect((await rawRequest(ui.origin, { headers: { host: `localhost:${ui.port}`, cookie } })).status).toBe(
      200,
    );
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe(GOENV);
  });

  it('answers 403 to a call with a foreign or missing Origin, from another site, or not as JSON', async () => {
    const cases: Record<string, Record<string, string>> = {
      'foreign origin': { origin: 'http://evil.example' },
      'other port': { origin: `http://127.0.0.1:${ui.port + 1}` },
      'https origin': { origin: `https://127.0.0.1:${ui.port}` },
      'null origin': { origin: 'null' },
      'cross-site fetch': { 'sec-fetch-site': 'cross-site' },
      'same-site fetch': { 'sec-fetch-site': 'same-site' },
      'form post': { 'content-type': 'application/x-www-form-urlencoded' },
      'text/plain': { 'content-type': 'text/plain' },
      'json-ish': { 'content-type': 'application/jsonp' },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const res = await invoke('goenv:write', write, headers);
      expect(res.status, name).toBe(403);
    }
    const noOrigin = await rawRequest(ui.origin, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ channel: 'goenv:write', input: write }),
    });
    expect(noOrigin.status).toBe(403);
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe(GOENV);
    expect((await rawRequest(ui.origin, { path: '/api/invoke', headers: { cookie } })).status).toBe(405);
    const big = await invoke('goenv:write', {
      changes: [{ key: 'GOPROXY', value: 'x'.repeat(2 * 1024 * 1024) }],
    });
    expect(big.status).toBe(413);
  });

  it('listens on 127.0.0.1 only: nothing answers on the machine’s other addresses', async () => {
    // The kernel's table of listening TCP sockets: the port is bound to 127.0.0.1 and nothing else.
    const hexPort = ui.port.toString(16).toUpperCase().padStart(4, '0');
    const tables = [
      await readFile('/proc/net/tcp', 'utf8'),
      await readFile('/proc/net/tcp6', 'utf8').catch(() => ''),
    ];
    const listeners = tables
      .flatMap((t) => t.split('\n').slice(1))
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
      .map((f) => f[1]);
    expect(listeners).toEqual([`0100007F:${hexPort}`]);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of others) {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: ui.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(refused, address).toBe('ECONNREFUSED');
    }
  });
});

describe('goproxy-desk ui: events and stopping', () => {
  it('streams state changes to the page as server-sent events', async () => {
    const received: string[] = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: ui.port, path: '/api/events', headers: { cookie }, agent: false },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream');
    stream.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk));
    const res = await invoke('goenv:write', { set: ['GOPRIVATE=git.corp.example'] });
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
    await expect
      .poll(() => received.join(''), { timeout: 10_000 })
      .toContain('"event":"state:changed","payload":{"area":"goenv"}');
    stream.destroy();
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toContain('GOPRIVATE=git.corp.example');
  });

  it('stops on Ctrl+C with status 0', async () => {
    const { code } = await ui.stop();
    expect(code).toBe(0);
    expect(ui.stderr()).toContain('Stopped.');
    await expect(rawRequest(ui.origin, {})).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('goproxy-desk ui: options', () => {
  it('refuses a bad port or a host name (exit 2) and a port in use (exit 1), starting nothing', async () => {
    const bad = await runBuiltCli(['ui', '--port', '70000', '--no-open'], sandbox.env, { timeoutMs: 20_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be a port number from 0 to 65535');
    expect(bad.stdout).toBe('');
    const name = await runBuiltCli(['ui', '--host', 'example.com', '--no-open'], sandbox.env, {
      timeoutMs: 20_000,
    });
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('--host must be an IP address');

    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const busy = await runBuiltCli(['ui', '--port', String(port), '--no-open'], sandbox.env, {
      timeoutMs: 20_000,
    });
    await new Promise((resolve) => taken.close(resolve));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`port ${port} is already in use`);
    expect(busy.stdout).toBe('');
  });

  it('speaks Chinese with --lang zh-CN and gives the page that language', async () => {
    const zh = await startUi(['--port', '0', '--no-open', '--lang', 'zh-CN'], sandbox.env);
    try {
      await expect.poll(() => zh.stderr(), WAIT).toContain('上面的链接只能用一次');
      const res = await rawRequest(zh.origin, { path: `/?token=${zh.token}` });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/?lang=zh-CN');
    } finally {
      expect((await zh.stop()).code).toBe(0);
    }
  });

  it('warns when --host exposes it, and still refuses names in the Host header', async () => {
    const exposed = await startUi(['--port', '0', '--no-open', '--host', '0.0.0.0'], sandbox.env);
    try {
      // The link names an address a browser can open, not 0.0.0.0.
      expect(exposed.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      await expect.poll(() => exposed.stderr(), WAIT).toContain('can be reached from other machines');
      const origin = `http://127.0.0.1:${exposed.port}`;
      expect((await rawRequest(origin, { headers: { host: `evil.example:${exposed.port}` } })).status).toBe(
        421,
      );
      expect((await rawRequest(origin, { path: `/?token=${exposed.token}` })).status).toBe(303);
    } finally {
      expect((await exposed.stop()).code).toBe(0);
    }
  });
});
