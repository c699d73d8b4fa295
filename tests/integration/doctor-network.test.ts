import { execFile } from 'node:child_process';
import { readFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherNetwork, type NetworkFacts } from '../../electron/services/doctor/network';
import { networkRules } from '../../electron/services/doctor/rules-network';
import type { Hit } from '../../electron/services/doctor/types';
import { createNodeHost } from '../../electron/services/host';
import { createProbeService } from '../../electron/services/probe';
import { facts, goFacts, type GoFactsOptions } from '../fixtures/doctor-facts';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { refusedPort, startHttpServer, startRawServer, type Peer } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { createTestPki, startTlsFront, type TestPki, type TlsFront } from '../fixtures/tls-peers';

/**
 * The doctor's live checks against real peers on loopback: the module mirror fixture (healthy, failing
 * with 500), a closed port, servers that accept and never answer, tinyproxy with and without its
 * identifying headers and with Basic credentials, a TLS front with a test CA, and a checksum database
 * stand-in. Each test gathers the facts as the doctor does and runs the network rules over them.
 */

/** sum.golang.org's verifier key: GOSUMDB names it to point go (and the checks) at a local URL. */
const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';

let sandbox: Sandbox;
let pki: TestPki;
let healthy: Mirror;
let failing: Mirror;
let sumdbFront: Peer;
let sumdbStandIn: Peer;
let hangingPeer: Peer;
let plainProxy: Tinyproxy;
let identifyingProxy: Tinyproxy;
let authProxy: Tinyproxy;
let tlsFront: TlsFront;
let interceptor: Peer;

/** The healthy mirror, also answering go's "do you proxy the checksum database?" with yes. */
function startSumdbProxyingFront(upstream: Mirror): Promise<Peer> {
  const port = Number(new URL(upstream.url).port);
  return startHttpServer((req, res) => {
    if (req.url === '/sumdb/sum.golang.org/supported') {
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    }
    const forward = http.request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
}

/**
 * An inspecting HTTP proxy, as companies run them: it accepts every CONNECT, then answers the TLS
 * handshake itself with a certificate for the requested public name signed by its own CA (the test CA),
 * and passes the decrypted requests on (here to the module mirror fixture). Plain requests get a 502.
 */
async function startInterceptingProxy(pkiDir: string, upstream: Mirror): Promise<Peer> {
  const run = promisify(execFile);
  const names = 'subjectAltName=DNS:goproxy.cn,DNS:sum.golang.org,DNS:sum.golang.google.cn';
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => run('openssl', args, { cwd: pkiDir });
  await openssl([
    'req',
    '-new',
    ...ec,
    '-keyout',
    'inspect.key',
    '-out',
    'inspect.csr',
    '-subj',
    '/CN=goproxy.cn',
    '-addext',
    names,
  ]);
  await openssl([
    'x509',
    '-req',
    '-in',
    'inspect.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-set_serial',
    '77',
    '-days',
    '2',
    '-copy_extensions',
    'copy',
    '-out',
    'inspect.pem',
  ]);
  const [key, cert] = await Promise.all([
    readFile(path.join(pkiDir, 'inspect.key'), 'utf8'),
    readFile(path.join(pkiDir, 'inspect.pem'), 'utf8'),
  ]);
  const port = Number(new URL(upstream.url).port);
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
  };
  const inspector = tls.createServer({ key, cert }, (secure) => {
    track(secure);
    const plain = net.connect({ host: '127.0.0.1', port });
    track(plain);
    secure.pipe(plain).pipe(secure);
  });
  inspector.on('tlsClientError', () => undefined);
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      if (!head.subarray(0, end).toString('latin1').startsWith('CONNECT ')) {
        client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        return;
      }
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      const rest = head.subarray(end + 4);
      if (rest.length > 0) client.unshift(rest);
      inspector.emit('connection', client);
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    port: proxyPort,
    accepted: () => accepted,
    open: () => sockets.size,
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
  [pki, healthy, failing, hangingPeer, plainProxy, identifyingProxy, authProxy] = await Promise.all([
    createTestPki(pkiDir),
    startMirror(),
    startMirror(),
    startRawServer('hang'),
    startTinyproxy({ dir: sandbox.root }),
    startTinyproxy({ dir: sandbox.root, addHeaders: true }),
    startTinyproxy({ dir: sandbox.root, basicAuth: { user: 'gopher', password: 's3cret' } }),
  ]);
  failing.setFaults({ status: 500 });
  sumdbFront = await startSumdbProxyingFront(healthy);
  sumdbStandIn = await startHttpServer((req, res) => {
    // A signed tree head as a checksum database serves it: the note's text, then "— <key name> <signature>".
    const note = 'go.sum database tree\n1234\nq1w2e3r4t5y6u7i8o9p0=\n\n\u2014 sum.golang.org Az3grnmrAAAA\n';
    res.writeHead(req.url === '/latest' ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.url === '/latest' ? note : 'not found\n');
  });
  tlsFront = await startTlsFront({ ...pki.good, upstreamPort: Number(new URL(healthy.url).port) });
  interceptor = await startInterceptingProxy(pkiDir, healthy);
});

