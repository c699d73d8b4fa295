import { describe, expect, it } from 'vitest';
import { syntaxRules } from '../../electron/services/doctor/rules-syntax';
import type { Facts, GoFacts, Hit, Rule } from '../../electron/services/doctor/types';
import { LANGUAGES } from '../../shared/i18n';
import { facts, goFacts, type GoFactsOptions } from '../fixtures/doctor-facts';

function rule(id: string): Rule {
  const found = syntaxRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Facts of a clean machine changed by `options`, then by `edit` for what goFacts() cannot express. */
function machine(options: GoFactsOptions, edit: (go: GoFacts) => void = () => {}): Facts {
  const go = goFacts(options);
  edit(go);
  return facts({ go });
}

const hits = (id: string, f: Facts): Hit[] => rule(id).check(f);

/** The single hit of a rule, with the severity it will be shown with. */
function only(id: string, f: Facts): Hit & { shownSeverity: string } {
  const result = hits(id, f);
  expect(result).toHaveLength(1);
  return { ...result[0]!, shownSeverity: result[0]!.severity ?? rule(id).severity };
}

const goenv = (set: string[], unset?: string[]) => ({ kind: 'goenv', set, ...(unset ? { unset } : {}) });

const WINDOWS_GO = { path: 'C:\\Program Files\\Go\\bin\\go.exe', version: 'go1.19.8' };

/** At least one firing case per rule: the rendering test below goes through all of them. */
const FIRING: Record<string, Facts> = {
  'go-missing': machine({ goVersion: null }),
  'go-env-failed': machine({}, (go) => {
    go.report.goError = 'go: GOPATH entry is relative; must be absolute path: "gopath".';
  }),
  'go-too-old': machine({ goVersion: 'go1.12.17' }),
  'env-file-unreadable': machine({}, (go) => {
    go.report.envFileError =
      '/home/dev/.config/go/env is a named pipe (FIFO), not a regular file; GoProxy Desk only reads regular files.';
  }),
  'goproxy-invalid': machine({ vars: { GOPROXY: 'https://u:secret@goproxy.cn,ftp://x' } }),
  'goproxy-semicolon': machine({ vars: { GOPROXY: 'https://goproxy.cn;direct' } }),
  'goproxy-off': machine({ vars: { GOPROXY: 'off' }, sources: { GOPROXY: 'os-env' } }),
  'goproxy-unused-entries': machine({ vars: { GOPROXY: 'https://goproxy.cn,direct,https://goproxy.io' } }),
  'goproxy-duplicate': machine({
    vars: { GOPROXY: 'goproxy.cn|https://goproxy.io,https://goproxy.cn/,direct' },
  }),
  'gosumdb-invalid': machine({ vars: { GOSUMDB: 'sum.golang.org https://a https://b' } }),
  'gosumdb-missing-key': machine({ vars: { GOSUMDB: 'https://goproxy.cn/sumdb/sum.golang.org' } }),
  'govcs-invalid': machine({ vars: { GOVCS: 'private:git,private:hg' } }),
  'goflags-invalid': machine({ vars: { GOFLAGS: 'mod=mod' } }),
  'goflags-insecure': machine({ vars: { GOFLAGS: '-mod=mod -insecure' } }),
  'quoted-value': machine({ vars: { GOPROXY: '"https://goproxy.cn,direct"' } }),
  'pattern-problems': machine({ vars: { GOPRIVATE: 'git.corp.example, github.com/corp' } }),
  'gonoproxy-without-gonosumdb': machine({ vars: { GONOPROXY: 'git.corp.example' } }),
  'unknown-go-variables': machine({ osGoVars: { GONOSUMCHECK: '1' } }),
  'os-env-overrides-file': machine(
    {
      vars: { GOPROXY: 'https://proxy.golang.org,direct' },
      sources: { GOPROXY: 'os-env' },
      overrides: [
        {
          key: 'GOPROXY',
          osValue: 'https://proxy.golang.org,direct',
          sources: [
            {
              kind: 'file',
              location: '/home/dev/.bashrc',
              line: 12,
              text: 'export GOPROXY=https://proxy.golang.org,direct',
            },
          ],
        },
      ],
    },
    (go) => {
      go.report.vars.GOPROXY!.fileValue = 'https://goproxy.cn,direct';
    },
  ),
  'envfile-crlf': machine({
    vars: { GOPRIVATE: 'corp.example\r' },
    envFileText: 'GOPROXY=https://goproxy.cn,direct\r\nGOPRIVATE=corp.example\r\n',
  }),
};

describe('the syntax rules as a set', () => {
  it('have unique kebab-case ids, all in the syntax family', () => {
    const ids = syntaxRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of syntaxRules) {
      expect(r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(r.family).toBe('syntax');
    }
  });

  it('say nothing about a clean machine', () => {
    for (const r of syntaxRules) expect(r.check(facts()), r.id).toEqual([]);
  });

  it('each have a firing case here', () => {
    expect(Object.keys(FIRING).sort()).toEqual(syntaxRules.map((r) => r.id).sort());
  });

  it('have English and Chinese texts whose placeholders every hit fills', () => {
    for (const r of syntaxRules) {
      const found = r.check(FIRING[r.id]!);
      expect(found.length, r.id).toBeGreaterThan(0);
      for (const language of LANGUAGES) {
        for (const part of ['title', 'detail', 'remedy'] as const) {
          const template = r.text[language][part];
          expect(template.trim(), `${r.id} ${language} ${part}`).not.toBe('');
          for (const hit of found) {
            const rendered = template.replace(
              /\{\{(\w+)\}\}/g,
              (whole, name: string) => hit.params?.[name] ?? whole,
            );
            expect(rendered, `${r.id} ${language} ${part}`).not.toContain('{{');
          }
        }
      }
      for (const hit of found) {
        expect(hit.evidence.length, r.id).toBeGreaterThan(0);
        if (hit.fix) {
          expect(hit.fix.summary.en, r.id).not.toBe('');
          expect(hit.fix.summary['zh-CN'], r.id).not.toBe('');
        }
      }
    }
  });

  it('never show a password, in any rule', () => {
    const secret = machine({
      vars: {
        GOPROXY: 'https://u:hunter2@goproxy.cn;https://v:hunter2@goproxy.io,direct,https://w:hunter2@x',
      },
      osGoVars: { GOPROXY_URL: 'https://u:hunter2@mirror.corp' },
      envFileText: 'GOPROXY=https://u:hunter2@goproxy.cn\r\nexport GOPROXY=https://u:hunter2@goproxy.cn\n',
      overrides: [
        {
          key: 'GOPROXY',
          osValue: 'https://u:hunter2@goproxy.cn',
          sources: [
            { kind: 'file', location: '/home/dev/.profile', line: 1, text: 'GOPROXY=https://u:hunter2@y' },
          ],
        },
      ],
    });
    const shown = syntaxRules.flatMap((r) =>
      r.check(secret).flatMap((h) => [...h.evidence, ...Object.values(h.params ?? {})]),
    );
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.join('\n')).not.toContain('hunter2');
    expect(shown.join('\n')).toContain('u:xxxxx@goproxy.cn');
  });
});

