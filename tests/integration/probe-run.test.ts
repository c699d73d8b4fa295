import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput, ProbeProgress, ProbeResult } from '../../shared/contract';
import { AppError, dispatch } from '../../electron/dispatch';
import { createHandlers } from '../../electron/handlers';
import { createServices } from '../../electron/services';
import { createNodeHost, type Host } from '../../electron/services/host';
import { createProbeService, pickFastest } from '../../electron/services/probe';
import { HISTORY_FILE, MAX_ENTRIES, MAX_MIRRORS, ProbeHistory } from '../../electron/services/probe/history';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { startRawServer, type Peer } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/** Whole runs: parallelism and its cap, cancellation, progress, history, freshness and throughput. */

let sandbox: Sandbox;
let host: Host;
const closers: Array<Mirror | Peer> = [];

async function mirror(faults?: Parameters<Mirror['setFaults']>[0], dir?: string): Promise<Mirror> {
  const m = await startMirror(dir ? { dir } : {});
  if (faults) m.setFaults(faults);
  closers.push(m);
  return m;
}

beforeAll(async () => {
  sandbox = await createSandbox();
  host = createNodeHost({ env: sandbox.env });
});

afterAll(async () => {
  await Promise.all(closers.map((c) => c.close()));
  await sandbox?.cleanup();
});

