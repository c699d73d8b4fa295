import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport, ProbeResult } from '../../shared/contract';
import { createNodeHost } from '../../electron/services/host';
import { createProbeService } from '../../electron/services/probe';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { refusedPort, startHttpServer, startRawServer, type Peer } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { createTestPki, startTlsFront, type TlsFront } from '../fixtures/tls-peers';

/**
 * The fault matrix of issue 4: one probe run over a healthy mirror and one mirror per fault, all in
 * parallel, against real loopback peers. Every fault must get its kind (and phase, status or
 * certificate problem), and every sample must end within its deadline plus a small margin.
 */

const TIMEOUT_MS = 800;
const SAMPLES = 2;
/**
 * Scheduling slack: the first samples of 25 mirrors start at once in a process that also runs their
 * servers, on a machine that may be busy with other tests. A phase without a deadline would miss by
 * seconds, not by this.
 */
const MARGIN_MS = 500;

let sandbox: Sandbox;
const mirrors: Mirror[] = [];
const peers: Array<Peer | TlsFront> = [];
let report: ProbeReport;
let elapsedMs: number;
let pkiDir: string;
const urls: Record<string, string> = {};

async function mirrorWith(faults: Parameters<Mirror['setFaults']>[0]): Promise<Mirror> {
  const m = await startMirror();
  m.setFaults(faults);
  mirrors.push(m);
  return m;
}

beforeAll(async () => {
  sandbox = await createSandbox();
  pkiDir = path.join(sandbox.root, 'pki');
  await mkdir(pkiDir);
  const [pki, healthy] = await Promise.all([createTestPki(pkiDir), startMirror()]);
  mirrors.push(healthy);
  urls.healthy = healthy.url;
  urls.dns = 'http://mirror.invalid';
  urls.refused = `http://127.0.0.1:${await refusedPort()}`;
  const resetOnAccept = await startRawServer('reset');
  peers.push(resetOnAccept);
  urls.resetOnAccept = resetOnAccept.url;
  urls.resetAfterRequest = (await mirrorWith({ reset: true, match: /\.info$/ })).url;
  urls.hangBeforeHeaders = (await mirrorWith({ hang: true })).url;
  const hangOnAccept = await startRawServer('hang');
  peers.push(hangOnAccept);
  urls.hangOnAccept = hangOnAccept.url;
  urls.hangMidBody = (await mirrorWith({ trickle: { bytesPerChunk: 8, intervalMs: 60_000 } })).url;
  urls.slowTrickle = (await mirrorWith({ trickle: { bytesPerChunk: 2, intervalMs: 50 } })).url;
  for (const status of [500, 502, 503, 403, 418])
    urls[`status${status}`] = (await mirrorWith({ status })).url;
  urls.notFound = (await mirrorWith({ status: 404, match: /\.info$/ })).url;
  urls.html = (await mirrorWith({ html: true })).url;
  urls.oversized = (await mirrorWith({ oversizeBytes: 1024 * 1024 })).url;
  const scripted = await startHttpServer((req, res) => {
    if (req.url?.startsWith('/wrong-version/')) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"Version":"v1.0.0","Time":"2018-02-14T15:44:20Z"}');
    } else if (req.url?.startsWith('/not-json/')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    } else if (req.url?.startsWith('/loop/')) {
      res.writeHead(302, { location: req.url }).end();
    } else if (req.url?.startsWith('/redirected/')) {
      res.writeHead(301, { location: `${healthy.url}${req.url.slice('/redirected'.length)}` }).end();
    } else {
      res.writeHead(404).end();
    }
  });
  peers.push(scripted);
  urls.wrongVersion = `${scripted.url}/wrong-version`;
  urls.notJson = `${scripted.url}/not-json`;
  urls.redirectLoop = `${scripted.url}/loop`;
  urls.redirected = `${scripted.url}/redirected`;
  const upstreamPort = Number(new URL(healthy.url).port);
  const front = async (pair: typeof pki.good, h2 = false): Promise<string> => {
    const f = await startTlsFront({ ...pair, upstreamPort, h2 });
    peers.push(f);
    return f.url;
  };
  urls.tlsGood = await front(pki.good, true);
  urls.tlsSelfSigned = await front(pki.selfSigned);
  urls.tlsWrongHost = await front(pki.wrongHost);
  urls.tlsExpired = await front(pki.expired);
  urls.tlsOnPlainServer = healthy.url.replace('http:', 'https:');

  // The test CA is trusted the way go would trust it: through SSL_CERT_FILE.
  const host = createNodeHost({ env: { ...sandbox.env, SSL_CERT_FILE: pki.caFile } });
  const probe = createProbeService(host);
  const started = performance.now();
  report = await probe.run({
    mirrors: Object.values(urls),
    samples: SAMPLES,
    timeoutMs: TIMEOUT_MS,
    concurrency: 32,
    freshnessModule: 'rsc.io/quote',
  });
  elapsedMs = performance.now() - started;
});

afterAll(async () => {
  await Promise.all([...mirrors, ...peers].map((p) => p.close()));
  await sandbox?.cleanup();
});

function result(name: string): ProbeResult {
  const url = urls[name]!;
  const found = report.results.find((r) => r.url === url);
  if (!found) throw new Error(`no result for ${name} (${url})`);
  return found;
}