afterAll(async () => {
  await Promise.all(
    [
      healthy,
      failing,
      sumdbFront,
      sumdbStandIn,
      hangingPeer,
      plainProxy,
      identifyingProxy,
      authProxy,
      tlsFront,
    ].map((p) => p?.close()),
  );
  await sandbox?.cleanup();
});

interface Gathered {
  network: NetworkFacts;
  hits: { id: string; hit: Hit }[];
  ids: string[];
  ms: number;
}

/**
 * Gathers as the doctor does, with go's settings given and the proxy variables both in the process
 * environment (which the probe reads) and in GoFacts (which the other checks read), then runs the rules.
 */
async function gather(
  go: GoFactsOptions,
  options: { timeoutMs?: number; samples?: number; env?: Record<string, string> } = {},
): Promise<Gathered> {
  const proxyEnv: Record<string, string> = {};
  if (go.processProxy?.httpsProxy) proxyEnv.HTTPS_PROXY = go.processProxy.httpsProxy;
  if (go.processProxy?.httpProxy) proxyEnv.HTTP_PROXY = go.processProxy.httpProxy;
  const host = createNodeHost({ env: { ...sandbox.env, ...proxyEnv, ...options.env } });
  const goSide = goFacts(go);
  const started = performance.now();
  const network = await gatherNetwork(
    host,
    goSide,
    { probe: createProbeService(host) },
    { timeoutMs: options.timeoutMs ?? 1500, samples: options.samples ?? 2 },
  );
  const ms = performance.now() - started;
  const all = facts({ go: goSide, network });
  const hits = networkRules.flatMap((rule) => rule.check(all).map((hit) => ({ id: rule.id, hit })));
  return { network, hits, ids: hits.map((h) => h.id), ms };
}

const hitOf = (g: Gathered, id: string): Hit => {
  const found = g.hits.find((h) => h.id === id);
  if (!found) throw new Error(`${id} did not fire; fired: ${g.ids.join(', ') || 'nothing'}`);
  return found.hit;
};

describe('a clean setup', () => {
  it('a healthy mirror that proxies the checksum database, no HTTP proxy: none of the network rules fires', async () => {
    const g = await gather({ vars: { GOPROXY: `${sumdbFront.url},direct` } });
    expect(g.network.mirrors).toHaveLength(1);
    expect(g.network.mirrors[0]).toMatchObject({
      entry: 0,
      url: sumdbFront.url,
      probe: { status: 'ok', successRate: 1, sumdb: true },
      headers: {},
    });
    expect(g.network.proxies).toEqual([]);
    expect(g.network.sumdb).toMatchObject({
      name: 'sum.golang.org',
      url: 'https://sum.golang.org',
      explicit: false,
    });
    expect(g.ids).toEqual([]);
  });
});

