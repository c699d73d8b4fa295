import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSecrets, maskUrl, urlSecret } from '../../electron/services/doctor/credentials';
import { fill } from '../../electron/services/doctor/engine';
import { privateLook } from '../../electron/services/doctor/hosts';
import {
  parseGoMod,
  parseGoWork,
  parseRemoteV,
  type GoModFacts,
  type ProjectFacts,
} from '../../electron/services/doctor/projects';
import { integrityRules } from '../../electron/services/doctor/rules-integrity';
import type { Facts, Hit, Rule } from '../../electron/services/doctor/types';
import { LANGUAGES } from '../../shared/i18n';
import { facts, goFacts, type GoFactsOptions } from '../fixtures/doctor-facts';

function rule(id: string): Rule {
  const found = integrityRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Every hit any test saw, per rule: the last test renders them all in both languages. */
const seen = new Map<string, Hit[]>();

function hits(id: string, f: Facts): Hit[] {
  const result = rule(id).check(f);
  seen.set(id, [...(seen.get(id) ?? []), ...result]);
  return result;
}

function only(id: string, f: Facts): Hit & { shownSeverity: string } {
  const result = hits(id, f);
  expect(result).toHaveLength(1);
  return { ...result[0]!, shownSeverity: result[0]!.severity ?? rule(id).severity };
}

const machine = (options: GoFactsOptions, projects: ProjectFacts | null = null): Facts =>
  facts({ go: goFacts(options), projects });

/** A go.mod as the gatherer records it, from its text (the parser is tested in tests/integration). */
function mod(file: string, text: string, remotes = '', usedBy: GoModFacts['usedBy'] = null): GoModFacts {
  return {
    ...parseGoMod(file, text),
    dir: file.slice(0, file.lastIndexOf('/')),
    usedBy,
    remotes: parseRemoteV(remotes),
  };
}

const projects = (modules: GoModFacts[], workspaces: ProjectFacts['workspaces'] = []): ProjectFacts => ({
  dirs: [...new Set(modules.map((m) => m.dir))],
  toolchainFiles: [],
  modules,
  workspaces,
  notes: [],
});

const CORP_APP = mod(
  '/w/app/go.mod',
  [
    'module git.corp.example/team/app',
    '',
    'go 1.19',
    '',
    'require (',
    '\tgit.corp.example/team/lib v1.2.0',
    '\tgithub.com/gin-gonic/gin v1.9.1',
    '\tgolang.org/x/net v0.10.0 // indirect',
    ')',
    '',
  ].join('\n'),
  'origin\tgit@git.corp.example:team/app.git (fetch)\norigin\tgit@git.corp.example:team/app.git (push)\n',
);

const goenvSet = (...set: string[]) => ({ kind: 'goenv', set });

describe('the integrity and leak rules as a set', () => {
  it('have unique kebab-case ids and texts in both languages', () => {
    const ids = integrityRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of integrityRules) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const language of LANGUAGES) {
        for (const part of ['title', 'detail', 'remedy'] as const)
          expect(r.text[language][part].trim()).not.toBe('');
      }
    }
  });

  it('stay quiet on a clean machine, with or without clean projects', () => {
    const publicApp = mod(
      '/w/tool/go.mod',
      'module github.com/acme/tool\n\nrequire github.com/spf13/cobra v1.7.0\n',
      'origin\thttps://github.com/acme/tool.git (fetch)\n',
    );
    for (const f of [facts(), facts({ projects: projects([publicApp]) })]) {
      for (const r of integrityRules) expect(hits(r.id, f), r.id).toEqual([]);
    }
  });
});