describe('go-missing', () => {
  it('is an error when go is not on PATH', () => {
    const hit = only('go-missing', FIRING['go-missing']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual(['go: not found on PATH']);
    expect(hit.fix).toBeUndefined();
  });

  it('says nothing when go is there, even if go env fails (go-env-failed does)', () => {
    expect(hits('go-missing', FIRING['go-env-failed']!)).toEqual([]);
  });
});

describe('go-env-failed', () => {
  it("reports go env's own message", () => {
    const hit = only('go-env-failed', FIRING['go-env-failed']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'go: /usr/lib/go/bin/go (go1.19.8)',
      'go env -json: go: GOPATH entry is relative; must be absolute path: "gopath".',
    ]);
  });

  it('says nothing when go is missing (go-missing does)', () => {
    const f = machine({ goVersion: null }, (go) => {
      go.report.goError = 'x';
    });
    expect(hits('go-env-failed', f)).toEqual([]);
  });
});

describe('go-too-old', () => {
  it('is an error before go 1.13 when GOPROXY is a list (one broken URL to that go)', () => {
    const hit = only('go-too-old', FIRING['go-too-old']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'go: /usr/lib/go/bin/go (go1.12.17)',
      'not known to go1.12.17: GOPRIVATE, GONOPROXY, GONOSUMDB, GOSUMDB (go 1.13)',
      'not known to go1.12.17: GOPROXY lists, direct, off (go 1.13)',
      'not known to go1.12.17: go env -w and the env file (go 1.13)',
    ]);
  });

  it('is a warning before go 1.13 with a single proxy URL', () => {
    const hit = only(
      'go-too-old',
      machine({ goVersion: 'go1.12.17', vars: { GOPROXY: 'https://goproxy.cn' } }),
    );
    expect(hit.shownSeverity).toBe('warning');
  });

  it('names a setting the version does not know: "|" before 1.15 breaks GOPROXY', () => {
    const f = machine({
      goVersion: 'go1.14.15',
      vars: { GOPROXY: 'https://goproxy.cn|https://goproxy.io,direct', GOVCS: 'public:git' },
    });
    const hit = only('go-too-old', f);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'go: /usr/lib/go/bin/go (go1.14.15)',
      'not known to go1.14.15: "|" in GOPROXY (go 1.15)',
      'not known to go1.14.15: GOVCS (go 1.16)',
    ]);
  });

  it('is a warning for an ignored GOINSECURE', () => {
    const hit = only(
      'go-too-old',
      machine({ goVersion: 'go1.13.15', vars: { GOINSECURE: 'git.corp.example' } }),
    );
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.params).toEqual({ version: 'go1.13.15', features: 'GOINSECURE (go 1.14)' });
  });

  it('says nothing from go 1.13 on when no newer setting is used, or when the version is unknown', () => {
    expect(hits('go-too-old', machine({ goVersion: 'go1.13.15' }))).toEqual([]);
    expect(hits('go-too-old', machine({ goVersion: 'go1.22.1' }))).toEqual([]);
    expect(hits('go-too-old', machine({ goVersion: 'devel +abc' }))).toEqual([]);
    expect(hits('go-too-old', machine({ goVersion: null }))).toEqual([]);
  });
});

