import { execFile } from 'node:child_process';
import { chmod, chown, link, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { runBuiltCli, type CliRun } from '../harness/cli';

/**
 * Every writer of a user's file, through the built CLI, against every kind of thing that can be at
 * the path it writes (DESIGN §2a): what may be written is written through (links kept, a hard link
 * one file) and undone exactly; what may not is refused within seconds, naming the path and what is
 * there, with the trees unchanged by kind, owner, mode, link target and bytes. Then the faults: a
 * full disk part-way through a change, an unprivileged user, root in another user's HOME.
 *
 * Needs root for mknod, mount and setpriv, as `.ci/run` is; elsewhere these tests report themselves
 * skipped.
 */

const run = promisify(execFile);
const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
/** An unprivileged user every Linux has. */
const NOBODY = 65534;
const PROXY = 'http://127.0.0.1:3128';

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
const mounts: string[] = [];
beforeEach(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env, GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'), SHELL: '/bin/bash' };
});
afterEach(async () => {
  for (const dir of mounts.splice(0)) await run('umount', [dir]);
  await sandbox.cleanup();
});

const home = (...parts: string[]) => path.join(sandbox.home, ...parts);
const dotfiles = (...parts: string[]) => path.join(sandbox.root, 'dotfiles', ...parts);

/** HOME and the dotfiles folder, by kind, owner, mode, link target and bytes. */
async function trees(): Promise<Record<string, string>> {
  await mkdir(dotfiles(), { recursive: true });
  return {
    ...prefixed('~', await snapshotTree(sandbox.home, { owners: true })),
    ...prefixed('dotfiles', await snapshotTree(dotfiles(), { owners: true })),
  };
}
const prefixed = (prefix: string, tree: Record<string, string>) =>
  Object.fromEntries(Object.entries(tree).map(([k, v]) => [`${prefix}/${k}`, v]));

interface Writer {
  name: string;
  place: () => string;
  /** What the file holds before, so that the writer has something to change. */
  seed: string;
  args: string[];
  undo: string[];
  /** Whether the file's text after the command shows the change. */
  wrote: (text: string) => boolean;
  /** The seed's lines stay (the writer adds to them rather than changes them). */
  keepsSeed: boolean;
  /** The writer only acts on what the file already says (a dangling link has nothing to fix). */
  needsContent?: boolean;
}

const WRITERS: Writer[] = [
  {
    name: 'set (the go env file)',
    place: () => sandbox.goEnvFile,
    seed: 'GOSUMDB=off\n',
    args: ['set', 'GOPROXY=direct'],
    undo: ['undo'],
    wrote: (text) => text.includes('GOPROXY=direct'),
    keepsSeed: true,
  },
  {
    name: 'doctor --fix (the go env file)',
    place: () => sandbox.goEnvFile,
    seed: 'GOSUMDB=off\n',
    args: ['doctor', '--no-probe', '--fix', 'gosumdb-off'],
    undo: ['undo'],
    wrote: (text) => !text.includes('GOSUMDB=off'),
    keepsSeed: false,
    needsContent: true,
  },
  {
    name: 'proxy set --scope env (~/.bashrc)',
    place: () => home('.bashrc'),
    seed: 'alias ll="ls -l"\n',
    args: ['proxy', 'set', '--http', PROXY, '--scope', 'env'],
    undo: ['proxy', 'restore'],
    wrote: (text) => text.includes(`export HTTPS_PROXY='${PROXY}'`),
    keepsSeed: true,
  },
  {
    name: 'proxy set --scope git (~/.gitconfig)',
    place: () => home('.gitconfig'),
    seed: '[user]\n\tname = Dev\n',
    args: ['proxy', 'set', '--http', PROXY, '--scope', 'git'],
    undo: ['proxy', 'restore'],
    wrote: (text) => text.includes(`proxy = ${PROXY}`),
    keepsSeed: true,
  },
];

type Kind =
  | 'regular file'
  | 'absolute symlink'
  | 'relative symlink'
  | 'dangling symlink'
  | 'hard link'
  | 'FIFO'
  | 'character device'
  | 'folder';

/** Puts a `kind` at `place`; gives the regular file the writer should change (null: none may be). */
async function arrange(kind: Kind, place: string, seed: string): Promise<string | null> {
  await mkdir(path.dirname(place), { recursive: true });
  const real = dotfiles(path.basename(place));
  await mkdir(dotfiles(), { recursive: true });
  switch (kind) {
    case 'regular file':
      await writeFile(place, seed);
      return place;
    case 'absolute symlink':
      await writeFile(real, seed);
      await symlink(real, place);
      return real;
    case 'relative symlink':
      await writeFile(real, seed);
      await symlink(path.relative(path.dirname(place), real), place);
      return real;
    case 'dangling symlink':
      await symlink(real, place);
      return real;
    case 'hard link':
      await writeFile(place, seed);
      await link(place, real);
      return place;
    case 'FIFO':
      await run('mkfifo', [place]);
      return null;
    case 'character device':
      // The same device as /dev/null, made here: the test never touches the machine's own.
      await run('mknod', [place, 'c', '1', '3']);
      return null;
    case 'folder':
      await mkdir(place);
      return null;
  }
}

