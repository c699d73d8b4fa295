import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMakefile } from '../../electron/services/projects/makefile';

const brief = (text: string) =>
  parseMakefile(text, 'Makefile').settings.map((s) => [s.line, s.key, s.value, s.how, s.expands ?? false]);

describe('parseMakefile', () => {
  it('tells exported assignments from those that never reach go', () => {
    const text = [
      '# build settings',
      'export GOPROXY = https://goproxy.cn,direct   # mirror',
      'GOFLAGS := -mod=vendor',
      'GOSUMDB ?= off',
      'GOSUMDB = sum.golang.org',
      'GONOSUMDB ::= corp.example',
      'export GONOSUMDB',
      'override GOPRIVATE = *.corp.example',
      'GOPRIVATE = ignored.example',
      '',
      'build:',
      '\tgo build ./... # GOPROXY = not-a-setting',
    ].join('\n');
    expect(brief(text)).toEqual([
      [2, 'GOPROXY', 'https://goproxy.cn,direct   ', 'export', false],
      [3, 'GOFLAGS', '-mod=vendor', 'assignment (not exported)', false],
      [4, 'GOSUMDB', 'off', 'assignment (not exported)', false],
      [5, 'GOSUMDB', 'sum.golang.org', 'assignment (not exported)', false],
      [6, 'GONOSUMDB', 'corp.example', 'export', false],
      [8, 'GOPRIVATE', '*.corp.example', 'assignment (not exported)', false],
    ]);
    expect(parseMakefile(text, 'Makefile').settings[0]?.context).toBe('make');
  });

  it('skips ?= once the file has set the variable, appends with +=, and joins continuations', () => {
    const text = 'GOFLAGS = -mod=mod\nGOFLAGS ?= -x\nGOFLAGS += \\\n    -trimpath\nexport GOFLAGS';
    expect(brief(text)).toEqual([
      [1, 'GOFLAGS', '-mod=mod', 'export', false],
      [3, 'GOFLAGS', '-mod=mod -trimpath', 'export', false],
    ]);
  });

  it('exports everything after .EXPORT_ALL_VARIABLES: or a bare export, and reads define', () => {
    expect(brief('.EXPORT_ALL_VARIABLES:\nGOPROXY := $(MIRROR),direct')).toEqual([
      [2, 'GOPROXY', '$(MIRROR),direct', 'export', true],
    ]);
    expect(brief('export\nGOTOOLCHAIN = local\nunexport GOTOOLCHAIN')).toEqual([
      [2, 'GOTOOLCHAIN', 'local', 'assignment (not exported)', false],
    ]);
    expect(brief('export define GOPRIVATE\na.example\nendef')).toEqual([
      [1, 'GOPRIVATE', 'a.example', 'export', false],
    ]);
  });

  it('finds go env -w in recipes, also after continuations and with quotes', () => {
    const text = [
      'GO ?= go',
      'setup: ## configure go',
      '\t@$(GO) env -w GOPROXY=https://goproxy.cn,direct \\',
      '\t\tGOFLAGS="-mod=mod -trimpath"',
      '\tgo env -w GOPRIVATE=$$CORP && go mod download',
    ].join('\n');
    expect(brief(text)).toEqual([
      [3, 'GOPROXY', 'https://goproxy.cn,direct', 'recipe go env -w', false],
      [3, 'GOFLAGS', '-mod=mod -trimpath', 'recipe go env -w', false],
      [5, 'GOPRIVATE', '$$CORP', 'recipe go env -w', true],
    ]);
  });

  it('keeps \\# as a literal # and reports a line make cannot read', () => {
    const r = parseMakefile('GOPROXY = https://x.test/\\#frag\nthis is nonsense\n$(info ok)', 'Makefile');
    expect(r.settings[0]?.value).toBe('https://x.test/#frag');
    expect(r.problems.map((p) => p.line)).toEqual([2]);
  });

  it('never throws and stays fast on ~1 MB', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'GOPROXY =:?+!\\\t\n#$(){}export define endef'.split('')) }),
        (t) => {
          const r = parseMakefile(t, 'Makefile');
          expect(r.problems.length).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string(), (t) => void parseMakefile(t, 'Makefile')));
    for (const p of ['GOFLAGS += -x\n', 'x\\\n', 'a:\n\tgo env -w GOPROXY=x\n', 'define A\n', '$($($(']) {
      const t0 = Date.now();
      parseMakefile(p.repeat(1_000_000 / p.length), 'Makefile');
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  }, 60_000);
});
