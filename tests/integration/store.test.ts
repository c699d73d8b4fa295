import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile, writeFileAtomic } from '../../electron/services/store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates folders, replaces content, keeps an existing mode and leaves no temp files', async () => {
    const file = path.join(dir, 'a', 'b', 'env');
    await writeFileAtomic(file, 'GOPROXY=off\n', { mode: 0o600 });
    expect(await readFile(file, 'utf8')).toBe('GOPROXY=off\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFileAtomic(file, 'GOPROXY=direct\n', { mode: 0o644 });
    expect(await readFile(file, 'utf8')).toBe('GOPROXY=direct\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['env']);
  });

  it('never leaves a truncated file when the writing process is killed', async () => {
    const file = path.join(dir, 'big');
    const old = 'A'.repeat(4 * 1024 * 1024);
    await writeFile(file, old);
    const writer = path.resolve(__dirname, '../fixtures/atomic-writer.ts');
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((r) => child.once('exit', r));
      // Wait until it has written once, then kill it at a different point of a later write each round.
      await new Promise((r) => child.stdout.once('data', r));
      await new Promise((r) => setTimeout(r, 20 + round * 37));
      child.kill('SIGKILL');
      await exited;
      const content = await readFile(file, 'utf8');
      expect(content.length).toBe(4 * 1024 * 1024);
      expect(new Set(content).size).toBe(1);
    }
  });
});

describe('JsonFile', () => {
  const schema = z.object({ items: z.array(z.number()) });

  it('reads the fallback when absent and serialises concurrent updates', async () => {
    const store = new JsonFile(path.join(dir, 'h.json'), schema, () => ({ items: [] }));
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.update((v) => ({ items: [...v.items, n] }))));
    expect((await store.read()).items).toEqual([1, 2, 3, 4, 5]);
  });

  it('sets a damaged file aside instead of overwriting it', async () => {
    const file = path.join(dir, 'h.json');
    await writeFile(file, '{"items": ["not a number"]}');
    const store = new JsonFile(file, schema, () => ({ items: [] }));
    expect(await store.read()).toEqual({ items: [] });
    expect(await readFile(`${file}.corrupt`, 'utf8')).toContain('not a number');
  });
});
