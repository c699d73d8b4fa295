import { describe, expect, it } from 'vitest';
import { goFacts } from '../../shared/go/versions';
import { goBase, goIsAbs, goQuotedSplit } from '../../electron/services/goenv/gostd';
import { goHostOf } from '../../electron/services/goenv/validate';
import {
  applyGoEnvOps,
  revertChange,
  type GoEnvOp,
  type GoEnvWriteContext,
  type GoEnvWriteOutcome,
} from '../../electron/services/goenv/write';

// These cases are go 1.19's (tests/integration/goenv-write*.test.ts check every version against its binary).
const go119 = { facts: goFacts('go1.19.8'), gorootKeys: new Set<string>() };
const linux: GoEnvWriteContext = { osEnv: {}, goos: 'linux', goarch: 'amd64', ...go119 };
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('latin1'));
const set = (...assignments: string[]): GoEnvOp => ({ kind: 'set', assignments });
const unset = (...keys: string[]): GoEnvOp => ({ kind: 'unset', keys });

function ok(outcome: GoEnvWriteOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.error}`);
  return outcome;
}
function run(file: string | null, ops: GoEnvOp[], context = linux): string | null {
  return text(ok(applyGoEnvOps(file === null ? null : bytes(file), ops, context)).bytes);
}
function refusal(ops: GoEnvOp[], file: string | null = null, context = linux): string {
  const outcome = applyGoEnvOps(file === null ? null : bytes(file), ops, context);
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.error;
}

describe('applyGoEnvOps: the bytes go env -w / -u leave', () => {
  it('creates the file with one sorted line per key', () => {
    expect(run(null, [set('GOSUMDB=off', 'GOPROXY=https://goproxy.cn,direct')])).toBe(
      'GOPROXY=https://goproxy.cn,direct\nGOSUMDB=off\n',
    );
  });

  it('replaces a value in place and keeps comments, blank lines and unknown lines', () => {
    const file = '# my settings\nGOPROXY=a\n\nfoo bar\nGOSUMDB=off\n';
    expect(run(file, [set('GOPROXY=b')])).toBe('# my settings\nGOPROXY=b\n\nfoo bar\nGOSUMDB=off\n');
  });

  it('appends new keys to the last run of KEY=VALUE lines and sorts that run', () => {
    expect(run('GOSUMDB=off\nGOPROXY=a\n# end\nZZ=1\nAA=2\n', [set('GOPRIVATE=x')])).toBe(
      'GOPROXY=a\nGOSUMDB=off\n# end\nAA=2\nGOPRIVATE=x\nZZ=1\n',
    );
  });

  it('keeps only the last copy of a duplicated key; the blanked copy still ends a run', () => {
    // The first GOPROXY line is blanked, and that empty slot keeps GOSUMDB out of the run sorted after it.
    expect(run('GOSUMDB=off\nGOPROXY=old\nGOINSECURE=x\nGOPROXY=new\n', [unset('GOVCS')])).toBe(
      'GOSUMDB=off\nGOINSECURE=x\nGOPROXY=new\n',
    );
  });

  it('adds the missing final newline, and keeps CRLF lines it does not touch', () => {
    expect(run('# c\r\nGOSUMDB=off\r\nGOPROXY=a', [set('GOPROXY=b')])).toBe(
      '# c\r\nGOPROXY=b\nGOSUMDB=off\r\n',
    );
  });

  it('treats a "#" before the "=" as a comment and lower-case keys as keys', () => {
    expect(run('B#=1\ngoproxy=x\nGOPROXY=y\n', [set('GOPROXY=z')])).toBe('B#=1\nGOPROXY=z\ngoproxy=x\n');
  });

  it('unsets by blanking the line, and leaves a missing file missing', () => {
    expect(run('GOPROXY=a\nGOSUMDB=off\n', [unset('GOPROXY', 'GOFLAGS')])).toBe('GOSUMDB=off\n');
    expect(run(null, [unset('GOPROXY')])).toBeNull();
    expect(run('', [unset('GOPROXY')])).toBe('');
  });

  it('keeps bytes that are not UTF-8 exactly, and writes values as UTF-8', () => {
    const utf8 = Buffer.from('例子.cn').toString('latin1');
    expect(run('# \xff\xfe\nX=\xc3\nGOPROXY=a\n', [set('GOPRIVATE=例子.cn')])).toBe(
      `# \xff\xfe\nGOPRIVATE=${utf8}\nGOPROXY=a\nX=\xc3\n`,
    );
  });

  it('applies operations in order, like successive go invocations', () => {
    expect(run('GOPROXY=a\n', [set('GOSUMDB=off', 'GOPROXY=b'), unset('GOSUMDB')])).toBe('GOPROXY=b\n');
  });

  it('reports what go reads before and after, touched keys first, null for not set', () => {
    const outcome = ok(
      applyGoEnvOps(bytes('GOPROXY=a\nGOSUMDB=off\n'), [set('GOPROXY=b', 'GOPRIVATE=')], linux),
    );
    expect(outcome.changed).toEqual([
      { key: 'GOPROXY', from: 'a', to: 'b' },
      { key: 'GOPRIVATE', from: null, to: '' },
    ]);
    const same = ok(applyGoEnvOps(bytes('GOPROXY=a\n'), [set('GOPROXY=a')], linux));
    expect(same.changed).toEqual([]);
  });

  it("warns as go does when a non-empty, different OS value will win, in go's words", () => {
    const context = { ...linux, osEnv: { GOPROXY: 'https://goproxy.io', GOSUMDB: 'off', GOPRIVATE: '' } };
    const outcome = ok(applyGoEnvOps(null, [set('GOPROXY=x', 'GOSUMDB=off', 'GOPRIVATE=y')], context));
    expect(outcome.warnings).toEqual([
      'warning: go env -w GOPROXY=... does not override conflicting OS environment variable',
    ]);
    expect(outcome.overriddenOnSet).toEqual(['GOPROXY']);
  });
});

