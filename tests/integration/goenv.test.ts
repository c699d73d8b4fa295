import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGoEnv } from '../../electron/services/goenv';
import { createNodeHost } from '../../electron/services/host';
import { goUnderTest, goVersions, withGo as withGoUnderTest } from '../fixtures/go-versions';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

async function writeEnvFile(content: string, file = sandbox.goEnvFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

const withGo = (extra: NodeJS.ProcessEnv = {}) => createNodeHost({ env: { ...sandbox.env, ...extra } });
const withoutGo = (extra: NodeJS.ProcessEnv = {}) =>
  createNodeHost({ env: { ...sandbox.env, PATH: path.join(sandbox.root, 'no-go-here'), ...extra } });

describe('readGoEnv with the real go', () => {
  it('reports defaults under an empty HOME', async () => {
    const report = await readGoEnv(withGo());
    expect(report.go?.version).toMatch(/^go1\.\d+/);
    expect(report.go?.path).toMatch(/go$/);
    expect(report.envFile).toBe(sandbox.goEnvFile);
    expect(report.vars.GOPROXY).toEqual({ value: 'https://proxy.golang.org,direct', source: 'default' });
    expect(report.vars.GOSUMDB).toEqual({ value: 'sum.golang.org', source: 'default' });
    expect(report.vars.GOENV).toEqual({ value: sandbox.goEnvFile, source: 'default' });
  });

  it('attributes a value written by go env -w to the env file', async () => {
    await writeEnvFile('GOPROXY=https://goproxy.cn,direct\nGOPRIVATE=git.corp.example\n');
    const report = await readGoEnv(withGo());
    expect(report.vars.GOPROXY).toMatchObject({ value: 'https://goproxy.cn,direct', source: 'env-file' });
    expect(report.vars.GOPRIVATE).toMatchObject({ value: 'git.corp.example', source: 'env-file' });
    // GONOPROXY defaults to GOPRIVATE, but the file does not set it.
    expect(report.vars.GONOPROXY).toEqual({ value: 'git.corp.example', source: 'default' });
  });

  it('says when the OS environment overrides the file, with both values', async () => {
    await writeEnvFile('GOPROXY=https://goproxy.cn,direct\n');
    const report = await readGoEnv(withGo({ GOPROXY: 'https://goproxy.io' }));
    expect(report.vars.GOPROXY).toEqual({
      value: 'https://goproxy.io',
      source: 'os-env',
      fileValue: 'https://goproxy.cn,direct',
      osValue: 'https://goproxy.io',
    });
  });

  it('follows GOENV to another file, and reports GOENV=off as no file', async () => {
    const custom = path.join(sandbox.root, 'custom-goenv');
    await writeEnvFile('GOSUMDB=off\n', custom);
    const custom1 = await readGoEnv(withGo({ GOENV: custom }));
    expect(custom1.envFile).toBe(custom);
    expect(custom1.vars.GOSUMDB).toMatchObject({ value: 'off', source: 'env-file' });
    expect(custom1.vars.GOENV).toMatchObject({ value: custom, source: 'os-env' });
    const off = await readGoEnv(withGo({ GOENV: 'off' }));
    expect(off.envFile).toBeNull();
  });

  it('still reads the env file when go is not on PATH, and takes the newest go’s rules', async () => {
    await writeEnvFile('GOPROXY=https://goproxy.cn\n');
    // (An empty OS value counts as unset, as for go: the sandbox's GOTOOLCHAIN=local is taken away.)
    const report = await readGoEnv(withoutGo({ GOTOOLCHAIN: '' }));
    expect(report.go).toBeNull();
    expect(report.vars.GOPROXY).toMatchObject({ value: 'https://goproxy.cn', source: 'env-file' });
    expect(report.vars.GOTOOLCHAIN).toEqual({ value: 'auto', source: 'default' });
    expect(report.vars.GOAUTH).toEqual({ value: 'netrc', source: 'default' });
  });

  it('keeps the file values and says why when go env fails', async () => {
    // A broken GOROOT makes every go command exit 2 with "go: cannot find GOROOT directory".
    await writeEnvFile('GOPROXY=https://goproxy.cn\n');
    const report = await readGoEnv(withGo({ GOROOT: path.join(sandbox.root, 'no-goroot') }));
    expect(report.go).toMatchObject({ version: '' });
    expect(report.goError).toMatch(/cannot find GOROOT/);
    expect(report.vars.GOPROXY).toMatchObject({ value: 'https://goproxy.cn', source: 'env-file' });
  });

  // Without go we compute the values ourselves; they must be what go itself says.
  it.for([
    ['nothing set', '', {}],
    [
      'a file with a chain and private patterns',
      'GOPROXY=https://goproxy.cn|https://goproxy.io,direct\nGOPRIVATE=*.corp.example,github.com/acme\n',
      {},
    ],
    ['an empty GOPROXY line (default applies in go1.19)', 'GOPROXY=\nGOSUMDB=sum.golang.google.cn\n', {}],
    [
      'GOPRIVATE from the OS, GONOSUMDB from the file',
      'GONOSUMDB=example.com\n',
      { GOPRIVATE: 'git.corp.example' },
    ],
    [
      'duplicates and junk lines',
      '# comment\nGOPROXY=a.example\ngoproxy=x\nGOPROXY=https://goproxy.cn\nGOINSECURE=*.lan\n',
      {},
    ],
    [
      'OS values over file values',
      'GOPROXY=https://goproxy.cn\nGOFLAGS=-mod=mod\n',
      { GOPROXY: 'off', GOVCS: 'public:git' },
    ],
  ] as const)('agrees with the newest go’s go env -json for %s', async ([, file, osVars], ctx) => {
    // Without go, the report takes the newest go's rules (1.24+ for GOAUTH): compare with such a go.
    const newest = goVersions('1.24').at(-1);
    if (newest === undefined) return ctx.skip('needs go 1.24 or newer: run scripts/fetch-go.sh');
    await writeEnvFile(file);
    const fromGo = await readGoEnv(
      createNodeHost({ env: { ...withGoUnderTest(sandbox.env, goUnderTest(newest)), ...osVars } }),
    );
    const ours = await readGoEnv(withoutGo(osVars));
    expect(fromGo.goError).toBeUndefined();
    for (const [name, v] of Object.entries(ours.vars)) {
      const expected = { ...fromGo.vars[name]! };
      delete expected.gorootValue;
      // go's go.env values are its defaults as far as a report without go can know.
      if (expected.source === 'goroot-env') expected.source = 'default';
      expect({ name, ...v }).toEqual({ name, ...expected });
    }
  });
});
