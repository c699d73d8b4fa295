import { describe, expect, it } from 'vitest';
import {
  buildAuthReport,
  explainAuthFailure,
  locateNetrc,
  privateHostPatterns,
  redactProxyList,
  type AuthHost,
  type AuthInputs,
} from '../../electron/services/goenv/credentials';
import { createI18n } from '../../shared/i18n';
import type { AuthFacts } from '../../shared/go/goauth';

const GO119: AuthFacts = { goauth: false, netrcHostPort: false, windowsUnderscoreNetrc: false };
const GO121: AuthFacts = { goauth: false, netrcHostPort: true, windowsUnderscoreNetrc: false };
const GO125: AuthFacts = {
  goauth: true,
  netrcHostPort: true,
  windowsUnderscoreNetrc: true,
  goauthPathPrefixes: true,
};

const NETRC = '/home/dev/.netrc';
const CORP = 'https://goproxy.corp.example:8443';

function report(overrides: Partial<AuthInputs> & { netrcText?: string; mode?: number }) {
  const { netrcText = '', mode = 0o600, ...rest } = overrides;
  return buildAuthReport({
    go: { path: '/usr/local/go/bin/go', version: 'go1.25.3' },
    facts: GO125,
    windows: false,
    goproxy: `${CORP},direct`,
    goauth: '',
    hosts: [],
    netrc: { path: NETRC, text: netrcText, mode },
    gitDirs: new Map(),
    ...rest,
  });
}

const { t } = createI18n('en');
const explain = (status: 401 | 403, url: string, r: ReturnType<typeof report>) => {
  const e = explainAuthFailure(status, url, r);
  return t(`auth.explain.${e.code}`, e.values);
};
const codes = (r: ReturnType<typeof report>, i = 0) => r.mirrors[i]!.warnings.map((w) => w.code);

