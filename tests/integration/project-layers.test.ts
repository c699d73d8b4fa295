import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport, ProjectLayersResult } from '../../shared/contract';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/**
 * Issue 16's acceptance through the built CLI: a project with a problem planted in each of its files
 * (.envrc, VS Code, a Dockerfile, a GitHub workflow, GitLab CI, a Makefile), read by `project` and
 * judged by `doctor --project` with each finding naming file:line; and a clean project that adds nothing.
 */

let sandbox: Sandbox;
let project: string;
beforeEach(async () => {
  sandbox = await createSandbox();
  project = path.join(sandbox.root, 'app');
  // This machine keeps its private modules away from the mirrors: the containers are what leak.
  await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
  await writeFile(sandbox.goEnvFile, 'GOPRIVATE=git.corp.example\nGOPROXY=https://goproxy.cn,direct\n');
});
afterEach(() => sandbox.cleanup());

async function put(rel: string, text: string): Promise<void> {
  const file = path.join(project, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const GO_MOD = 'module git.corp.example/team/app\n\ngo 1.21\n\nrequire git.corp.example/team/lib v1.0.0\n';

async function plantEveryProblem(): Promise<void> {
  await put('go.mod', GO_MOD);
  await put('.envrc', '# direnv\nexport GOPROXY=https://goproxy.cn,direc\n');
  await put(
    '.vscode/settings.json',
    '{\n  // the team\'s editor settings\n  "editor.tabSize": 4,\n  "go.toolsEnvVars": {\n    "GOPROXY": "off",\n  },\n}\n',
  );
  await put(
    'Dockerfile',
    [
      'FROM golang:1.22 AS builder',
      'ENV GOSUMDB=off \\',
      '    GOPRIVATE=https://git.corp.example',
      'RUN go mod download',
      '',
      'FROM golang:1.23 AS tools',
      'ENV GOPROXY=https://goproxy.cn,direct',
      'RUN go mod download',
      '',
    ].join('\n'),
  );
  await put(
    '.github/workflows/ci.yml',
    'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      GOFLAGS: -insecure\n    steps:\n      - run: go test ./...\n',
  );
  await put(
    '.gitlab-ci.yml',
    'variables:\n  GOPROXY: https://builder:s3cret@goproxy.corp.example\n\ntest:\n  script:\n    - go test ./...\n',
  );
  await put('Makefile', 'export GOPROXY = https://goproxy.cn;direct\n\nbuild:\n\tgo build ./...\n');
}

describe('goproxy-desk project', () => {
  it('lists each planted setting with its file, line, key and value, and no password', async () => {
    await plantEveryProblem();
    const result = await runBuiltCli(['project', project, '--json'], sandbox.env, { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('s3cret');
    const report = JSON.parse(result.stdout) as ProjectLayersResult;
    const layers = report.layers.map(({ file, line, key, value, context }) => ({
      file,
      line,
      key,
      value,
      context,
    }));
    expect(layers).toEqual(
      expect.arrayContaining([
        { file: '.envrc', line: 2, key: 'GOPROXY', value: 'https://goproxy.cn,direc', context: 'terminal' },
        { file: '.vscode/settings.json', line: 5, key: 'GOPROXY', value: 'off', context: 'editor-tools' },
        { file: 'Dockerfile', line: 2, key: 'GOSUMDB', value: 'off', context: 'container:builder' },
        {
          file: 'Dockerfile',
          line: 3,
          key: 'GOPRIVATE',
          value: 'https://git.corp.example',
          context: 'container:builder',
        },
        {
          file: 'Dockerfile',
          line: 7,
          key: 'GOPROXY',
          value: 'https://goproxy.cn,direct',
          context: 'container:tools',
        },
        { file: '.github/workflows/ci.yml', line: 7, key: 'GOFLAGS', value: '-insecure', context: 'ci:test' },
        {
          file: '.gitlab-ci.yml',
          line: 2,
          key: 'GOPROXY',
          value: 'https://builder:xxxxx@goproxy.corp.example',
          context: 'ci:test',
        },
        { file: 'Makefile', line: 1, key: 'GOPROXY', value: 'https://goproxy.cn;direct', context: 'make' },
      ]),
    );
    // Each build's values: the container starts from its image's go.env, the terminal from this machine.
    expect(report.effective['container:tools']?.GOSUMDB).toEqual({
      value: 'sum.golang.org',
      from: 'go.env (go 1.23)',
    });
    expect(report.effective.terminal?.GOPRIVATE).toEqual({ value: 'git.corp.example', from: 'env-file' });
    expect(report.effective.terminal?.GOPROXY).toEqual({
      value: 'https://goproxy.cn,direc',
      from: '.envrc:2',
    });

    const text = await runBuiltCli(['project', project], sandbox.env, { timeoutMs: 60_000 });
    expect(text.stdout).toContain('.gitlab-ci.yml:2');
    expect(text.stdout).not.toContain('s3cret');
  });
});

describe('goproxy-desk doctor --project', () => {
  it('names file:line for a problem in each layer', async () => {
    await plantEveryProblem();
    const result = await runBuiltCli(['doctor', '--no-probe', '--project', project, '--json'], sandbox.env, {
      timeoutMs: 60_000,
    });
    expect(result.stdout).not.toContain('s3cret');
    const report = JSON.parse(result.stdout) as DoctorReport;
    const evidence = (id: string) =>
      report.findings
        .filter((f) => f.id === id)
        .flatMap((f) => f.evidence.filter((e) => /^\S+:\d+: /.test(e)));
    const where = (id: string) => evidence(id).map((e) => e.slice(0, e.indexOf(': ')));
    expect(where('goproxy-invalid')).toContain('.envrc:2');
    expect(where('project-editor-goproxy')).toContain('.vscode/settings.json:5');
    expect(where('gosumdb-off')).toContain('Dockerfile:2');
    expect(where('pattern-problems')).toContain('Dockerfile:3');
    expect(where('goflags-insecure')).toContain('.github/workflows/ci.yml:7');
    expect(where('project-credentials')).toContain('.gitlab-ci.yml:2');
    expect(where('goproxy-semicolon')).toContain('Makefile:1');
    expect(where('private-module-leak')).toContain('Dockerfile:7');
    // Both stages leak (the builder's GOPRIVATE has a scheme, so it covers nothing); this machine does not.
    expect(
      report.findings.filter((f) => f.id === 'private-module-leak').map((f) => f.title.split(':')[0]),
    ).toEqual(['Container builder', 'Container tools']);
  });

  it('a clean project adds no finding to those of this machine', async () => {
    await put('go.mod', GO_MOD);
    await put('.envrc', 'export GOPROXY=https://goproxy.cn,direct\nexport GOPRIVATE=git.corp.example\n');
    await put('.vscode/settings.json', '{\n  "go.toolsEnvVars": { "GOPRIVATE": "git.corp.example" }\n}\n');
    await put(
      'Dockerfile',
      'FROM golang:1.23 AS builder\nENV GOPROXY=https://goproxy.cn,direct GOPRIVATE=git.corp.example\nRUN go build ./...\n',
    );
    await put('Makefile', 'export GOFLAGS = -mod=readonly\n');
    const run = async (args: string[]) =>
      (
        JSON.parse((await runBuiltCli(args, sandbox.env, { timeoutMs: 60_000 })).stdout) as DoctorReport
      ).findings
        .filter((f) => f.severity !== 'info')
        .map((f) => `${f.id}: ${f.title}`);
    const machine = await run(['doctor', '--no-probe', '--json']);
    const withProject = await run(['doctor', '--no-probe', '--project', project, '--json']);
    expect(withProject).toEqual(machine);
  });
});

describe('what an .envrc loads', () => {
  it('counts where the include is: a later line of the .envrc wins over it, an earlier one does not', async () => {
    await put('.env', 'GOPROXY=https://from-dotenv.example\n');
    await put('tools/.envrc', 'export GOFLAGS=-mod=mod\n');
    await put(
      '.envrc',
      'export GOPROXY=https://before.example\ndotenv\nsource_env tools\nexport GOSUMDB=sum.golang.google.cn\n',
    );
    const first = JSON.parse(
      (await runBuiltCli(['project', project, '--json'], sandbox.env)).stdout,
    ) as ProjectLayersResult;
    expect(first.effective.terminal?.GOPROXY).toEqual({
      value: 'https://from-dotenv.example',
      from: '.env:1',
    });
    expect(first.effective.terminal?.GOFLAGS).toEqual({ value: '-mod=mod', from: 'tools/.envrc:1' });

    await put('.envrc', 'dotenv\nexport GOPROXY=https://after.example\n');
    const second = JSON.parse(
      (await runBuiltCli(['project', project, '--json'], sandbox.env)).stdout,
    ) as ProjectLayersResult;
    expect(second.effective.terminal?.GOPROXY).toEqual({ value: 'https://after.example', from: '.envrc:2' });
  });
});