describe('probe fault matrix (real loopback peers, all mirrors in one parallel run)', () => {
  it('probes a healthy mirror: ok, full success, phases measured, warm request on the same connection', () => {
    const r = result('healthy');
    expect(r).toMatchObject({ status: 'ok', successRate: 1, sumdb: false, http2: false });
    expect(r.error).toBeUndefined();
    expect(r.phases).toMatchObject({ dns: null, tls: null });
    expect(r.phases.connect).toBeGreaterThan(0);
    expect(r.phases.ttfb).toBeGreaterThan(0);
    expect(r.latency.p50).toBe(r.phases.total);
    for (const s of r.samples) expect(s.warm).toMatchObject({ reused: true });
    expect(r.freshness).toMatchObject({ module: 'rsc.io/quote', latest: 'v1.5.2', behind: 0 });
  });

  it.each([
    ['dns', { kind: 'dns', phase: 'dns' }],
    ['refused', { kind: 'refused', phase: 'connect' }],
    ['resetOnAccept', { kind: 'reset' }],
    ['resetAfterRequest', { kind: 'reset', phase: 'ttfb' }],
    ['hangOnAccept', { kind: 'timeout', phase: 'ttfb' }],
    ['hangBeforeHeaders', { kind: 'timeout', phase: 'ttfb' }],
    ['hangMidBody', { kind: 'timeout', phase: 'body' }],
    ['slowTrickle', { kind: 'timeout', phase: 'body' }],
    ['status500', { kind: 'http-status', status: 500 }],
    ['status502', { kind: 'http-status', status: 502 }],
    ['status503', { kind: 'http-status', status: 503 }],
    ['status403', { kind: 'http-status', status: 403 }],
    ['status418', { kind: 'http-status', status: 418 }],
    ['notFound', { kind: 'http-status', status: 404 }],
    ['html', { kind: 'bad-response', phase: 'body', detail: 'html' }],
    ['notJson', { kind: 'bad-response', detail: 'not-json' }],
    ['wrongVersion', { kind: 'bad-response', detail: 'wrong-version' }],
    ['oversized', { kind: 'bad-response', phase: 'body', detail: 'too-large' }],
    ['redirectLoop', { kind: 'http-status', status: 302, detail: 'too-many-redirects' }],
    ['tlsSelfSigned', { kind: 'tls', phase: 'tls', detail: 'self-signed' }],
    ['tlsWrongHost', { kind: 'tls', phase: 'tls', detail: 'wrong-host' }],
    ['tlsExpired', { kind: 'tls', phase: 'tls', detail: 'expired' }],
    ['tlsOnPlainServer', { kind: 'tls', phase: 'tls', detail: 'handshake' }],
  ])('classifies %s as dead with %o', (name, expected) => {
    const r = result(name);
    expect(r.status).toBe('dead');
    expect(r.successRate).toBe(0);
    expect(r.error).toMatchObject(expected);
    expect(r.samples).toHaveLength(SAMPLES);
    for (const s of r.samples) expect(s.error).toMatchObject(expected);
    expect(r.error!.message).toMatch(/\.|!/);
    // Dead mirrors get no extra checks.
    expect(r.sumdb).toBeUndefined();
  });

  it('ends every failing sample within its deadline plus a small margin', () => {
    for (const [name, url] of Object.entries(urls)) {
      const r = report.results.find((x) => x.url === url)!;
      for (const s of r.samples.filter((x) => !x.ok)) {
        // One phase can use up the deadline; the phases before it are loopback-fast.
        expect(s.cold.total, `${name} sample ${s.index}`).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      }
    }
    // All in parallel: the run takes about as long as its slowest mirror, not the sum of them.
    expect(elapsedMs).toBeLessThan(SAMPLES * TIMEOUT_MS * 3);
  });

  it('says what happened, to which mirror, and what to do next', () => {
    const timeout = result('hangBeforeHeaders').error!;
    const subject = new URL(urls.hangBeforeHeaders!).host;
    expect(timeout.message).toBe(
      `${subject} did not answer within 800 ms (waiting for the answer). Check the HTTP proxy or pick another mirror.`,
    );
    expect(result('tlsSelfSigned').error!.message).toContain('SSL_CERT_FILE');
    expect(result('status502').error!.message).toContain('HTTP 502');
  });

  it('trusts a CA given in SSL_CERT_FILE like go, and sees HTTP/2 offered by ALPN', () => {
    const r = result('tlsGood');
    expect(r).toMatchObject({ status: 'ok', successRate: 1, http2: true, sumdb: false });
    expect(r.phases.tls).toBeGreaterThan(0);
  });

  it('reads go’s certificate directories from SSL_CERT_DIR, and trusts nothing else it was not given', async () => {
    const run = async (env: Record<string, string>) => {
      const probe = createProbeService(createNodeHost({ env: { ...sandbox.env, ...env } }));
      const r = await probe.run({ mirrors: [urls.tlsGood!], samples: 1, timeoutMs: TIMEOUT_MS });
      return r.results[0]!;
    };
    const missing = path.join(sandbox.root, 'no-such-file');
    expect(await run({ SSL_CERT_FILE: missing, SSL_CERT_DIR: `${missing}:${pkiDir}` })).toMatchObject({
      status: 'ok',
    });
    expect(await run({ SSL_CERT_FILE: missing, SSL_CERT_DIR: missing })).toMatchObject({
      status: 'dead',
      error: { kind: 'tls', detail: 'unknown-authority' },
    });
  });

  it('follows a redirect to another server and counts it', () => {
    const r = result('redirected');
    expect(r.status).toBe('ok');
    expect(r.samples.every((s) => s.redirects === 1)).toBe(true);
  });
});
