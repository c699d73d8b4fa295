import { mkdir } from 'node:fs/promises';
import net, { type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/dispatch';
import { createNodeHost, type Host } from '../../electron/services/host';
import { checkProxy, type ProxyCheck, type ProxyCheckReport } from '../../electron/services/netproxy/check';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { refusedPort, startHttpServer, startRawServer, type Peer } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSquid, type Squid } from '../fixtures/squid';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { createTestPki, startTlsFront, type TestPki, type TlsFront } from '../fixtures/tls-peers';

/**
 * The proxy test against real proxies (tinyproxy, with and without Basic credentials, and squid) and a
 * real mirror, all on loopback. The check asks http:// and https:// of the same host and port, so the
 * mirror sits behind a port that speaks both (TLS told apart by its first byte).
 */

let sandbox: Sandbox;
let host: Host;
let pki: TestPki;
let mirror: Mirror;
let front: TlsFront;
let selfSignedFront: TlsFront;
let proxy: Tinyproxy;
let authProxy: Tinyproxy;
let squid: Squid | undefined;
let authSquid: Squid | undefined;
let squidError: unknown;
let both: DualPort;
/** https://127.0.0.1:PORT, which also answers plain http:// on that port. */
let mirrorUrl: string;

const INFO = 'rsc.io/quote/@v/v1.5.2.info';

interface DualPort {
  port: number;
  close(): Promise<void>;
}

