import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../shared/contract';
import { createNodeHost } from '../../electron/services/host';
import { createProbeService } from '../../electron/services/probe';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { refusedPort, startRawServer } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { createTestPki, startTlsFront, type TestPki, type TlsFront } from '../fixtures/tls-peers';

/**
 * The network path go would take, through a real HTTP proxy (tinyproxy): CONNECT for https, absolute
 * form for http, NO_PROXY and loopback exceptions, the proxy down, 407 without credentials, and a proxy
 * that is itself reached over TLS. Mirrors are named "127.1" so that Go's rules do proxy them (see
 * tests/fixtures/tinyproxy.ts).
 */

let sandbox: Sandbox;
let pki: TestPki;
let mirror: Mirror;
let front: TlsFront;
let proxy: Tinyproxy;
let authProxy: Tinyproxy;
let proxyOverTls: TlsFront;
let httpsMirror: string;
let httpMirror: string;

beforeAll(async () => {
  sandbox = await createSandbox();
  const pkiDir = path.join(sandbox.root, 'pki');
  await mkdir(pkiDir);
  [pki, mirror, proxy, authProxy] = await Promise.all([
    createTestPki(pkiDir),
    startMirror(),
    startTinyproxy({ dir: sandbox.root }),
    startTinyproxy({ dir: sandbox.root, basicAuth: { user: 'gopher', password: 's3cret' } }),
  ]);
  const mirrorPort = Number(new URL(mirror.url).port);
  front = await startTlsFront({ ...pki.good, upstreamPort: mirrorPort });
  proxyOverTls = await startTlsFront({ ...pki.good, upstreamPort: proxy.port });
  httpsMirror = `https://127.1:${front.port}`;
  httpMirror = `http://127.1:${mirrorPort}`;
});

afterAll(async () => {
  await Promise.all([mirror, front, proxy, authProxy, proxyOverTls].map((p) => p?.close()));
  await sandbox?.cleanup();
});

async function probe(env: Record<string, string>, mirrors: string[]): Promise<ProbeResult[]> {
  const host = createNodeHost({ env: { ...sandbox.env, SSL_CERT_FILE: pki.caFile, ...env } });
  const report = await createProbeService(host).run({
    mirrors,
    samples: 2,
    timeoutMs: 2_000,
    freshnessModule: 'rsc.io/quote',
  });
  return report.results;
}

describe('probing through the HTTP proxy go would use', () => {
  it('tunnels https through HTTPS_PROXY with CONNECT, and says so', async () => {
    const before = proxy.requests().length;
    const [r] = await probe({ HTTPS_PROXY: proxy.url }, [httpsMirror]);
    expect(r).toMatchObject({ status: 'ok', successRate: 1, proxy: { url: proxy.url, tunnel: true } });
    expect(proxy.requests().slice(before)).toContain(`CONNECT 127.1:${front.port} HTTP/1.1`);
    // DNS and connect are the proxy's; TLS is with the mirror, through the tunnel.
    expect(r!.phases.dns).toBeNull();
    expect(r!.phases.tls).toBeGreaterThan(0);
  });

  it('sends plain http to HTTP_PROXY in absolute form, read from the lower-case variable too', async () => {
    const before = proxy.requests().length;
    const [r] = await probe({ http_proxy: proxy.url }, [httpMirror]);
    expect(r).toMatchObject({ status: 'ok', proxy: { url: proxy.url, tunnel: false } });
    expect(proxy.requests().slice(before)).toContain(
      `GET ${httpMirror}/rsc.io/quote/@v/v1.5.2.info HTTP/1.1`,
    );
  });

  it('goes direct where NO_PROXY says so, and always for loopback addresses', async () => {
    const before = proxy.requests().length;
    const results = await probe({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.1' }, [
      httpsMirror,
      mirror.url,
      front.url,
    ]);
    for (const r of results) {
      expect(r.status).toBe('ok');
      expect(r.proxy).toBeUndefined();
    }
    expect(proxy.requests().slice(before)).toEqual([]);
  });

  it('reports a proxy that is down as a proxy error, not as the mirror’s', async () => {
    const down = `http://127.0.0.1:${await refusedPort()}`;
    const [r] = await probe({ HTTPS_PROXY: down }, [httpsMirror]);
    expect(r).toMatchObject({
      status: 'dead',
      proxy: { url: down },
      error: { kind: 'proxy', phase: 'connect', detail: 'unreachable' },
    });
    expect(r!.error!.message).toContain(`The HTTP proxy ${down} is not reachable (ECONNREFUSED)`);
  });

  it('gives up on a proxy that accepts the connection and never answers CONNECT, as a proxy timeout', async () => {
    const silent = await startRawServer('hang');
    try {
      const host = createNodeHost({ env: { ...sandbox.env, HTTPS_PROXY: silent.url } });
      const started = performance.now();
      const report = await createProbeService(host).run({
        mirrors: [httpsMirror],
        samples: 1,
        timeoutMs: 300,
      });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(report.results[0]).toMatchObject({
        status: 'dead',
        error: { kind: 'proxy', phase: 'connect', detail: 'timeout' },
      });
      expect(report.results[0]!.error!.message).toContain(
        `The HTTP proxy ${silent.url} did not answer within 300 ms`,
      );
    } finally {
      await silent.close();
    }
  });

  it('reports 407 from a proxy that wants credentials, for CONNECT and for absolute-form requests', async () => {
    const anonymous = authProxy.url.replace('gopher:s3cret@', '');
    const results = await probe({ HTTPS_PROXY: anonymous, HTTP_PROXY: anonymous }, [httpsMirror, httpMirror]);
    for (const r of results) {
      expect(r).toMatchObject({
        status: 'dead',
        error: { kind: 'proxy', status: 407, detail: 'auth-required' },
      });
    }
  });

  it('passes the proxy URL’s credentials, and hides the password in the result', async () => {
    const results = await probe({ HTTPS_PROXY: authProxy.url, HTTP_PROXY: authProxy.url }, [
      httpsMirror,
      httpMirror,
    ]);
    for (const r of results) {
      expect(r.status).toBe('ok');
      expect(r.proxy!.url).toBe(authProxy.url.replace('s3cret', 'xxxxx'));
    }
  });

  it('reports a tunnel the proxy cannot open with the proxy’s status', async () => {
    const [r] = await probe({ HTTPS_PROXY: proxy.url }, [`https://127.1:${await refusedPort()}`]);
    expect(r).toMatchObject({
      status: 'dead',
      error: { kind: 'proxy', status: 500, detail: 'tunnel-refused' },
    });
  });

  it('reaches a proxy over TLS (an https:// proxy URL), trusted like go trusts it', async () => {
    const before = proxy.requests().length;
    const [r] = await probe({ HTTPS_PROXY: proxyOverTls.url }, [httpsMirror]);
    expect(r).toMatchObject({ status: 'ok', proxy: { url: proxyOverTls.url, tunnel: true } });
    expect(proxy.requests().slice(before)).toContain(`CONNECT 127.1:${front.port} HTTP/1.1`);
  });

  it('refuses HTTP_PROXY for http mirrors when REQUEST_METHOD is set, as go does in CGI programs', async () => {
    const [r] = await probe({ HTTP_PROXY: proxy.url, REQUEST_METHOD: 'GET' }, [httpMirror]);
    expect(r).toMatchObject({ status: 'dead', error: { kind: 'proxy', detail: 'cgi' } });
  });
});
