import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorFixResult, DoctorReport } from '../../shared/contract';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/**
 * `goproxy-desk doctor` through the built CLI with the real go: quiet on a clean setup, exit 1 with
 * the findings on a broken one, and `--fix` changes exactly what it previewed, which `undo` reverts.
 */
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env, GOPROXY_DESK_HOME: path.join(sandbox.root, 'data') };
});
afterEach(() => sandbox.cleanup());

const seed = async (content: string) => {
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, content);
};

describe('goproxy-desk doctor', () => {
  it('stays quiet on a clean setup (no error or warning), exit 0', async () => {
    await seed('GOPROXY=https://goproxy.cn,direct\n');
    const run = await runBuiltCli(['doctor', '--no-probe', '--json'], env);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.checked).toMatchObject({ probed: false, go: { version: expect.stringMatching(/^go1\./) } });
    expect(run.code).toBe(0);
  });

  it('finds broken settings, exits 1, and fixes them with a preview, a snapshot and undo', async () => {
    const original = 'GOPROXY=https://goproxy.cn;https://goproxy.io\nGOFLAGS=-insecure\n';
    await seed(original);
    // The sandbox sets GOFLAGS in the OS environment, which would hide the file's.
    delete env.GOFLAGS;
    const run = await runBuiltCli(['doctor', '--no-probe', '--json'], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DoctorReport;
    const semicolon = report.findings.find((f) => f.id === 'goproxy-semicolon');
    expect(semicolon).toMatchObject({ severity: 'error', fix: { id: 'goproxy-semicolon' } });
    expect(semicolon?.fix?.preview).toContain('https://goproxy.cn,https://goproxy.io');
    expect(report.findings.find((f) => f.id === 'goflags-insecure')).toMatchObject({ severity: 'error' });

    const fixed = await runBuiltCli(['doctor', '--no-probe', '--fix', 'goproxy-semicolon', '--json'], env);
    const result = JSON.parse(fixed.stdout) as DoctorFixResult;
    expect(result.applied.map((a) => a.id)).toEqual(['goproxy-semicolon']);
    expect(result.goenvSnapshot).not.toBeNull();
    expect(result.report.findings.find((f) => f.id === 'goproxy-semicolon')).toBeUndefined();
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toContain(
      'GOPROXY=https://goproxy.cn,https://goproxy.io',
    );
    // -insecure is still there: an error remains.
    expect(fixed.code).toBe(1);

    expect((await runBuiltCli(['undo'], env)).code).toBe(0);
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe(original);
  });

  it('a fix that is not on offer is bad input: exit 2, nothing written', async () => {
    await seed('GOPROXY=https://goproxy.cn,direct\n');
    const run = await runBuiltCli(['doctor', '--no-probe', '--fix', 'goproxy-semicolon'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('goproxy-semicolon');
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe('GOPROXY=https://goproxy.cn,direct\n');
  });

  it('speaks Chinese with --lang zh-CN', async () => {
    await seed('GOPROXY=https://goproxy.cn;https://goproxy.io\n');
    const run = await runBuiltCli(['doctor', '--no-probe', '--lang', 'zh-CN'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('错误');
    expect(run.stdout).toContain('goproxy-desk doctor --fix goproxy-semicolon');
  });
});
