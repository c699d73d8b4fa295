import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoEnvReport } from '../../shared/contract';
import { goFacts } from '../../shared/go/versions';
import { goUnderTest, goVersions, reportMissingGo, withGo } from '../fixtures/go-versions';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/**
 * `goproxy-desk env` against each go of the matrix: the go.env layer (1.21+), empty lines, the user's
 * own GOTOOLCHAIN, and no toolchain switch when reading inside a module that needs a newer go.
 * (Run `npm run build` first.)
 */

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

/** The sandbox with this go first on PATH and no GOTOOLCHAIN of the test's own: the user's files decide. */
function userEnv(version: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = withGo(sandbox.env, goUnderTest(version));
  delete env.GOTOOLCHAIN;
  return { ...env, ...extra };
}

/** `go env KEY...` as the real go prints it, one value a line. */
function goEnvValues(keys: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('go', ['env', ...keys], { env, cwd, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr)) : resolve(stdout.split('\n').slice(0, keys.length)),
    );
  });
}

async function envJson(env: NodeJS.ProcessEnv, cwd?: string): Promise<GoEnvReport> {
  const run = await runBuiltCli(['env', '--json'], env, { cwd });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as GoEnvReport;
}

describe.each(goVersions())('env with go %s', (version) => {
  const facts = goFacts(`go${version}`);
  // go finds GOROOT from its own executable, links resolved.
  const goroot = () => realpathSync(path.resolve(goUnderTest(version).binDir, '..'));

  it('reports GOPROXY from $GOROOT/go.env (1.21+) or the built-in default (1.19) under a fresh HOME', async () => {
    const report = await envJson(userEnv(version));
    expect(report.vars.GOPROXY!.value).toBe('https://proxy.golang.org,direct');
    if (facts.gorootEnv) {
      expect(report.gorootEnvFile).toBe(path.join(goroot(), 'go.env'));
      expect(report.vars.GOPROXY).toMatchObject({
        source: 'goroot-env',
        gorootValue: 'https://proxy.golang.org,direct',
      });
      expect(report.vars.GOSUMDB).toMatchObject({ value: 'sum.golang.org', source: 'goroot-env' });
      expect(report.vars.GOTOOLCHAIN).toMatchObject({ value: 'auto', source: 'goroot-env' });
    } else {
      expect(report.gorootEnvFile).toBeNull();
      expect(report.vars.GOPROXY!.source).toBe('default');
      expect(report.vars).not.toHaveProperty('GOTOOLCHAIN');
    }
    expect('GOAUTH' in report.vars).toBe(facts.goauth);
    if (facts.goauth) expect(report.vars.GOAUTH).toMatchObject({ value: 'netrc', source: 'default' });
  });

  it('reads empty lines and the user’s GOTOOLCHAIN exactly as go does', async () => {
    const keys = ['GOPROXY', 'GOSUMDB', 'GONOSUMDB', ...(facts.toolchains ? ['GOTOOLCHAIN'] : [])];
    for (const file of [
      'GOPROXY=\nGOSUMDB=\nGOPRIVATE=*.corp.example\nGONOSUMDB=\n',
      ...(facts.toolchains ? ['GOTOOLCHAIN=go1.99.0+auto\n', 'GOTOOLCHAIN=\n'] : []),
    ]) {
      await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
      await writeFile(sandbox.goEnvFile, file);
      const env = userEnv(version);
      // `go env GOTOOLCHAIN` alone is one of the two go commands that never switch toolchains; for the
      // others go must be kept from switching (to go1.99.0) as we do.
      const fromGo = await Promise.all(
        keys.map(
          async (k) =>
            (await goEnvValues([k], k === 'GOTOOLCHAIN' ? env : { ...env, GOTOOLCHAIN: 'local' }))[0],
        ),
      );
      const report = await envJson(env);
      expect(
        keys.map((k) => report.vars[k]!.value),
        `${JSON.stringify(file)}`,
      ).toEqual(fromGo);
      if (file.startsWith('GOPROXY='))
        expect(report.vars.GOPROXY!.source).toBe(facts.emptyFileValueCounts ? 'env-file' : 'default');
    }
  });
});

describe.each(goVersions())('route golang.org/toolchain with go %s', (version) => {
  it('is always checked against the checksum database on 1.21+, GOSUMDB=off and GONOSUMDB notwithstanding', async () => {
    const facts = goFacts(`go${version}`);
    const target = 'golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64';
    for (const set of [['GOSUMDB=off'], ['GONOSUMDB=golang.org'], ['GOPRIVATE=golang.org/toolchain']]) {
      const run = await runBuiltCli(
        ['route', target, '--json', ...set.flatMap((s) => ['--set', s])],
        userEnv(version),
      );
      const checksum = (
        JSON.parse(run.stdout) as { checksum: { verified: boolean; reason: string; failure?: string } }
      ).checksum;
      expect(checksum.verified, `${set[0]}`).toBe(facts.toolchainAlwaysChecksummed);
      if (facts.toolchainAlwaysChecksummed) {
        expect(checksum.reason).toBe('toolchain');
        expect(checksum.failure).toBe(
          set[0] === 'GOSUMDB=off'
            ? 'verifying module: checksum database disabled by GOSUMDB=off'
            : undefined,
        );
      }
    }
  });
});

reportMissingGo(it, '1.21');

describe.each(goVersions('1.21'))('reading inside a module that needs go 1.99.0, with go %s', (version) => {
  let mirror: Mirror;
  beforeEach(async () => {
    mirror = await startMirror();
  });
  afterEach(() => mirror.close());

  const toolchainRequests = () => mirror.requests.filter((r) => r.path.startsWith('/golang.org/toolchain/'));

  it('env and doctor --no-probe ask the mirror nothing about golang.org/toolchain; go itself would', async () => {
    const module = path.join(sandbox.root, 'needs-new-go');
    await mkdir(module, { recursive: true });
    await writeFile(path.join(module, 'go.mod'), 'module example.com/needsnew\n\ngo 1.99.0\n');
    const env = userEnv(version, { GOPROXY: mirror.url, GOSUMDB: 'off' });

    // The test can fail: go's own go env -json in this folder tries to download go1.99.0.
    await goEnvValues(['-json'], env, module).catch(() => undefined);
    expect(toolchainRequests().length).toBeGreaterThan(0);
    mirror.requests.length = 0;

    const report = await envJson(env, module);
    expect(report.go?.version.startsWith(`go${version}.`)).toBe(true);
    expect(report.vars.GOTOOLCHAIN).toMatchObject({ value: 'auto', source: 'goroot-env' });
    expect(report.goError).toBeUndefined();
    const doctor = await runBuiltCli(['doctor', '--no-probe', '--json'], env, { cwd: module });
    expect(doctor.stdout).not.toBe('');
    expect(toolchainRequests()).toEqual([]);
  });
});
