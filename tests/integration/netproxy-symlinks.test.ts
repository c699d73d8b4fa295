import { execFile } from 'node:child_process';
import {
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { CLI_BIN, runBuiltCli } from '../harness/cli';

/**
 * Dotfiles kept in a repository (stow, chezmoi, yadm, home-manager): `proxy set` and `proxy restore`
 * through the built CLI change the files the links point to and leave the links, and a hard-linked
 * ~/.profile stays one file; restore brings back the whole tree (kind, mode, link target, bytes).
 */

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env, GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'), SHELL: '/bin/bash' };
});
afterEach(() => sandbox.cleanup());

const home = (...parts: string[]) => path.join(sandbox.home, ...parts);
const dotfiles = (...parts: string[]) => path.join(sandbox.root, 'dotfiles', ...parts);

describe('proxy set and restore with linked dotfiles', () => {
  it('writes through an absolute ~/.bashrc link and a relative ~/.gitconfig link, keeps both, restores exactly', async () => {
    await mkdir(dotfiles(), { recursive: true });
    await writeFile(dotfiles('bashrc'), 'alias ll="ls -l"\n');
    await writeFile(dotfiles('gitconfig'), '[user]\n\tname = Dev\n');
    await writeFile(home('.profile'), '# profile\n');
    await link(home('.profile'), dotfiles('profile-hardlink'));
    await symlink(dotfiles('bashrc'), home('.bashrc'));
    await symlink(path.relative(sandbox.home, dotfiles('gitconfig')), home('.gitconfig'));
    const before = {
      home: await snapshotTree(sandbox.home),
      dotfiles: await snapshotTree(dotfiles()),
    };

    const set = await runBuiltCli(
      ['proxy', 'set', '--http', 'http://127.0.0.1:3128', '--scope', 'env,git'],
      env,
    );
    expect(set.code, set.stderr).toBe(0);
    // The links are still links, to the same places; their targets hold the change.
    expect(await readlink(home('.bashrc'))).toBe(dotfiles('bashrc'));
    expect((await lstat(home('.gitconfig'))).isSymbolicLink()).toBe(true);
    expect(await readFile(dotfiles('bashrc'), 'utf8')).toContain('# >>> goproxy-desk proxy >>>');
    expect(await readFile(dotfiles('gitconfig'), 'utf8')).toContain('proxy = http://127.0.0.1:3128');
    // The hard-linked ~/.profile is still one file with two names.
    expect((await stat(home('.profile'))).ino).toBe((await stat(dotfiles('profile-hardlink'))).ino);
    expect(await readFile(dotfiles('profile-hardlink'), 'utf8')).toContain('# >>> goproxy-desk proxy >>>');

    const restore = await runBuiltCli(['proxy', 'restore'], env);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await snapshotTree(sandbox.home)).toEqual(before.home);
    expect(await snapshotTree(dotfiles())).toEqual(before.dotfiles);
    expect((await stat(home('.profile'))).ino).toBe((await stat(dotfiles('profile-hardlink'))).ino);
  });
});

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

describe.skipIf(!isRoot)('as an unprivileged user (needs root to become one: setpriv)', () => {
  it('a root-owned ~/.bashrc: proxy set is refused naming it, and nothing is created or changed', async () => {
    // A HOME that belongs to the user, with a start-up file that does not.
    await chmod(sandbox.root, 0o755);
    await chown(sandbox.home, NOBODY, NOBODY);
    await writeFile(home('.bashrc'), 'alias ll="ls -l"\n', { mode: 0o644 });
    const data = path.join(sandbox.root, 'data');
    await mkdir(data, { recursive: true });
    await chown(data, NOBODY, NOBODY);
    const before = await snapshotTree(sandbox.home, { owners: true });
    const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        'setpriv',
        [
          `--reuid=${NOBODY}`,
          `--regid=${NOBODY}`,
          '--clear-groups',
          process.execPath,
          CLI_BIN,
          'proxy',
          'set',
          '--http',
          'http://127.0.0.1:3128',
          '--scope',
          'env,git',
        ],
        { env, encoding: 'utf8' },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      ),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${home('.bashrc')} is owned by root and not writable by you`);
    expect(await snapshotTree(sandbox.home, { owners: true })).toEqual(before);
  });
});
