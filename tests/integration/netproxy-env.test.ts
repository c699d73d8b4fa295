import { execFile, spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { CLI_BIN, runBuiltCli } from '../harness/cli';

/**
 * The 'env' and 'git' scopes for real: the built CLI writes the start-up files and git config of a
 * throw-away HOME, real bash, zsh, fish and git read them, and `proxy restore` must leave the HOME
 * byte-identical — also after the process was SIGKILLed between two places of an apply.
 */

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  sandbox = await createSandbox();
  // Our own journal lives outside HOME, so that HOME can be compared byte for byte.
  env = { ...sandbox.env, GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'), SHELL: '/bin/bash' };
  delete env.ZDOTDIR;
});
afterEach(() => sandbox.cleanup());

const run = promisify(execFile);
const home = (...parts: string[]) => path.join(sandbox.home, ...parts);

/** A HOME like a Debian user's: start-up files with content of their own, a git identity. */
async function seedHome(): Promise<void> {
  await writeFile(
    home('.profile'),
    '# ~/.profile\nif [ -n "$BASH_VERSION" ]; then\n  . "$HOME/.bashrc"\nfi\nPATH="$HOME/bin:$PATH"\n',
  );
  await writeFile(
    home('.bashrc'),
    '# ~/.bashrc\ncase $- in\n    *i*) ;;\n      *) return;;\nesac\nHISTSIZE=1000\nalias ll="ls -l"', // no final newline
  );
  await writeFile(home('.zshrc'), 'setopt autocd\n');
  await writeFile(
    home('.gitconfig'),
    '[user]\n\tname = Dev Eloper\n\temail = dev@example.com\n[core]\n\tautocrlf = input\n',
  );
}

const SET = [
  'proxy',
  'set',
  '--http',
  'http://proxy.corp.example:3128',
  '--https',
  'http://alice:s3cr%40t@proxy.corp.example:3129',
  '--no-proxy',
  'localhost,127.0.0.1,.internal.example,*.git.corp.example,10.0.0.0/8',
  '--scope',
  'env,git',
];
const HTTPS = 'http://alice:s3cr%40t@proxy.corp.example:3129';

async function shellSees(shell: string[], variable: string): Promise<string> {
  const { stdout } = await run(shell[0]!, [...shell.slice(1), `echo "${'$'}${variable}"`], {
    env,
    timeout: 20_000,
  });
  return stdout.trim().split('\n').at(-1)!;
}