describe('gosumdb-off', () => {
  it('unsets GOSUMDB when a mirror in GOPROXY proxies sum.golang.org', () => {
    const hit = only('gosumdb-off', machine({ vars: { GOSUMDB: 'off' } }));
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOSUMDB=off (env-file)',
      'https://goproxy.cn (in GOPROXY) proxies sum.golang.org',
    ]);
    expect(hit.params).toEqual({ command: 'go env -u GOSUMDB' });
    expect(hit.fix?.action).toEqual({ kind: 'goenv', unset: ['GOSUMDB'] });
  });

  it('names sum.golang.google.cn when no mirror in the chain is known to proxy the checksum database', () => {
    const hit = only(
      'gosumdb-off',
      machine({ vars: { GOSUMDB: 'off', GOPROXY: 'https://mirrors.aliyun.com/goproxy/,direct' } }),
    );
    expect(hit.evidence).toEqual(['GOSUMDB=off (env-file)']);
    expect(hit.fix?.action).toEqual(goenvSet('GOSUMDB=sum.golang.google.cn'));
  });

  it('offers no fix when an OS variable sets it (go env -w cannot override that)', () => {
    const hit = only('gosumdb-off', machine({ vars: { GOSUMDB: 'off' }, sources: { GOSUMDB: 'os-env' } }));
    expect(hit.evidence).toEqual([
      'GOSUMDB=off (os-env)',
      'https://goproxy.cn (in GOPROXY) proxies sum.golang.org',
    ]);
    expect(hit.fix).toBeUndefined();
  });

  it('stays quiet for the China address of the same database', () => {
    expect(hits('gosumdb-off', machine({ vars: { GOSUMDB: 'sum.golang.google.cn' } }))).toEqual([]);
  });
});

describe('gonosumdb-public and gonosumdb-beyond-private', () => {
  it('reports GONOSUMDB patterns that match public modules', () => {
    const hit = only('gonosumdb-public', machine({ vars: { GONOSUMDB: 'github.com,git.corp.example' } }));
    expect(hit.params).toEqual({
      variable: 'GONOSUMDB',
      patterns: 'github.com',
      examples: 'github.com/gin-gonic/gin',
    });
    expect(hit.evidence).toEqual([
      'GONOSUMDB=github.com,git.corp.example (env-file)',
      'pattern "github.com" matches public modules: github.com/gin-gonic/gin',
    ]);
    expect(hit.fix).toBeUndefined();
  });

  it('names GOPRIVATE when GONOSUMDB follows it, and says when a pattern matches everything', () => {
    const hit = only('gonosumdb-public', machine({ vars: { GOPRIVATE: '*' } }));
    expect(hit.params?.variable).toBe('GOPRIVATE');
    expect(hit.evidence).toEqual([
      'GOPRIVATE=* (env-file)',
      'GONOSUMDB=* (default, follows GOPRIVATE)',
      'pattern "*" matches every module path, e.g. github.com/gin-gonic/gin, golang.org/x/net, google.golang.org/grpc',
    ]);
  });

  it('stays quiet for organisation-wide patterns and with GOSUMDB=off (gosumdb-off says it all)', () => {
    expect(
      hits('gonosumdb-public', machine({ vars: { GONOSUMDB: 'github.com/acme,*.corp.example' } })),
    ).toEqual([]);
    expect(hits('gonosumdb-public', machine({ vars: { GONOSUMDB: '*', GOSUMDB: 'off' } }))).toEqual([]);
  });

  it('warns about GONOSUMDB patterns GOPRIVATE does not cover, with a path that shows it', () => {
    const f = machine({
      vars: { GOPRIVATE: 'git.corp.example', GONOSUMDB: 'git.corp.example,*.partner.example' },
    });
    const hit = only('gonosumdb-beyond-private', f);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.params).toEqual({ patterns: '*.partner.example' });
    expect(hit.evidence).toEqual([
      'GONOSUMDB=git.corp.example,*.partner.example (env-file)',
      'GOPRIVATE=git.corp.example (env-file)',
      'pattern "*.partner.example" matches x.partner.example, which GOPRIVATE does not',
    ]);
    // A whole host is broader than one of its folders.
    const folder = machine({ vars: { GOPRIVATE: 'git.corp.example/team', GONOSUMDB: 'git.corp.example' } });
    expect(only('gonosumdb-beyond-private', folder).params).toEqual({ patterns: 'git.corp.example' });
  });

  it('stays quiet when GOPRIVATE covers GONOSUMDB, when GONOSUMDB follows it, and for public patterns', () => {
    const quiet = [
      machine({ vars: { GOPRIVATE: '*.corp.example', GONOSUMDB: 'git.corp.example' } }),
      machine({ vars: { GOPRIVATE: 'git.corp.example' } }),
      machine({ vars: { GOPRIVATE: 'git.corp.example', GONOSUMDB: 'github.com' } }),
    ];
    for (const f of quiet) expect(hits('gonosumdb-beyond-private', f)).toEqual([]);
  });
});

