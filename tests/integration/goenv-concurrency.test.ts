import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoEnvHistory } from '../../shared/contract';
import { HISTORY_FILE, HISTORY_MAX_BYTES } from '../../electron/services/goenv/history';
import { appDataDir } from '../../electron/services/host/paths';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/**
 * The app and the CLI share one data folder and one env file: changes from several processes take
 * turns (a lock in the data folder) instead of losing each other's history, a lock left by a process
 * that died is taken over, and the history stays bounded in bytes. (Run `npm run build` first.)
 */

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

const dataDir = () => appDataDir(sandbox.env, 'linux', sandbox.home);

async function history(): Promise<GoEnvHistory['entries']> {
  const run = await runBuiltCli(['history', '--json'], sandbox.env);
  return (JSON.parse(run.stdout) as GoEnvHistory).entries;
}

describe('go env changes from several processes', () => {
  it(
    'two processes × 20 sets on one env file: 40 history entries, every value written',
    { timeout: 180_000 },
    async () => {
      const writer = async (name: string) => {
        const codes: number[] = [];
        for (let i = 0; i < 20; i++) {
          const key = name === 'a' ? 'GOPRIVATE' : 'GONOSUMDB';
          codes.push((await runBuiltCli(['set', `${key}=${name}${i}.example`], sandbox.env)).code);
        }
        return codes;
      };
      const [a, b] = await Promise.all([writer('a'), writer('b')]);
      expect([...a, ...b].filter((c) => c !== 0)).toEqual([]);
      const entries = await history();
      expect(entries).toHaveLength(40);
      expect(new Set(entries.map((e) => e.id)).size).toBe(40);
      const text = await readFile(sandbox.goEnvFile, 'utf8');
      expect(text).toContain('GOPRIVATE=a19.example');
      expect(text).toContain('GONOSUMDB=b19.example');
    },
  );

  it('takes over a lock left by a process that died', async () => {
    const lock = path.join(dataDir(), 'goenv-write.lock');
    await mkdir(lock, { recursive: true });
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const run = await runBuiltCli(['set', 'GOPROXY=direct'], sandbox.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe('GOPROXY=direct\n');
  });
});

describe('history bounded in bytes', () => {
  it(
    'keeps the history file under its byte limit with a large env file, dropping the oldest',
    { timeout: 120_000 },
    async () => {
      await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
      // 1 MB of comments: each snapshot holds it twice, base64.
      await writeFile(
        sandbox.goEnvFile,
        `${'# padding line for a large env file\n'.repeat(30_000)}GOPROXY=direct\n`,
      );
      for (let i = 0; i < 6; i++) {
        const run = await runBuiltCli(['set', `GOPRIVATE=p${i}.example`], sandbox.env);
        expect(run.code, run.stderr).toBe(0);
      }
      const size = (await stat(path.join(dataDir(), HISTORY_FILE))).size;
      expect(size).toBeLessThan(HISTORY_MAX_BYTES + 64 * 1024);
      const entries = await history();
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length).toBeLessThan(6);
      // The newest change can still be undone.
      expect((await runBuiltCli(['undo'], sandbox.env)).code).toBe(0);
      expect(await readFile(sandbox.goEnvFile, 'utf8')).toContain('GOPRIVATE=p4.example');
    },
  );

  it('refuses, writing nothing, a change whose snapshot alone would exceed the limit', async () => {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    const big = `${'# padding line for a huge env file\n'.repeat(150_000)}GOPROXY=direct\n`;
    await writeFile(sandbox.goEnvFile, big);
    const run = await runBuiltCli(['set', 'GOPRIVATE=x.example'], sandbox.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('too large to keep an undo snapshot of');
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe(big);
  });
});