describe("applyGoEnvOps: go's refusals, verbatim", () => {
  it.each([
    [[set()], 'go: no KEY=VALUE arguments given'],
    [[unset()], "go: 'go env -u' requires an argument"],
    [[set('GOPROXY')], 'go: arguments must be KEY=VALUE: invalid argument: GOPROXY'],
    [[set('HTTP_PROXY=http://p:3128')], 'go: unknown go command variable HTTP_PROXY'],
    [[set('GONOSUMCHECK=1')], 'go: unknown go command variable GONOSUMCHECK'],
    [[set('goproxy=x')], 'go: unknown go command variable goproxy'],
    [[unset('GOPROXY=x')], 'go: unknown go command variable GOPROXY=x'],
    [[set('GOPROXY=a', 'GOPROXY=b')], 'go: multiple values for key: GOPROXY'],
    [[set('GOVERSION=go1.99')], 'go: GOVERSION cannot be modified'],
    [[unset('GOTOOLDIR')], 'go: GOTOOLDIR cannot be modified'],
    [[set('GOENV=/x')], 'go: GOENV can only be set using the OS environment'],
    [[set('GO111MODULE=yes')], 'go: invalid GO111MODULE value "yes"'],
    [[set('GO111MODULE=é\u00a0\x01')], 'go: invalid GO111MODULE value "é\\u00a0\\x01"'],
    [[set('GOPATH=~/go')], `go: GOPATH entry cannot start with shell metacharacter '~': "~/go"`],
    [[set('GOPATH=go')], 'go: GOPATH entry is relative; must be absolute path: "go"'],
    [[set('GOPATH=rel\npath')], 'go: GOPATH entry is relative; must be absolute path: "rel\\npath"'],
    [[set('GOMODCACHE=./mod')], 'go: GOMODCACHE entry is relative; must be absolute path: "./mod"'],
    [[set("CC='gcc")], "go: invalid CC: unterminated ' string"],
    [[set('CXX=   ')], 'go: CXX entry cannot contain only space'],
    [[set('CC=bin/gcc -O2')], 'go: CC entry is relative; must be absolute path: "bin/gcc"'],
    [[set("CXX=''")], 'go: CXX entry is relative; must be absolute path: ""'],
    [[set('GOPROXY=a\nb')], 'go: invalid newline in GOPROXY=... value'],
    [[set('GOPROXY=a\rb')], 'go: invalid newline in GOPROXY=... value'],
    [[set('GOPROXY=a\vb')], 'go: invalid newline in GOPROXY=... value'],
    [[set('GOPROXY=a\0b')], 'go: invalid NUL in GOPROXY=... value'],
    [[set('GOPROXY=a\ud800')], 'go: invalid UTF-8 in GOPROXY=... value'],
    [[set('GOOS=bogus')], 'go: unsupported GOOS/GOARCH pair bogus/amd64'],
    [[set('GOOS=')], 'go: unsupported GOOS/GOARCH pair /amd64'],
    [[set('GOEXPERIMENT=fieldtrack,bogus')], 'go: unknown GOEXPERIMENT bogus'],
    [[set('GOEXPERIMENT=no')], 'go: unknown GOEXPERIMENT '],
    [[set('GOTMPDIR=tmp')], 'go: GOTMPDIR must be an absolute path'],
    [[set('GOSUMDB=off'), set('GOPATH=x')], 'go: GOPATH entry is relative; must be absolute path: "x"'],
  ])('%j → %s', (ops, message) => {
    expect(refusal(ops)).toBe(message);
  });

  it('accepts what go accepts', () => {
    for (const arg of [
      'GOPATH=/a:relative',
      'GOPATH=',
      'CC=gcc',
      'CC="/opt/my cc/gcc" -m64',
      'GO111MODULE=',
      'GOEXPERIMENT=none',
      'GOEXPERIMENT=regabi,nofieldtrack',
      'GOTMPDIR=',
      'GOPROXY=https://x y;z',
      'GOROOT=/usr/lib/go',
    ]) {
      expect(applyGoEnvOps(null, [set(arg)], linux), arg).toMatchObject({ ok: true });
    }
  });

  it('checks GOOS/GOARCH against the file, the OS environment and the default', () => {
    // The file says windows: setting GOARCH=wasm makes windows/wasm.
    expect(refusal([set('GOARCH=wasm')], 'GOOS=windows\n')).toBe(
      'go: unsupported GOOS/GOARCH pair windows/wasm',
    );
    // The OS environment wins over the file.
    const jsOs = { ...linux, osEnv: { GOOS: 'js' } };
    expect(run('GOOS=windows\n', [set('GOARCH=wasm')], jsOs)).toBe('GOARCH=wasm\nGOOS=windows\n');
    // Unsetting falls back to the OS value, then to go's own GOOS.
    expect(refusal([unset('GOOS')], 'GOOS=js\nGOARCH=wasm\n')).toBe(
      'go: unsupported GOOS/GOARCH pair linux/wasm',
    );
    // Only a change to GOOS or GOARCH is checked: an odd pair already in the file does not block others.
    expect(run('GOOS=bogus\n', [set('GOPROXY=x')])).toBe('GOOS=bogus\nGOPROXY=x\n');
  });

  it('knows which architectures have the register ABI', () => {
    expect(refusal([set('GOEXPERIMENT=noregabiwrappers')], null, { ...linux, goarch: 'riscv64' })).toBe(
      'go: GOEXPERIMENT regabiargs requires regabiwrappers',
    );
    expect(run(null, [set('GOEXPERIMENT=noregabiwrappers')])).toBe('GOEXPERIMENT=noregabiwrappers\n');
  });

  it('judges paths as go does on Windows', () => {
    const windows: GoEnvWriteContext = { osEnv: {}, goos: 'windows', goarch: 'amd64', ...go119 };
    expect(run(null, [set('GOPATH=C:\\Users\\me\\go')], windows)).toBe('GOPATH=C:\\Users\\me\\go\n');
    expect(run(null, [set('GOMODCACHE=\\\\server\\share\\mod')], windows)).toBe(
      'GOMODCACHE=\\\\server\\share\\mod\n',
    );
    expect(refusal([set('GOPATH=\\go')], null, windows)).toBe(
      'go: GOPATH entry is relative; must be absolute path: "\\\\go"',
    );
    expect(refusal([set('CC=bin\\gcc.exe')], null, windows)).toBe(
      'go: CC entry is relative; must be absolute path: "bin\\\\gcc.exe"',
    );
    expect(run(null, [set('CC=gcc.exe')], windows)).toBe('CC=gcc.exe\n');
  });
});

