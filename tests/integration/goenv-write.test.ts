import { chmod, lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoEnvHistory, GoEnvUndoResult, GoEnvWriteResult } from '../../shared/contract';
import { AppError } from '../../electron/dispatch';
import { createGoEnvService } from '../../electron/services/goenv';
import { writeGoEnv } from '../../electron/services/goenv/commit';
import { GoEnvHistoryStore, HISTORY_FILE, type NewEntry } from '../../electron/services/goenv/history';
import { searchStartupFiles } from '../../electron/services/goenv/overrides';
import { createNodeHost } from '../../electron/services/host';
import { appDataDir } from '../../electron/services/host/paths';
import { bytesOf, compareEnvWrite, runGo } from '../fixtures/go-env-write';
import { goUnderTest, goVersions, withGo } from '../fixtures/go-versions';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

const go = runGo;

async function put(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
}

const service = (env: NodeJS.ProcessEnv = sandbox.env) => createGoEnvService(createNodeHost({ env }));
const historyFile = () => path.join(appDataDir(sandbox.env, 'linux', sandbox.home), HISTORY_FILE);

async function refusedWith(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('invalid-input');
  return (error as AppError).message;
}

/** mulberry32: a small seeded generator, so that every run (and every failure) is reproducible. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

// Lines a hand-edited or long-lived env file may hold; latin1, so "\xff" is one byte that is not UTF-8.
const FILE_LINES = [
  '# go env file',
  '#GOPROXY=commented-out',
  '',
  '   ',
  'GOPROXY=https://goproxy.cn,direct',
  'GOPROXY=https://goproxy.io',
  'GOPROXY=',
  'GOPRIVATE=*.corp.example',
  'GOSUMDB=off',
  'GOSUMDB=sum.golang.google.cn',
  'goproxy=lower-case',
  ' GOPROXY=leading-space',
  '=no-key',
  'JUNK LINE',
  'GO#X=1',
  'GOFLAGS=-mod=mod',
  'GOVCS=private:all',
  '\xff\xfe\x80 not utf-8',
  'GONOSUMDB=a=b=c',
  'GOINSECURE=x # not a comment',
  'ZZZ=1',
  'AAA=0',
  'GOPATH=/tmp/gopath',
  'CGO_ENABLED=0',
  'GOOS=linux',
  'GOEXPERIMENT=fieldtrack',
  'GO111MODULE=on',
  'GONOPROXY=caf\xe9',
];

const VALUES: Record<string, readonly string[]> = {
  GOPROXY: [
    'https://goproxy.cn,direct',
    'https://goproxy.io|https://proxy.golang.org,direct',
    'off',
    'direct',
    '',
    'a=b',
  ],
  GOPRIVATE: ['*.corp.example,github.com/acme', '', 'git.例子.cn'],
  GONOPROXY: ['*.lan', '', 'x # y'],
  GONOSUMDB: ['*.lan', ''],
  GOINSECURE: ['*.lan', ''],
  GOSUMDB: ['off', 'sum.golang.google.cn', 'sum.golang.org https://sum.golang.google.cn', ''],
  GOVCS: ['private:all,public:git|hg', ''],
  GOFLAGS: ['-mod=mod', '-modcacherw', ''],
  GO111MODULE: ['on', 'off', 'auto', '', 'yes'],
  GOPATH: ['/tmp/gopath', '', 'relative', '~/go', '/a:/b', 'répertoire\u00a0"x"\t'],
  GOMODCACHE: ['/tmp/modcache', 'mod', ''],
  GOTMPDIR: ['/tmp', 'tmp', ''],
  CC: ['gcc', '/usr/bin/gcc', 'bin/gcc', "'gcc", '  ', '"/opt/my cc/gcc" -m64', '', "''"],
  GOOS: ['linux', 'windows', 'js', 'bogus', ''],
  GOARCH: ['amd64', 'wasm', 'arm64', 'riscv64', ''],
  GOEXPERIMENT: ['fieldtrack', 'nofieldtrack,unified', 'none', 'bogus', '', 'noregabi', 'loopvar', 'jsonv2'],
  // Known to some versions only: each go accepts or refuses them its own way.
  GOTOOLCHAIN: ['local', 'go1.99.0+auto', 'bogus', ''],
  GOAUTH: ['netrc', 'off', ''],
  GOTELEMETRY: ['off'],
  GODEBUG: ['gctrace=1'],
  GOFIPS140: ['latest', ''],
  // An existing folder: go refuses to start at all with a GOROOT that does not exist.
  GOROOT: ['/tmp', ''],
  CGO_ENABLED: ['0', '1'],
  AR: ['ar', 'x\ny', 'a\rb'],
};
const KEYS = Object.keys(VALUES);
const BAD_ASSIGNMENTS = [
  'HTTP_PROXY=http://127.0.0.1:3128',
  'GONOSUMCHECK=1',
  'GOPROXY',
  'GOENV=/tmp/x',
  'GOVERSION=go1.99',
  'GOHOSTOS=plan9',
  'GOPRIVATE=a\vb',
  'goproxy=x',
  '=x',
];
const BAD_KEYS = ['HTTP_PROXY', 'GOENV', 'GOPROXY=x', 'GOTOOLDIR', ''];

function startingFile(r: ReturnType<typeof random>): string {
  const count = r.int(15);
  let text = '';
  for (let i = 0; i < count; i++) text += r.pick(FILE_LINES) + (r.next() < 0.2 ? '\r\n' : '\n');
  return r.next() < 0.5 ? text.replace(/\r?\n$/, '') : text;
}

type Op = { kind: 'set'; args: string[] } | { kind: 'unset'; args: string[] };

function operation(r: ReturnType<typeof random>): Op {
  const n = 1 + r.int(3);
  if (r.next() < 0.7) {
    const args = Array.from({ length: n }, () => {
      const key = r.pick(KEYS);
      return `${key}=${r.pick(VALUES[key]!)}`;
    });
    if (r.next() < 0.08) args.splice(r.int(args.length + 1), 0, r.pick(BAD_ASSIGNMENTS));
    return { kind: 'set', args };
  }
  const args = Array.from({ length: n }, () => r.pick(KEYS));
  if (r.next() < 0.08) args.splice(r.int(args.length + 1), 0, r.pick(BAD_KEYS));
  return { kind: 'unset', args };
}

describe.each(goVersions())('set/unset agree byte for byte with the real go %s env -w/-u', (version) => {
  it('over seeded random sequences from messy starting files', { timeout: 300_000 }, async () => {
    const goEnv = withGo(sandbox.env, goUnderTest(version));
    const SEQUENCES = 6;
    const STEPS = 30;
    const osExtras: NodeJS.ProcessEnv[] = [
      {},
      { GOPRIVATE: 'os.example' },
      { GOPROXY: 'https://goproxy.io', GOTOOLCHAIN: 'local' },
    ];
    const mismatches: string[] = [];
    let operations = 0;
    let refusals = 0;
    for (let seq = 0; seq < SEQUENCES; seq++) {
      const r = random(20240601 + seq);
      const files = {
        go: path.join(sandbox.root, `seq${seq}`, 'go', 'env'),
        ours: path.join(sandbox.root, `seq${seq}`, 'ours', 'env'),
      };
      // Sequence 0 starts without a file; the others from a generated one.
      if (seq > 0) {
        const start = startingFile(r);
        await put(files.go, start);
        await put(files.ours, start);
      }
      const env = { ...goEnv, ...osExtras[seq % osExtras.length] };
      if (env.GOTOOLCHAIN === undefined) delete env.GOTOOLCHAIN;
      for (let step = 0; step < STEPS; step++) {
        const op = operation(r);
        operations++;
        const outcome = await compareEnvWrite(op, env, files);
        if (outcome.refused) refusals++;
        if (outcome.mismatch !== null) mismatches.push(`seq ${seq} step ${step}: ${outcome.mismatch}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(operations).toBe(SEQUENCES * STEPS);
    // The generator must exercise go's refusals too, not only happy paths.
    expect(refusals).toBeGreaterThan(12);
  });
});

describe("go's refusals through the built CLI (run `npm run build` first)", () => {
  const start = Buffer.from('# mine\r\nGOPROXY=https://goproxy.cn\nX=\xff', 'latin1');

  it.each([
    ['set', 'HTTP_PROXY=http://127.0.0.1:3128'],
    ['set', 'GOPROXY=https://a\nhttps://b'],
    ['set', 'GOPATH=relative/go'],
    ['set', 'GOPATH=~/go'],
    ['set', 'GOVERSION=go1.99'],
    ['set', 'GOENV=/tmp/env'],
    ['set', 'GOPROXY'],
    ['set', 'GOPROXY=a', 'GOPROXY=b'],
    ['set', 'GOOS=plan10'],
    ['unset', 'GOENV'],
    ['unset', 'GOPROXY=x'],
  ])('%s %j: go’s message, exit 2, file and history untouched', async (command, ...args) => {
    const goCopy = path.join(sandbox.root, 'go-copy', 'env');
    await put(goCopy, start);
    await put(sandbox.goEnvFile, start);
    const fromGo = await go(['env', command === 'set' ? '-w' : '-u', ...args], {
      ...sandbox.env,
      GOENV: goCopy,
    });
    expect(fromGo.code).not.toBe(0);

    const run = await runBuiltCli([command, ...args], sandbox.env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(fromGo.stderr);
    expect(await bytesOf(sandbox.goEnvFile)).toEqual(start);
    expect(await bytesOf(historyFile())).toBeNull();
  });

  it('refuses NUL (argv cannot carry it, so through the service) with nothing written', async () => {
    await put(sandbox.goEnvFile, start);
    expect(await refusedWith(service().set(['GOPROXY=a\0b']))).toBe('go: invalid NUL in GOPROXY=... value');
    expect(await bytesOf(sandbox.goEnvFile)).toEqual(start);
    expect(await bytesOf(historyFile())).toBeNull();
  });

  it('refuses GOENV=off instead of writing a file go would not read', async () => {
    const message = await refusedWith(service({ ...sandbox.env, GOENV: 'off' }).set(['GOPROXY=direct']));
    expect(message).toBe('go: cannot find go env config: GOENV=off');
    expect(await bytesOf(sandbox.goEnvFile)).toBeNull();
  });
});

describe('snapshots and undo', () => {
  it('undo restores the exact previous bytes, then the state before that, then has nothing left', async () => {
    const original = Buffer.from('# keep me\r\nGOSUMDB=off\r\nGOPROXY=x\nGOPROXY=y\n\xfe junk', 'latin1');
    await put(sandbox.goEnvFile, original);
    const first = await runBuiltCli(['set', 'GOPROXY=https://goproxy.cn,direct', '--json'], sandbox.env);
    expect(first.code).toBe(0);
    const afterFirst = await bytesOf(sandbox.goEnvFile);
    const second = await runBuiltCli(['unset', 'GOSUMDB', '--json'], sandbox.env);
    expect(JSON.parse(second.stdout)).toMatchObject({
      changed: [{ key: 'GOSUMDB', from: 'off\r', to: null }],
      snapshot: { id: '2' },
    });

    const undo1 = JSON.parse((await runBuiltCli(['undo', '--json'], sandbox.env)).stdout) as GoEnvUndoResult;
    expect(undo1).toMatchObject({ undone: { id: '2' }, snapshot: { id: '3' }, warnings: [] });
    expect(await bytesOf(sandbox.goEnvFile)).toEqual(afterFirst);
    const undo2 = JSON.parse((await runBuiltCli(['undo', '--json'], sandbox.env)).stdout) as GoEnvUndoResult;
    expect(undo2).toMatchObject({
      undone: { id: '1' },
      changed: [{ key: 'GOPROXY', from: 'https://goproxy.cn,direct', to: 'y' }],
    });
    expect(await bytesOf(sandbox.goEnvFile)).toEqual(original);
    const undo3 = await runBuiltCli(['undo'], sandbox.env);
    expect(undo3.code).toBe(0);
    expect(undo3.stdout).toBe('Nothing to undo.\n');
    expect(await bytesOf(sandbox.goEnvFile)).toEqual(original);

    const history = JSON.parse(
      (await runBuiltCli(['history', '--json'], sandbox.env)).stdout,
    ) as GoEnvHistory;
    // Each undo took its write's place: the history says what was undone, and holds the same bytes.
    expect(history.entries.map((e) => [e.id, e.kind, e.undoes, e.set, e.unset])).toEqual([
      ['4', 'undo', '1', ['GOPROXY=https://goproxy.cn,direct'], []],
      ['3', 'undo', '2', [], ['GOSUMDB']],
    ]);
  });

  it('undo of the change that created the file removes it again', async () => {
    const goenv = service();
    const result = await goenv.set(['GOPROXY=https://goproxy.cn,direct']);
    expect(result.snapshot).not.toBeNull();
    expect((await bytesOf(sandbox.goEnvFile))?.toString()).toBe('GOPROXY=https://goproxy.cn,direct\n');
    expect((await goenv.history()).entries[0]).toMatchObject({ fileExisted: false });
    await goenv.undo();
    expect(await bytesOf(sandbox.goEnvFile)).toBeNull();
  });

  it("undo after someone else's go env -w takes back only our variables and keeps theirs", async () => {
    const goenv = service();
    await goenv.set(['GOPROXY=direct']);
    await go(['env', '-w', 'GOSUMDB=off'], sandbox.env);
    const edited = await bytesOf(sandbox.goEnvFile);
    const undo = await goenv.undo();
    expect(undo.changed).toEqual([{ key: 'GOPROXY', from: 'direct', to: null }]);
    expect(undo.warnings).toEqual([
      `warning: ${sandbox.goEnvFile} was changed by something else after snapshot 1, so undo put back only what that change had set (GOPROXY) and kept the rest; the file as it was before this undo is in snapshot 2`,
    ]);
    expect((await bytesOf(sandbox.goEnvFile))?.toString()).toBe('GOSUMDB=off\n');
    const store = new GoEnvHistoryStore(createNodeHost({ env: sandbox.env }));
    const kept = (await store.entries()).find((e) => e.id === '2');
    expect(Buffer.from(kept!.before!, 'base64')).toEqual(edited);
  });

  it('undo leaves a variable alone that someone else changed again', async () => {
    await put(sandbox.goEnvFile, 'GOPROXY=https://goproxy.cn\n');
    const goenv = service();
    await goenv.set(['GOPROXY=direct', 'GOSUMDB=off']);
    await go(['env', '-w', 'GOPROXY=https://goproxy.io'], sandbox.env);
    const undo = await goenv.undo();
    expect(undo.changed).toEqual([{ key: 'GOSUMDB', from: 'off', to: null }]);
    expect(undo.warnings.at(-1)).toBe(
      'warning: GOPROXY was changed again after snapshot 1; undo left it as it is',
    );
    expect((await bytesOf(sandbox.goEnvFile))?.toString()).toBe('GOPROXY=https://goproxy.io\n');
  });

  it('keeps the last 50 snapshots', async () => {
    const goenv = service();
    for (let i = 1; i <= 53; i++) await goenv.set([`GOPRIVATE=example.com/m${i}`]);
    const { entries } = await goenv.history();
    expect(entries).toHaveLength(50);
    expect(entries[0]?.id).toBe('53');
    expect(entries.at(-1)?.id).toBe('4');
    for (let i = 0; i < 50; i++) expect((await goenv.undo()).undone?.id).toBe(String(53 - i));
    // The oldest three snapshots are gone, so undo stops after the state that write 4 replaced.
    expect((await bytesOf(sandbox.goEnvFile))?.toString()).toBe('GOPRIVATE=example.com/m3\n');
    expect((await goenv.undo()).undone).toBeNull();
    expect((await goenv.history()).entries).toHaveLength(50);
  });

  it('a dry run reports the change and writes nothing', async () => {
    await put(sandbox.goEnvFile, 'GOPROXY=direct');
    const run = await runBuiltCli(
      ['set', 'GOPROXY=https://goproxy.cn', 'GOSUMDB=off', '--dry-run', '--json'],
      sandbox.env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      envFile: sandbox.goEnvFile,
      changed: [
        { key: 'GOPROXY', from: 'direct', to: 'https://goproxy.cn' },
        { key: 'GOSUMDB', from: null, to: 'off' },
      ],
      warnings: [],
      overrides: [],
      snapshot: null,
    } satisfies GoEnvWriteResult);
    expect((await bytesOf(sandbox.goEnvFile))?.toString()).toBe('GOPROXY=direct');
    expect(await bytesOf(historyFile())).toBeNull();
  });

  it('writes nothing and takes no snapshot when the file already says that', async () => {
    await put(sandbox.goEnvFile, 'GOPROXY=direct\n');
    const run = await runBuiltCli(['set', 'GOPROXY=direct'], sandbox.env);
    expect(run.stdout).toBe(`Nothing to change: ${sandbox.goEnvFile} already says that.\n`);
    expect(await bytesOf(historyFile())).toBeNull();
  });

  it('writes through a symlinked env file and keeps the file mode', async () => {
    const real = path.join(sandbox.root, 'dotfiles', 'go-env');
    await put(real, 'GOPROXY=direct\n');
    await chmod(real, 0o600);
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await symlink(real, sandbox.goEnvFile);
    await service().set(['GOSUMDB=off']);
    expect((await lstat(sandbox.goEnvFile)).isSymbolicLink()).toBe(true);
    expect(await readlink(sandbox.goEnvFile)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe('GOPROXY=direct\nGOSUMDB=off\n');
    expect((await stat(real)).mode & 0o777).toBe(0o600);
  });
});

describe('another writer at the same moment', () => {
  /** A history whose snapshot step lets a real `go env -w` run, as if it raced us right then. */
  class RacingHistory extends GoEnvHistoryStore {
    races = 0;
    constructor(private readonly rivals: string[][]) {
      super(createNodeHost({ env: sandbox.env }));
    }
    override async record(entry: NewEntry) {
      const recorded = await super.record(entry);
      const rival = this.rivals[this.races++];
      if (rival) await go(['env', '-w', ...rival], sandbox.env);
      return recorded;
    }
  }

  it("starts over from the other writer's file, so both changes land", async () => {
    await put(sandbox.goEnvFile, 'GOPROXY=direct\n');
    const history = new RacingHistory([['GOSUMDB=off']]);
    const host = createNodeHost({ env: sandbox.env });
    const result = await writeGoEnv(host, history, { set: ['GOPRIVATE=*.corp.example'] });
    expect(history.races).toBe(2);
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe(
      'GOPRIVATE=*.corp.example\nGOPROXY=direct\nGOSUMDB=off\n',
    );
    const entries = await history.entries();
    expect(entries.map((e) => e.id)).toEqual([result.snapshot!.id]);
    expect(Buffer.from(entries[0]!.before!, 'base64').toString()).toBe('GOPROXY=direct\nGOSUMDB=off\n');
  });

  it('gives up with nothing written when the file keeps changing', async () => {
    await put(sandbox.goEnvFile, 'GOPROXY=direct\n');
    const history = new RacingHistory([['GOSUMDB=a'], ['GOSUMDB=b'], ['GOSUMDB=c']]);
    const attempt = writeGoEnv(createNodeHost({ env: sandbox.env }), history, { set: ['GOPRIVATE=x'] });
    await expect(attempt).rejects.toMatchObject({ code: 'internal', message: /kept changing/ });
    expect(await readFile(sandbox.goEnvFile, 'utf8')).toBe('GOPROXY=direct\nGOSUMDB=c\n');
    expect(await history.entries()).toEqual([]);
  });

  it('a snapshot taken back returns the oldest one the limit had pushed out', async () => {
    const goenv = service();
    for (let i = 1; i <= 50; i++) await goenv.set([`GOPRIVATE=example.com/m${i}`]);
    const history = new RacingHistory([['GOSUMDB=a'], ['GOSUMDB=b'], ['GOSUMDB=c']]);
    const attempt = writeGoEnv(createNodeHost({ env: sandbox.env }), history, { set: ['GOPRIVATE=x'] });
    await expect(attempt).rejects.toMatchObject({ code: 'internal' });
    const ids = (await history.entries()).map((e) => Number(e.id));
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('where an overriding OS variable is set', () => {
  it('names the startup files and lines under a temporary HOME', async () => {
    await put(
      path.join(sandbox.home, '.bashrc'),
      '# go\nalias ll="ls -l"\nexport GOPROXY=https://goproxy.io\n',
    );
    await put(
      path.join(sandbox.configHome, 'fish', 'conf.d', 'go.fish'),
      'if status is-interactive\n    set -gx GOPROXY https://goproxy.io\nend\n',
    );
    await put(path.join(sandbox.home, '.zshrc'), '# export GOPROXY=commented\n');
    const env = { ...sandbox.env, GOPROXY: 'https://goproxy.io' };
    const run = await runBuiltCli(['set', 'GOPROXY=https://goproxy.cn,direct'], env);
    expect(run.code).toBe(0);
    // This machine's own /etc is searched too; only what lies under the temporary HOME is asserted.
    const lines = run.stderr.split('\n').filter((l) => !l.startsWith('GOPROXY is set in /etc/'));
    expect(lines).toEqual([
      'warning: go env -w GOPROXY=... does not override conflicting OS environment variable',
      `GOPROXY is set in ${path.join(sandbox.home, '.bashrc')}:3: export GOPROXY=https://goproxy.io`,
      `GOPROXY is set in ${path.join(sandbox.configHome, 'fish', 'conf.d', 'go.fish')}:2: set -gx GOPROXY https://goproxy.io`,
      '',
    ]);

    const unset = await service(env).unset(['GOPROXY']);
    expect(unset.overrides).toEqual([
      {
        key: 'GOPROXY',
        osValue: 'https://goproxy.io',
        sources: expect.arrayContaining([
          { kind: 'file', location: path.join(sandbox.home, '.bashrc'), line: 3, text: expect.any(String) },
          expect.objectContaining({ kind: 'file', line: 2 }),
        ]),
      },
    ]);
    expect(unset.warnings[0]).toBe(
      'warning: GOPROXY=https://goproxy.io in the OS environment overrides the go env file',
    );
  });

  it('reads /etc/environment, environment.d, /etc/profile.d and ZDOTDIR the same way', async () => {
    const etc = path.join(sandbox.root, 'etc');
    await put(path.join(etc, 'environment'), 'PATH="/usr/bin"\nGOSUMDB=off\n');
    await put(path.join(etc, 'profile.d', 'golang.sh'), '\n\nexport GOSUMDB=off\n');
    await put(path.join(etc, 'profile.d', 'golang.csh'), 'setenv GOSUMDB off\n');
    await put(path.join(sandbox.configHome, 'environment.d', '50-go.conf'), 'GOSUMDB=off\r\n');
    const zdotdir = path.join(sandbox.root, 'zsh');
    await put(path.join(zdotdir, '.zshenv'), 'typeset -x GOSUMDB=off\n');
    const host = createNodeHost({ env: sandbox.env });
    const found = await searchStartupFiles(
      host,
      { home: sandbox.home, configHome: sandbox.configHome, zdotdir, etc },
      'GOSUMDB',
    );
    expect(found.map((s) => [path.relative(sandbox.root, s.location), s.line])).toEqual([
      ['etc/environment', 2],
      ['home/.config/environment.d/50-go.conf', 1],
      ['etc/profile.d/golang.sh', 3],
      ['zsh/.zshenv', 1],
    ]);
  });

  it('says nothing about the file when the OS value equals the one written, as go does', async () => {
    const result = await service({ ...sandbox.env, GOPROXY: 'direct' }).set(['GOPROXY=direct']);
    expect(result.warnings).toEqual([]);
    expect(result.overrides).toEqual([]);
  });
});