describe('goinsecure-public and goinsecure-beyond-private', () => {
  it('reports GOINSECURE patterns that match public modules', () => {
    const hit = only('goinsecure-public', machine({ vars: { GOINSECURE: '*.com' } }));
    expect(hit.shownSeverity).toBe('error');
    expect(hit.params).toEqual({
      patterns: '*.com',
      examples: 'github.com/gin-gonic/gin, go.googlesource.com/oauth2, cloud.google.com/go',
    });
    expect(hit.evidence[0]).toBe('GOINSECURE=*.com (env-file)');
    expect(hit.evidence[1]).toMatch(
      /^pattern "\*\.com" matches public modules: github\.com\/gin-gonic\/gin, /,
    );
    expect(hits('goinsecure-beyond-private', machine({ vars: { GOINSECURE: '*.com' } }))).toEqual([]);
  });

  it('warns about an internal GOINSECURE host that GOPRIVATE does not list, not about one it does', () => {
    const hit = only('goinsecure-beyond-private', machine({ vars: { GOINSECURE: 'git.corp.example' } }));
    expect(hit.evidence).toEqual([
      'GOINSECURE=git.corp.example (env-file)',
      'GOPRIVATE= (default)',
      'pattern "git.corp.example" matches git.corp.example, which GOPRIVATE does not',
    ]);
    const covered = machine({ vars: { GOINSECURE: 'git.corp.example', GOPRIVATE: '*.corp.example' } });
    expect(hits('goinsecure-beyond-private', covered)).toEqual([]);
    expect(hits('goinsecure-public', covered)).toEqual([]);
  });
});

describe('goproxy-plain-http', () => {
  it('reports http:// entries, and switches catalogued mirrors to https://', () => {
    const f = machine({ vars: { GOPROXY: 'http://goproxy.cn|http://10.0.0.5:3000,direct' } });
    const hit = only('goproxy-plain-http', f);
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.params).toEqual({ urls: 'http://goproxy.cn, http://10.0.0.5:3000' });
    expect(hit.evidence).toEqual([
      'GOPROXY=http://goproxy.cn|http://10.0.0.5:3000,direct (env-file)',
      'http://goproxy.cn is plain HTTP',
      'http://10.0.0.5:3000 is plain HTTP',
    ]);
    expect(hit.fix?.action).toEqual(goenvSet('GOPROXY=https://goproxy.cn|http://10.0.0.5:3000,direct'));
  });

  it('is an error when GOSUMDB=off leaves nothing to notice tampering; no fix for unknown hosts', () => {
    const hit = only(
      'goproxy-plain-http',
      machine({ vars: { GOPROXY: 'http://athens.corp.example', GOSUMDB: 'off' } }),
    );
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence).toEqual([
      'GOPROXY=http://athens.corp.example (env-file)',
      'http://athens.corp.example is plain HTTP',
      'GOSUMDB=off (env-file)',
    ]);
    expect(hit.fix).toBeUndefined();
  });

  it('stays quiet for loopback proxies, https and entries go never reads', () => {
    for (const GOPROXY of [
      'http://127.0.0.1:3000,direct',
      'http://localhost:8081|https://goproxy.cn,direct',
      'http://[::1]:3000',
      'goproxy.cn,direct',
      'direct,http://goproxy.cn',
    ]) {
      expect(hits('goproxy-plain-http', machine({ vars: { GOPROXY } })), GOPROXY).toEqual([]);
    }
  });
});

describe('goproxy-credentials', () => {
  it('reports a password in a GOPROXY entry with the .netrc line to use instead, masked', () => {
    const f = machine({ vars: { GOPROXY: 'https://alice:s3cr%40t@goproxy.corp.example:8443/go,direct' } });
    const hit = only('goproxy-credentials', f);
    expect(hit.params).toEqual({
      host: 'goproxy.corp.example',
      url: 'https://alice:xxxxx@goproxy.corp.example:8443/go',
      netrc: 'machine goproxy.corp.example login alice password xxxxx',
    });
    expect(hit.evidence).toEqual([
      'GOPROXY=https://alice:xxxxx@goproxy.corp.example:8443/go,direct (env-file)',
      'https://alice:xxxxx@goproxy.corp.example:8443/go has a password',
    ]);
    expect(JSON.stringify(hit)).not.toMatch(/s3cr/);
  });

  it('stays quiet for a user name alone', () => {
    expect(
      hits('goproxy-credentials', machine({ vars: { GOPROXY: 'https://alice@goproxy.corp.example' } })),
    ).toEqual([]);
  });
});

