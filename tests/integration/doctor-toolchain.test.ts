import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/contract';
import { goFacts } from '../../shared/go/versions';
import { goUnderTest, goVersions, withGo } from '../fixtures/go-versions';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/**
 * The checklist's go 1.21+ findings through the built CLI, against each go of the matrix: a project that
 * needs a newer toolchain while GOSUMDB=off, and an empty GOPROXY= line; neither exists with go 1.19.
 * (Run `npm run build` first.)
 */

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

function userEnv(version: string): NodeJS.ProcessEnv {
  const env = withGo(sandbox.env, goUnderTest(version));
  delete env.GOTOOLCHAIN;
  return env;
}

async function doctor(env: NodeJS.ProcessEnv, args: string[] = []): Promise<DoctorReport> {
  const run = await runBuiltCli(['doctor', '--no-probe', '--json', ...args], env);
  expect(run.stdout, run.stderr).not.toBe('');
  return JSON.parse(run.stdout) as DoctorReport;
}

async function writeEnvFile(text: string): Promise<void> {
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, text);
}

describe.each(goVersions())('doctor with go %s', (version) => {
  const facts = goFacts(`go${version}`);

  it('reports a project that needs a toolchain while GOSUMDB=off, naming both (1.21+ only)', async () => {
    const project = path.join(sandbox.root, 'app');
    await mkdir(project, { recursive: true });
    await writeFile(path.join(project, 'go.mod'), 'module example.com/app\n\ngo 1.99.0\n');
    await writeEnvFile('GOSUMDB=off\n');
    const report = await doctor(userEnv(version), ['--project', project]);
    const found = report.findings.filter((f) => f.id === 'toolchain-gosumdb-off');
    if (!facts.toolchains) {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', fix: { id: 'toolchain-gosumdb-off' } });
    expect(found[0]!.title).toContain('go1.99.0');
    expect(found[0]!.title).toContain('GOSUMDB=off');
  });

  it('reports an empty GOPROXY= line as an error (1.21+ only), and its fix gives go.env back', async () => {
    await writeEnvFile('GOPROXY=\n');
    const env = userEnv(version);
    const found = (await doctor(env)).findings.filter(
      (f) => f.id === 'env-empty-line' || f.id === 'goproxy-invalid',
    );
    if (!facts.emptyFileValueCounts) {
      expect(found).toEqual([]);
      return;
    }
    expect(found.map((f) => [f.id, f.severity])).toEqual([['env-empty-line', 'error']]);
    const fix = await runBuiltCli(['doctor', '--no-probe', '--fix', 'env-empty-line'], env);
    expect(fix.code, fix.stderr).toBe(0);
    const goproxy = await new Promise<string>((resolve) =>
      execFile('go', ['env', 'GOPROXY'], { env, encoding: 'utf8' }, (_e, stdout) => resolve(stdout.trim())),
    );
    expect(goproxy).toBe('https://proxy.golang.org,direct');
  });
});