const WRITTEN_THROUGH: Kind[] = [
  'regular file',
  'absolute symlink',
  'relative symlink',
  'dangling symlink',
  'hard link',
];
const REFUSED: Record<string, string> = {
  FIFO: 'is a named pipe (FIFO), not a regular file',
  'character device': 'is a character device, not a regular file',
  folder: 'is a folder',
};

async function timed(args: string[], options: { uid?: number } = {}): Promise<CliRun> {
  const started = Date.now();
  const result = await runBuiltCli(args, env, { timeoutMs: 30_000, ...options });
  // A refusal comes within seconds; a blocking open of a FIFO would wait for the timeout.
  expect(Date.now() - started, `${args.join(' ')} took too long`).toBeLessThan(20_000);
  return result;
}

describe.skipIf(!isRoot)('every writer × what is at the path it writes (needs root: mknod)', () => {
  for (const writer of WRITERS) {
    for (const kind of WRITTEN_THROUGH) {
      if (kind === 'dangling symlink' && writer.needsContent) continue;
      it(`${writer.name}: a ${kind} is written through, and undone exactly`, async () => {
        const place = writer.place();
        const real = (await arrange(kind, place, writer.seed))!;
        const before = await trees();
        const link = kind.endsWith('symlink') ? await readlink(place) : null;
        const inode = kind === 'hard link' ? (await stat(place)).ino : null;

        const result = await timed(writer.args);
        expect(result.code, result.stderr).toBe(0);
        const text = await readFile(real, 'utf8');
        expect(writer.wrote(text), text).toBe(true);
        if (writer.keepsSeed && kind !== 'dangling symlink') expect(text).toContain(writer.seed);
        if (link !== null) expect(await readlink(place)).toBe(link);
        if (inode !== null) {
          expect((await stat(place)).ino).toBe(inode);
          expect((await stat(dotfiles(path.basename(place)))).ino).toBe(inode);
        }

        const undo = await timed(writer.undo);
        expect(undo.code, undo.stderr).toBe(0);
        expect(await trees()).toEqual(before);
      });
    }
    for (const [kind, said] of Object.entries(REFUSED)) {
      it(`${writer.name}: a ${kind} is refused within seconds, naming it, nothing changed`, async () => {
        const place = writer.place();
        await arrange(kind as Kind, place, writer.seed);
        const before = await trees();
        const result = await timed(writer.args);
        expect(result.code).not.toBe(0);
        if (writer.needsContent) {
          // go reads around what is not a file (so do we): there is nothing to fix, and doctor says why.
          const doctor = await timed(['doctor', '--no-probe']);
          expect(doctor.stdout).toContain('env-file-unreadable');
          expect(doctor.stdout).toContain(said);
        } else {
          expect(result.stderr).toContain(place);
          expect(result.stderr).toContain(said);
        }
        expect(result.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
        expect(await trees()).toEqual(before);
      });
    }
  }
});

/** A tmpfs of two pages inside the sandbox, filled to the last byte after `prepare` put its files there. */
async function fullDisk(prepare: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(sandbox.root, 'full-disk');
  await mkdir(dir);
  await run('mount', ['-t', 'tmpfs', '-o', 'size=8k,mode=0755', 'tmpfs', dir]);
  mounts.push(dir);
  await prepare(dir);
  await writeFile(path.join(dir, 'filler'), Buffer.alloc(64 * 1024)).then(
    () => {
      throw new Error('the tmpfs did not fill up');
    },
    (error: NodeJS.ErrnoException) => expect(error.code).toBe('ENOSPC'),
  );
  return dir;
}

describe.skipIf(!isRoot)('a full disk part-way through a change (needs root: mount)', () => {
  it('proxy set --scope env,git with ~/.gitconfig on a full disk: ~/.profile and ~/.bashrc put back, nothing pending', async () => {
    await writeFile(home('.bashrc'), 'alias ll="ls -l"\n');
    const disk = await fullDisk((dir) => writeFile(path.join(dir, 'gitconfig'), '[user]\n\tname = Dev\n'));
    await symlink(path.join(disk, 'gitconfig'), home('.gitconfig'));
    const before = { home: await trees(), disk: await snapshotTree(disk, { owners: true }) };

    const result = await timed(['proxy', 'set', '--http', PROXY, '--scope', 'env,git']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Could not change ~/.gitconfig: Cannot write ${path.join(disk, 'gitconfig')}: the disk is full. Free some space and try again. Everything written before it was put back; nothing changed.`,
    );
    expect(await trees()).toEqual(before.home);
    expect(await snapshotTree(disk, { owners: true })).toEqual(before.disk);

    // Nothing is left pending: restore has nothing to do, and once there is space the change goes through.
    const restore = await timed(['proxy', 'restore']);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Nothing to restore');
    await run('rm', [path.join(disk, 'filler')]);
    expect((await timed(['proxy', 'set', '--http', PROXY, '--scope', 'env,git'])).code).toBe(0);
    expect(await readFile(path.join(disk, 'gitconfig'), 'utf8')).toContain(`proxy = ${PROXY}`);
  });

  it('a hard-linked ~/.profile that fills its page, rewritten in place on a full disk: the old bytes stay', async () => {
    const page = `# profile\n${'#'.repeat(4096 - 11)}\n`;
    expect(Buffer.byteLength(page)).toBe(4096);
    const disk = await fullDisk((dir) => writeFile(path.join(dir, 'profile'), page));
    await link(path.join(disk, 'profile'), path.join(disk, 'profile-link'));
    await symlink(path.join(disk, 'profile'), home('.profile'));
    const before = { home: await trees(), disk: await snapshotTree(disk, { owners: true }) };

    const result = await timed(['proxy', 'set', '--http', PROXY, '--scope', 'env']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the disk is full');
    expect(result.stderr).toContain('nothing changed');
    expect(await trees()).toEqual(before.home);
    expect(await snapshotTree(disk, { owners: true })).toEqual(before.disk);
    expect((await stat(path.join(disk, 'profile'))).nlink).toBe(2);
  });

  it('set with the go env file on a full disk: refused, the file and the history as they were, no temporary file', async () => {
    const disk = await fullDisk((dir) => writeFile(path.join(dir, 'env'), 'GOSUMDB=off\n'));
    env = { ...env, GOENV: path.join(disk, 'env') };
    const before = await snapshotTree(disk, { owners: true });
    const result = await timed(['set', 'GOPROXY=direct']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`Cannot write ${path.join(disk, 'env')}: the disk is full`);
    expect(await snapshotTree(disk, { owners: true })).toEqual(before);
    const history = await timed(['history', '--json']);
    expect(JSON.parse(history.stdout)).toEqual({ entries: [] });
  });

  it('the data folder on a full disk: proxy set refused before HOME is touched', async () => {
    await writeFile(home('.bashrc'), 'alias ll="ls -l"\n');
    const disk = await fullDisk(async () => undefined);
    env = { ...env, GOPROXY_DESK_HOME: path.join(disk, 'data') };
    const before = await trees();
    const result = await timed(['proxy', 'set', '--http', PROXY, '--scope', 'env,git']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('the disk is full');
    expect(result.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
    expect(await trees()).toEqual(before);
  });
});

describe.skipIf(!isRoot)('owners (needs root: setpriv, chown)', () => {
  /** HOME, its files and the data folder belong to the user; the sandbox root is traversable by them. */
  async function homeOf(uid: number): Promise<void> {
    await chmod(sandbox.root, 0o755);
    await mkdir(home('.config', 'go'), { recursive: true });
    await writeFile(home('.bashrc'), 'alias ll="ls -l"\n');
    await writeFile(home('.gitconfig'), '[user]\n\tname = Dev\n');
    await writeFile(sandbox.goEnvFile, 'GOSUMDB=off\n');
    await mkdir(dotfiles('data'), { recursive: true });
    await run('chown', ['-R', `${uid}:${uid}`, sandbox.home, dotfiles()]);
  }

  for (const writer of WRITERS) {
    it(`an unprivileged user, ${writer.name}: a root-owned file in their HOME is refused, naming it, nothing changed`, async () => {
      await homeOf(NOBODY);
      env = { ...env, GOPROXY_DESK_HOME: dotfiles('data') };
      await chown(writer.place(), 0, 0);
      const before = await trees();
      const result = await timed(writer.args, { uid: NOBODY });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${writer.place()} is owned by root and not writable by you`);
      expect(await trees()).toEqual(before);
    });
  }

  it("root in another user's HOME: every file changed or created (data folder included) stays theirs, and undo gives the tree back", async () => {
    await homeOf(NOBODY);
    // The data folder where it is by default, in HOME: its journal and histories must be the user's too.
    delete env.GOPROXY_DESK_HOME;
    const before = await trees();
    for (const writer of WRITERS) {
      const result = await timed(writer.args);
      expect(result.code, `${writer.name}: ${result.stderr}`).toBe(0);
    }
    const after = await trees();
    const notTheirs = Object.entries(after).filter(([, entry]) => !entry.includes(` ${NOBODY}:${NOBODY}`));
    expect(notTheirs).toEqual([]);
    expect(Object.keys(after).some((k) => k.includes('GoProxy Desk/'))).toBe(true);
    expect(await readFile(home('.gitconfig'), 'utf8')).toContain(`proxy = ${PROXY}`);

    for (const undo of [['undo'], ['undo'], ['proxy', 'restore', '--all']]) {
      const result = await timed(undo);
      expect(result.code, `${undo.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const restored = await trees();
    // What undo cannot take back is its own record of what was done: the data folder, still theirs.
    const data = ([key]: [string, string]) => !key.includes('GoProxy Desk');
    expect(Object.fromEntries(Object.entries(restored).filter(data))).toEqual(
      Object.fromEntries(Object.entries(before).filter(data)),
    );
    expect(Object.entries(restored).filter(([, e]) => !e.includes(` ${NOBODY}:${NOBODY}`))).toEqual([]);
  });
});