describe('mirrors', () => {
  it('reports a mirror on a closed port as dead, with the refusal as evidence', async () => {
    const dead = `http://127.0.0.1:${await refusedPort()}`;
    const g = await gather({ vars: { GOPROXY: `${dead}|${sumdbFront.url},direct` } });
    expect(g.network.mirrors[0]!.probe).toMatchObject({ status: 'dead', error: { kind: 'refused' } });
    const hit = hitOf(g, 'mirror-dead');
    expect(hit.params!.urls).toBe(dead);
    expect(hit.evidence.join('\n')).toContain('refused the connection');
    expect(hit.fix?.action).toEqual({ kind: 'goenv', set: [`GOPROXY=${sumdbFront.url},direct`] });
    // After '|' go falls back on any error: no chain warning.
    expect(g.ids).not.toContain('chain-stops-on-error');
  });

  it('reports a mirror that accepts and never answers as a hang, within the timeout', async () => {
    const g = await gather(
      { vars: { GOPROXY: `${hangingPeer.url},direct` } },
      { timeoutMs: 400, samples: 1 },
    );
    // One sample, and the header request beside it: a few timeouts, not go's endless wait.
    expect(g.ms).toBeLessThan(5_000);
    expect(g.network.mirrors[0]!.probe).toMatchObject({
      status: 'dead',
      error: { kind: 'timeout', phase: 'ttfb' },
    });
    const hit = hitOf(g, 'hangs-no-timeout');
    expect(hit.params).toEqual({ url: hangingPeer.url, timeout: '400 ms' });
    // The hang is the finding; "dead" would say less.
    expect(g.ids).not.toContain('mirror-dead');
  });

  it("warns that a 500 in a ',' chain stops go, and offers '|' after that entry", async () => {
    const g = await gather({ vars: { GOPROXY: `${failing.url},${sumdbFront.url},direct` } });
    expect(g.network.mirrors.map((m) => m.probe?.status)).toEqual(['dead', 'ok']);
    const hit = hitOf(g, 'chain-stops-on-error');
    expect(hit.params!.urls).toBe(failing.url);
    expect(hit.evidence.join('\n')).toContain('answered HTTP 500');
    expect(hit.fix?.action).toEqual({
      kind: 'goenv',
      set: [`GOPROXY=${failing.url}|${sumdbFront.url},direct`],
    });
  });

  it('sees the certificate chain of an https mirror, and whether go trusts it', async () => {
    const trusted = await gather(
      { vars: { GOPROXY: `${tlsFront.url},direct` } },
      { env: { SSL_CERT_FILE: pki.caFile } },
    );
    expect(trusted.network.mirrors[0]!.probe?.status).toBe('ok');
    expect(trusted.network.tls.filter((t) => t.role === 'mirror')).toEqual([
      {
        host: `127.0.0.1:${tlsFront.port}`,
        role: 'mirror',
        publicService: false,
        chain: expect.objectContaining({
          goTrusts: true,
          publicRoot: false,
          issuer: 'CN=GoProxy Desk test CA',
        }),
      },
    ]);
    const untrusted = await gather(
      { vars: { GOPROXY: `${tlsFront.url},direct` } },
      { env: { SSL_CERT_FILE: '/nonexistent' } },
    );
    expect(untrusted.network.tls[0]!.chain).toMatchObject({ goTrusts: false, publicRoot: false });
    expect(untrusted.network.tls[0]!.chain!.goError).toMatch(/^[A-Z_]+$/);
    // A private mirror with its own CA is not interception.
    expect([...trusted.ids, ...untrusted.ids]).not.toContain('tls-interception');
  });
});

describe('the checksum database', () => {
  const explicitAt = (url: string) => `${SUM_GOLANG_ORG_KEY} ${url}`;

  it('is unreachable when its URL does not answer and no mirror proxies it', async () => {
    const closed = `http://127.0.0.1:${await refusedPort()}`;
    const g = await gather({ vars: { GOPROXY: `${healthy.url},direct`, GOSUMDB: explicitAt(closed) } });
    expect(g.network.mirrors[0]!.probe?.sumdb).toBe(false);
    expect(g.network.sumdb).toMatchObject({
      explicit: true,
      direct: { ok: false, error: { kind: 'refused' } },
    });
    const hit = hitOf(g, 'sumdb-unreachable');
    expect(hit.params).toMatchObject({ name: 'sum.golang.org', url: closed });
    // Only sum.golang.org at its own address has the Chinese alias to offer.
    expect(hit.fix).toBeUndefined();
  });

  it('is fine when it answers with a signed tree head', async () => {
    const g = await gather({
      vars: { GOPROXY: `${healthy.url},direct`, GOSUMDB: explicitAt(sumdbStandIn.url) },
    });
    expect(g.network.sumdb!.direct).toMatchObject({ ok: true, status: 200 });
    expect(g.ids).not.toContain('sumdb-unreachable');
  });
});