describe('goproxy-invalid', () => {
  it("gives go's message, with the password masked as go masks it", () => {
    const hit = only('goproxy-invalid', FIRING['goproxy-invalid']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOPROXY=https://u:xxxxx@goproxy.cn,ftp://x (env-file)',
      'go: invalid proxy URL scheme (must be https, http, file): ftp://x',
    ]);
    expect(hit.fix).toBeUndefined();
  });

  it('finds a missing scheme and a list without entries', () => {
    expect(only('goproxy-invalid', machine({ vars: { GOPROXY: 'foo' } })).evidence).toEqual([
      'GOPROXY=foo (env-file)',
      'go: invalid proxy URL missing scheme: foo',
    ]);
    expect(only('goproxy-invalid', machine({ vars: { GOPROXY: ' , ' } })).evidence).toEqual([
      'GOPROXY= ,  (env-file)',
      'go: GOPROXY list is not the empty string, but contains no entries',
    ]);
  });

  it('reads the list as go on Windows does when go is a Windows go', () => {
    const f = machine({ vars: { GOPROXY: 'C:\\mirror,direct' } }, (go) => {
      go.report.go = WINDOWS_GO;
    });
    expect(only('goproxy-invalid', f).evidence[1]).toBe(
      'go: invalid proxy URL scheme (must be https, http, file): c:\\mirror',
    );
  });

  it('accepts bare hosts and ignores what follows direct, as go does', () => {
    expect(hits('goproxy-invalid', machine({ vars: { GOPROXY: 'goproxy.cn,direct' } }))).toEqual([]);
    expect(
      hits('goproxy-invalid', machine({ vars: { GOPROXY: 'https://goproxy.cn,direct,ftp://x' } })),
    ).toEqual([]);
  });
});

