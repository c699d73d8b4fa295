import { describe, expect, it } from 'vitest';
import { planRoute, type RouteSettings } from '../../shared/go/route';

const defaults: RouteSettings = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GONOPROXY: '',
  GONOSUMDB: '',
  GOSUMDB: 'sum.golang.org',
  GOINSECURE: '',
};
const plan = (module: string, settings: Partial<RouteSettings> = {}) =>
  planRoute(module, { ...defaults, ...settings });

describe('planRoute (modfetch proxyList, lookup and useSumDB)', () => {
  it("follows go's default: proxy.golang.org, then direct on not-found, checked against sum.golang.org", () => {
    expect(plan('rsc.io/quote')).toEqual({
      steps: [
        { kind: 'proxy', url: 'https://proxy.golang.org', fallback: 'notfound' },
        { kind: 'direct', fallback: 'notfound' },
      ],
      checksum: { verified: true, db: 'sum.golang.org', url: 'https://sum.golang.org', reason: 'checked' },
    });
  });

  it("marks '|' entries as falling back on any error, and prefixes bare hosts with https://", () => {
    expect(plan('rsc.io/quote', { GOPROXY: 'goproxy.cn|https://goproxy.io,direct' }).steps).toEqual([
      { kind: 'proxy', url: 'https://goproxy.cn', fallback: 'any' },
      { kind: 'proxy', url: 'https://goproxy.io', fallback: 'notfound' },
      { kind: 'direct', fallback: 'notfound' },
    ]);
  });

  it('sends GONOPROXY modules direct, naming the pattern, even under GOPROXY=off', () => {
    const settings = { GOPROXY: 'off', GONOPROXY: 'example.com,*.corp.example', GONOSUMDB: '*.corp.example' };
    expect(plan('git.corp.example/team/lib', settings)).toEqual({
      steps: [{ kind: 'noproxy', fallback: 'notfound', pattern: '*.corp.example' }],
      checksum: { verified: false, reason: 'gonosumdb', pattern: '*.corp.example' },
    });
    expect(plan('rsc.io/quote', settings).steps).toEqual([{ kind: 'off', fallback: 'notfound' }]);
  });

  it('uses the direct entry itself when GOPROXY is exactly direct', () => {
    expect(plan('git.corp.example/x', { GOPROXY: 'direct', GONOPROXY: 'git.corp.example' }).steps).toEqual([
      { kind: 'direct', fallback: 'notfound' },
    ]);
  });

  it('flags direct fetches that GOINSECURE allows over plain http', () => {
    const settings = { GOPROXY: 'https://goproxy.cn,direct', GOINSECURE: 'git.lan' };
    expect(plan('git.lan/a/b', settings).steps.at(-1)).toEqual({
      kind: 'direct',
      fallback: 'notfound',
      insecure: true,
    });
    expect(plan('git.lan/a/b', settings).steps[0]).not.toHaveProperty('insecure');
  });

  it('says when the checksum database is off, and where the China alias points', () => {
    expect(plan('rsc.io/quote', { GOSUMDB: 'off' }).checksum).toEqual({
      verified: false,
      reason: 'gosumdb-off',
    });
    expect(plan('rsc.io/quote', { GOSUMDB: 'sum.golang.google.cn' }).checksum).toEqual({
      verified: true,
      db: 'sum.golang.org',
      url: 'https://sum.golang.google.cn',
      reason: 'checked',
    });
  });

  it("reports go's own message for an invalid GOPROXY, with no steps", () => {
    expect(plan('rsc.io/quote', { GOPROXY: 'ftp://mirror.example' })).toMatchObject({
      steps: [],
      error: 'invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
    });
  });

  it('reports an invalid GOSUMDB only for modules that need the database', () => {
    const settings = { GOSUMDB: 'a b c', GONOSUMDB: 'private.example' };
    expect(plan('rsc.io/quote', settings)).toMatchObject({ error: 'invalid GOSUMDB: too many fields' });
    expect(plan('private.example/x', settings).error).toBeUndefined();
  });
});