describe('proxy-url-credentials', () => {
  it("reports passwords in go's HTTP proxy variables and git's http.proxy, masked", () => {
    const f = machine({
      processProxy: {
        httpsProxy: 'http://bob:hunter2@proxy.corp.example:3128',
        httpProxy: 'http://proxy.corp.example:3128',
      },
      gitProxy: 'bob:hunter2@proxy.corp.example:3128',
    });
    const hit = only('proxy-url-credentials', f);
    expect(hit.params).toEqual({ places: 'HTTPS_PROXY, git http.proxy' });
    expect(hit.evidence).toEqual([
      'HTTPS_PROXY (or https_proxy): http://bob:xxxxx@proxy.corp.example:3128',
      'git config --global http.proxy: bob:xxxxx@proxy.corp.example:3128',
    ]);
    expect(JSON.stringify(hit)).not.toMatch(/hunter2/);
  });

  it('stays quiet for proxies without credentials', () => {
    const f = machine({
      processProxy: { httpsProxy: 'http://proxy.corp.example:3128' },
      gitProxy: 'http://proxy:8080',
    });
    expect(hits('proxy-url-credentials', f)).toEqual([]);
  });
});

describe('private-module-leak', () => {
  it('reports private paths from go.mod that go would send to a public mirror, with file:line evidence', () => {
    const hit = only('private-module-leak', machine({}, projects([CORP_APP])));
    expect(hit.shownSeverity).toBe('error');
    expect(hit.params).toEqual({
      hosts: 'git.corp.example',
      services: 'https://goproxy.cn, sum.golang.org',
      patterns: 'git.corp.example',
      command: 'go env -w GOPRIVATE=git.corp.example',
    });
    expect(hit.evidence).toEqual([
      'git.corp.example is the host of git remote origin of /w/app (git@git.corp.example:team/app.git)',
      '/w/app/go.mod:1: module git.corp.example/team/app',
      '/w/app/go.mod:6: require git.corp.example/team/lib v1.2.0',
      'GOPRIVATE= (default)',
      'GOPROXY=https://goproxy.cn,direct (env-file): go asks https://goproxy.cn for these modules',
      'GOSUMDB=sum.golang.org (default): go looks up their checksums in sum.golang.org',
    ]);
    expect(hit.fix).toEqual({
      id: 'private-module-leak',
      summary: { en: 'Add git.corp.example to GOPRIVATE', 'zh-CN': '将 git.corp.example 加入 GOPRIVATE' },
      action: goenvSet('GOPRIVATE=git.corp.example'),
    });
  });

  it('keeps the patterns GOPRIVATE has, and finds IP and internal hosts without any git remote', () => {
    const app = mod(
      '/w/svc/go.mod',
      'module example.com/svc\nrequire (\n\t10.1.2.3/tools/gen v0.1.0\n\t"gitlab.internal.acme.cn/x/y" v1.0.0 // indirect\n)\n',
    );
    const hit = only(
      'private-module-leak',
      machine({ vars: { GOPRIVATE: 'github.com/acme' } }, projects([app])),
    );
    expect(hit.shownSeverity).toBe('error');
    expect(hit.evidence.slice(0, 4)).toEqual([
      '10.1.2.3 is an IP address',
      'gitlab.internal.acme.cn is an internal host name',
      '/w/svc/go.mod:3: require 10.1.2.3/tools/gen v0.1.0',
      '/w/svc/go.mod:4: require gitlab.internal.acme.cn/x/y v1.0.0',
    ]);
    expect(hit.fix?.action).toEqual(goenvSet('GOPRIVATE=github.com/acme,10.1.2.3,gitlab.internal.acme.cn'));
  });

  it("judges a vanity module path by its repository's remote, and is a warning while only own modules are at stake", () => {
    const app = mod(
      '/w/app/go.mod',
      'module go.acme.com/app\n',
      'origin\thttps://code.acme.com/app.git (fetch)\n',
    );
    const hit = only('private-module-leak', machine({}, projects([app])));
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence.slice(0, 2)).toEqual([
      'go.acme.com: module go.acme.com/app is kept in the repository https://code.acme.com/app.git (git remote origin)',
      '/w/app/go.mod:1: module go.acme.com/app',
    ]);
  });

  it('follows go.work members, replacements by other modules, and skips requires replaced by folders', () => {
    const work = parseGoWork(
      '/w/go.work',
      'go 1.19\n\nuse (\n\t./svc\n)\nreplace git.corp.example/x/old => git.corp.example/x/new v1.0.0\n',
    );
    const svc = mod(
      '/w/svc/go.mod',
      'module git.corp.example/x/svc\nrequire git.corp.example/x/local v1.0.0\nreplace git.corp.example/x/local => ../local\n',
      'origin\thttps://git.corp.example/x/svc.git (fetch)\n',
      { file: '/w/go.work', line: 4 },
    );
    const hit = only('private-module-leak', machine({}, projects([svc], [work])));
    expect(hit.evidence.slice(0, 3)).toEqual([
      'git.corp.example is the host of git remote origin of /w/svc (https://git.corp.example/x/svc.git)',
      '/w/svc/go.mod:1: module git.corp.example/x/svc (used by /w/go.work:4)',
      '/w/go.work:6: replace git.corp.example/x/old => git.corp.example/x/new v1.0.0',
    ]);
    expect(hit.shownSeverity).toBe('error');
  });

  it('is only a warning when the host merely looks like a self-hosted git server', () => {
    const app = mod('/w/a/go.mod', 'module example.com/a\nrequire gitlab.acme.com/team/lib v1.0.0\n');
    const hit = only('private-module-leak', machine({}, projects([app])));
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.evidence[0]).toBe('gitlab.acme.com looks like a self-hosted git server');
  });

  it('adds the host to GONOPROXY too when the user set GONOPROXY apart from GOPRIVATE', () => {
    const f = machine(
      { vars: { GONOPROXY: 'other.example', GONOSUMDB: 'git.corp.example' } },
      projects([CORP_APP]),
    );
    const hit = only('private-module-leak', f);
    expect(hit.fix?.action).toEqual(
      goenvSet('GOPRIVATE=git.corp.example', 'GONOPROXY=other.example,git.corp.example'),
    );
    expect(hit.params?.services).toBe('https://goproxy.cn');
  });

  it('offers no fix when GOPRIVATE comes from an OS variable, but still names the command', () => {
    const f = machine(
      { vars: { GOPRIVATE: 'github.com/acme' }, sources: { GOPRIVATE: 'os-env' } },
      projects([CORP_APP]),
    );
    const hit = only('private-module-leak', f);
    expect(hit.fix).toBeUndefined();
    expect(hit.params?.command).toBe('go env -w GOPRIVATE=github.com/acme,git.corp.example');
  });

  it('stays quiet when GOPRIVATE covers the paths, for public hosts, and when no public mirror is asked', () => {
    const quiet = [
      machine({ vars: { GOPRIVATE: 'git.corp.example' } }, projects([CORP_APP])),
      machine({ vars: { GOPRIVATE: '*.corp.example' } }, projects([CORP_APP])),
      machine(
        { vars: { GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example' } },
        projects([CORP_APP]),
      ),
      // A company proxy may serve private modules: that is its job.
      machine({ vars: { GOPROXY: 'https://athens.corp.example,direct' } }, projects([CORP_APP])),
      machine({ vars: { GOPROXY: 'direct' } }, projects([CORP_APP])),
      machine({}, null),
    ];
    for (const f of quiet) expect(hits('private-module-leak', f)).toEqual([]);
  });
});