describe('goproxy-semicolon', () => {
  it('offers the same list with ","', () => {
    const hit = only('goproxy-semicolon', FIRING['goproxy-semicolon']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOPROXY=https://goproxy.cn;direct (env-file)',
      'one entry to go: https://goproxy.cn;direct',
    ]);
    expect(hit.fix?.id).toBe('goproxy-semicolon');
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=https://goproxy.cn,direct']));
  });

  it('keeps the other separators', () => {
    const hit = only('goproxy-semicolon', machine({ vars: { GOPROXY: 'goproxy.cn;goproxy.io|direct' } }));
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=goproxy.cn,goproxy.io|direct']));
  });

  it('offers no fix for an OS variable, which the env file cannot change', () => {
    const hit = only(
      'goproxy-semicolon',
      machine({ vars: { GOPROXY: 'https://goproxy.cn;direct' }, sources: { GOPROXY: 'os-env' } }),
    );
    expect(hit.evidence[0]).toBe('GOPROXY=https://goproxy.cn;direct (os-env)');
    expect(hit.fix).toBeUndefined();
  });

  it('leaves a ";" inside a URL alone', () => {
    expect(
      hits('goproxy-semicolon', machine({ vars: { GOPROXY: 'https://mirror.corp/go;v=1,direct' } })),
    ).toEqual([]);
  });
});

