import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPac } from '../../electron/services/pac';

const PAC = 'function FindProxyForURL(url, host) { return "DIRECT"; }';
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/wpad.dat') {
      res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(PAC);
    } else if (url.startsWith('/hop/')) {
      const n = Number(url.slice('/hop/'.length));
      res.writeHead(302, { location: n === 0 ? '/wpad.dat' : `/hop/${n - 1}` }).end();
    } else if (url === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('function FindProxyForURL(');
    } else if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(2 * 1024 * 1024) }).end();
    } else if (url === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 20; i++) res.write(chunk);
      res.end();
    } else if (url === '/portal') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html>Log in</html>');
    } else if (url === '/binary') {
      res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    } else {
      res.writeHead(404, 'Not Found').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(tmpdir(), 'pac-fetch-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('fetchPac over http', () => {
  it('fetches a PAC script', async () => {
    expect(await fetchPac(`${base}/wpad.dat`)).toEqual({ ok: true, script: PAC });
  });

  it('follows up to 5 redirects and no more', async () => {
    expect(await fetchPac(`${base}/hop/4`)).toEqual({ ok: true, script: PAC });
    expect(await fetchPac(`${base}/hop/5`)).toMatchObject({
      ok: false,
      code: 'unreachable',
      error: expect.stringContaining('more than 5 times'),
    });
  });

  it('refuses a redirect that leaves http(s)', async () => {
    expect(await fetchPac(`${base}/to-file`)).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('reports the status of a 404', async () => {
    expect(await fetchPac(`${base}/missing`)).toMatchObject({
      ok: false,
      code: 'http-status',
      error: expect.stringContaining('HTTP 404'),
    });
  });

  it('gives up on a server that stops sending', async () => {
    const started = Date.now();
    expect(await fetchPac(`${base}/slow`, { timeoutMs: 300 })).toMatchObject({ ok: false, code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a body over the limit, declared or not', async () => {
    expect(await fetchPac(`${base}/big`)).toMatchObject({ ok: false, code: 'too-large' });
    expect(await fetchPac(`${base}/big-chunked`)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses an HTML page and binary data', async () => {
    expect(await fetchPac(`${base}/portal`)).toMatchObject({
      ok: false,
      code: 'not-text',
      error: expect.stringContaining('captive portal'),
    });
    expect(await fetchPac(`${base}/binary`)).toMatchObject({ ok: false, code: 'not-text' });
  });

  it('explains an unreachable server, an unsupported scheme and a non-URL', async () => {
    expect(await fetchPac('http://127.0.0.1:1/wpad.dat')).toMatchObject({ ok: false, code: 'unreachable' });
    expect(await fetchPac('ftp://x/wpad.dat')).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await fetchPac('wpad.dat')).toMatchObject({ ok: false, code: 'invalid-input' });
  });
});

describe('fetchPac from a file', () => {
  it('reads a file: URL', async () => {
    const file = path.join(dir, 'proxy.pac');
    await writeFile(file, PAC);
    expect(await fetchPac(pathToFileURL(file).href)).toEqual({ ok: true, script: PAC });
  });

  it('explains a missing file and one over the limit', async () => {
    expect(await fetchPac(pathToFileURL(path.join(dir, 'none.pac')).href)).toMatchObject({
      ok: false,
      code: 'unreachable',
    });
    const big = path.join(dir, 'big.pac');
    await writeFile(big, 'x'.repeat(2048));
    expect(await fetchPac(pathToFileURL(big).href, { maxBytes: 1024 })).toMatchObject({
      ok: false,
      code: 'too-large',
    });
  });
});