describe('ports of Go library functions', () => {
  it('goIsAbs and goBase follow the GOOS', () => {
    expect(goIsAbs('posix', '/x')).toBe(true);
    expect(goIsAbs('posix', 'C:\\x')).toBe(false);
    expect(goIsAbs('windows', 'C:\\x')).toBe(true);
    expect(goIsAbs('windows', 'C:x')).toBe(false);
    expect(goIsAbs('windows', '/x')).toBe(false);
    expect(goIsAbs('windows', 'nul')).toBe(true);
    expect(goIsAbs('windows', '\\\\host\\share')).toBe(true);
    expect(goBase('posix', 'a/b/')).toBe('b');
    expect(goBase('posix', '')).toBe('.');
    expect(goBase('windows', 'C:\\a\\b.exe')).toBe('b.exe');
    expect(goBase('windows', 'a/b')).toBe('b');
  });

  it('goQuotedSplit is cmd/internal/quoted.Split', () => {
    expect(goQuotedSplit(` a "b c" 'd'e  `)).toEqual({ ok: true, fields: ['a', 'b c', 'd', 'e'] });
    expect(goQuotedSplit('"x')).toEqual({ ok: false, error: 'unterminated " string' });
  });

  it('goHostOf names platforms and CPUs as Go does', () => {
    expect(goHostOf('win32', 'x64')).toEqual({ goos: 'windows', goarch: 'amd64' });
    expect(goHostOf('darwin', 'arm64')).toEqual({ goos: 'darwin', goarch: 'arm64' });
    expect(goHostOf('linux', 'ia32')).toEqual({ goos: 'linux', goarch: '386' });
  });
});