describe('buildAuthReport: where go gets credentials for each mirror', () => {
  it('takes the .netrc entry for host:port and says which line, never the password', () => {
    const r = report({ netrcText: 'machine goproxy.corp.example:8443 login alice password s3cret\n' });
    expect(r.mirrors).toEqual([
      {
        url: CORP,
        host: 'goproxy.corp.example:8443',
        source: 'netrc',
        login: 'alice',
        line: 1,
        file: NETRC,
        warnings: [],
      },
    ]);
    expect(JSON.stringify(r)).not.toContain('s3cret');
  });

  it('warns that go 1.21+ will not send an entry without the port, and explains a 401 with it', () => {
    const r = report({ netrcText: 'machine goproxy.corp.example login alice password s3cret\n' });
    expect(r.mirrors[0]).toMatchObject({ source: 'none' });
    expect(r.mirrors[0]!.warnings).toEqual([
      {
        code: 'netrc-port-missing',
        values: {
          expected: 'goproxy.corp.example:8443',
          machine: 'goproxy.corp.example',
          line: 1,
          file: NETRC,
        },
      },
    ]);
    expect(explain(401, `${CORP}/example.com/m/@v/list`, r)).toBe(
      'go 1.25 looks for `machine goproxy.corp.example:8443` in /home/dev/.netrc; your entry on line 1 is `machine goproxy.corp.example`, so go sent no credentials (401).',
    );
  });

  it('warns that go 1.19 ignores the port, so a host:port entry never matches', () => {
    const r = report({
      facts: GO119,
      go: { path: '/usr/bin/go', version: 'go1.19.8' },
      netrcText: 'machine goproxy.corp.example:8443 login alice password s3cret\n',
    });
    expect(codes(r)).toEqual(['netrc-port-ignored']);
    expect(explain(401, CORP, r)).toContain('go 1.19 looks for `machine goproxy.corp.example` (no port)');
  });

  it('sends nothing over http, and says so when .netrc has an entry for the host', () => {
    const r = report({
      goproxy: 'http://mirror.lan:3000',
      netrcText: 'machine mirror.lan:3000 login a password p\n',
    });
    expect(r.mirrors[0]).toMatchObject({
      source: 'none',
      warnings: [{ code: 'http-no-credentials', values: { line: 1 } }],
    });
    expect(explain(401, 'http://mirror.lan:3000/x', r)).toBe(
      'go 1.25 never sends .netrc or GOAUTH credentials over http://, so http://mirror.lan:3000 got none; use https.',
    );
  });

  it('reports user info of the GOPROXY URL as its source, redacted, and warns when it travels over http', () => {
    const r = report({ goproxy: 'https://ci:tok3n@mirror.example,http://u:pw@plain.example' });
    expect(r.mirrors.map((m) => [m.url, m.source, m.login, codes(r, r.mirrors.indexOf(m))])).toEqual([
      ['https://ci:xxxxx@mirror.example', 'url', 'ci', []],
      ['http://u:xxxxx@plain.example', 'url', 'u', ['url-credentials-cleartext']],
    ]);
    expect(r.goproxy.value).toBe('https://ci:xxxxx@mirror.example,http://u:xxxxx@plain.example');
    expect(JSON.stringify(r)).not.toMatch(/tok3n|:pw@/);
  });

  it('lets a .netrc entry replace the URL user before go 1.24, and the URL win from 1.24', () => {
    const netrcText = 'machine mirror.example login fromnetrc password p\n';
    const old = report({ facts: GO121, goproxy: 'https://ci:t@mirror.example', netrcText });
    expect(old.mirrors[0]).toMatchObject({ source: 'netrc', login: 'fromnetrc', line: 1 });
    expect(codes(old)).toEqual(['url-overridden-by-netrc']);
    const now = report({ goproxy: 'https://ci:t@mirror.example', netrcText });
    expect(now.mirrors[0]).toMatchObject({ source: 'url', login: 'ci' });
    expect(codes(now)).toEqual(['netrc-shadowed-by-url']);
  });

  it('ignores .netrc under GOAUTH=off or a GOAUTH without netrc, and says which line it skips', () => {
    const netrcText = 'machine goproxy.corp.example:8443 login alice password s3cret\n';
    const off = report({ goauth: 'off', netrcText });
    expect(off.mirrors[0]).toMatchObject({ source: 'none' });
    expect(codes(off)).toEqual(['goauth-off-netrc']);
    expect(explain(401, CORP, off)).toContain('GOAUTH=off, so go 1.25 ignored /home/dev/.netrc line 1');
    const git = report({
      goauth: 'git /srv/repo',
      netrcText,
      gitDirs: new Map([['/srv/repo', { kind: 'directory' }]]),
    });
    expect(git.mirrors[0]).toMatchObject({
      source: 'goauth',
      method: 'goauth-git',
      commands: ['git /srv/repo'],
    });
    expect(codes(git)).toEqual(['netrc-not-in-goauth']);
  });

  it('cannot know what a GOAUTH command gives: the .netrc entry is only the fallback', () => {
    const r = report({
      goauth: 'corp-auth --sso;netrc',
      netrcText: 'machine goproxy.corp.example:8443 login alice password s3cret\n',
    });
    expect(r.mirrors[0]).toMatchObject({
      source: 'goauth',
      method: 'goauth-command',
      login: 'alice',
      line: 1,
    });
    expect(codes(r)).toEqual(['goauth-may-override']);
    expect(explain(401, CORP, r)).toContain('go asked the GOAUTH command corp-auth --sso for credentials');
    // GOAUTH is not read before 1.24: .netrc decides.
    expect(
      report({
        facts: GO121,
        goauth: 'corp-auth',
        netrcText: 'machine goproxy.corp.example:8443 login a password p',
      }).mirrors[0],
    ).toMatchObject({ source: 'netrc' });
  });

  it("carries go's GOAUTH error, which stops go before any request", () => {
    const r = report({ goauth: 'off;netrc' });
    expect(r.goauth.error).toBe(
      'go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)',
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['goauth-error']);
    expect(explainAuthFailure(403, CORP, r).code).toBe('goauth-error');
  });

  it('warns about a .netrc others can read, an entry without password, and a default line', () => {
    const r = report({
      mode: 0o644,
      netrcText: 'machine goproxy.corp.example:8443 login alice\ndefault login anon password x\n',
    });
    expect(r.warnings.map((w) => [w.code, w.values])).toEqual([
      ['netrc-permissions', { file: NETRC, mode: '0644' }],
      ['netrc-default-ignored', { file: NETRC, line: 2 }],
    ]);
    expect(codes(r)).toEqual(['netrc-incomplete']);
    expect(explain(401, CORP, r)).toContain('has no password, so go ignored it');
  });

  it('explains a refused or forbidden login from .netrc', () => {
    const r = report({ netrcText: 'machine goproxy.corp.example:8443 login alice password s3cret\n' });
    expect(explain(401, CORP, r)).toBe(
      'go sent the login alice from /home/dev/.netrc line 1 and the server refused it (401): check the password of that entry.',
    );
    expect(explainAuthFailure(403, CORP, r).code).toBe('netrc-forbidden');
    expect(explainAuthFailure(401, 'https://elsewhere.example/', r).code).toBe('not-in-report');
  });
});