describe('goproxy-off', () => {
  it('is an error when the list starts with off', () => {
    const hit = only('goproxy-off', FIRING['goproxy-off']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual(['GOPROXY=off (os-env)']);
    expect(only('goproxy-off', machine({ vars: { GOPROXY: ' , off' } })).evidence).toEqual([
      'GOPROXY= , off (env-file)',
    ]);
  });

  it('says nothing about off as the last resort after a mirror', () => {
    expect(hits('goproxy-off', machine({ vars: { GOPROXY: 'https://goproxy.cn,off' } }))).toEqual([]);
  });
});

describe('goproxy-unused-entries', () => {
  it('drops what follows direct', () => {
    const hit = only('goproxy-unused-entries', FIRING['goproxy-unused-entries']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual([
      'GOPROXY=https://goproxy.cn,direct,https://goproxy.io (env-file)',
      'never used (after direct): https://goproxy.io',
    ]);
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=https://goproxy.cn,direct']));
  });

  it('finds off in the middle', () => {
    const hit = only(
      'goproxy-unused-entries',
      machine({ vars: { GOPROXY: 'https://goproxy.cn|off|direct' } }),
    );
    expect(hit.params?.terminator).toBe('off');
    expect(hit.evidence[1]).toBe('never used (after off): direct');
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=https://goproxy.cn|off']));
  });

  it('does not count empty entries', () => {
    expect(
      hits('goproxy-unused-entries', machine({ vars: { GOPROXY: 'https://goproxy.cn,direct,' } })),
    ).toEqual([]);
  });
});

describe('goproxy-duplicate', () => {
  it('dedupes keeping the first, whatever the spelling of the same mirror', () => {
    const hit = only('goproxy-duplicate', FIRING['goproxy-duplicate']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual([
      'GOPROXY=goproxy.cn|https://goproxy.io,https://goproxy.cn/,direct (env-file)',
      'entry 3 repeats entry 1: https://goproxy.cn/',
    ]);
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=goproxy.cn|https://goproxy.io,direct']));
  });

  it('removes a repeat at the end with the separator before it', () => {
    const hit = only(
      'goproxy-duplicate',
      machine({ vars: { GOPROXY: 'https://goproxy.cn,https://goproxy.cn' } }),
    );
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=https://goproxy.cn']));
  });

  it('leaves repeats after direct to goproxy-unused-entries', () => {
    const f = machine({ vars: { GOPROXY: 'https://goproxy.cn,direct,https://goproxy.cn' } });
    expect(hits('goproxy-duplicate', f)).toEqual([]);
    expect(
      hits('goproxy-duplicate', machine({ vars: { GOPROXY: 'https://goproxy.cn,https://goproxy.io' } })),
    ).toEqual([]);
  });
});

describe('gosumdb-invalid', () => {
  it("gives go's message", () => {
    const hit = only('gosumdb-invalid', FIRING['gosumdb-invalid']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOSUMDB=sum.golang.org https://a https://b (env-file)',
      'go: invalid GOSUMDB: too many fields',
    ]);
  });

  it('accepts what go accepts, and leaves a missing key to gosumdb-missing-key', () => {
    for (const GOSUMDB of [
      'off',
      'sum.golang.google.cn',
      'sum.golang.org https://goproxy.cn/sumdb/sum.golang.org',
      'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
      'sum.corp.example',
    ])
      expect(hits('gosumdb-invalid', machine({ vars: { GOSUMDB } })), GOSUMDB).toEqual([]);
  });
});

describe('gosumdb-missing-key', () => {
  it('turns a mirror URL into sum.golang.org through that mirror', () => {
    const hit = only('gosumdb-missing-key', FIRING['gosumdb-missing-key']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOSUMDB=https://goproxy.cn/sumdb/sum.golang.org (env-file)',
      'go: invalid GOSUMDB: malformed verifier id',
    ]);
    expect(hit.fix?.action).toEqual(
      goenv(['GOSUMDB=sum.golang.org https://goproxy.cn/sumdb/sum.golang.org']),
    );
    const cn = only('gosumdb-missing-key', machine({ vars: { GOSUMDB: 'https://sum.golang.google.cn/' } }));
    expect(cn.fix?.action).toEqual(goenv(['GOSUMDB=sum.golang.google.cn']));
  });

  it('offers no fix for a database of its own, whose key only its owner knows', () => {
    const hit = only(
      'gosumdb-missing-key',
      machine({ vars: { GOSUMDB: 'sum.corp.example https://sum.corp.example' } }),
    );
    expect(hit.params?.name).toBe('sum.corp.example');
    expect(hit.fix).toBeUndefined();
  });

  it('says nothing with a key', () => {
    const f = machine({
      vars: { GOSUMDB: 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8' },
    });
    expect(hits('gosumdb-missing-key', f)).toEqual([]);
  });
});

describe('govcs-invalid', () => {
  it("gives go's message", () => {
    const hit = only('govcs-invalid', FIRING['govcs-invalid']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOVCS=private:git,private:hg (env-file)',
      'go: unreachable pattern in GOVCS: "private:hg" after "private:git"',
    ]);
  });

  it('accepts a valid GOVCS', () => {
    expect(hits('govcs-invalid', machine({ vars: { GOVCS: 'private:all,public:git|hg' } }))).toEqual([]);
  });
});

describe('goflags-invalid', () => {
  it("gives go's message for the first word that is not a flag", () => {
    const hit = only('goflags-invalid', FIRING['goflags-invalid']!);
    expect(hit.shownSeverity).toBe('error');
    // The exact line go 1.19 prints for GOFLAGS=mod=mod.
    expect(hit.evidence).toEqual(['GOFLAGS=mod=mod (env-file)', 'go: parsing $GOFLAGS: non-flag "mod=mod"']);
  });

  it("quotes the word as go's %q does (checked against go 1.19)", () => {
    const hit = only('goflags-invalid', machine({ vars: { GOFLAGS: '"-mod=mod"' } }));
    expect(hit.evidence[1]).toBe('go: parsing $GOFLAGS: non-flag "\\"-mod=mod\\""');
  });

  it('accepts flags, with values after "="', () => {
    expect(hits('goflags-invalid', machine({ vars: { GOFLAGS: '-mod=mod  --trimpath' } }))).toEqual([]);
  });
});

describe('goflags-insecure', () => {
  it('removes -insecure and keeps the other flags', () => {
    const hit = only('goflags-insecure', FIRING['goflags-insecure']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual(['GOFLAGS=-mod=mod -insecure (env-file)']);
    expect(hit.fix?.action).toEqual(goenv(['GOFLAGS=-mod=mod']));
  });

  it('unsets GOFLAGS when -insecure was all of it', () => {
    const hit = only('goflags-insecure', machine({ vars: { GOFLAGS: '--insecure=true' } }));
    expect(hit.fix?.action).toEqual({ kind: 'goenv', unset: ['GOFLAGS'] });
  });

  it('has no fix for an OS variable, and says nothing about other flags', () => {
    const os = machine({ vars: { GOFLAGS: '-insecure' }, sources: { GOFLAGS: 'os-env' } });
    expect(only('goflags-insecure', os).fix).toBeUndefined();
    expect(hits('goflags-insecure', machine({ vars: { GOFLAGS: '-mod=mod -insecurely' } }))).toEqual([]);
  });
});

describe('quoted-value', () => {
  it('removes the quotes go would keep', () => {
    const hit = only('quoted-value', FIRING['quoted-value']!);
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual(['GOPROXY="https://goproxy.cn,direct" (env-file)']);
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=https://goproxy.cn,direct']));
  });

  it("finds single quotes in patterns, and fixes only what isn't set by the OS", () => {
    const f = machine({
      vars: { GOPRIVATE: "'git.corp.example'", GOSUMDB: '"off"' },
      sources: { GOSUMDB: 'os-env' },
    });
    const hit = only('quoted-value', f);
    expect(hit.params).toEqual({ keys: 'GOSUMDB, GOPRIVATE' });
    expect(hit.fix?.action).toEqual(goenv(['GOPRIVATE=git.corp.example']));
  });

  it('says nothing about a lone quote or quotes inside', () => {
    expect(
      hits('quoted-value', machine({ vars: { GOPRIVATE: '"a,b', GOFLAGS: '-ldflags="-s -w"' } })),
    ).toEqual([]);
  });
});

describe('pattern-problems', () => {
  it('trims patterns that would never match', () => {
    const hit = only('pattern-problems', FIRING['pattern-problems']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual([
      'GOPRIVATE=git.corp.example, github.com/corp (env-file)',
      'GOPRIVATE: " github.com/corp" has white space',
    ]);
    expect(hit.fix?.action).toEqual(goenv(['GOPRIVATE=git.corp.example,github.com/corp']));
  });

  it('names each bad pattern and its variable; fixes schemes but not globs or GOINSECURE', () => {
    const f = machine({
      vars: { GOPRIVATE: 'a[,corp.example', GONOSUMDB: ' https://git.corp.example/', GOINSECURE: 'x y' },
    });
    const hit = only('pattern-problems', f);
    expect(hit.evidence).toEqual([
      'GOPRIVATE=a[,corp.example (env-file)',
      'GOPRIVATE: "a[" is a malformed glob',
      'GONOSUMDB= https://git.corp.example/ (env-file)',
      'GONOSUMDB: " https://git.corp.example/" has white space',
      'GOINSECURE=x y (env-file)',
      'GOINSECURE: "x y" has white space',
    ]);
    expect(hit.params?.variables).toBe('GOPRIVATE, GONOSUMDB, GOINSECURE');
    expect(hit.fix?.action).toEqual(goenv(['GONOSUMDB=git.corp.example/']));
  });

  it('reports GOPRIVATE once, not again through the GONOPROXY/GONOSUMDB defaults it feeds', () => {
    const f = machine({
      vars: { GOPRIVATE: 'https://git.corp.example', GONOPROXY: 'https://git.corp.example' },
      sources: { GONOPROXY: 'default' },
    });
    expect(only('pattern-problems', f).evidence).toEqual([
      'GOPRIVATE=https://git.corp.example (env-file)',
      'GOPRIVATE: "https://git.corp.example" is a URL, not a module path pattern',
    ]);
  });

  it('says nothing about good patterns or a trailing comma', () => {
    expect(
      hits('pattern-problems', machine({ vars: { GOPRIVATE: '*.corp.example,github.com/corp/,' } })),
    ).toEqual([]);
  });
});

describe('gonoproxy-without-gonosumdb', () => {
  it('adds GONOPROXY to GONOSUMDB', () => {
    const hit = only('gonoproxy-without-gonosumdb', FIRING['gonoproxy-without-gonosumdb']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual([
      'GONOPROXY=git.corp.example (env-file)',
      'GONOSUMDB= (default)',
      'not in GONOSUMDB: git.corp.example',
    ]);
    expect(hit.fix?.action).toEqual(goenv(['GONOSUMDB=git.corp.example']));
  });

  it('keeps what GONOSUMDB already has from GOPRIVATE', () => {
    const f = machine({
      vars: { GOPRIVATE: 'a.corp', GONOSUMDB: 'a.corp', GONOPROXY: 'a.corp,b.corp' },
      sources: { GONOSUMDB: 'default' },
    });
    const hit = only('gonoproxy-without-gonosumdb', f);
    expect(hit.evidence).toEqual([
      'GONOPROXY=a.corp,b.corp (env-file)',
      'GONOSUMDB=a.corp (default)',
      'GOPRIVATE=a.corp (env-file)',
      'not in GONOSUMDB: b.corp',
    ]);
    expect(hit.fix?.action).toEqual(goenv(['GONOSUMDB=a.corp,b.corp']));
  });

  it('says nothing when GOPRIVATE or GONOSUMDB covers it, or the checksum database is off', () => {
    const covered = machine({
      vars: { GOPRIVATE: '*.corp.example', GONOSUMDB: '*.corp.example', GONOPROXY: 'git.corp.example/team' },
      sources: { GONOSUMDB: 'default' },
    });
    expect(hits('gonoproxy-without-gonosumdb', covered)).toEqual([]);
    const same = machine({ vars: { GONOPROXY: 'git.corp.example/', GONOSUMDB: 'git.corp.example' } });
    expect(hits('gonoproxy-without-gonosumdb', same)).toEqual([]);
    const off = machine({ vars: { GONOPROXY: 'git.corp.example', GOSUMDB: 'off' } });
    expect(hits('gonoproxy-without-gonosumdb', off)).toEqual([]);
  });
});

describe('unknown-go-variables', () => {
  it('names an invented variable and what does its job', () => {
    const hit = only('unknown-go-variables', FIRING['unknown-go-variables']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual(['GONOSUMCHECK=1 (os-env): probably GONOSUMDB']);
    expect(hit.fix).toBeUndefined();
  });

  it('finds misspellings in the OS and lines go ignores in the env file', () => {
    const f = machine({
      osGoVars: {
        GO_PRIVATE: 'git.corp.example',
        GOPRIAVTE: 'x',
        GOPROXY_URL: 'https://goproxy.cn',
        GOPROXY: 'https://goproxy.cn,direct',
        GOLANG_VERSION: '1.22.1',
        GOMAXPROCS: '4',
      },
      envFileText:
        '# set by hand\nGOPROXY=https://goproxy.cn,direct\nexport GOPRIVATE=git.corp.example\nGONOVERIFY=git.corp.example\ngoflags=-mod=mod\nGOFOO=1\n',
    });
    const hit = only('unknown-go-variables', f);
    expect(hit.evidence).toEqual([
      'GO_PRIVATE=git.corp.example (os-env): probably GOPRIVATE',
      'GOPRIAVTE=x (os-env): probably GOPRIVATE',
      'GOPROXY_URL=https://goproxy.cn (os-env): probably GOPROXY',
      'env file line 3: export GOPRIVATE=git.corp.example: not read as GOPRIVATE (go reads only lines of the form GOPRIVATE=value)',
      'env file line 4: GONOVERIFY=git.corp.example: probably GONOSUMDB',
      'env file line 5: goflags=-mod=mod: not read as GOFLAGS (go reads only lines of the form GOFLAGS=value)',
      'env file line 6: GOFOO=1: no such variable',
    ]);
    expect(hit.params?.names).toBe(
      'GO_PRIVATE, GOPRIAVTE, GOPROXY_URL, "export GOPRIVATE", GONOVERIFY, goflags, GOFOO',
    );
  });

  it("leaves other tools' GO variables and go's own alone", () => {
    const f = machine({
      osGoVars: {
        GOLANG_VERSION: '1.22.1',
        GOPATH: '/go',
        GODEBUG: 'x=1',
        GOTOOLCHAIN: 'local',
        GOVERSIONS: '',
      },
      envFileText: 'GOTOOLCHAIN=local\nGOPROXY=https://goproxy.cn,direct\n',
    });
    expect(hits('unknown-go-variables', f)).toEqual([]);
  });
});

describe('os-env-overrides-file', () => {
  it('shows both values and where the OS one is set', () => {
    const hit = only('os-env-overrides-file', FIRING['os-env-overrides-file']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual([
      'GOPROXY=https://proxy.golang.org,direct (os-env) hides GOPROXY=https://goproxy.cn,direct (env-file)',
      'GOPROXY set in /home/dev/.bashrc:12: export GOPROXY=https://proxy.golang.org,direct',
    ]);
    expect(hit.params).toEqual({ keys: 'GOPROXY', where: '/home/dev/.bashrc:12 (GOPROXY)' });
    expect(hit.fix).toBeUndefined();
  });

  it('names the registry and launchctl, and says when the place is unknown', () => {
    const f = machine({
      overrides: [
        {
          key: 'GOPROXY',
          osValue: 'https://a',
          sources: [{ kind: 'registry', location: 'HKCU\\Environment', text: 'https://a' }],
        },
        {
          key: 'GOSUMDB',
          osValue: 'off',
          sources: [{ kind: 'launchctl', location: 'launchctl', text: 'off' }],
        },
        { key: 'GOPRIVATE', osValue: 'x', sources: [] },
      ],
    });
    const hit = only('os-env-overrides-file', f);
    expect(hit.evidence).toEqual([
      'GOPROXY=https://a (os-env) hides GOPROXY=https://goproxy.cn,direct (env-file)',
      'GOPROXY set in HKCU\\Environment: https://a',
      'GOSUMDB=off (os-env) wins over any env file value',
      'GOSUMDB set in launchctl setenv: off',
      'GOPRIVATE=x (os-env) wins over any env file value',
      'GOPRIVATE: not found in the shell startup files, registry or launchctl',
    ]);
    expect(hit.params?.keys).toBe('GOPROXY, GOSUMDB, GOPRIVATE');
  });

  it('says nothing without overrides', () => {
    expect(hits('os-env-overrides-file', machine({ sources: { GOPROXY: 'os-env' } }))).toEqual([]);
  });
});

describe('envfile-crlf', () => {
  it('rewrites the values without the CR', () => {
    const hit = only('envfile-crlf', FIRING['envfile-crlf']!);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence).toEqual([
      '/home/dev/.config/go/env: 2 line(s) with CR',
      'GOPROXY=https://goproxy.cn,direct\\r (env-file)',
      'GOPRIVATE=corp.example\\r (env-file)',
    ]);
    expect(hit.fix?.action).toEqual(goenv(['GOPROXY=https://goproxy.cn,direct', 'GOPRIVATE=corp.example']));
  });

  it('leaves names go env -w refuses out of the fix', () => {
    const hit = only('envfile-crlf', machine({ envFileText: 'GOFOO=1\r\nGOENV=/x\r\n' }));
    expect(hit.params?.keys).toBe('GOFOO, GOENV');
    expect(hit.fix).toBeUndefined();
  });

  it('says nothing about LF line ends or a missing file', () => {
    expect(hits('envfile-crlf', machine({ envFileText: 'GOPROXY=https://goproxy.cn,direct\n' }))).toEqual([]);
    expect(hits('envfile-crlf', machine({ envFileText: null }))).toEqual([]);
  });

  it('keeps the CR out of pattern-problems, whose patterns it is the cause of', () => {
    expect(hits('pattern-problems', FIRING['envfile-crlf']!)).toEqual([]);
  });
});

describe('fixes', () => {
  it('are not offered when GOENV=off leaves no env file to write', () => {
    const f = machine({ vars: { GOPROXY: 'https://goproxy.cn;direct', GOFLAGS: '-insecure' } }, (go) => {
      go.report.envFile = null;
    });
    expect(only('goproxy-semicolon', f).fix).toBeUndefined();
    expect(only('goflags-insecure', f).fix).toBeUndefined();
  });

  it('carry their rule id', () => {
    for (const r of syntaxRules)
      for (const hit of r.check(FIRING[r.id]!)) if (hit.fix) expect(hit.fix.id, r.id).toBe(r.id);
  });
});
