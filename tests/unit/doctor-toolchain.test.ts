import { describe, expect, it } from 'vitest';
import { syntaxRules } from '../../electron/services/doctor/rules-syntax';
import { toolchainRules } from '../../electron/services/doctor/rules-toolchain';
import type { Facts, GoFacts, Hit, Rule } from '../../electron/services/doctor/types';
import type { ToolchainFile } from '../../electron/services/goenv/toolchain';
import { LANGUAGES } from '../../shared/i18n';
import { facts, goFacts, mirror, network, probeResult, type GoFactsOptions } from '../fixtures/doctor-facts';

/** The version-aware rules on hand-built facts: each fires with a go that has the feature, never with 1.19. */

function rule(id: string): Rule {
  const found = toolchainRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

const hits = (id: string, f: Facts): Hit[] => rule(id).check(f);

const NEEDS_199: ToolchainFile = { path: '/src/app/go.mod', kind: 'go.mod', go: '1.99.0', toolchain: '' };

/** go `version` (default 1.25.12) with go.env's values, the given settings, and projects. */
function machine(
  options: GoFactsOptions & { project?: ToolchainFile | null; gorootValues?: boolean } = {},
  edit: (go: GoFacts) => void = () => {},
): Facts {
  const version = options.goVersion === undefined ? 'go1.25.12' : options.goVersion;
  const go = goFacts({
    ...options,
    goVersion: version,
    vars: { GOTOOLCHAIN: 'auto', GOAUTH: 'netrc', ...options.vars },
    sources: { GOTOOLCHAIN: 'goroot-env', GOAUTH: 'default', ...options.sources },
  });
  go.report.gorootEnvFile = '/usr/lib/go/go.env';
  if (options.gorootValues !== false) {
    go.report.vars.GOPROXY!.gorootValue = 'https://proxy.golang.org,direct';
    go.report.vars.GOTOOLCHAIN!.gorootValue = 'auto';
  }
  edit(go);
  const project = options.project === undefined ? NEEDS_199 : options.project;
  return facts({
    go,
    projects:
      project === null
        ? null
        : {
            dirs: ['/src/app'],
            toolchainFiles: [{ dir: '/src/app', file: project }],
            modules: [],
            workspaces: [],
            notes: [],
          },
  });
}

const emptyLine = (key: string) =>
  machine({ vars: { [key]: '' }, sources: { [key]: 'env-file' }, envFileText: `${key}=\n` }, (go) => {
    go.report.vars[key]!.fileValue = '';
  });

const FIRING: Record<string, Facts> = {
  'gotoolchain-invalid': machine({ vars: { GOTOOLCHAIN: 'bogus' }, sources: { GOTOOLCHAIN: 'env-file' } }),
  'env-empty-line': emptyLine('GOPROXY'),
  'goroot-env-missing': machine({ gorootValues: false }),
  'toolchain-gosumdb-off': machine({ vars: { GOSUMDB: 'off' } }),
  'toolchain-not-served': facts({
    ...machine(),
    network: network({
      mirrors: [
        mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { toolchain: false }) }),
      ],
    }),
  }),
  'toolchain-local-too-old': machine({
    vars: { GOTOOLCHAIN: 'local' },
    sources: { GOTOOLCHAIN: 'env-file' },
  }),
  'toolchain-language-version': machine({ goVersion: 'go1.21.0', project: { ...NEEDS_199, go: '1.98' } }),
  'goauth-invalid': machine({ vars: { GOAUTH: 'netrc;' }, sources: { GOAUTH: 'env-file' } }),
  'netrc-port-missing': machine({
    auth: {
      mirrors: [
        {
          url: 'https://goproxy.corp.example:8443',
          host: 'goproxy.corp.example:8443',
          source: 'none',
          warnings: [
            {
              code: 'netrc-port-missing',
              values: {
                expected: 'goproxy.corp.example:8443',
                machine: 'goproxy.corp.example',
                line: 3,
                file: '/home/dev/.netrc',
              },
            },
          ],
        },
      ],
    },
  }),
};

describe('the go 1.21+ rules', () => {
  it('each have a firing case, with both languages filled and evidence', () => {
    expect(Object.keys(FIRING).sort()).toEqual(toolchainRules.map((r) => r.id).sort());
    for (const r of toolchainRules) {
      const found = r.check(FIRING[r.id]!);
      expect(found.length, r.id).toBeGreaterThan(0);
      for (const hit of found) {
        expect(hit.evidence.length, r.id).toBeGreaterThan(0);
        for (const language of LANGUAGES)
          for (const part of ['title', 'detail', 'remedy'] as const)
            expect(
              r.text[language][part].replace(/\{\{(\w+)\}\}/g, (w, n: string) => hit.params?.[n] ?? w),
              `${r.id} ${language} ${part}`,
            ).not.toContain('{{');
      }
    }
  });

  it('say nothing with go 1.19, where none of it exists', () => {
    for (const [id, f] of Object.entries(FIRING)) {
      if (id === 'netrc-port-missing') continue; // the auth report is version-aware itself
      const old = structuredClone(f);
      old.go.report.go = { path: '/usr/bin/go', version: 'go1.19.8' };
      old.go.version = goFacts({ goVersion: 'go1.19.8' }).version;
      expect(hits(id, old), id).toEqual([]);
    }
  });

  it('say nothing about a project go can build with the installed go', () => {
    const fine = machine({ vars: { GOSUMDB: 'off' }, project: { ...NEEDS_199, go: '1.22' } });
    for (const id of ['toolchain-gosumdb-off', 'toolchain-not-served', 'toolchain-local-too-old'])
      expect(hits(id, fine), id).toEqual([]);
  });
});