describe('private-module-sumdb-leak', () => {
  it('warns when no mirror is asked but sum.golang.org still is', () => {
    const hit = only(
      'private-module-sumdb-leak',
      machine({ vars: { GOPROXY: 'direct' } }, projects([CORP_APP])),
    );
    expect(hit.shownSeverity).toBe('warning');
    expect(hit.params).toEqual({
      hosts: 'git.corp.example',
      patterns: 'git.corp.example',
      command: 'go env -w GOPRIVATE=git.corp.example',
    });
    expect(hit.evidence.slice(-3)).toEqual([
      'GOPRIVATE= (default)',
      'GONOSUMDB= (default, follows GOPRIVATE)',
      'GOSUMDB=sum.golang.org (default): go looks up their checksums in sum.golang.org',
    ]);
    expect(hit.fix?.action).toEqual(goenvSet('GOPRIVATE=git.corp.example'));
  });

  it('adds to GONOSUMDB where the user set it apart, and never to an explicit GONOPROXY (GONOPROXY=none is on purpose)', () => {
    const f = machine(
      { vars: { GOPROXY: 'https://athens.corp.example', GONOPROXY: 'none', GONOSUMDB: 'other.example' } },
      projects([CORP_APP]),
    );
    const hit = only('private-module-sumdb-leak', f);
    expect(hit.fix?.action).toEqual(
      goenvSet('GOPRIVATE=git.corp.example', 'GONOSUMDB=other.example,git.corp.example'),
    );
  });

  it('offers the same change as private-module-leak when both fire, so choosing both never conflicts', () => {
    const other = mod('/w/b/go.mod', 'module b.corp.example/b\nrequire b.corp.example/lib v1.0.0\n');
    const f = machine({ vars: { GONOPROXY: 'b.corp.example' } }, projects([CORP_APP, other]));
    const leak = only('private-module-leak', f);
    const sumdb = only('private-module-sumdb-leak', f);
    expect(leak.params?.hosts).toBe('git.corp.example');
    expect(sumdb.params?.hosts).toBe('b.corp.example');
    expect(sumdb.fix?.action).toEqual(leak.fix?.action);
    expect(leak.fix?.action).toEqual(
      goenvSet('GOPRIVATE=git.corp.example,b.corp.example', 'GONOPROXY=b.corp.example,git.corp.example'),
    );
  });

  it('stays quiet when GONOSUMDB covers the paths or the checksum database is off', () => {
    const quiet = [
      machine({ vars: { GOPROXY: 'direct', GONOSUMDB: 'git.corp.example' } }, projects([CORP_APP])),
      machine({ vars: { GOPROXY: 'direct', GOSUMDB: 'off' } }, projects([CORP_APP])),
      machine({}, projects([CORP_APP])),
    ];
    for (const f of quiet) expect(hits('private-module-sumdb-leak', f)).toEqual([]);
  });
});