describe('the HTTP proxy', () => {
  const through = (url: string): GoFactsOptions => ({
    vars: { GOPROXY: `${sumdbFront.url},direct` },
    processProxy: { httpsProxy: url, httpProxy: url },
  });

  it('sees the Via and X-Tinyproxy headers a proxy adds to what it forwards', async () => {
    const g = await gather(through(identifyingProxy.url));
    const [proxy] = g.network.proxies;
    expect(proxy).toMatchObject({
      url: identifyingProxy.url,
      variables: ['HTTPS_PROXY', 'HTTP_PROXY'],
      state: 'ok',
    });
    expect(proxy!.addedHeaders).toEqual(
      expect.arrayContaining([
        { name: 'via', value: expect.stringMatching(/tinyproxy\/\d/) },
        { name: 'x-tinyproxy', value: '127.0.0.1' },
      ]),
    );
    const hit = hitOf(g, 'proxy-adds-headers');
    expect(hit.params!.headers).toMatch(/via.*x-tinyproxy|x-tinyproxy.*via/);
    expect(identifyingProxy.requests().some((r) => r.startsWith('GET http://127.0.0.1:'))).toBe(true);
  });

  it('finds nothing added by a proxy configured not to add them, and no fault with it', async () => {
    const g = await gather(through(plainProxy.url));
    expect(g.network.proxies[0]).toMatchObject({ state: 'ok', addedHeaders: [] });
    expect(g.ids.filter((id) => /proxy|hangs/.test(id))).toEqual([]);
  });

  it('reports 407 from a proxy that wants credentials, and none with them', async () => {
    const anonymous = authProxy.url.replace('gopher:s3cret@', '');
    const g = await gather(through(anonymous));
    expect(g.network.proxies[0]).toMatchObject({ state: 'auth-required', status: 407, credentials: false });
    expect(hitOf(g, 'http-proxy-auth').params).toEqual({ url: anonymous, status: '407' });

    const withCredentials = await gather(through(authProxy.url));
    expect(withCredentials.network.proxies[0]).toMatchObject({
      url: authProxy.url.replace('s3cret', 'xxxxx'),
      state: 'ok',
      credentials: true,
    });
    expect(withCredentials.ids).not.toContain('http-proxy-auth');
    expect(JSON.stringify(withCredentials.network)).not.toContain('s3cret');
  });

  it('reports a proxy on a closed port as unreachable', async () => {
    const down = `http://127.0.0.1:${await refusedPort()}`;
    const g = await gather(through(down));
    expect(g.network.proxies[0]!.state).toBe('unreachable');
    expect(hitOf(g, 'http-proxy-dead').params).toEqual({ url: down, variables: 'HTTPS_PROXY, HTTP_PROXY' });
  });

  it('reports a proxy that resets every connection as unreachable too', async () => {
    const resetting = await startRawServer('reset');
    try {
      const g = await gather(through(resetting.url));
      expect(g.network.proxies[0]!.state).toBe('unreachable');
      expect(g.ids).toContain('http-proxy-dead');
    } finally {
      await resetting.close();
    }
  });

  it('reports a proxy that accepts and never answers as a hang, within the timeout', async () => {
    const g = await gather(through(hangingPeer.url), { timeoutMs: 400, samples: 1 });
    expect(g.ms).toBeLessThan(5_000);
    expect(g.network.proxies[0]!.state).toBe('hangs');
    expect(hitOf(g, 'hangs-no-timeout').params).toEqual({ url: hangingPeer.url, timeout: '400 ms' });
  });
});

describe('TLS interception', () => {
  const behindInspection = (env: Record<string, string>) =>
    gather(
      {
        vars: { GOPROXY: 'https://goproxy.cn,direct' },
        processProxy: { httpsProxy: interceptor.url, httpProxy: interceptor.url },
      },
      { env },
    );

  it('warns when a public mirror presents a chain from a private CA that go was given', async () => {
    const g = await behindInspection({ SSL_CERT_FILE: pki.caFile });
    // go works through it: the mirror answers, from behind the inspecting proxy.
    expect(g.network.mirrors[0]!.probe?.status).toBe('ok');
    expect(g.network.tls.find((t) => t.host === 'goproxy.cn:443')).toMatchObject({
      publicService: true,
      proxy: interceptor.url,
      chain: { goTrusts: true, publicRoot: false, issuer: 'CN=GoProxy Desk test CA' },
    });
    const hit = g.hits.find((h) => h.id === 'tls-interception' && h.hit.params!.host === 'goproxy.cn:443');
    expect(hit?.hit.severity).toBe('warning');
  });

  it('is an error when go does not trust that CA: every download fails', async () => {
    const g = await behindInspection({ SSL_CERT_FILE: '/nonexistent' });
    expect(g.network.mirrors[0]!.probe).toMatchObject({ status: 'dead', error: { kind: 'tls' } });
    const hit = g.hits.find((h) => h.id === 'tls-interception' && h.hit.params!.host === 'goproxy.cn:443');
    expect(hit?.hit.severity).toBe('error');
    expect(hit?.hit.evidence.join('\n')).toContain("go's trusted roots reject it");
  });
});