describe('toolchain-gosumdb-off', () => {
  it('names the toolchain and GOSUMDB, and offers to unset GOSUMDB from the env file', () => {
    const [hit] = hits('toolchain-gosumdb-off', FIRING['toolchain-gosumdb-off']!);
    expect(hit!.params).toMatchObject({
      toolchain: 'go1.99.0',
      error: 'verifying module: checksum database disabled by GOSUMDB=off',
    });
    expect(hit!.evidence).toContain('GOSUMDB=off (env-file)');
    expect(hit!.fix?.action).toEqual({ kind: 'goenv', unset: ['GOSUMDB'] });
  });

  it('stays quiet when the toolchain is on PATH-only mode or the project needs no download', () => {
    const pathMode = machine({ vars: { GOSUMDB: 'off', GOTOOLCHAIN: 'path' } });
    expect(hits('toolchain-gosumdb-off', pathMode)).toEqual([]);
  });
});

describe('env-empty-line', () => {
  it('is an error for GOPROXY= and GOSUMDB=, a warning for GOTOOLCHAIN=, each with an unset fix', () => {
    expect(hits('env-empty-line', emptyLine('GOSUMDB'))[0]).toMatchObject({
      fix: { action: { kind: 'goenv', unset: ['GOSUMDB'] } },
    });
    expect(hits('env-empty-line', emptyLine('GOTOOLCHAIN'))[0]!.severity).toBe('warning');
    expect(hits('env-empty-line', emptyLine('GOPROXY'))[0]!.severity).toBe('error');
  });
});

describe('gotoolchain-invalid', () => {
  it("quotes go's message and fixes by editing the file (go env -u cannot run)", () => {
    const [hit] = hits('gotoolchain-invalid', FIRING['gotoolchain-invalid']!);
    expect(hit!.params!.error).toBe('go: invalid GOTOOLCHAIN "bogus"');
    expect(hit!.fix?.action).toEqual({ kind: 'goenv', unset: ['GOTOOLCHAIN'] });
  });
});

describe('toolchain-not-served', () => {
  it('needs a definite no from every mirror, and is a warning while direct is left', () => {
    const unknown = facts({
      ...machine(),
      network: network({
        mirrors: [
          mirror(0, 'https://goproxy.cn', { probe: probeResult('https://goproxy.cn', { toolchain: null }) }),
        ],
      }),
    });
    expect(hits('toolchain-not-served', unknown)).toEqual([]);
    expect(hits('toolchain-not-served', FIRING['toolchain-not-served']!)[0]!.severity).toBe('warning');
    const noDirect = structuredClone(FIRING['toolchain-not-served']!);
    noDirect.go.report.vars.GOPROXY!.value = 'https://goproxy.cn';
    expect(hits('toolchain-not-served', noDirect)[0]!.severity).toBeUndefined();
  });
});

describe('toolchain-local-too-old', () => {
  it("quotes go's TooNewError", () => {
    expect(hits('toolchain-local-too-old', FIRING['toolchain-local-too-old']!)[0]!.params!.error).toBe(
      'go: /src/app/go.mod requires go >= 1.99.0 (running go 1.25.12; GOTOOLCHAIN=local)',
    );
  });
});

describe('goflags-invalid, with the version’s splitting', () => {
  const goflags = (version: string, value: string) =>
    syntaxRules
      .find((r) => r.id === 'goflags-invalid')!
      .check(facts({ go: goFacts({ goVersion: version, vars: { GOFLAGS: value } }) }));

  it('accepts a quoted flag from go 1.21 on, where go 1.19 says non-flag', () => {
    expect(goflags('go1.21.13', "'-ldflags=-s -w' -mod=mod")).toEqual([]);
    expect(goflags('go1.19.8', "'-ldflags=-s -w' -mod=mod")[0]!.params!.error).toBe(
      `go: parsing $GOFLAGS: non-flag "'-ldflags=-s"`,
    );
  });

  it('reports an unterminated quote as go 1.21+ does', () => {
    expect(goflags('go1.27.3', "'-ldflags=-s")[0]!.params!.error).toBe(
      "go: parsing $GOFLAGS: unterminated ' string",
    );
  });
});
