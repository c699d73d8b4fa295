import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createServices } from '../electron/services';
import { createNodeHost } from '../electron/services/host';
import { startMirror } from '../tests/fixtures/mirror';
import { createSandbox } from '../tests/fixtures/sandbox';
import { startSumdb } from '../tests/fixtures/sumdb';

/**
 * `verify` of 50 module versions against the real checksum DB fixture and the fixture mirror, on
 * loopback: cold (a new service for every module: no tile cached, the trees file read each time) and
 * warm (one service, tiles cached from a first pass). Both passes hash the real zips.
 */
export interface SumdbBench {
  checks: { name: string; ratio: number; target: number; meaning: string }[];
  markdown: string[];
  data: Record<string, number>;
}

const COUNT = 50;

export async function benchSumdb(): Promise<SumdbBench> {
  const sandbox = await createSandbox();
  const root = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-sumdb-bench-'));
  const [mirror, db] = await Promise.all([startMirror(), startSumdb()]);
  const goroot = (await promisify(execFile)('go', ['env', 'GOROOT'])).stdout.trim();
  try {
    // Module versions of Go's testdata (what both the mirror and the database hold); the first 50 that
    // verify (a few are deliberately broken modules).
    const dir = path.join(goroot, 'src', 'cmd', 'go', 'testdata', 'mod');
    const candidates: string[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) {
      const text = await readFile(path.join(dir, name), 'utf8');
      const mod = /-- \.mod --\r?\nmodule\s+"?([^\s"]+)/.exec(text)?.[1];
      const version = /"Version"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      if (mod && version) candidates.push(`${mod}@${version}`);
    }
    const env = { ...sandbox.env, GOPROXY_DESK_HOME: root };
    const request = (module: string) => ({ module, mirror: mirror.url, sumdb: `${db.vkey} ${db.url}` });
    const warmService = createServices(createNodeHost({ env })).sumdb;
    const chosen: string[] = [];
    for (const module of candidates) {
      if (chosen.length === COUNT) break;
      const result = await warmService.verify(request(module)).catch(() => null);
      if (result && result.error === undefined) chosen.push(module);
    }
    const failures: string[] = [];
    const check = (r: { error?: string; module: string; version: string }) => {
      if (r.error !== undefined) failures.push(`${r.module}@${r.version}: ${r.error}`);
    };

    let started = performance.now();
    for (const module of chosen)
      check(await createServices(createNodeHost({ env })).sumdb.verify(request(module)));
    const cold = performance.now() - started;

    started = performance.now();
    for (const module of chosen) check(await warmService.verify(request(module)));
    const warm = performance.now() - started;
    if (failures.length > 0) throw new Error(`verify failed:\n${failures.join('\n')}`);

    const perCold = cold / chosen.length;
    const perWarm = warm / chosen.length;
    return {
      data: { modules: chosen.length, coldMs: cold, warmMs: warm },
      markdown: [
        '## verify: checksum database proofs',
        '',
        `${chosen.length} module versions, real checksum DB (Go's sumdb server code) and fixture mirror on loopback.`,
        '',
        '| run | total ms | per module ms |',
        '|---|---:|---:|',
        `| cold (new service each: no cached tile) | ${cold.toFixed(0)} | ${perCold.toFixed(1)} |`,
        `| warm (tiles cached) | ${warm.toFixed(0)} | ${perWarm.toFixed(1)} |`,
        '',
      ],
      checks: [
        {
          name: 'verify with cached tiles / cold verify',
          ratio: warm / cold,
          target: 0.9,
          meaning:
            'cached tiles save the proof requests: a warm verify is at least 10% faster than a cold one',
        },
      ],
    };
  } finally {
    await Promise.all([mirror.close(), db.close()]);
    await Promise.all([sandbox.cleanup(), rm(root, { recursive: true, force: true })]);
  }
}
