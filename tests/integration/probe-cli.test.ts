import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../shared/contract';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { refusedPort } from '../fixtures/raw-peers';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli, type CliRun } from '../harness/cli';

/**
 * Acceptance of issue 4: `goproxy-desk probe URL... --samples 3 --timeout 1500 --json` (the built
 * bin, plain node) classifies healthy, slow, hanging, 5xx, HTML, reset, refused and DNS-failing
 * mirrors correctly, all in parallel.
 */

const SLOW_DELAY_MS = 1150;

let sandbox: Sandbox;
const mirrors: Record<string, Mirror> = {};
const urls: Record<string, string> = {};
let run: CliRun;
let elapsedMs: number;

beforeAll(async () => {
  sandbox = await createSandbox();
  const faults = {
    healthy: {},
    // Over the 1000 ms 'slow' threshold, under the 1500 ms phase deadline.
    slow: { delayMs: SLOW_DELAY_MS, match: /\.info$/ },
    hanging: { hang: true },
    fiveHundred: { status: 503 },
    html: { html: true },
    reset: { reset: true },
  };
  for (const [name, f] of Object.entries(faults)) {
    const m = await startMirror();
    m.setFaults(f);
    mirrors[name] = m;
    urls[name] = m.url;
  }
  urls.refused = `http://127.0.0.1:${await refusedPort()}`;
  urls.dns = 'https://goproxy.invalid';
  const started = performance.now();
  run = await runBuiltCli(
    ['probe', ...Object.values(urls), '--samples', '3', '--timeout', '1500', '--json'],
    sandbox.env,
  );
  elapsedMs = performance.now() - started;
});

afterAll(async () => {
  await Promise.all(Object.values(mirrors).map((m) => m.close()));
  await sandbox?.cleanup();
});

describe('goproxy-desk probe (built bin)', () => {
  it('classifies every kind of mirror in one parallel run, with the JSON of DESIGN §5', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ProbeReport;
    expect(Date.parse(report.startedAt)).not.toBeNaN();
    const byName = (name: string) => report.results.find((r) => r.url === urls[name])!;
    expect(report.results.map((r) => r.url)).toEqual(Object.values(urls));
    for (const r of report.results) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          'id',
          'url',
          'status',
          'successRate',
          'latency',
          'phases',
          'samples',
          'toolchain',
        ]),
      );
      expect(Object.keys(r.latency)).toEqual(['p50', 'p95', 'min', 'max']);
      expect(Object.keys(r.phases)).toEqual(['dns', 'connect', 'tls', 'ttfb', 'total']);
      expect(r.samples).toHaveLength(3);
    }

    expect(byName('healthy')).toMatchObject({
      status: 'ok',
      successRate: 1,
      sumdb: false,
      http2: false,
      toolchain: false,
    });
    expect(byName('healthy').error).toBeUndefined();
    const slow = byName('slow');
    expect(slow).toMatchObject({ status: 'slow', successRate: 1 });
    expect(slow.phases.ttfb).toBeGreaterThanOrEqual(SLOW_DELAY_MS);
    expect(byName('hanging')).toMatchObject({ status: 'dead', error: { kind: 'timeout', phase: 'ttfb' } });
    expect(byName('fiveHundred')).toMatchObject({
      status: 'dead',
      error: { kind: 'http-status', status: 503 },
    });
    expect(byName('html')).toMatchObject({ status: 'dead', error: { kind: 'bad-response', detail: 'html' } });
    expect(byName('reset')).toMatchObject({ status: 'dead', error: { kind: 'reset' } });
    expect(byName('refused')).toMatchObject({ status: 'dead', error: { kind: 'refused', phase: 'connect' } });
    expect(byName('dns')).toMatchObject({
      id: 'goproxy.invalid',
      status: 'dead',
      error: { kind: 'dns', phase: 'dns' },
    });
    for (const r of report.results.filter((x) => x.error))
      expect(r.error!.message.length).toBeGreaterThan(20);
  });

  it('probes them in parallel: about as long as the slowest mirror, not the sum', () => {
    // The slow mirror alone: 3 samples × (cold + warm) × 1150 ms; the hanging one 3 × 1500 ms on top
    // would be the least of a sequential run.
    const slowest = 3 * 2 * SLOW_DELAY_MS;
    expect(elapsedMs).toBeGreaterThan(slowest);
    expect(elapsedMs).toBeLessThan(slowest + 3 * 1500 - 1000);
  });

  it('records the run in the probe history of the app data folder', async () => {
    const file = path.join(sandbox.configHome, 'GoProxy Desk', 'probe-history.json');
    const history = JSON.parse(await readFile(file, 'utf8')) as {
      mirrors: Record<string, { entries: unknown[] }>;
    };
    expect(Object.keys(history.mirrors).sort()).toEqual(Object.values(urls).sort());
  });

  it('exits 1 when every mirror is dead, and prints a table in the chosen language', async () => {
    const dead = await runBuiltCli(
      ['probe', urls.refused!, urls.dns!, '--samples', '1', '--lang', 'zh-CN'],
      sandbox.env,
    );
    expect(dead.code).toBe(1);
    expect(dead.stdout).toContain('不可用');
    expect(dead.stdout).toContain('连接被拒绝');
    expect(dead.stdout).toContain('没有正常的镜像');
  });

  it('exits 2 on bad usage, with a message on stderr and nothing on stdout', async () => {
    for (const args of [
      ['probe', 'ftp://mirror.example'],
      ['probe', 'not a url'],
      ['probe', '--samples', '0'],
      ['probe', '--timeout', '10'],
      ['probe', '--samples', 'many'],
      ['probe', '--module', 'rsc.io/quote'],
    ]) {
      const bad = await runBuiltCli([...args, '--json'], sandbox.env);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(/goproxy-desk/);
    }
  });
});
