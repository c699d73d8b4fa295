import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGoEnvService } from '../../electron/services/goenv';
import { createNodeHost } from '../../electron/services/host';
import { createProbeService, pickFastest } from '../../electron/services/probe';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

const goEnv = async (key: string) =>
  (await promisify(execFile)('go', ['env', key], { env: sandbox.env })).stdout.trim();
const seed = async (content: string) => {
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, content);
};

describe('goproxy-desk use (built bin, real go reads the result)', () => {
  it('sets <url>,direct for a catalogue id, and undo takes it back', async () => {
    const run = await runBuiltCli(['use', 'goproxy.cn', '--json'], sandbox.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      changed: [{ key: 'GOPROXY', from: null, to: 'https://goproxy.cn,direct' }],
      snapshot: { id: expect.any(String) },
    });
    expect(await goEnv('GOPROXY')).toBe('https://goproxy.cn,direct');
    expect((await runBuiltCli(['undo'], sandbox.env)).code).toBe(0);
    expect(await goEnv('GOPROXY')).toBe('https://proxy.golang.org,direct');
  });

  it("keeps the shape of the user's chain and every other variable", async () => {
    await seed('GOPRIVATE=git.corp.example\nGOPROXY=https://goproxy.cn|https://goproxy.io,direct\n');
    expect((await runBuiltCli(['use', 'aliyun'], sandbox.env)).code).toBe(0);
    expect(await goEnv('GOPROXY')).toBe('https://mirrors.aliyun.com/goproxy|https://goproxy.io,direct');
    expect(await goEnv('GOPRIVATE')).toBe('git.corp.example');
  });

  it('builds a chain that really falls back with --fallback', async () => {
    expect((await runBuiltCli(['use', 'goproxy.cn', '--fallback', 'goproxy.io'], sandbox.env)).code).toBe(0);
    expect(await goEnv('GOPROXY')).toBe('https://goproxy.cn|https://goproxy.io,direct');
  });

  it('--dry-run shows the change and writes nothing', async () => {
    await seed('GOPROXY=https://goproxy.io,direct\n');
    const run = await runBuiltCli(['use', 'https://goproxy.cn/', '--dry-run', '--json'], sandbox.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      changed: [{ key: 'GOPROXY', from: 'https://goproxy.io,direct', to: 'https://goproxy.cn,direct' }],
      snapshot: null,
    });
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe('GOPROXY=https://goproxy.io,direct\n');
  });

  it.each([
    [
      ['use', 'ftp://mirror.example'],
      /invalid proxy URL scheme \(must be https, http, file\): ftp:\/\/mirror.example/,
    ],
    [['use', 'direct'], /a mirror URL, not "direct"/],
    [['use', 'https://a.example,https://b.example'], /a single mirror URL/],
    [['use', 'goproxy.cn', '--fallback', 'goproxy.cn'], /same mirror/],
  ])('%j exits 2 with a clear message and writes nothing', async (args, message) => {
    const run = await runBuiltCli(args, sandbox.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    await expect(readFile(sandbox.goEnvFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

describe('use fastest (real probe of local mirrors)', () => {
  let fast: Mirror;
  let slow: Mirror;
  beforeAll(async () => {
    [fast, slow] = await Promise.all([startMirror(), startMirror()]);
    slow.setFaults({ delayMs: 150 });
  });
  afterAll(() => Promise.all([fast.close(), slow.close()]));

  const service = (mirrors: () => string[]) => {
    const host = createNodeHost({ env: sandbox.env });
    const probe = createProbeService(host);
    return createGoEnvService(host, {
      fastestMirror: async () =>
        pickFastest((await probe.run({ mirrors: mirrors(), samples: 2, timeoutMs: 2000 })).results)?.url ??
        null,
    });
  };

  it('picks the healthy mirror with the lowest median', async () => {
    const result = await service(() => [slow.url, fast.url]).use({ target: 'fastest' });
    expect(result.changed).toEqual([{ key: 'GOPROXY', from: null, to: `${fast.url},direct` }]);
    expect(await goEnv('GOPROXY')).toBe(`${fast.url},direct`);
  });

  it('refuses to switch when no mirror is healthy, changing nothing', async () => {
    fast.setFaults({ status: 500 });
    slow.setFaults({ status: 500 });
    try {
      await expect(service(() => [slow.url, fast.url]).use({ target: 'fastest' })).rejects.toMatchObject({
        code: 'no-healthy-mirror',
      });
      await expect(readFile(sandbox.goEnvFile, 'utf8')).rejects.toThrow(/ENOENT/);
    } finally {
      fast.clearFaults();
      slow.setFaults({ delayMs: 150 });
    }
  });
});
