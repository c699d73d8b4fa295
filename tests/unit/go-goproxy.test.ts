import { describe, expect, it } from 'vitest';
import { httpMirrors, parseGoProxy, redactUrl, type ProxyEntry } from '../../shared/go/goproxy';

const entries = (value: string, options = {}): ProxyEntry[] => {
  const result = parseGoProxy(value, options);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const error = (value: string, options = {}) => {
  const result = parseGoProxy(value, options);
  return result.ok ? null : result.error;
};

describe('parseGoProxy (modfetch proxyList, go 1.19)', () => {
  it('reads the default as a mirror that falls back to direct on "not found"', () => {
    expect(entries('https://proxy.golang.org,direct')).toEqual([
      { kind: 'proxy', url: 'https://proxy.golang.org', fallback: 'notfound' },
      { kind: 'direct', fallback: 'notfound' },
    ]);
  });

  it("gives an entry the fallback of the separator after it: '|' any error, ',' and the end not found", () => {
    expect(entries('https://a.example|https://b.example,https://c.example').map((e) => e.fallback)).toEqual([
      'any',
      'notfound',
      'notfound',
    ]);
  });

  it('puts https:// in front of bare hosts, but not of absolute paths or anything with ":/"', () => {
    expect(entries('goproxy.cn')[0]!.url).toBe('https://goproxy.cn');
    expect(entries('mirrors.aliyun.com/goproxy/')[0]!.url).toBe('https://mirrors.aliyun.com/goproxy/');
    expect(entries('127.0.0.1:8080')[0]!.url).toBe('https://127.0.0.1:8080');
    expect(error('/srv/goproxy')).toBe('invalid proxy URL missing scheme: /srv/goproxy');
    expect(error('ftp://x')).toBe('invalid proxy URL scheme (must be https, http, file): ftp://x');
  });

  it('keeps single words for go itself: they are neither hosts nor URLs', () => {
    expect(error('foo')).toBe('invalid proxy URL missing scheme: foo');
    expect(error('noproxy')).toBe('invalid proxy URL missing scheme: noproxy');
    expect(error('Direct')).toBe('invalid proxy URL missing scheme: Direct');
  });

  it('stops at direct and off: what follows is never read, valid or not', () => {
    expect(entries('direct,foo')).toEqual([{ kind: 'direct', fallback: 'notfound' }]);
    expect(entries('off|ftp://x')).toEqual([{ kind: 'off', fallback: 'notfound' }]);
    expect(error('foo,direct')).toBe('invalid proxy URL missing scheme: foo');
  });

  it("gives direct and off 'notfound' even before '|', as go does", () => {
    expect(entries('https://a.example|direct|off')).toEqual([
      { kind: 'proxy', url: 'https://a.example', fallback: 'any' },
      { kind: 'direct', fallback: 'notfound' },
    ]);
  });

  it('trims Unicode white space around entries and skips empty ones', () => {
    expect(entries(' ,\u00a0direct\u3000')).toEqual([{ kind: 'direct', fallback: 'notfound' }]);
    expect(entries(',,https://a.example,,')).toEqual([
      { kind: 'proxy', url: 'https://a.example', fallback: 'notfound' },
    ]);
  });

  it("does not split at ';' (the host then swallows the rest)", () => {
    expect(entries('goproxy.cn;direct')).toEqual([
      { kind: 'proxy', url: 'https://goproxy.cn;direct', fallback: 'notfound' },
    ]);
  });

  it('reports a list with no entries, as go does for "," or " "', () => {
    for (const value of [',', ' ', '|,|', '']) {
      expect(error(value)).toBe('GOPROXY list is not the empty string, but contains no entries');
    }
  });

  it('accepts file:/// URLs with only a path, and nothing else', () => {
    expect(entries('file:///srv/goproxy')[0]!.url).toBe('file:///srv/goproxy');
    expect(error('file://host/x')).toBe('invalid file:// proxy URL with non-path elements: file://host/x');
    expect(error('file:/srv/goproxy')).toBe(
      'invalid file:// proxy URL with non-path elements: file:/srv/goproxy',
    );
    expect(error('file:///x?q')).toBe('invalid file:// proxy URL with non-path elements: file:///x?q');
    expect(error('file://u:p@/x')).toBe(
      'invalid file:// proxy URL with non-path elements: file://u:xxxxx@/x',
    );
    // Without ":/" it is a bare host to go, and "relative" a port.
    expect(error('file:relative')).toBe('parse "https://file:relative": invalid port ":relative" after host');
  });

  it("reports url.Parse's own errors verbatim", () => {
    expect(error('https://a b')).toBe('parse "https://a b": invalid character " " in host name');
    expect(error('http://%zz')).toBe('parse "http://%zz": invalid URL escape "%zz"');
    expect(error('a:b')).toBe('parse "https://a:b": invalid port ":b" after host');
    expect(error('http://[::1')).toBe('parse "http://[::1": missing \']\' in host');
    expect(error('http://a\x01b')).toBe('parse "http://a\\x01b": net/url: invalid control character in URL');
    expect(error('http://h/#%zz')).toBe('parse "http://h/#%zz": invalid URL escape "%zz"');
    expect(error('http://us er:p@h')).toBe('parse "http://us er:p@h": net/url: invalid userinfo');
    expect(error('://goproxy.cn')).toBe('parse "://goproxy.cn": missing protocol scheme');
  });

  it('prints passwords as xxxxx in its errors, and keeps them in the URL go uses', () => {
    expect(error('ftp://user:secret@x')).toBe(
      'invalid proxy URL scheme (must be https, http, file): ftp://user:xxxxx@x',
    );
    expect(entries('https://user:secret@a.example')[0]!.url).toBe('https://user:secret@a.example');
  });

  it('treats C:\\dir and \\\\host.corp\\share as file paths only when reading as go on Windows does', () => {
    expect(error('C:\\goproxy')).toBe(
      'parse "https://C:\\\\goproxy": invalid port ":\\\\goproxy" after host',
    );
    expect(error('C:\\goproxy', { windows: true })).toBe(
      'invalid proxy URL scheme (must be https, http, file): c:\\goproxy',
    );
    expect(error('\\\\host.corp\\share')).toBe(
      'parse "https://\\\\\\\\host.corp\\\\share": invalid character "\\\\" in host name',
    );
    expect(error('\\\\host.corp\\share', { windows: true })).toBe(
      'invalid proxy URL missing scheme: %5C%5Chost.corp%5Cshare',
    );
  });
});

describe('redactUrl', () => {
  it('replaces the password, and only the password, as url.Redacted does', () => {
    expect(redactUrl('https://user:secret@goproxy.cn/x')).toBe('https://user:xxxxx@goproxy.cn/x');
    expect(redactUrl('https://user@goproxy.cn')).toBe('https://user@goproxy.cn');
    expect(redactUrl('https://goproxy.cn')).toBe('https://goproxy.cn');
  });

  it('still hides the password of a URL that url.Parse rejects', () => {
    expect(redactUrl('https://user:secret@goproxy.cn/%zz')).toBe('https://user:xxxxx@goproxy.cn/%zz');
  });
});

describe('httpMirrors', () => {
  it('lists the http(s) entries in order, without direct, off or files; none for a value go rejects', () => {
    expect(httpMirrors('goproxy.cn|https://goproxy.io,file:///srv/mods,direct')).toEqual([
      'https://goproxy.cn',
      'https://goproxy.io',
    ]);
    expect(httpMirrors('off')).toEqual([]);
    expect(httpMirrors('')).toEqual([]);
  });
});
