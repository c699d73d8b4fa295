import { execFile } from 'node:child_process';
import {
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/dispatch';
import { createNodeHost } from '../../electron/services/host';
import { readProjectFile } from '../../electron/services/host/files';
import { errnoOf } from '../../electron/services/store/file-errors';
import { MAX_READ_BYTES, readFileBounded, writeFileAtomic } from '../../electron/services/store/safe-file';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { snapshotTree } from '../fixtures/tree-snapshot';
import { runBuiltCli } from '../harness/cli';

const run = promisify(execFile);
const isRoot = process.platform !== 'win32' && process.getuid?.() === 0;
const posix = process.platform !== 'win32';
/** An unprivileged user every Linux has. */
const NOBODY = 65534;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-safe-writer-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const at = (...parts: string[]) => path.join(root, ...parts);
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function put(file: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  await chmod(file, mode);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Runs `write` and checks that the tree changed in exactly the `changed` entries (and nothing was left behind). */
async function expectTreeChange(
  write: () => Promise<unknown>,
  changed: Record<string, string | undefined>,
): Promise<void> {
  const before = await snapshotTree(root, { owners: true });
  await write();
  const expected: Record<string, string> = { ...before };
  for (const [key, value] of Object.entries(changed)) {
    if (value === undefined) delete expected[key];
    else expected[key] = value;
  }
  expect(await snapshotTree(root, { owners: true })).toEqual(expected);
}

const me = () => (posix ? `${process.getuid!()}:${process.getgid!()}` : '0:0');

describe('the writer, by what is at the path', () => {
  it('a regular file: new bytes, same mode, nothing else in the folder', async () => {
    await put(at('home', '.bashrc'), 'old\n', 0o640);
    await expectTreeChange(() => writeFileAtomic(at('home', '.bashrc'), 'new\n'), {
      'home/.bashrc': `file 640 ${me()} ${b64('new\n')}`,
    });
  });

  it('a new file: the requested mode less the umask, missing folders created', async () => {
    await mkdir(at('home'));
    await writeFileAtomic(at('home', '.config', 'go', 'env'), 'GOPROXY=direct\n', { mode: 0o600 });
    expect(await readFile(at('home', '.config', 'go', 'env'), 'utf8')).toBe('GOPROXY=direct\n');
    expect((await stat(at('home', '.config', 'go', 'env'))).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['absolute', () => at('dotfiles', 'bashrc')],
    ['relative', () => path.join('..', 'dotfiles', 'bashrc')],
  ])('a %s symlink: the target changes, the link stays', async (_kind, target) => {
    await put(at('dotfiles', 'bashrc'), 'old\n', 0o600);
    await mkdir(at('home'));
    await symlink(target(), at('home', '.bashrc'));
    await expectTreeChange(() => writeFileAtomic(at('home', '.bashrc'), 'new\n'), {
      'dotfiles/bashrc': `file 600 ${me()} ${b64('new\n')}`,
    });
  });

  it('a chain of links, one relative to a linked folder, ends at the real file', async () => {
    await put(at('dotfiles', 'git', 'config'), 'old\n');
    await mkdir(at('home'));
    await symlink(at('dotfiles', 'git'), at('home', 'gitdir'));
    await symlink(path.join('gitdir', 'config'), at('home', 'link1'));
    await symlink('link1', at('home', '.gitconfig'));
    await expectTreeChange(() => writeFileAtomic(at('home', '.gitconfig'), 'new\n'), {
      'dotfiles/git/config': `file 644 ${me()} ${b64('new\n')}`,
    });
  });

  it('a dangling symlink: creates its target, the link stays', async () => {
    await mkdir(at('home'));
    await symlink(path.join('..', 'dotfiles', 'new', 'env'), at('home', 'env'));
    await writeFileAtomic(at('home', 'env'), 'X=1\n');
    expect(await readlink(at('home', 'env'))).toBe(path.join('..', 'dotfiles', 'new', 'env'));
    expect(await readFile(at('dotfiles', 'new', 'env'), 'utf8')).toBe('X=1\n');
  });

  it('a hard link: rewritten in place, both names stay one file', async () => {
    await put(at('dotfiles', 'profile'), 'a long old content\n', 0o640);
    await mkdir(at('home'));
    await link(at('dotfiles', 'profile'), at('home', '.profile'));
    const inode = (await stat(at('home', '.profile'))).ino;
    await expectTreeChange(() => writeFileAtomic(at('home', '.profile'), 'new\n'), {
      'dotfiles/profile': `file 640 ${me()} ${b64('new\n')}`,
      'home/.profile': `file 640 ${me()} ${b64('new\n')}`,
    });
    const after = await stat(at('home', '.profile'));
    expect(after.ino).toBe(inode);
    expect(after.nlink).toBe(2);
  });

  it.runIf(posix)('a FIFO: refused without opening it, still a FIFO', async () => {
    await mkdir(at('home'));
    await run('mkfifo', [at('home', 'env')]);
    await expectTreeChange(async () => {
      const error = await refusal(writeFileAtomic(at('home', 'env'), 'X=1\n'));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toBe(
        `${at('home', 'env')} is a named pipe (FIFO), not a regular file; GoProxy Desk only writes regular files. Point it at a regular file or remove what is there.`,
      );
    }, {});
  });

  it.runIf(posix)('a symlink to a FIFO: refused, naming both, link and FIFO stay', async () => {
    await mkdir(at('home'));
    await run('mkfifo', [at('pipe')]);
    await symlink(at('pipe'), at('home', '.bashrc'));
    await expectTreeChange(async () => {
      const error = await refusal(writeFileAtomic(at('home', '.bashrc'), 'X=1\n'));
      expect(error.message).toContain(
        `${at('home', '.bashrc')} (a link to ${at('pipe')}) is a named pipe (FIFO)`,
      );
    }, {});
  });

  it.skipIf(!isRoot)('a character device (needs root for mknod): refused, still a device', async () => {
    await run('mknod', [at('null'), 'c', '1', '3']);
    await expectTreeChange(async () => {
      const error = await refusal(writeFileAtomic(at('null'), 'X=1\n'));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/null is a character device, not a regular file/);
    }, {});
    expect((await lstat(at('null'))).isCharacterDevice()).toBe(true);
  });

  it('a folder: refused, nothing written', async () => {
    await mkdir(at('home', '.bashrc'), { recursive: true });
    await expectTreeChange(async () => {
      const error = await refusal(writeFileAtomic(at('home', '.bashrc'), 'X=1\n'));
      expect(error.message).toBe(
        `${at('home', '.bashrc')} is a folder, not a regular file; GoProxy Desk only writes regular files. Point it at a file.`,
      );
    }, {});
  });

  it('a file in place of a folder on the way: a clear refusal', async () => {
    await put(at('home', '.config'), 'not a folder');
    const error = await refusal(writeFileAtomic(at('home', '.config', 'go', 'env'), 'X=1\n'));
    expect(error.message).toBe(
      `Cannot write ${at('home', '.config', 'go', 'env')}: a part of its path is a file, not a folder.`,
    );
  });
});

describe.skipIf(!isRoot)('owners (needs root: setpriv, chown)', () => {
  it('root writing in a folder owned by another user: new files and folders get that owner, existing ones keep theirs', async () => {
    await mkdir(at('home'));
    await chown(at('home'), NOBODY, NOBODY);
    await put(at('home', '.bashrc'), 'old\n', 0o640);
    await chown(at('home', '.bashrc'), 1234, 4321);
    await writeFileAtomic(at('home', '.bashrc'), 'new\n');
    await writeFileAtomic(at('home', '.profile'), 'created\n');
    await writeFileAtomic(at('home', '.config', 'go', 'env'), 'X=1\n', { mode: 0o666 });
    const tree = await snapshotTree(at('home'), { owners: true });
    expect(tree).toMatchObject({
      '.bashrc': `file 640 1234:4321 ${b64('new\n')}`,
      '.config/': expect.stringMatching(/^dir \d+ 65534:65534$/),
      '.config/go/': expect.stringMatching(/^dir \d+ 65534:65534$/),
      '.config/go/env': expect.stringMatching(/^file \d+ 65534:65534 /),
      '.profile': expect.stringMatching(/^file \d+ 65534:65534 /),
    });
  });

  /** A script that calls the writer on argv[2] and prints the outcome, built before the tree is compared. */
  const script = () => at('write-as-nobody.cjs');
  beforeEach(async () => {
    await build({
      stdin: {
        contents: `
          import { checkWritable, writeFileAtomic } from ${JSON.stringify(path.resolve(__dirname, '../../electron/services/store/safe-file'))};
          const file = process.argv[2];
          (process.argv[3] === 'check' ? checkWritable(file) : writeFileAtomic(file, 'nobody was here\\n')).then(
            () => console.log(JSON.stringify({ ok: true })),
            (e) => console.log(JSON.stringify({ ok: false, code: e.code, message: e.message })),
          );`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script(),
      logLevel: 'silent',
    });
    await chmod(script(), 0o644);
  });

  async function writeAsNobody(
    file: string,
    only?: 'check',
  ): Promise<{ ok: boolean; code?: string; message?: string }> {
    const { stdout } = await run('setpriv', [
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      process.execPath,
      script(),
      file,
      ...(only ? [only] : []),
    ]);
    return JSON.parse(stdout) as { ok: boolean; code?: string; message?: string };
  }

  it("a user cannot take over root's 0644 file in a HOME that is theirs", async () => {
    await chmod(root, 0o755);
    await mkdir(at('home'));
    await chown(at('home'), NOBODY, NOBODY);
    await put(at('home', '.bashrc'), 'root owns this\n', 0o644);
    await expectTreeChange(async () => {
      const outcome = await writeAsNobody(at('home', '.bashrc'));
      expect(outcome).toEqual({
        ok: false,
        code: 'invalid-input',
        message: `${at('home', '.bashrc')} is owned by root and not writable by you; fix its owner or run as that user.`,
      });
    }, {});
  });

  it('checkWritable says the same before a transaction writes anything, and passes what may be written', async () => {
    await chmod(root, 0o755);
    await mkdir(at('home'));
    await chown(at('home'), NOBODY, NOBODY);
    await put(at('home', '.bashrc'), 'root owns this\n', 0o644);
    await mkdir(at('etc'));
    await expectTreeChange(async () => {
      expect((await writeAsNobody(at('home', '.bashrc'), 'check')).message).toBe(
        `${at('home', '.bashrc')} is owned by root and not writable by you; fix its owner or run as that user.`,
      );
      expect((await writeAsNobody(at('etc', 'new'), 'check')).message).toBe(
        `Cannot write ${at('etc', 'new')}: the folder ${at('etc')} is not writable by you; fix its owner or permissions, or run as its owner.`,
      );
      expect(await writeAsNobody(at('home', '.config', 'go', 'env'), 'check')).toEqual({ ok: true });
    }, {});
  });

  it('a user writing a file they may write but do not own: rewritten in place, the owner stays', async () => {
    await chmod(root, 0o755);
    await mkdir(at('home'));
    await chown(at('home'), NOBODY, NOBODY);
    await put(at('home', 'shared'), 'old\n', 0o666);
    await expectTreeChange(
      async () => expect(await writeAsNobody(at('home', 'shared'))).toEqual({ ok: true }),
      {
        'home/shared': `file 666 0:0 ${b64('nobody was here\n')}`,
      },
    );
  });

  it('a user writing in a folder that is not theirs: the folder is named, no temporary file left', async () => {
    await chmod(root, 0o755);
    await mkdir(at('etc'));
    await expectTreeChange(async () => {
      const outcome = await writeAsNobody(at('etc', 'new'));
      expect(outcome.message).toBe(
        `Cannot write ${at('etc', 'new')}: the folder ${at('etc')} is not writable by you; fix its owner or permissions, or run as its owner.`,
      );
    }, {});
  });
});

describe('the reader, by what is at the path', () => {
  const host = () => createNodeHost({ env: {}, homedir: root });

  it('reads regular files, through absolute, relative and hard links; null for nothing or a dangling link', async () => {
    await put(at('dotfiles', 'bashrc'), 'hello\n');
    await symlink(at('dotfiles', 'bashrc'), at('abs'));
    await symlink(path.join('dotfiles', 'bashrc'), at('rel'));
    await link(at('dotfiles', 'bashrc'), at('hard'));
    await symlink(at('missing'), at('dangling'));
    for (const name of ['dotfiles/bashrc', 'abs', 'rel', 'hard']) {
      expect(await host().readText(at(name))).toBe('hello\n');
    }
    expect(await host().readText(at('missing'))).toBeNull();
    expect(await host().readText(at('dangling'))).toBeNull();
  });

  it.runIf(posix)('a FIFO is refused at once instead of hanging', async () => {
    await run('mkfifo', [at('env')]);
    const started = Date.now();
    const error = await refusal(host().readText(at('env')));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toBe(
      `${at('env')} is a named pipe (FIFO), not a regular file; GoProxy Desk only reads regular files. Point it at a regular file or remove what is there.`,
    );
    expect(await readProjectFile(host(), at('env'))).toEqual({ file: at('env'), error: error.message });
  });

  it.skipIf(!isRoot)('a device (a go.mod linked to a zero device) is refused, not read forever', async () => {
    await run('mknod', [at('zero'), 'c', '1', '5']);
    await mkdir(at('project'));
    await symlink(at('zero'), at('project', 'go.mod'));
    const error = await refusal(readFileBounded(at('project', 'go.mod')));
    expect(error.message).toMatch(
      /is a character device, not a regular file; GoProxy Desk only reads regular files/,
    );
  });

  it('a file over the limit is refused with its size', async () => {
    await writeFile(at('big'), '');
    await truncate(at('big'), MAX_READ_BYTES + 1024 * 1024);
    const error = await refusal(host().readText(at('big')));
    expect(error.message).toBe(
      `${at('big')} is 17 MiB, more than the 16 MiB GoProxy Desk reads from one file; is it the right file?`,
    );
  });

  it('a folder throws EISDIR (go skips it), a file on the way ENOTDIR: project reads treat both as absent', async () => {
    await mkdir(at('go.mod'));
    await put(at('plain'), 'x');
    const dir = await refusal(host().readText(at('go.mod')));
    expect(errnoOf(dir)).toBe('EISDIR');
    expect(errnoOf(await refusal(host().readText(at('plain', 'go.mod'))))).toBe('ENOTDIR');
    expect(await readProjectFile(host(), at('go.mod'))).toBeNull();
    expect(await readProjectFile(host(), at('plain', 'go.mod'))).toBeNull();
  });
});

describe('through the built CLI (run `npm run build` first)', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await createSandbox();
  });
  afterEach(() => sandbox.cleanup());

  it.skipIf(!isRoot)(
    'GOENV=<a character device> set: exit 2, a clear message, the device stays a device',
    async () => {
      const device = path.join(sandbox.root, 'null');
      await run('mknod', [device, 'c', '1', '3']);
      const result = await runBuiltCli(
        ['set', 'GOPROXY=direct'],
        { ...sandbox.env, GOENV: device },
        { timeoutMs: 20_000 },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${device} is a character device, not a regular file`);
      expect(result.stderr).not.toMatch(/E[A-Z]+:/);
      expect((await lstat(device)).isCharacterDevice()).toBe(true);
      expect(await readdir(sandbox.root)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    },
  );

  it.runIf(posix)('GOENV=<a FIFO>: env, doctor and set answer within seconds', async () => {
    const fifo = path.join(sandbox.root, 'env-fifo');
    await run('mkfifo', [fifo]);
    const cli = async (args: string[]) => {
      const started = Date.now();
      const result = await runBuiltCli(args, { ...sandbox.env, GOENV: fifo }, { timeoutMs: 20_000 });
      expect(Date.now() - started).toBeLessThan(15_000);
      return result;
    };
    const said = `${fifo} is a named pipe (FIFO), not a regular file`;
    // Reading goes on as go does (without the file), and says why.
    const env = await cli(['env', '--json']);
    expect(env.code).toBe(0);
    expect((JSON.parse(env.stdout) as { envFileError?: string }).envFileError).toContain(said);
    const doctor = await cli(['doctor', '--no-probe', '--json']);
    expect(doctor.code).toBe(1);
    expect((JSON.parse(doctor.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id)).toContain(
      'env-file-unreadable',
    );
    // Writing is refused.
    const set = await cli(['set', 'GOPROXY=direct']);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain(said);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it.runIf(posix)(
    'toolchain --project: a folder that is not there, or a FIFO go.mod, is an error within seconds',
    async () => {
      const project = path.join(sandbox.root, 'project');
      await mkdir(project);
      await run('mkfifo', [path.join(project, 'go.mod')]);
      const missing = await runBuiltCli(
        ['toolchain', '--project', path.join(sandbox.root, 'nope')],
        sandbox.env,
        {
          timeoutMs: 20_000,
        },
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(
        `${path.join(sandbox.root, 'nope')} does not exist or is not a folder`,
      );
      const fifo = await runBuiltCli(['toolchain', '--project', project], sandbox.env, { timeoutMs: 20_000 });
      expect(fifo.code).toBe(2);
      expect(fifo.stderr).toContain(
        `${path.join(project, 'go.mod')} is a named pipe (FIFO), not a regular file`,
      );
      expect(fifo.stderr).toContain(`go reads the go and toolchain lines for ${project} from it`);
    },
  );

  it('a symlinked env file keeps its link through set and undo', { timeout: 60_000 }, async () => {
    const real = path.join(sandbox.root, 'dotfiles', 'go-env');
    await put(real, 'GOSUMDB=off\n', 0o600);
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    const target = path.relative(path.dirname(sandbox.goEnvFile), real);
    await symlink(target, sandbox.goEnvFile);

    const set = await runBuiltCli(['set', 'GOPROXY=direct'], sandbox.env, { timeoutMs: 30_000 });
    expect(set).toMatchObject({ code: 0 });
    expect(await readlink(sandbox.goEnvFile)).toBe(target);
    expect(await readFile(real, 'utf8')).toBe('GOPROXY=direct\nGOSUMDB=off\n');
    expect((await stat(real)).mode & 0o777).toBe(0o600);

    const undo = await runBuiltCli(['undo'], sandbox.env, { timeoutMs: 30_000 });
    expect(undo).toMatchObject({ code: 0 });
    expect(await readlink(sandbox.goEnvFile)).toBe(target);
    expect(await readFile(real, 'utf8')).toBe('GOSUMDB=off\n');
  });

  it(
    'a dangling symlinked env file: set creates the target, undo removes it again, the link stays',
    { timeout: 60_000 },
    async () => {
      const real = path.join(sandbox.root, 'dotfiles', 'go-env');
      await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
      await symlink(real, sandbox.goEnvFile);
      expect(await runBuiltCli(['set', 'GOPROXY=direct'], sandbox.env, { timeoutMs: 30_000 })).toMatchObject({
        code: 0,
      });
      expect(await readFile(real, 'utf8')).toBe('GOPROXY=direct\n');
      expect(await runBuiltCli(['undo'], sandbox.env, { timeoutMs: 30_000 })).toMatchObject({ code: 0 });
      expect(await readlink(sandbox.goEnvFile)).toBe(real);
      await expect(lstat(real)).rejects.toThrow();
    },
  );
});
