import { describe, expect, it } from 'vitest';
import { failure } from '../../electron/dispatch';
import { catalogues, LANGUAGES } from '../../shared/i18n';
import { DIAGNOSIS_REASONS, diagnose } from '../../shared/diagnose';
import { ERROR_CODES } from '../../shared/contract';

describe('diagnose', () => {
  it.each([
    // go, git and Node as they say it.
    [
      'go: git.corp.example/team/lib@v1.0.0: unrecognized import path "git.corp.example/team/lib": https fetch: Get "https://git.corp.example/team/lib?go-get=1": dial tcp: lookup git.corp.example on 127.0.0.53:53: no such host',
      'dns',
      { host: 'git.corp.example' },
    ],
    ['getaddrinfo ENOTFOUND goproxy.invalid', 'dns', { host: 'goproxy.invalid' }],
    ['connect ECONNREFUSED 127.0.0.1:1', 'refused', { address: '127.0.0.1:1' }],
    [
      'Get "https://goproxy.cn/rsc.io/quote/@v/list": proxyconnect tcp: dial tcp 127.0.0.1:3128: connect: connection refused',
      'refused',
      { address: '127.0.0.1:3128' },
    ],
    [
      'Get "https://goproxy.cn/rsc.io/quote/@v/list": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      'tls',
      { host: 'goproxy.cn' },
    ],
    [
      'reading https://goproxy.corp.example/git.corp.example/lib/@v/list: 401 Unauthorized',
      'auth',
      { host: 'goproxy.corp.example', status: '401' },
    ],
    [
      "fatal: could not read Username for 'https://git.corp.example': terminal prompts disabled",
      'auth',
      { host: 'git.corp.example' },
    ],
    [
      'Get "https://proxy.golang.org/x/@v/list": dial tcp 142.250.0.1:443: i/o timeout',
      'timeout',
      { host: 'proxy.golang.org' },
    ],
    [
      'Get "https://goproxy.io/x/@v/list": net/http: TLS handshake timeout',
      'timeout',
      { host: 'goproxy.io' },
    ],
    [
      'go: invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
      'goproxy-scheme',
      { url: 'ftp://mirror.example' },
    ],
    ['invalid proxy URL missing scheme: goproxy.cn', 'goproxy-missing-scheme', { url: 'goproxy.cn' }],
    ['GOPROXY list is not the empty string, but contains no entries', 'goproxy-empty', {}],
    ['@latest answered HTTP 404', 'http-status', { status: '404' }],
    ['@latest did not name a version', 'bad-answer', {}],
    [
      "EACCES: permission denied, open '/home/u/.config/go/env'",
      'permission',
      { path: '/home/u/.config/go/env' },
    ],
  ])('reads %s as %s', (raw, reason, params) => {
    expect(diagnose(raw)).toEqual({ reason, params });
  });

  it('says nothing about a message it does not understand', () => {
    expect(diagnose('go: unknown go command variable GOFOO')).toBeNull();
    expect(diagnose('The request was malformed')).toBeNull();
  });

  it('names a failed lookup for what it is even when the URL names another host', () => {
    expect(
      diagnose('Get "https://goproxy.cn/x": dial tcp: lookup goproxy.cn: no such host')?.params.host,
    ).toBe('goproxy.cn');
  });
});

describe('failure', () => {
  it('adds the reason and its params to errors that come from the world, keeping the message', () => {
    expect(failure('go-failed', 'go: dial tcp: lookup git.corp.example: no such host').error).toEqual({
      code: 'go-failed',
      message: 'go: dial tcp: lookup git.corp.example: no such host',
      reason: 'dns',
      params: { host: 'git.corp.example' },
    });
  });

  it("leaves the app's own errors and unknown messages as they were", () => {
    expect(failure('invalid-input', 'proxy: no such host in the input').error).toEqual({
      code: 'invalid-input',
      message: 'proxy: no such host in the input',
    });
    expect(failure('internal', 'boom').error).toEqual({ code: 'internal', message: 'boom' });
  });
});

describe('diagnosis messages', () => {
  it.each(LANGUAGES)(
    '%s has a cause and an action for every reason and a title for every error code',
    (lang) => {
      const d = catalogues[lang].diagnosis;
      for (const reason of DIAGNOSIS_REASONS) {
        expect(d.reasons[reason].cause, reason).toBeTruthy();
        expect(d.reasons[reason].action, reason).toBeTruthy();
      }
      for (const code of ERROR_CODES) expect(d.titles[code], code).toBeTruthy();
    },
  );
});