describe('proxy set --scope env,git', () => {
  it('is seen by bash (login and interactive), zsh, fish and git, and shown redacted', async () => {
    await seedHome();
    const set = await runBuiltCli(SET, env);
    expect(set.stderr).toContain('plain text');
    expect(set.code).toBe(0);
    expect(set.stdout).not.toContain('s3cr');

    expect(await shellSees(['bash', '-lc'], 'https_proxy')).toBe(HTTPS);
    expect(await shellSees(['bash', '-lc'], 'HTTP_PROXY')).toBe('http://proxy.corp.example:3128');
    expect(await shellSees(['bash', '-ic'], 'no_proxy')).toBe(
      'localhost,.localhost,127.0.0.1,.internal.example,.git.corp.example,10.0.0.0/8',
    );
    expect(await shellSees(['sh', '-lc'], 'HTTPS_PROXY')).toBe(HTTPS);
    expect(await shellSees(['zsh', '-ic'], 'https_proxy')).toBe(HTTPS);
    expect(await shellSees(['fish', '-c'], 'https_proxy')).toBe(HTTPS);
    const envd = await readFile(home('.config', 'environment.d', '60-goproxy-desk.conf'), 'utf8');
    expect(envd).toContain(`HTTPS_PROXY=${HTTPS}\n`);

    const git = async (...args: string[]) =>
      (await run('git', ['config', '--global', ...args], { env })).stdout.trim();
    expect(await git('--get', 'http.proxy')).toBe(HTTPS);
    expect(await git('--get', 'user.name')).toBe('Dev Eloper');
    // git's own URL matching: no proxy for a host of the no-proxy list.
    expect(await git('--get-urlmatch', 'http.proxy', 'https://a.git.corp.example/x.git')).toBe('');
    expect(await git('--get-urlmatch', 'http.proxy', 'https://github.com/x.git')).toBe(HTTPS);

    const show = await runBuiltCli(['proxy', 'show', '--json'], env);
    expect(show.code).toBe(0);
    expect(show.stdout).not.toContain('s3cr');
    const report = JSON.parse(show.stdout) as {
      scopes: { scope: string; https: string | null; http: string | null }[];
    };
    const byScope = Object.fromEntries(report.scopes.map((s) => [s.scope, s]));
    expect(byScope.env).toMatchObject({
      http: 'http://proxy.corp.example:3128',
      https: 'http://alice:xxxxx@proxy.corp.example:3129',
    });
    expect(byScope.git).toMatchObject({ https: 'http://alice:xxxxx@proxy.corp.example:3129' });
  });

  it('then proxy restore leaves HOME byte-identical; applying twice changes nothing the second time', async () => {
    await seedHome();
    const before = await snapshotTree(sandbox.home);
    expect((await runBuiltCli(SET, env)).code).toBe(0);
    const changed = await snapshotTree(sandbox.home);
    expect(changed).not.toEqual(before);

    const again = await runBuiltCli([...SET, '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ transaction: null, steps: [] });
    expect(await snapshotTree(sandbox.home)).toEqual(changed);

    const restore = await runBuiltCli(['proxy', 'restore', '--json'], env);
    expect(restore.code).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ complete: true, restored: [{ state: 'restored' }] });
    expect(await snapshotTree(sandbox.home)).toEqual(before);
    // Nothing left to restore.
    expect((await runBuiltCli(['proxy', 'restore'], env)).stdout).toContain('Nothing to restore');
  });

  it('restores an empty HOME too: every file and folder it created is gone', async () => {
    const before = await snapshotTree(sandbox.home);
    expect((await runBuiltCli(SET, env)).code).toBe(0);
    expect((await runBuiltCli(['proxy', 'restore'], env)).code).toBe(0);
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });

  it('keeps what the user changed after it: restore takes back only our block and our keys', async () => {
    await seedHome();
    expect((await runBuiltCli(SET, env)).code).toBe(0);
    await appendFile(home('.bashrc'), 'export EDITOR=vim\n');
    await run('git', ['config', '--global', 'init.defaultBranch', 'main'], { env });
    const restore = await runBuiltCli(['proxy', 'restore', '--json'], env);
    expect(restore.code).toBe(0);
    const result = JSON.parse(restore.stdout) as { places: { place: string; outcome: string }[] };
    expect(result.places.find((p) => p.place === '~/.bashrc')?.outcome).toBe('merged');
    expect(result.places.find((p) => p.place === '~/.gitconfig')?.outcome).toBe('merged');
    const bashrc = await readFile(home('.bashrc'), 'utf8');
    expect(bashrc).toContain('export EDITOR=vim');
    expect(bashrc).not.toContain('goproxy-desk');
    const gitconfig = await readFile(home('.gitconfig'), 'utf8');
    expect(gitconfig).toContain('defaultBranch = main');
    expect(gitconfig).not.toContain('proxy');
    // The untouched files are exactly as they were.
    expect(await readFile(home('.zshrc'), 'utf8')).toBe('setopt autocd\n');
  });

  it('reports lines elsewhere that also set a proxy', async () => {
    await seedHome();
    await appendFile(home('.zshrc'), 'export HTTPS_PROXY=http://bob:hunter2@old.example:8080\n');
    const set = await runBuiltCli([...SET, '--json'], env);
    expect(set.code).toBe(0);
    const result = JSON.parse(set.stdout) as { conflicts: { file: string; line: number; text: string }[] };
    expect(result.conflicts).toContainEqual({
      scope: 'env',
      file: '~/.zshrc',
      line: 2,
      text: 'export HTTPS_PROXY=http://bob:xxxxx@old.example:8080',
    });
    expect(set.stdout).not.toContain('hunter2');
  });

  it('--dry-run prints the diffs and changes nothing', async () => {
    await seedHome();
    const before = await snapshotTree(sandbox.home);
    const dry = await runBuiltCli([...SET, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ b/~/.profile');
    expect(dry.stdout).toContain("+export https_proxy='http://alice:xxxxx@proxy.corp.example:3129'");
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(dry.stdout).not.toContain('s3cr');
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });

  it('unset removes our blocks and files and keeps everything else', async () => {
    await seedHome();
    const before = await snapshotTree(sandbox.home);
    expect((await runBuiltCli(SET, env)).code).toBe(0);
    expect((await runBuiltCli(['proxy', 'unset', '--scope', 'env,git'], env)).code).toBe(0);
    expect(await shellSees(['bash', '-lc'], 'https_proxy')).toBe('');
    const after = await snapshotTree(sandbox.home);
    expect(await readFile(home('.profile'), 'utf8')).toBe(
      Buffer.from(before['.profile']!.split(' ')[2]!, 'base64').toString('utf8'),
    );
    expect(after['.config/environment.d/60-goproxy-desk.conf']).toBeUndefined();
    expect(await readFile(home('.gitconfig'), 'utf8')).toBe(
      '[user]\n\tname = Dev Eloper\n\temail = dev@example.com\n[core]\n\tautocrlf = input\n',
    );
    // Two journal entries; restoring both returns to the start exactly.
    expect((await runBuiltCli(['proxy', 'restore', '--all'], env)).code).toBe(0);
    expect(await snapshotTree(sandbox.home)).toEqual(before);
  });
});

describe('bad input exits 2 and changes nothing', () => {
  const cases: [string, string[]][] = [
    ['a space in the host', ['--http', 'http://a b:3128']],
    ['port 99999', ['--http', 'http://proxy.example:99999']],
    ['an unknown scheme', ['--http', 'ftp://proxy.example:21']],
    ['SOCKS', ['--https', 'socks5://proxy.example:1080']],
    ['a newline in a value', ['--http', 'http://proxy.example:3128\nexport EVIL=1']],
    ['a newline in the no-proxy list', ['--http', 'http://proxy.example:3128', '--no-proxy', 'a.example\nb']],
    ['a path', ['--http', 'http://proxy.example:3128/x']],
    ['an unknown scope', ['--http', 'http://proxy.example:3128', '--scope', 'env,moon']],
    ['no proxy at all', ['--scope', 'env']],
  ];
  it.each(cases)('%s', async (_name, args) => {
    await seedHome();
    const before = await snapshotTree(sandbox.home);
    const result = await runBuiltCli(['proxy', 'set', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeGreaterThan(0);
    expect(result.stdout).toBe('');
    expect(await snapshotTree(sandbox.home)).toEqual(before);
    await expect(readFile(path.join(sandbox.root, 'data', 'netproxy-journal.json'))).rejects.toThrow();
  });
});

/** Runs the CLI with the test-only crash point: SIGKILL right after the Nth place is written. */
function runUntilKilled(
  args: string[],
  after: number,
): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { ...env, GOPROXY_DESK_TEST_HOOKS: '1', GOPROXY_DESK_TEST_CRASH_AFTER: String(after) },
      stdio: 'ignore',
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('crash safety', () => {
  it('after a SIGKILL between any two places, restore brings HOME back byte-exact', async () => {
    await seedHome();
    const before = await snapshotTree(sandbox.home);
    const dry = JSON.parse((await runBuiltCli([...SET, '--dry-run', '--json'], env)).stdout) as {
      steps: unknown[];
    };
    expect(dry.steps.length).toBeGreaterThan(3);
    for (let after = 1; after < dry.steps.length; after++) {
      const killed = await runUntilKilled(SET, after);
      expect(killed.signal).toBe('SIGKILL');
      expect(await snapshotTree(sandbox.home)).not.toEqual(before);

      // Every command now says so; a new change is refused until it is restored.
      const show = await runBuiltCli(['proxy', 'show', '--json'], env);
      expect(show.stderr).toContain('never finished');
      expect(JSON.parse(show.stdout)).toMatchObject({ unfinished: { state: 'pending' } });
      const refused = await runBuiltCli(SET, env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('proxy restore');

      const restore = await runBuiltCli(['proxy', 'restore'], env);
      expect(restore.code).toBe(0);
      expect(await snapshotTree(sandbox.home)).toEqual(before);
    }
  });
});

describe('the go env file and a profile in one transaction', () => {
  it('profile import, apply (go env + env + git), restore', async () => {
    await seedHome();
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, 'GOPRIVATE=git.corp.example\n');
    const before = await snapshotTree(sandbox.home);
    const file = path.join(sandbox.root, 'profiles.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'goproxy-desk-profiles',
        version: 1,
        profiles: [
          {
            name: 'Office',
            goenv: { set: { GOPROXY: 'https://goproxy.cn,direct' }, unset: ['GOPRIVATE'] },
            proxy: { http: 'http://proxy.corp.example:3128', noProxy: 'localhost', scopes: ['env', 'git'] },
          },
        ],
      }),
    );
    const imported = await runBuiltCli(['profile', 'import', file, '--json'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: ['Office'] });
    const list = await runBuiltCli(['profile', 'list'], env);
    expect(list.stdout).toContain('Office');

    const applied = await runBuiltCli(['profile', 'apply', 'Office', '--json'], env);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ profile: 'Office', transaction: { kind: 'profile' } });
    const goEnv = async (key: string) => (await run('go', ['env', key], { env })).stdout.trim();
    expect(await goEnv('GOPROXY')).toBe('https://goproxy.cn,direct');
    expect(await goEnv('GOPRIVATE')).toBe('');
    expect(await shellSees(['bash', '-lc'], 'https_proxy')).toBe('http://proxy.corp.example:3128');

    expect((await runBuiltCli(['proxy', 'restore'], env)).code).toBe(0);
    expect(await goEnv('GOPRIVATE')).toBe('git.corp.example');
    const after = await snapshotTree(sandbox.home);
    // go itself may have created its cache folders under HOME; the files we touched are exact.
    for (const key of Object.keys(before)) expect(after[key]).toEqual(before[key]);
    expect(
      Object.keys(after).filter((k) => !(k in before) && !k.startsWith('go/') && !k.startsWith('.cache')),
    ).toEqual([]);

    const exported = await runBuiltCli(['profile', 'export'], env);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      format: 'goproxy-desk-profiles',
      profiles: [{ name: 'Office' }],
    });
  });

  it('a profile with a password: the CLI stores none and says so', async () => {
    const file = path.join(sandbox.root, 'p.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'goproxy-desk-profiles',
        version: 1,
        profiles: [
          { name: 'Travel', proxy: { https: 'http://u:topsecret@p.example:8080', scopes: ['git'] } },
        ],
      }),
    );
    const imported = await runBuiltCli(['profile', 'import', file], env);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('password was not stored');
    const stored = await readFile(path.join(sandbox.root, 'data', 'profiles.json'), 'utf8');
    expect(stored).not.toContain('topsecret');
    expect(stored).toContain('http://u@p.example:8080');
  });
});
