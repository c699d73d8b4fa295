import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { runBuiltCli } from '../harness/cli';

/**
 * `project apply` and `project restore` through the built CLI, with direnv as the peer: what we write
 * into .envrc is what `direnv exec` gives go; VS Code's settings keep their comments and other keys;
 * restore gives both files back byte for byte; what may not be written is refused, changing nothing.
 */

const run = promisify(execFile);
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let project: string;
beforeEach(async () => {
  sandbox = await createSandbox();
  env = {
    ...sandbox.env,
    GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
  };
  project = path.join(sandbox.root, 'app');
  await mkdir(path.join(project, '.vscode'), { recursive: true });
});
afterEach(() => sandbox.cleanup());

const ENVRC = "# the team's direnv\nexport GOFLAGS=-mod=mod\nPATH_add bin\n";
const SETTINGS = [
  '{',
  '\t// editor settings of the team',
  '\t"editor.formatOnSave": true, // keep',
  '\t"go.toolsEnvVars": {',
  '\t\t"GOFLAGS": "-tags=integration", /* tests */',
  '\t},',
  '}',
  '',
].join('\n');

describe('project apply --to direnv', () => {
  it('writes a block direnv gives go, keeps every byte around it, and restore takes it back', async () => {
    await writeFile(path.join(project, '.envrc'), ENVRC);
    const before = await snapshotTree(project);
    const apply = await runBuiltCli(
      [
        'project',
        'apply',
        project,
        '--to',
        'direnv',
        'GOPROXY=https://goproxy.cn,direct',
        'GOPRIVATE=git.corp.example',
      ],
      env,
    );
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain(`direnv allow ${project}`);
    const written = await readFile(path.join(project, '.envrc'), 'latin1');
    expect(written.startsWith(ENVRC)).toBe(true);
    expect(written.slice(ENVRC.length)).toContain("\nexport GOPROXY='https://goproxy.cn,direct'\n");

    await run('direnv', ['allow', project], { env });
    const { stdout } = await run(
      'direnv',
      ['exec', project, 'go', 'env', 'GOPROXY', 'GOPRIVATE', 'GOFLAGS'],
      {
        env,
      },
    );
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'https://goproxy.cn,direct',
      'git.corp.example',
      '-mod=mod',
    ]);

    // What project reads back is what was written.
    const layers = JSON.parse((await runBuiltCli(['project', project, '--json'], env)).stdout) as {
      layers: { file: string; key: string; value: string }[];
    };
    expect(layers.layers.filter((l) => l.file === '.envrc').map((l) => `${l.key}=${l.value}`)).toEqual([
      'GOFLAGS=-mod=mod',
      'GOPROXY=https://goproxy.cn,direct',
      'GOPRIVATE=git.corp.example',
    ]);

    const restore = await runBuiltCli(['project', 'restore', project], env);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe('project apply --to vscode', () => {
  it('sets go.toolsEnvVars keeping comments, tabs and other keys; restore is byte-exact', async () => {
    await writeFile(path.join(project, '.vscode', 'settings.json'), SETTINGS);
    const before = await snapshotTree(project);
    const dry = await runBuiltCli(
      ['project', 'apply', project, '--to', 'vscode', 'GOPROXY=off', '--dry-run'],
      env,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+\t\t"GOPROXY": "off"');
    expect(await snapshotTree(project)).toEqual(before);

    const apply = await runBuiltCli(
      ['project', 'apply', project, '--to', 'vscode', 'GOPROXY=https://goproxy.cn,direct'],
      env,
    );
    expect(apply.code, apply.stderr).toBe(0);
    const written = await readFile(path.join(project, '.vscode', 'settings.json'), 'utf8');
    for (const kept of [
      '\t// editor settings of the team',
      '"editor.formatOnSave": true, // keep',
      '"GOFLAGS": "-tags=integration", /* tests */',
    ])
      expect(written).toContain(kept);
    expect(written).toContain('\t\t"GOPROXY": "https://goproxy.cn,direct"');

    expect((await runBuiltCli(['project', 'restore', project], env)).code).toBe(0);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it('creates the settings file and folder when missing, and restore removes both', async () => {
    const bare = path.join(sandbox.root, 'bare');
    await mkdir(bare);
    expect((await runBuiltCli(['project', 'apply', bare, '--to', 'vscode', 'GOPROXY=off'], env)).code).toBe(
      0,
    );
    expect(JSON.parse(await readFile(path.join(bare, '.vscode', 'settings.json'), 'utf8'))).toEqual({
      'go.toolsEnvVars': { GOPROXY: 'off' },
    });
    expect((await runBuiltCli(['project', 'restore', bare], env)).code).toBe(0);
    expect(await snapshotTree(bare)).toEqual({});
  });
});

describe('refusals change nothing', () => {
  it('a Dockerfile target, a value go rejects, a variable go does not read for modules', async () => {
    await writeFile(path.join(project, '.envrc'), ENVRC);
    const before = await snapshotTree(project);
    const docker = await runBuiltCli(['project', 'apply', project, '--to', 'dockerfile', 'GOPROXY=off'], env);
    expect(docker.code).toBe(2);
    expect(docker.stderr).toContain('--to dockerfile');
    const bad = await runBuiltCli(
      ['project', 'apply', project, '--to', 'direnv', 'GOPROXY=https://goproxy.cn,direc'],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'go would reject GOPROXY=https://goproxy.cn,direc: invalid proxy URL missing scheme: direc',
    );
    const other = await runBuiltCli(['project', 'apply', project, '--to', 'direnv', 'GOPATH=/x'], env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('GOPATH is not one of the variables go reads for modules');
    const newline = await runBuiltCli(['project', 'apply', project, '--to', 'direnv', 'GOPRIVATE=a\nb'], env);
    expect(newline.code).toBe(2);
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe('project apply --profile', () => {
  it("writes a saved profile's module variables (and not its GOPATH) into .envrc", async () => {
    const profile = path.join(sandbox.root, 'profiles.json');
    await writeFile(
      profile,
      JSON.stringify({
        format: 'goproxy-desk-profiles',
        version: 1,
        profiles: [
          { name: 'corp', goenv: { set: { GOPROXY: 'https://goproxy.cn,direct', GOPATH: '/x' }, unset: [] } },
        ],
      }),
    );
    const imported = await runBuiltCli(['profile', 'import', profile], env);
    expect(imported.code, imported.stderr).toBe(0);
    const apply = await runBuiltCli(
      ['project', 'apply', project, '--to', 'direnv', '--profile', 'corp', 'GOPRIVATE=*.corp.example'],
      env,
    );
    expect(apply.code, apply.stderr).toBe(0);
    const written = await readFile(path.join(project, '.envrc'), 'utf8');
    expect(written).toContain(
      "export GOPROXY='https://goproxy.cn,direct'\nexport GOPRIVATE='*.corp.example'\n",
    );
    expect(written).not.toContain('GOPATH');
    const missing = await runBuiltCli(
      ['project', 'apply', project, '--to', 'direnv', '--profile', 'nope'],
      env,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no profile named "nope"');
  });
});
