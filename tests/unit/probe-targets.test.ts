import { describe, expect, it } from 'vitest';
import { compareFreshness, type Latest } from '../../electron/services/probe/freshness';
import {
  below,
  endpointHref,
  parseEndpoint,
  parseModuleVersion,
  resolveMirrors,
} from '../../electron/services/probe/targets';
import { MIRRORS } from '../../shared/mirrors';

describe('resolveMirrors: catalogue ids and URLs as a user types them', () => {
  it('probes the whole catalogue by default, by id', () => {
    const all = resolveMirrors(undefined);
    expect(all.ok && all.value.map((t) => t.id)).toEqual(MIRRORS.map((m) => m.id));
  });

  it('takes ids and URLs, adds https:// like GOPROXY does, and probes each mirror once', () => {
    const got = resolveMirrors([
      'goproxy.cn',
      'https://goproxy.cn/',
      'mirrors.example.com/go',
      'http://127.0.0.1:8080',
    ]);
    expect(got.ok && got.value.map((t) => [t.id, t.base.display])).toEqual([
      ['goproxy.cn', 'https://goproxy.cn'],
      ['mirrors.example.com/go', 'https://mirrors.example.com/go'],
      ['127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ]);
  });

  it('finds the catalogue id of a catalogue URL', () => {
    const got = resolveMirrors(['https://mirrors.aliyun.com/goproxy/']);
    expect(got.ok && got.value[0]!.id).toBe('aliyun');
  });

  it('refuses what is neither an id nor an http(s) URL, saying why', () => {
    for (const bad of ['ftp://x', 'nonsense', 'http://[::1', 'https://:443', 'http://h:99999']) {
      const got = resolveMirrors([bad]);
      expect(got.ok, bad).toBe(false);
      if (!got.ok) expect(got.error).toContain(`"${bad}" is neither a mirror id nor an http(s) URL`);
    }
  });
});

describe('endpoints, the way go builds proxy requests', () => {
  it('keeps credentials out of the display URL and sends them as Basic auth', () => {
    const e = parseEndpoint('https://user:pa%40ss@goproxy.corp/base/');
    expect(e.ok && e.value).toMatchObject({
      scheme: 'https',
      hostname: 'goproxy.corp',
      port: 443,
      path: '/base',
      display: 'https://user:xxxxx@goproxy.corp/base',
      authorization: `Basic ${Buffer.from('user:pa@ss').toString('base64')}`,
    });
  });

  it('joins module paths under the base path, keeping the query, and brackets IPv6 hosts', () => {
    const e = parseEndpoint('http://[::1]:8080/go?token=x');
    if (!e.ok) throw new Error(e.error);
    const info = below(e.value, 'rsc.io/quote/@v/v1.5.2.info');
    expect(info.path).toBe('/go/rsc.io/quote/@v/v1.5.2.info?token=x');
    expect(endpointHref(info)).toBe('http://[::1]:8080/go/rsc.io/quote/@v/v1.5.2.info?token=x');
    expect(info.hostname).toBe('::1');
  });
});

describe('parseModuleVersion', () => {
  it('escapes upper case like the proxy protocol', () => {
    const m = parseModuleVersion('github.com/Azure/azure-sdk-for-go@v1.0.0-RC1');
    expect(m.ok && m.value).toMatchObject({
      infoPath: 'github.com/!azure/azure-sdk-for-go/@v/v1.0.0-!r!c1.info',
      zipPath: 'github.com/!azure/azure-sdk-for-go/@v/v1.0.0-!r!c1.zip',
      canonical: true,
    });
  });

  it('knows which versions go checks .info against', () => {
    const canonical = (spec: string) => {
      const m = parseModuleVersion(spec);
      return m.ok && m.value.canonical;
    };
    expect(canonical('rsc.io/quote@v1.5.2')).toBe(true);
    expect(canonical('rsc.io/quote@master')).toBe(false);
    expect(canonical('rsc.io/quote@v1.5')).toBe(false);
  });

  it('refuses a missing version or an invalid path with go’s reason', () => {
    expect(parseModuleVersion('rsc.io/quote')).toMatchObject({ ok: false });
    expect(parseModuleVersion('rsc.io/quote@')).toMatchObject({ ok: false });
    const bad = parseModuleVersion('quote@v1.0.0');
    expect(bad.ok === false && bad.error).toContain('missing dot in first path element');
  });
});

describe('freshness', () => {
  it('counts the versions a mirror is behind from the freshest mirror’s list, and the age difference', () => {
    const latest = new Map<string, Latest>([
      [
        'fresh',
        {
          version: 'v1.5.2',
          time: '2018-02-14T15:44:20Z',
          versions: ['v1.4.0', 'v1.5.0', 'v1.5.1', 'v1.5.2', 'v1.5.3-pre1'],
        },
      ],
      ['stale', { version: 'v1.4.0', time: '2018-02-10T15:44:20Z', versions: ['v1.4.0'] }],
      ['broken', { error: '@latest answered HTTP 502' }],
    ]);
    const got = compareFreshness('rsc.io/quote', latest);
    expect(got.get('fresh')).toEqual({
      module: 'rsc.io/quote',
      latest: 'v1.5.2',
      time: '2018-02-14T15:44:20Z',
      behind: 0,
      behindMs: 0,
    });
    expect(got.get('stale')).toMatchObject({ latest: 'v1.4.0', behind: 3, behindMs: 4 * 86_400_000 });
    expect(got.get('broken')).toEqual({ module: 'rsc.io/quote', error: '@latest answered HTTP 502' });
  });

  it('counts at least one behind when the newer version is not listed (a pseudo-version @latest)', () => {
    const got = compareFreshness(
      'm',
      new Map<string, Latest>([
        ['a', { version: 'v0.0.0-20240102000000-abcdefabcdef', versions: [] }],
        ['b', { version: 'v0.0.0-20230101000000-abcdefabcdef', versions: [] }],
      ]),
    );
    expect(got.get('b')!.behind).toBe(1);
    expect(got.get('a')!.behind).toBe(0);
  });
});