/** One loopback port in front of two: TLS (first byte 0x16, a handshake record) to `tlsPort`, the rest to `plainPort`. */
async function startDualPort(tlsPort: number, plainPort: number): Promise<DualPort> {
  const sockets = new Set<Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    // No Nagle delays: TLS answers come in several small writes, which Nagle would hold for an ACK.
    client.setNoDelay(true);
    client.once('data', (first: Buffer) => {
      client.pause();
      const upstream = net.connect({
        host: '127.0.0.1',
        port: first[0] === 0x16 ? tlsPort : plainPort,
        noDelay: true,
      });
      sockets.add(upstream);
      upstream.write(first);
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

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
  try {
    [squid, authSquid] = await Promise.all([
      startSquid(),
      startSquid({ basicAuth: { user: 'gopher', password: 's3cret' } }),
    ]);
  } catch (error) {
    squidError = error;
  }
  const mirrorPort = Number(new URL(mirror.url).port);
  [front, selfSignedFront] = await Promise.all([
    startTlsFront({ ...pki.good, upstreamPort: mirrorPort }),
    startTlsFront({ ...pki.selfSigned, upstreamPort: mirrorPort }),
  ]);
  both = await startDualPort(front.port, mirrorPort);
  mirrorUrl = `https://127.0.0.1:${both.port}`;
  host = createNodeHost({ env: { ...sandbox.env, SSL_CERT_FILE: pki.caFile } });
});

afterAll(async () => {
  await Promise.all(
    [mirror, front, selfSignedFront, both, proxy, authProxy, squid, authSquid].map((p) => p?.close()),
  );
  await sandbox?.cleanup();
});

function byMode(report: ProxyCheckReport): Record<ProxyCheck['mode'], ProxyCheck> {
  const connect = report.checks.find((c) => c.mode === 'connect');
  const forward = report.checks.find((c) => c.mode === 'forward');
  expect(connect).toBeDefined();
  expect(forward).toBeDefined();
  return { connect: connect!, forward: forward! };
}

/** Both checks went all the way: every phase of theirs timed. */
function expectServed(report: ProxyCheckReport): void {
  const { connect, forward } = byMode(report);
  expect(report.ok).toBe(true);
  expect(connect).toMatchObject({ outcome: 'ok', status: 200, target: `${mirrorUrl}/${INFO}` });
  expect(forward).toMatchObject({
    outcome: 'ok',
    status: 200,
    target: `http://127.0.0.1:${both.port}/${INFO}`,
  });
  for (const phase of ['connect', 'tunnel', 'tls', 'ttfb', 'total'] as const) {
    expect(connect.timings[phase]).toBeTypeOf('number');
  }
  expect(forward.timings).toMatchObject({ tunnel: null, tls: null });
  for (const phase of ['connect', 'ttfb', 'total'] as const) {
    expect(forward.timings[phase]).toBeTypeOf('number');
  }
  expect(connect.timings.total).toBeGreaterThanOrEqual(
    connect.timings.connect! + connect.timings.tunnel! + connect.timings.tls! + connect.timings.ttfb!,
  );
}

describe('checkProxy through tinyproxy', () => {
  it('tunnels to the https mirror and forwards plain http, both serving module info', async () => {
    const before = proxy.requests().length;
    const report = await checkProxy(host, { proxy: proxy.url, mirror: mirrorUrl, timeoutMs: 5_000 });
    expect(report).toMatchObject({ proxy: `${proxy.url}`, mirror: mirrorUrl });
    expectServed(report);
    expect(proxy.requests().slice(before)).toEqual(
      expect.arrayContaining([
        `CONNECT 127.0.0.1:${both.port} HTTP/1.1`,
        `GET http://127.0.0.1:${both.port}/${INFO} HTTP/1.1`,
      ]),
    );
  });

  it('reports 407 as auth-required when the proxy wants credentials and none were given', async () => {
    const anonymous = authProxy.url.replace('gopher:s3cret@', '');
    const report = await checkProxy(host, { proxy: anonymous, mirror: mirrorUrl });
    expect(report.ok).toBe(false);
    for (const check of report.checks) {
      expect(check).toMatchObject({ outcome: 'auth-required', status: 407 });
      expect(check.message).toContain('wants credentials');
      expect(check.timings.connect).toBeTypeOf('number');
    }
    const { connect, forward } = byMode(report);
    // The tunnel was answered (with 407) but never opened; the forwarded request was answered.
    expect(connect.timings).toMatchObject({ tunnel: null, tls: null, ttfb: null });
    expect(forward.timings.ttfb).toBeTypeOf('number');
  });

  it('says the credentials were refused when wrong ones were sent, without showing the password', async () => {
    const wrong = authProxy.url.replace('s3cret', 'wrong-pass');
    const report = await checkProxy(host, { proxy: wrong, mirror: mirrorUrl });
    for (const check of report.checks) {
      // tinyproxy refuses wrong credentials with 401 (and a WWW-Authenticate), not 407.
      expect(check).toMatchObject({ outcome: 'auth-required', status: 401 });
      expect(check.message).toContain('refused the credentials of user "gopher"');
    }
    expect(report.proxy).toBe(`http://gopher:xxxxx@127.0.0.1:${authProxy.port}`);
    expect(JSON.stringify(report)).not.toContain('wrong-pass');
  });

  it('passes with the right credentials, and never returns the password', async () => {
    const report = await checkProxy(host, { proxy: authProxy.url, mirror: mirrorUrl });
    expectServed(report);
    expect(report.proxy).toBe(`http://gopher:xxxxx@127.0.0.1:${authProxy.port}`);
    expect(JSON.stringify(report)).not.toContain('s3cret');
  });

  it('reports an https mirror redirecting plain http to https as a working forward', async () => {
    const redirector = await startHttpServer((req, res) => {
      res.writeHead(301, { location: `https://127.0.0.1:${both.port}${req.url}` }).end();
    });
    const dual = await startDualPort(front.port, redirector.port);
    try {
      const report = await checkProxy(host, { proxy: proxy.url, mirror: `https://127.0.0.1:${dual.port}` });
      const { connect, forward } = byMode(report);
      expect(report.ok).toBe(true);
      expect(connect).toMatchObject({ outcome: 'ok', status: 200 });
      expect(forward).toMatchObject({ outcome: 'ok', status: 301 });
      expect(forward.message).toContain(`a redirect to https://127.0.0.1:${both.port}/${INFO}`);
    } finally {
      await Promise.all([dual.close(), redirector.close()]);
    }
  });

  it('reports the status the proxy gives when it cannot reach the mirror', async () => {
    const nowhere = await refusedPort();
    const report = await checkProxy(host, { proxy: proxy.url, mirror: `https://127.0.0.1:${nowhere}` });
    const { connect, forward } = byMode(report);
    // tinyproxy answers 500 "Unable to connect" to CONNECT and to a forwarded request alike.
    expect(connect).toMatchObject({ outcome: 'error', status: 500 });
    expect(connect.message).toContain(`could not open a tunnel to 127.0.0.1:${nowhere} (HTTP 500)`);
    expect(forward).toMatchObject({ outcome: 'error', status: 500 });
    expect(forward.message).toContain('could not reach');
  });

  it('reports a mirror certificate the machine does not trust as tls, after the tunnel opened', async () => {
    const report = await checkProxy(host, {
      proxy: proxy.url,
      mirror: `https://127.0.0.1:${selfSignedFront.port}`,
    });
    const { connect } = byMode(report);
    expect(connect.outcome).toBe('tls');
    expect(connect.message).toContain('a self-signed certificate');
    expect(connect.timings.tunnel).toBeTypeOf('number');
    expect(connect.timings.tls).toBeNull();
  });

  it('reports an HTML page instead of module info as bad-response', async () => {
    mirror.setFaults({ html: true });
    try {
      const report = await checkProxy(host, { proxy: proxy.url, mirror: mirrorUrl });
      for (const check of report.checks) {
        expect(check).toMatchObject({ outcome: 'bad-response', status: 200 });
        expect(check.message).toContain('an HTML page');
      }
    } finally {
      mirror.clearFaults();
    }
  });

  it('checks the first mirror of the GOPROXY in use when no mirror is given', async () => {
    const withGoproxy = createNodeHost({
      env: { ...sandbox.env, SSL_CERT_FILE: pki.caFile, GOPROXY: `${mirrorUrl},direct` },
    });
    const report = await checkProxy(withGoproxy, { proxy: proxy.url });
    expect(report.mirror).toBe(mirrorUrl);
    expectServed(report);
  });
});

describe('checkProxy when the proxy itself fails', () => {
  it('reports a closed port as refused, before any phase but the attempt', async () => {
    const port = await refusedPort();
    const report = await checkProxy(host, { proxy: `http://127.0.0.1:${port}`, mirror: mirrorUrl });
    expect(report.ok).toBe(false);
    for (const check of report.checks) {
      expect(check.outcome).toBe('refused');
      expect(check.message).toContain(`nothing listens on 127.0.0.1:${port}`);
      expect(check.timings).toMatchObject({ connect: null, tunnel: null, tls: null, ttfb: null });
      expect(check.timings.total).toBeTypeOf('number');
    }
  });

  it('gives up on a proxy that accepts and never answers within timeoutMs', async () => {
    const silent: Peer = await startRawServer('hang');
    try {
      const started = performance.now();
      const report = await checkProxy(host, { proxy: silent.url, mirror: mirrorUrl, timeoutMs: 300 });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
      const { connect, forward } = byMode(report);
      expect(connect).toMatchObject({ outcome: 'timeout', timings: { tunnel: null, tls: null, ttfb: null } });
      expect(connect.message).toContain('did not answer CONNECT 127.0.0.1');
      expect(forward).toMatchObject({ outcome: 'timeout', timings: { ttfb: null } });
      expect(forward.message).toContain('within 300 ms');
      for (const check of [connect, forward]) {
        expect(check.timings.connect).toBeTypeOf('number');
        expect(check.timings.total).toBeGreaterThanOrEqual(290);
      }
    } finally {
      await silent.close();
    }
  });

  it('refuses bad input before connecting anywhere', async () => {
    const cases = [
      { proxy: 'socks5://127.0.0.1:1080', mirror: mirrorUrl },
      { proxy: 'http://127.0.0.1:99999', mirror: mirrorUrl },
      { proxy: proxy.url, mirror: 'ftp://127.0.0.1/mirror' },
      { proxy: proxy.url, mirror: mirrorUrl, timeoutMs: 0 },
    ];
    for (const request of cases) {
      const error = await checkProxy(host, request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid-input' });
    }
  });
});

describe('checkProxy through squid', () => {
  it('tunnels and forwards to the mirror', async (context) => {
    if (!squid) return context.skip(`squid could not be started: ${String(squidError)}`);
    const report = await checkProxy(host, { proxy: squid.url, mirror: mirrorUrl });
    expectServed(report);
    // squid logs a transaction when it ends, which for the tunnel is once the check has closed it.
    await expect
      .poll(() => squid!.requests())
      .toEqual(
        expect.arrayContaining([
          `CONNECT 127.0.0.1:${both.port}`,
          `GET http://127.0.0.1:${both.port}/${INFO}`,
        ]),
      );
  });

  it('tells missing, wrong and right credentials apart (407 both times it refuses)', async (context) => {
    if (!authSquid) return context.skip(`squid could not be started: ${String(squidError)}`);
    const anonymous = await checkProxy(host, {
      proxy: authSquid.url.replace('gopher:s3cret@', ''),
      mirror: mirrorUrl,
    });
    const wrong = await checkProxy(host, {
      proxy: authSquid.url.replace('s3cret', 'nope'),
      mirror: mirrorUrl,
    });
    for (const check of anonymous.checks) {
      expect(check).toMatchObject({ outcome: 'auth-required', status: 407 });
      expect(check.message).toContain('wants credentials');
    }
    for (const check of wrong.checks) {
      expect(check).toMatchObject({ outcome: 'auth-required', status: 407 });
      expect(check.message).toContain('refused the credentials of user "gopher"');
    }
    const right = await checkProxy(host, { proxy: authSquid.url, mirror: mirrorUrl });
    expectServed(right);
    expect(JSON.stringify([anonymous, wrong, right])).not.toMatch(/s3cret|nope/);
  });
});
