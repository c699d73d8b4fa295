import { describe, expect, it } from 'vitest';
import { GOSUMDB_NAME_PANIC, parseGoSumDb } from '../../shared/go/gosumdb';

const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
// Keys made with note.GenerateKey for these names.
const EXAMPLE_KEY = 'sum.example.com/x+8fc149b2+AdsZhKbOp40LKcSg2Oatw4UFMABLpXE+1ZwXYXKUFMRa';
const PORT_NAME_KEY = 'a:b+6c5603c1+AZ0B7klh9gQyqooPdgGgDH+KD9e5cXbCdDmEpplnUol2';
const USER_NAME_KEY = 'u@h+1668b6b7+AQAfnwQjIHvor32jcMxek2Cv2AEZJikFMgMDLKLTPgSL';
const SLASH_NAME_KEY = 'h/p/+4119854b+AdfnVS0AjJL9/qKsMm6XQGTvXLgt4zIIzELM+jLepkLA';

const error = (value: string) => {
  const result = parseGoSumDb(value);
  return result.ok ? null : result.error;
};

describe('parseGoSumDb (modfetch dbDial, go 1.19)', () => {
  it('turns checking off only for exactly "off"', () => {
    expect(parseGoSumDb('off')).toEqual({ ok: true, value: { off: true } });
    expect(error(' off')).toBe('invalid GOSUMDB: malformed verifier id');
    expect(error('OFF')).toBe('invalid GOSUMDB: malformed verifier id');
  });

  it("knows sum.golang.org's key and reaches it at https://sum.golang.org", () => {
    expect(parseGoSumDb('sum.golang.org')).toEqual({
      ok: true,
      value: {
        off: false,
        name: 'sum.golang.org',
        key: SUM_GOLANG_ORG_KEY,
        url: 'https://sum.golang.org',
        urlExplicit: false,
      },
    });
  });

  it('reads exactly "sum.golang.google.cn" as sum.golang.org served from mainland China', () => {
    expect(parseGoSumDb('sum.golang.google.cn')).toEqual({
      ok: true,
      value: {
        off: false,
        name: 'sum.golang.org',
        key: SUM_GOLANG_ORG_KEY,
        url: 'https://sum.golang.google.cn',
        urlExplicit: true,
      },
    });
    expect(error(' sum.golang.google.cn')).toBe('invalid GOSUMDB: malformed verifier id');
  });

  it('takes a full verifier key and an optional URL, split at Unicode white space', () => {
    expect(parseGoSumDb(EXAMPLE_KEY)).toMatchObject({
      ok: true,
      value: {
        name: 'sum.example.com/x',
        key: EXAMPLE_KEY,
        url: 'https://sum.example.com/x',
        urlExplicit: false,
      },
    });
    expect(parseGoSumDb(`${EXAMPLE_KEY}\u00a0https://sumdb.corp/`)).toMatchObject({
      ok: true,
      value: { url: 'https://sumdb.corp/', urlExplicit: true },
    });
  });

  it('needs a key for any database other than sum.golang.org', () => {
    expect(error('sum.example.com')).toBe('invalid GOSUMDB: malformed verifier id');
  });

  it('reports the number of fields', () => {
    expect(error('  ')).toBe('missing GOSUMDB');
    expect(error('')).toBe('missing GOSUMDB');
    expect(error('sum.golang.org https://a https://b')).toBe('invalid GOSUMDB: too many fields');
  });

  it("reports note.NewVerifier's errors", () => {
    const [name, hash, ...rest] = EXAMPLE_KEY.split('+') as [string, string, ...string[]];
    const key = rest.join('+');
    expect(error(`${name}+00000000+${key}`)).toBe('invalid GOSUMDB: invalid verifier hash');
    expect(error(`${name}+${hash.toUpperCase()}+${key}`)).toBeNull();
    expect(error(`${name}+${hash.slice(1)}+${key}`)).toBe('invalid GOSUMDB: malformed verifier id');
    expect(error(`${name}+${hash}+${key.slice(0, -1)}`)).toBe('invalid GOSUMDB: malformed verifier id');
  });

  it('rejects names that are not host[/path], printing the URL as go does', () => {
    expect(error(USER_NAME_KEY)).toBe(
      'invalid sumdb name (must be host[/path]): u@h {Scheme:https Opaque: User:u Host:h Path: RawPath: ' +
        'OmitHost:false ForceQuery:false RawQuery: Fragment: RawFragment:}',
    );
    expect(error(SLASH_NAME_KEY)).toBe(
      'invalid sumdb name (must be host[/path]): h/p/ {Scheme:https Opaque: User: Host:h Path:/p/ RawPath: ' +
        'OmitHost:false ForceQuery:false RawQuery: Fragment: RawFragment:}',
    );
  });

  it('says go crashes on a name that url.Parse rejects', () => {
    expect(error(PORT_NAME_KEY)).toBe(GOSUMDB_NAME_PANIC);
  });

  it("reports url.Parse's error for the database URL", () => {
    expect(error('sum.golang.org %zz')).toBe('invalid GOSUMDB URL: parse "%zz": invalid URL escape "%zz"');
    expect(error('sum.golang.org ftp://x')).toBeNull();
  });
});