describe('revertChange: undo when the file was changed since', () => {
  const revert = (current: string | null, before: string | null, after: string | null, keys: string[]) => {
    const b = (t: string | null) => (t === null ? null : bytes(t));
    const result = revertChange(b(current), { before: b(before), after: b(after), keys });
    return { ...result, bytes: text(result.bytes) };
  };

  it("restores our variables' raw old values (CR included) in go's layout and keeps the rest", () => {
    expect(revert('GOSUMDB=off\nGOPROXY=direct\n', 'GOPROXY=a\r\n', 'GOPROXY=direct\n', ['GOPROXY'])).toEqual(
      {
        bytes: 'GOPROXY=a\r\nGOSUMDB=off\n',
        reverted: ['GOPROXY'],
        conflicts: [],
      },
    );
  });

  it('removes what the change added, and leaves alone what was changed again', () => {
    expect(
      revert('GOPROXY=theirs\nGOSUMDB=off\nX=1\n', null, 'GOPROXY=ours\nGOSUMDB=off\n', [
        'GOPROXY',
        'GOSUMDB',
      ]),
    ).toEqual({ bytes: 'GOPROXY=theirs\nX=1\n', reverted: ['GOSUMDB'], conflicts: ['GOPROXY'] });
  });

  it('leaves a deleted file deleted', () => {
    expect(revert(null, null, 'GOPROXY=ours\n', ['GOPROXY'])).toEqual({
      bytes: null,
      reverted: [],
      conflicts: ['GOPROXY'],
    });
  });
});
