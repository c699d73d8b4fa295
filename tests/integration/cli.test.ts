import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIRRORS } from '../../shared/mirrors';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

const json = <T>(stdout: string): T => JSON.parse(stdout) as T;
type EnvJson = {
  go: { path: string; version: string } | null;
  envFile: string | null;
  vars: Record<string, { value: string; source: string; fileValue?: string; osValue?: string }>;
};

describe('goproxy-desk env (built bin)', () => {
  it('reports GOPROXY as default under a fresh HOME', async () => {
    const run = await runBuiltCli(['env', '--json'], sandbox.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = json<EnvJson>(run.stdout);
    expect(report.vars.GOPROXY).toEqual({ value: 'https://proxy.golang.org,direct', source: 'default' });
    expect(report.go?.version).toMatch(/^go1\./);
    expect(report.envFile).toBe(sandbox.goEnvFile);
  });

  it('reports env-file after GOPROXY is written to $XDG_CONFIG_HOME/go/env, and os-env when exported', async () => {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, 'GOPROXY=https://goproxy.cn,direct\n');
    const fromFile = json<EnvJson>((await runBuiltCli(['env', '--json'], sandbox.env)).stdout);
    expect(fromFile.vars.GOPROXY).toMatchObject({ value: 'https://goproxy.cn,direct', source: 'env-file' });

    const fromOs = json<EnvJson>(
      (await runBuiltCli(['env', '--json'], { ...sandbox.env, GOPROXY: 'https://goproxy.io,direct' })).stdout,
    );
    expect(fromOs.vars.GOPROXY).toMatchObject({
      value: 'https://goproxy.io,direct',
      source: 'os-env',
      fileValue: 'https://goproxy.cn,direct',
    });
  });

  it('exits 0 with go: null and the file values when go is not on PATH', async () => {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, 'GOPROXY=https://goproxy.cn,direct\nGOSUMDB=sum.golang.google.cn\n');
    const run = await runBuiltCli(['env', '--json'], {
      ...sandbox.env,
      PATH: path.join(sandbox.root, 'empty'),
    });
    expect(run.code).toBe(0);
    const report = json<EnvJson>(run.stdout);
    expect(report.go).toBeNull();
    expect(report.vars.GOPROXY).toMatchObject({ value: 'https://goproxy.cn,direct', source: 'env-file' });
    expect(report.vars.GOSUMDB).toMatchObject({ value: 'sum.golang.google.cn', source: 'env-file' });
  });

  it('prints Chinese with --lang zh-CN, and follows LANG otherwise', async () => {
    const zh = await runBuiltCli(['env', '--lang', 'zh-CN'], sandbox.env);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('环境文件');
    expect(zh.stdout).toContain('[默认值]');
    const fromLang = await runBuiltCli(['env'], { ...sandbox.env, LANG: 'zh_CN.UTF-8' });
    expect(fromLang.stdout).toContain('环境文件');
    const english = await runBuiltCli(['env'], {
      ...sandbox.env,
      LANG: 'zh_CN.UTF-8',
      LC_ALL: 'en_US.UTF-8',
    });
    expect(english.stdout).toContain('Env file');
    expect(english.stdout).toContain('[default]');
  });
});

describe('goproxy-desk mirrors (built bin)', () => {
  it('lists the catalogue as JSON', async () => {
    const run = await runBuiltCli(['mirrors', '--json'], sandbox.env);
    expect(run.code).toBe(0);
    const list = json<Array<Record<string, unknown>>>(run.stdout);
    expect(list.map((m) => m.id)).toEqual(MIRRORS.map((m) => m.id));
    for (const m of list) {
      expect(Object.keys(m).sort()).toEqual(expect.arrayContaining(['id', 'name', 'notes', 'region', 'url']));
      expect(String(m.url)).toMatch(/^https:\/\/[^/]+(\/\S*)?[^/]$/);
    }
    expect(list.map((m) => m.url)).toEqual(
      expect.arrayContaining([
        'https://proxy.golang.org',
        'https://goproxy.cn',
        'https://goproxy.io',
        'https://mirrors.aliyun.com/goproxy',
        'https://mirrors.cloud.tencent.com/go',
        'https://mirrors.huaweicloud.com/repository/goproxy',
        'https://goproxy.bj.bcebos.com',
      ]),
    );
  });
});

describe('usage errors (built bin)', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['env', '--bogus'], /unknown option "--bogus"/],
    [['env', 'extra'], /takes no arguments/],
    [['env', '--lang', 'fr'], /--lang must be one of en, zh-CN/],
    [['env', '--lang'], /--lang needs a value/],
  ])('%j exits 2 with a message on stderr and nothing on stdout', async (args, message) => {
    const run = await runBuiltCli(args, sandbox.env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('prints usage on stderr for an unknown command', async () => {
    const run = await runBuiltCli(['frobnicate'], sandbox.env);
    expect(run.stderr).toContain('Usage: goproxy-desk <command>');
  });

  it('prints help on stdout with exit 0', async () => {
    const run = await runBuiltCli(['--help'], sandbox.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: goproxy-desk');
  });
});