describe('buildAuthReport: private module hosts', () => {
  it('looks each GOPRIVATE host up by name, and a glob through the .netrc machines it matches', () => {
    const r = report({
      goproxy: 'off',
      hosts: privateHostPatterns('*.corp.example,github.com/acme/private', 'gitlab.lan/'),
      netrcText: 'machine git.corp.example login bob password p\nmachine github.com login carol password q\n',
    });
    expect(r.hosts.map((h) => [h.host, h.pattern, h.source, h.login])).toEqual([
      ['git.corp.example', '*.corp.example', 'netrc', 'bob'],
      ['github.com', 'github.com', 'netrc', 'carol'],
      ['gitlab.lan', 'gitlab.lan', 'none', undefined],
    ]);
  });

  it('lists a glob no .netrc machine matches, without a URL', () => {
    const r = report({ goproxy: 'off', hosts: ['*.corp.example'] });
    expect(r.hosts).toEqual([
      { host: '*.corp.example', pattern: '*.corp.example', source: 'none', warnings: [] },
    ]);
  });
});

describe('locateNetrc', () => {
  const hostWith = (
    platform: NodeJS.Platform,
    env: Record<string, string>,
    files: Record<string, string>,
  ): AuthHost => ({
    platform,
    env,
    readText: async (file) => files[file] ?? null,
  });

  it('reads $NETRC when set, else ~/.netrc', async () => {
    const files = { '/n/netrc': 'x', '/home/dev/.netrc': 'y' };
    expect(
      (await locateNetrc(hostWith('linux', { HOME: '/home/dev', NETRC: '/n/netrc' }, files), GO125)).text,
    ).toBe('x');
    expect((await locateNetrc(hostWith('linux', { HOME: '/home/dev' }, files), GO125)).path).toBe(
      '/home/dev/.netrc',
    );
  });

  it('on Windows reads _netrc only before 1.24, and falls back to .netrc from 1.24', async () => {
    const env = { USERPROFILE: 'C:\\Users\\dev' };
    const onlyDot = { 'C:\\Users\\dev\\.netrc': 'dot' };
    expect(await locateNetrc(hostWith('win32', env, onlyDot), GO121)).toEqual({
      path: 'C:\\Users\\dev\\_netrc',
      text: null,
    });
    expect(await locateNetrc(hostWith('win32', env, onlyDot), GO125)).toEqual({
      path: 'C:\\Users\\dev\\.netrc',
      text: 'dot',
    });
    const both = { ...onlyDot, 'C:\\Users\\dev\\_netrc': 'underscore' };
    expect((await locateNetrc(hostWith('win32', env, both), GO125)).text).toBe('underscore');
  });

  it('finds no file when the home variable is empty, as os.UserHomeDir', async () => {
    expect(await locateNetrc(hostWith('linux', {}, {}), GO125)).toEqual({
      path: null,
      text: null,
      missingHome: '$HOME',
    });
  });

  it('reports a file it cannot read', async () => {
    const host: AuthHost = {
      platform: 'linux',
      env: { HOME: '/home/dev' },
      readText: async () => {
        throw new Error('EISDIR: illegal operation on a directory, read');
      },
    };
    const found = await locateNetrc(host, GO125);
    expect(found).toMatchObject({
      path: '/home/dev/.netrc',
      text: null,
      error: expect.stringContaining('EISDIR'),
    });
    expect(buildAuthReport({ ...baseInputs(), netrc: found }).warnings.map((w) => w.code)).toEqual([
      'netrc-unreadable',
    ]);
  });
});

function baseInputs(): AuthInputs {
  return {
    go: null,
    facts: GO125,
    windows: false,
    goproxy: 'off',
    goauth: '',
    hosts: [],
    netrc: { path: null, text: null },
    gitDirs: new Map(),
  };
}

describe('redactProxyList', () => {
  it('hides every password in a GOPROXY list, as go prints URLs', () => {
    expect(redactProxyList('https://a:b@x.example,https://y.example|http://c:d:e@z.example/p,direct')).toBe(
      'https://a:xxxxx@x.example,https://y.example|http://c:xxxxx@z.example/p,direct',
    );
  });
});