describe('probe runs', () => {
  it('probes N slow mirrors in parallel in about the time of one, and honours the concurrency cap', async () => {
    const D = 100;
    const SAMPLES = 3;
    const N = 6;
    // Each sample asks twice (cold and warm), each answer D ms late: no mirror can take less.
    const oneMirror = SAMPLES * 2 * D;
    const slow = await Promise.all(Array.from({ length: N }, () => mirror({ delayMs: D, match: /\.info$/ })));
    const probe = createProbeService(host);
    const common = { samples: SAMPLES, timeoutMs: 2_000, freshnessModule: 'rsc.io/quote' };

    let started = performance.now();
    const parallel = await probe.run({ ...common, mirrors: slow.map((m) => m.url) });
    const parallelMs = performance.now() - started;
    expect(parallel.results.map((r) => r.status)).toEqual(Array(N).fill('ok'));
    // About one mirror's time (plus the extra checks), where one after another would take N of them.
    expect(parallelMs).toBeGreaterThanOrEqual(oneMirror);
    expect(parallelMs).toBeLessThan(3 * oneMirror);

    // Two at a time: three rounds, never fewer; still well under one after another.
    started = performance.now();
    await probe.run({ ...common, mirrors: slow.map((m) => m.url), concurrency: 2 });
    const cappedMs = performance.now() - started;
    expect(cappedMs).toBeGreaterThanOrEqual((N / 2) * oneMirror);
    expect(cappedMs).toBeLessThan((N - 1) * oneMirror);
  });

  it('streams one progress event per sample, in order per mirror, to the run and to listeners', async () => {
    const a = await mirror();
    const b = await mirror({ status: 503 });
    const probe = createProbeService(host);
    const heard: ProbeProgress[] = [];
    const perRun: ProbeProgress[] = [];
    const unsubscribe = probe.onProgress((e) => heard.push(e));
    const report = await probe.run(
      {
        runId: 'run-1',
        mirrors: [a.url, b.url],
        samples: 3,
        timeoutMs: 1_000,
        freshnessModule: 'rsc.io/quote',
      },
      { onProgress: (e) => perRun.push(e) },
    );
    unsubscribe();
    expect(heard).toEqual(perRun);
    expect(heard).toHaveLength(6);
    for (const url of [a.url, b.url]) {
      const mine = heard.filter((e) => e.url === url);
      expect(mine.map((e) => e.sample.index)).toEqual([0, 1, 2]);
      expect(mine.every((e) => e.runId === 'run-1' && e.samples === 3)).toBe(true);
      expect(mine.map((e) => e.sample)).toEqual(report.results.find((r) => r.url === url)!.samples);
    }
  });

  it('cancels a run at once: hung connections are closed and nothing is recorded', async () => {
    const hanging = await startRawServer('hang');
    closers.push(hanging);
    const dataDir = path.join(sandbox.root, 'cancel-home');
    const probe = createProbeService({ ...host, dataDir });
    const run = probe.run({
      runId: 'doomed',
      mirrors: [hanging.url, `${hanging.url}/b`],
      samples: 5,
      timeoutMs: 30_000,
    });
    const outcome = run.then(
      () => null,
      (e: unknown) => e,
    );
    for (let i = 0; i < 200 && hanging.open() < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(hanging.open()).toBe(2);
    const cancelledAt = performance.now();
    expect(probe.cancel('nope')).toBe(0);
    expect(probe.cancel('doomed')).toBe(1);
    const error = await outcome;
    expect(performance.now() - cancelledAt).toBeLessThan(500);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'cancelled' });
    for (let i = 0; i < 100 && hanging.open() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(hanging.open()).toBe(0);
    expect(await readdir(dataDir).catch(() => [])).toEqual([]);
    expect(probe.cancel()).toBe(0);
  });

  it('reports how far behind a stale mirror is, from the freshest mirror’s version list', async () => {
    // A mirror that stopped at rsc.io/quote v1.4.0, next to one that has up to v1.5.2.
    const goroot = (await promisify(execFile)('go', ['env', 'GOROOT'])).stdout.trim();
    const full = path.join(goroot, 'src', 'cmd', 'go', 'testdata', 'mod');
    const staleDir = path.join(sandbox.root, 'stale-mod');
    await mkdir(staleDir);
    for (const v of ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v1.3.0', 'v1.4.0']) {
      await copyFile(path.join(full, `rsc.io_quote_${v}.txt`), path.join(staleDir, `rsc.io_quote_${v}.txt`));
    }
    const stale = await mirror(undefined, staleDir);
    const fresh = await mirror();
    const report = await createProbeService(host).run({
      mirrors: [stale.url, fresh.url],
      module: 'rsc.io/quote@v1.0.0',
      samples: 1,
      freshnessModule: 'rsc.io/quote',
    });
    const [s, f] = report.results as [ProbeResult, ProbeResult];
    expect(f.freshness).toMatchObject({ module: 'rsc.io/quote', latest: 'v1.5.2', behind: 0, behindMs: 0 });
    expect(s.freshness).toMatchObject({ latest: 'v1.4.0', behind: 3 });
    const info = async (v: string) =>
      Date.parse(
        (/Time":"([^"]+)"/.exec(await readFile(path.join(full, `rsc.io_quote_${v}.txt`), 'utf8')) ?? [])[1] ??
          '',
      );
    expect(s.freshness!.behindMs).toBe((await info('v1.5.2')) - (await info('v1.4.0')));
  });

  it('measures throughput on a module zip when asked', async () => {
    const trickling = await mirror({ trickle: { bytesPerChunk: 256, intervalMs: 10 }, match: /\.zip$/ });
    const report = await createProbeService(host).run({
      mirrors: [trickling.url],
      samples: 1,
      throughputModule: 'rsc.io/quote@v1.5.2',
      freshnessModule: 'rsc.io/quote',
    });
    const zip = await fetch(`${trickling.url}/rsc.io/quote/@v/v1.5.2.zip`).then((r) => r.arrayBuffer());
    const t = report.results[0]!.throughput!;
    expect(t).toMatchObject({ url: `${trickling.url}/rsc.io/quote/@v/v1.5.2.zip`, bytes: zip.byteLength });
    const pieces = Math.ceil(zip.byteLength / 256);
    expect(t.ms).toBeGreaterThanOrEqual((pieces - 1) * 10 - 5);
    // 256 bytes per 10 ms is 0.0256 MB/s at most.
    expect(t.mbPerSecond).toBeGreaterThan(0.005);
    expect(t.mbPerSecond).toBeLessThanOrEqual(0.03);
  });

  it('keeps a bounded history per mirror, readable over history:read', async () => {
    const dataDir = path.join(sandbox.root, 'history-home');
    const services = createServices({ ...host, dataDir });
    const handlers = createHandlers(services);
    const m = await mirror();
    const first = await dispatch(handlers, 'probe:run', {
      mirrors: [m.url],
      samples: 2,
      freshnessModule: 'rsc.io/quote',
    });
    expect(first.ok).toBe(true);
    await dispatch(handlers, 'probe:run', { mirrors: [m.url, 'http://127.0.0.1:1'], samples: 1 });
    const history = async (input: object) => {
      const answer = await dispatch(handlers, 'history:read', input);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as ChannelOutput<'history:read'>;
    };
    const read = await history({ mirrors: [m.url.replace('http://', '')] });
    expect(read.mirrors).toHaveLength(1);
    const entries = read.mirrors[0]!.entries;
    expect(entries.map((e) => e.status)).toEqual(['ok', 'ok']);
    expect(entries[0]!.p50).toBeGreaterThan(0);
    const all = await history({ limit: 1 });
    expect(all.mirrors.map((x) => [x.url, x.entries.length, x.entries[0]!.error])).toEqual([
      [m.url, 1, undefined],
      ['http://127.0.0.1:1', 1, 'refused'],
    ]);

    // Bounds: the newest MAX_ENTRIES per mirror and the MAX_MIRRORS most recently probed mirrors.
    const store = new ProbeHistory(dataDir);
    const result = (first as { value: ChannelOutput<'probe:run'> }).value.results[0]!;
    await store.append(Array(MAX_ENTRIES + 10).fill(result), '2030-01-01T00:00:00.000Z');
    const full = await store.read({ mirrors: [m.url] });
    expect(full.mirrors[0]!.entries).toHaveLength(MAX_ENTRIES);
    expect(full.mirrors[0]!.entries.at(-1)!.at).toBe('2030-01-01T00:00:00.000Z');
    const many = Array.from({ length: MAX_MIRRORS + 5 }, (_, i) => ({
      ...result,
      id: `m${i}`,
      url: `http://m${i}.test`,
    }));
    await store.append(many, '2030-01-02T00:00:00.000Z');
    const stored = JSON.parse(await readFile(path.join(dataDir, HISTORY_FILE), 'utf8')) as {
      mirrors: Record<string, { entries: unknown[] }>;
    };
    const urls = Object.keys(stored.mirrors);
    expect(urls).toHaveLength(MAX_MIRRORS);
    expect(urls.at(-1)).toBe(`http://m${MAX_MIRRORS + 4}.test`);
    expect(urls).not.toContain(m.url);
    const bounded = await new ProbeHistory(dataDir).read({ mirrors: ['m10'] });
    expect(bounded.mirrors[0]!.entries).toHaveLength(1);
  });

  it('refuses bad input before probing anything, with a message that says what is wrong', async () => {
    const handlers = createHandlers(createServices(host));
    expect(await dispatch(handlers, 'probe:run', { samples: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'probe:run', { mirrors: ['ftp://x'], samples: 1 })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringContaining('"ftp://x" is neither a mirror id nor'),
      },
    });
    expect(await dispatch(handlers, 'probe:run', { module: 'rsc.io/quote', samples: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('PATH@VERSION') },
    });
    expect(await dispatch(handlers, 'probe:run', { mirrors: ['goproxy.cn'], bogus: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch(handlers, 'probe:cancel', {})).toEqual({ ok: true, value: { cancelled: 0 } });
  });

  it('picks the fastest healthy mirror for `use fastest`', async () => {
    const quick = await mirror();
    const slower = await mirror({ delayMs: 60, match: /\.info$/ });
    const flaky = await mirror({ status: 500 });
    const report = await createProbeService(host).run({
      mirrors: [slower.url, flaky.url, quick.url],
      samples: 3,
      freshnessModule: 'rsc.io/quote',
    });
    expect(pickFastest(report.results)?.url).toBe(quick.url);
    expect(pickFastest(report.results.filter((r) => r.url === flaky.url))).toBeNull();
  });
});
