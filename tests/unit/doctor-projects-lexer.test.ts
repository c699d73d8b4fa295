import { describe, expect, it } from 'vitest';
import { parseGoMod, parseGoWork, type GoModFacts } from '../../electron/services/doctor/projects';
import { privatePaths } from '../../electron/services/doctor/rules-integrity';

/**
 * The go.mod/go.work reader behind the doctor (issue 15): one Unicode space made its lexer loop
 * until the process died. The messages are x/mod's own (tests/integration/modfile-differential
 * compares them with the real modfile on thousands of files).
 */

const FILE = '/p/go.mod';

const manyRequires = (n: number) =>
  [
    'module git.corp.example/app',
    '',
    'require (',
    ...Array.from({ length: n }, (_, i) => `\tgit.corp.example/lib${i} v1.0.${i} // indirect`),
    ')',
    '',
  ].join('\n');

describe('the go.mod lexer', () => {
  it("NBSP in a require line: x/mod's error, no hang", () => {
    const parsed = parseGoMod(
      FILE,
      'module example.com/a\n\nrequire example.com/b\u00a0v1.2.3\nrequire example.com/c v1.0.0\n',
    );
    expect(parsed.problems).toEqual([`${FILE}:3:22: unexpected input character '\\u00a0'`]);
    // The broken line is dropped; the others are still read.
    expect(parsed.module?.path).toBe('example.com/a');
    expect(parsed.requires).toMatchObject([{ path: 'example.com/c', version: 'v1.0.0', line: 4 }]);
  });

  it.each([
    ['U+3000 (ideographic space)', '\u3000', "'\\u3000'"],
    ['U+2028 (line separator)', '\u2028', "'\\u2028'"],
    ['\\v', '\v', "'\\v'"],
    ['\\f', '\f', "'\\f'"],
    ['a BOM not at the start', '\ufeff', "'\\ufeff'"],
    ['U+0085 (next line)', '\u0085', "'\\u0085'"],
  ])('%s between words is x/mod\'s "unexpected input character"', (_, space, shown) => {
    const parsed = parseGoMod(FILE, `module example.com/a\nrequire${space}example.com/b v1.2.3\n`);
    expect(parsed.problems).toEqual([`${FILE}:2:8: unexpected input character ${shown}`]);
  });

  it('rejects a BOM at the start as go does (modfile does not skip it)', () => {
    expect(parseGoMod(FILE, '\ufeffmodule example.com/a\n').problems).toEqual([
      `${FILE}:1: unexpected input character '\\ufeff'`,
    ]);
  });

  it('reads Unicode spaces inside comments and strings, and one in an indirect comment', () => {
    const parsed = parseGoMod(
      FILE,
      'module "example.com/a\u00a0b" // \u3000 note\nrequire example.com/b v1.2 // indirect\u00a0\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.module?.path).toBe('example.com/a\u00a0b');
    expect(parsed.requires).toMatchObject([{ path: 'example.com/b', version: 'v1.2.0', indirect: true }]);
  });

  it('reads a go.work with a U+3000 as x/mod does, without hanging', () => {
    const work = parseGoWork('/w/go.work', 'go 1.19\nuse\u3000./a\n');
    expect(work.problems).toEqual(["/w/go.work:2:4: unexpected input character '\\u3000'"]);
    expect(work.uses).toEqual([]);
  });

  // How the time grows with the file is measured by the bench (bench/scale.ts), not here.
  it('reads 100k requires', { timeout: 60_000 }, () => {
    const large = manyRequires(100_000);
    const parsed = parseGoMod(FILE, large);
    expect(parsed.problems).toEqual([]);
    expect(parsed.requires).toHaveLength(100_000);
    expect(parsed.requires[99_999]).toMatchObject({ version: 'v1.0.99999', indirect: true, line: 100_003 });
  });

  it("100k private requires: the leak rules' privatePaths finds every one", { timeout: 60_000 }, () => {
    const facts = (n: number) => {
      const module: GoModFacts = {
        ...parseGoMod(FILE, manyRequires(n)),
        dir: '/p',
        usedBy: null,
        remotes: [
          {
            name: 'origin',
            url: 'git@git.corp.example:app.git',
            host: 'git.corp.example',
            credentials: false,
          },
        ],
      };
      return { dirs: ['/p'], toolchainFiles: [], modules: [module], workspaces: [], notes: [] };
    };
    expect(privatePaths(facts(100_000)).paths).toHaveLength(100_001);
  });

  it('escapes control characters from the file in problems, as %q would', () => {
    const parsed = parseGoMod(
      FILE,
      [
        'module example.com/a',
        '"evil\x1b[2J\b" x',
        'require "example.com/\x00nul" v1',
        'replace "example.com/c\x07/v2" v1.0.0 => ./c',
        'go 1.\x1b',
        'junk\x1b',
      ].join('\n'),
    );
    expect(parsed.problems).toEqual([`${FILE}:5:6: unexpected input character '\\x1b'`]);
    const rules = parseGoMod(
      FILE,
      ['"evil\x1b[2J\b" x', 'replace "example.com/c\x07/v2" v1.0.0 => ./c', 'exclude "a\x7f" x', ''].join(
        '\n',
      ),
    );
    expect(rules.problems).toEqual([
      `${FILE}:1: unknown directive: "evil\\x1b[2J\\b"`,
      `${FILE}:2: replace example.com/c\\a/v2: version "v1.0.0" invalid: should be v2, not v1`,
      `${FILE}:3: exclude a\\x7f: version "x" invalid: must be of the form v1.2.3`,
    ]);
    for (const p of [...parsed.problems, ...rules.problems]) {
      // eslint-disable-next-line no-control-regex
      expect(p).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
  });
});

describe('the statements go 1.21+ writes (x/mod as vendored in go 1.27)', () => {
  it('a go.mod as go 1.25 writes it has no problems', () => {
    const parsed = parseGoMod(
      FILE,
      [
        'module example.com/app',
        '',
        'go 1.25.0',
        '',
        'toolchain go1.25.1',
        '',
        'godebug (',
        '\tdefault=go1.21',
        '\tpanicnil=1',
        ')',
        '',
        'tool golang.org/x/tools/cmd/stringer',
        '',
        'require golang.org/x/tools v0.30.0 // indirect',
        '',
      ].join('\n'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.module?.path).toBe('example.com/app');
    expect(parsed.requires).toMatchObject([
      { path: 'golang.org/x/tools', version: 'v0.30.0', indirect: true },
    ]);
  });

  it('a go.work with toolchain and godebug has no problems', () => {
    const work = parseGoWork(
      '/w/go.work',
      'go 1.23rc1\ntoolchain default\ngodebug asynctimerchan=1\nuse (\n\t.\n\t./b\n)\n',
    );
    expect(work.problems).toEqual([]);
    expect(work.uses.map((u) => u.dir)).toEqual(['.', './b']);
  });

  it("reports what x/mod rejects in them, with x/mod's messages", () => {
    const parsed = parseGoMod(
      FILE,
      [
        'module example.com/app',
        'go 1.21.x',
        'toolchain go1.21.0',
        'toolchain go1.22.0',
        'toolchain 1.21.0',
        'godebug panicnil',
        'tool a b',
        'ignore ./a ./b',
        'replace example.com/b => .',
        'replace example.com/c => c',
        '',
      ].join('\n'),
    );
    expect(parsed.problems).toEqual([
      `${FILE}:2: invalid go version '1.21.x': must match format 1.23.0`,
      `${FILE}:4: repeated toolchain statement`,
      `${FILE}:5: repeated toolchain statement`,
      `${FILE}:6: usage: godebug key=value`,
      `${FILE}:7: tool directive expects exactly one argument`,
      `${FILE}:8: ignore directive expects exactly one argument`,
      `${FILE}:10: replacement module without version must be directory path (rooted or starting with . or ..)`,
    ]);
    expect(parsed.replaces).toMatchObject([{ to: { path: '.' }, local: true }]);
    expect(parseGoWork('/w/go.work', 'go 1.21\ntool x\n').problems).toEqual([
      '/w/go.work:2: unknown directive: tool',
    ]);
  });
});