describe('git-remote-credentials', () => {
  it('reports a token in a remote URL, masked, once per remote', () => {
    const remotes =
      'origin\thttps://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/acme/app.git (fetch)\n';
    const a = mod('/w/app/go.mod', 'module github.com/acme/app\n', remotes);
    const b = mod('/w/app/tools/go.mod', 'module github.com/acme/app/tools\n', remotes);
    const hit = only('git-remote-credentials', facts({ projects: projects([a, b]) }));
    expect(hit.params).toEqual({ name: 'origin', dir: '/w/app' });
    expect(hit.evidence).toEqual(['git remote origin of /w/app: https://xxxxx@github.com/acme/app.git']);
  });

  it('stays quiet for ssh remotes and plain https ones', () => {
    const a = mod(
      '/w/app/go.mod',
      'module github.com/acme/app\n',
      'origin\tgit@github.com:acme/app.git (fetch)\nupstream\thttps://github.com/up/app.git (fetch)\n',
    );
    expect(hits('git-remote-credentials', facts({ projects: projects([a]) }))).toEqual([]);
  });
});

describe('secrets in URLs (credentials.ts)', () => {
  it('masks passwords as go does and user names that are tokens', () => {
    expect(maskUrl('https://alice:p@ss@host.example/x')).toBe('https://alice:xxxxx@host.example/x');
    expect(maskUrl('alice:pw@proxy:3128')).toBe('alice:xxxxx@proxy:3128');
    expect(maskUrl('git@github.com:acme/app.git')).toBe('git@github.com:acme/app.git');
    expect(maskUrl('https://glpat-abcdef123456@gitlab.com/a/b.git')).toBe('https://xxxxx@gitlab.com/a/b.git');
    expect(maskSecrets('https://u:p@a.example,http://v:q@b.example|direct')).toBe(
      'https://u:xxxxx@a.example,http://v:xxxxx@b.example|direct',
    );
  });

  it('masks in one pass exactly what the regular expression it replaced masked', () => {
    // The old implementation, as the oracle: right, but quadratic on long runs of letters.
    const byRegex = (text: string) =>
      text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#\s,|]*)@/g, (_w, scheme: string, userinfo: string) =>
        maskUrl(`${scheme}${userinfo}@`),
      );
    const piece = fc.constantFrom(
      'https',
      'a',
      '1',
      '+',
      '.',
      '-',
      '://',
      ':',
      '/',
      '@',
      '?',
      '#',
      ',',
      '|',
      ' ',
      '\u3000',
      'u',
      'p',
      'ghp_0123456789abcdefABCDEF',
      'x'.repeat(32),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(maskSecrets(text)).toBe(byRegex(text));
      }),
      { numRuns: 5000 },
    );
    expect(maskSecrets('x://ab://u:p@h')).toBe('x://ab://u:xxxxx@h');
  });

  it('masks 5 MB of adversarial text in bounded time (the regular expression took 7 s for 80 KB)', () => {
    const started = Date.now();
    for (const text of [
      'a'.repeat(5e6),
      `a://${'b'.repeat(5e6)}`,
      'a://'.repeat(1.25e6),
      `a://${'u:p@'.repeat(1e6)}h`,
    ]) {
      expect(maskSecrets(text).length).toBeGreaterThan(0);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('tells which URLs carry a secret', () => {
    expect(urlSecret('https://alice:pw@goproxy.corp.example:8443')).toEqual({
      login: 'alice',
      password: true,
      host: 'goproxy.corp.example:8443',
    });
    expect(urlSecret('https://alice@goproxy.corp.example')).toBeNull();
    expect(urlSecret('https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/a')).toEqual({
      login: null,
      password: false,
      host: 'github.com',
    });
  });
});

describe('which host names look private (hosts.ts)', () => {
  it('knows IP addresses, internal names, self-hosted forges and public hosts apart', () => {
    expect(privateLook('10.1.2.3')).toBe('ip');
    expect(privateLook('git.corp.example')).toBe('internal-name');
    expect(privateLook('svn.acme.internal')).toBe('internal-name');
    expect(privateLook('nas.home.arpa')).toBe('internal-name');
    expect(privateLook('gitserver')).toBe('single-label');
    expect(privateLook('gitlab.acme.com')).toBe('self-hosted-forge');
    for (const host of [
      'github.com',
      'gitlab.com',
      'go.googlesource.com',
      'goproxy.cn',
      'example.com',
      'code.gitea.io',
    ]) {
      expect(privateLook(host), host).toBeNull();
    }
  });
});

describe('projects the checklist could not read', () => {
  it("reports a go.mod go rejects, with x/mod's message", () => {
    const broken = mod('/w/bad/go.mod', 'module example.com/bad\n\nrequire example.com/x\u00a0v1.0.0\n');
    const hit = only('gomod-invalid', machine({}, projects([broken])));
    expect(hit.params!.error).toBe("/w/bad/go.mod:3:22: unexpected input character '\\u00a0'");
    expect(hits('gomod-invalid', machine({}, projects([CORP_APP])))).toEqual([]);
  });

  it('reports missing and unreadable folders instead of no problems', () => {
    const p = projects([]);
    p.notes.push(
      { dir: '/w/gone', code: 'missing', message: '/w/gone does not exist or is not a folder' },
      { dir: '/w/app', code: 'parent', message: '/w/app belongs to the module of /w/go.mod' },
    );
    const found = hits('project-not-read', machine({}, p));
    expect(found.map((h) => h.params!.dir)).toEqual(['/w/gone']);
  });
});

describe('texts', () => {
  it('every rule fired in these tests, and its hits fill every placeholder in both languages', () => {
    for (const r of integrityRules) {
      const ruleHits = seen.get(r.id) ?? [];
      expect(ruleHits.length, r.id).toBeGreaterThan(0);
      for (const hit of ruleHits) {
        for (const language of LANGUAGES) {
          for (const part of ['title', 'detail', 'remedy'] as const) {
            const text = fill(r.text[language][part], hit.params);
            expect(text, `${r.id} ${language} ${part}`).not.toMatch(/\{\{\w+\}\}/);
          }
        }
        if (hit.fix) for (const language of LANGUAGES) expect(hit.fix.summary[language]).not.toBe('');
      }
    }
  });
});
