import { describe, expect, it } from 'vitest';
import { fromBytes, toBytes } from '../../shared/go/gostrings';
import { parseUrl, urlRedacted, urlString } from '../../shared/go/neturl';
import { proxyConfigFromEnv, proxyFunc, useProxy, type ProxyConfig } from '../../shared/go/noproxy';

// The tables of golang.org/x/net/http/httpproxy/proxy_test.go (x/net 0.7.0), case for case.

const config = (c: Partial<ProxyConfig>): ProxyConfig => ({
  httpProxy: '',
  httpsProxy: '',
  noProxy: '',
  cgi: false,
  ...c,
});

interface ProxyForUrlCase {
  cfg: Partial<ProxyConfig>;
  req?: string;
  want: string;
  wantErr?: string;
}

const proxyForUrlTests: ProxyForUrlCase[] = [
  { cfg: { httpProxy: '127.0.0.1:8080' }, want: 'http://127.0.0.1:8080' },
  { cfg: { httpProxy: 'cache.corp.example.com:1234' }, want: 'http://cache.corp.example.com:1234' },
  { cfg: { httpProxy: 'cache.corp.example.com' }, want: 'http://cache.corp.example.com' },
  { cfg: { httpProxy: 'https://cache.corp.example.com' }, want: 'https://cache.corp.example.com' },
  { cfg: { httpProxy: 'http://127.0.0.1:8080' }, want: 'http://127.0.0.1:8080' },
  { cfg: { httpProxy: 'https://127.0.0.1:8080' }, want: 'https://127.0.0.1:8080' },
  { cfg: { httpProxy: 'socks5://127.0.0.1' }, want: 'socks5://127.0.0.1' },
  // Don't use secure for http
  {
    cfg: { httpProxy: 'http.proxy.tld', httpsProxy: 'secure.proxy.tld' },
    req: 'http://insecure.tld/',
    want: 'http://http.proxy.tld',
  },
  // Use secure for https.
  {
    cfg: { httpProxy: 'http.proxy.tld', httpsProxy: 'secure.proxy.tld' },
    req: 'https://secure.tld/',
    want: 'http://secure.proxy.tld',
  },
  {
    cfg: { httpProxy: 'http.proxy.tld', httpsProxy: 'https://secure.proxy.tld' },
    req: 'https://secure.tld/',
    want: 'https://secure.proxy.tld',
  },
  { cfg: { httpProxy: 'http.proxy.tld' }, req: 'https://secure.tld/', want: '<nil>' },
  { cfg: { httpProxy: 'http.proxy.tld' }, req: 'ftp://insecure.tld/', want: '<nil>' },
  // Issue 16405: don't use HTTP_PROXY in a CGI environment, where HTTP_PROXY can be attacker-controlled.
  {
    cfg: { httpProxy: 'http://10.1.2.3:8080', cgi: true },
    want: '<nil>',
    wantErr: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy',
  },
  // HTTPS proxy is still used even in CGI environment (perhaps dubious but it's the historical behaviour).
  {
    cfg: { httpsProxy: 'https://secure.proxy.tld', cgi: true },
    req: 'https://secure.tld/',
    want: 'https://secure.proxy.tld',
  },
  { cfg: {}, want: '<nil>' },
  { cfg: { noProxy: 'example.com', httpProxy: 'proxy' }, req: 'http://example.com/', want: '<nil>' },
  { cfg: { noProxy: '.example.com', httpProxy: 'proxy' }, req: 'http://example.com/', want: 'http://proxy' },
  { cfg: { noProxy: 'ample.com', httpProxy: 'proxy' }, req: 'http://example.com/', want: 'http://proxy' },
  { cfg: { noProxy: 'example.com', httpProxy: 'proxy' }, req: 'http://foo.example.com/', want: '<nil>' },
  { cfg: { noProxy: '.foo.com', httpProxy: 'proxy' }, req: 'http://example.com/', want: 'http://proxy' },
  { cfg: { noProxy: '.示例.com', httpProxy: 'proxy' }, req: 'http://www.示例.com', want: '<nil>' },
  { cfg: { noProxy: 'xn--fsq092h.com', httpProxy: 'proxy' }, req: 'http://www.示例.com', want: '<nil>' },
  { cfg: { noProxy: '示例.com', httpProxy: 'proxy' }, req: 'http://www.xn--fsq092h.com', want: '<nil>' },
];

function describeCase(c: ProxyForUrlCase): string {
  const parts = [];
  if (c.cfg.httpProxy) parts.push(`http_proxy=${JSON.stringify(c.cfg.httpProxy)}`);
  if (c.cfg.httpsProxy) parts.push(`https_proxy=${JSON.stringify(c.cfg.httpsProxy)}`);
  if (c.cfg.noProxy) parts.push(`no_proxy=${JSON.stringify(c.cfg.noProxy)}`);
  if (c.cfg.cgi) parts.push('cgi');
  parts.push(`req=${JSON.stringify(c.req ?? 'http://example.com')}`);
  return parts.join(' ');
}

describe('httpproxy ProxyFunc (proxy_test.go TestProxyForURL)', () => {
  it.each(proxyForUrlTests.map((c) => [describeCase(c), c] as const))('%s', (_name, c) => {
    const cfg = config(c.cfg);
    const parsed = parseUrl(toBytes(c.req ?? 'http://example.com'));
    if (!parsed.ok) throw new Error(parsed.error);
    const fn = proxyFunc(cfg);
    const check = (): void => {
      const got = fn(parsed.value);
      expect(got.error).toBe(c.wantErr);
      expect(got.proxy === null ? '<nil>' : urlString(got.proxy)).toBe(c.want);
    };
    check();
    // Changing the configuration afterwards does not change the function's answers.
    Object.assign(cfg, config({}));
    check();
  });
});

describe('httpproxy FromEnvironment', () => {
  it('reads the upper-case variables', () => {
    expect(
      proxyConfigFromEnv({
        HTTP_PROXY: 'httpproxy',
        HTTPS_PROXY: 'httpsproxy',
        NO_PROXY: 'noproxy',
        REQUEST_METHOD: '',
      }),
    ).toEqual(config({ httpProxy: 'httpproxy', httpsProxy: 'httpsproxy', noProxy: 'noproxy' }));
  });

  it('sets CGI when REQUEST_METHOD is not empty', () => {
    expect(
      proxyConfigFromEnv({
        HTTP_PROXY: 'httpproxy',
        HTTPS_PROXY: 'httpsproxy',
        NO_PROXY: 'noproxy',
        REQUEST_METHOD: 'PUT',
      }),
    ).toEqual(config({ httpProxy: 'httpproxy', httpsProxy: 'httpsproxy', noProxy: 'noproxy', cgi: true }));
  });

  it('reads the lower-case variables', () => {
    expect(
      proxyConfigFromEnv({
        http_proxy: 'httpproxy',
        https_proxy: 'httpsproxy',
        no_proxy: 'noproxy',
        REQUEST_METHOD: '',
      }),
    ).toEqual(config({ httpProxy: 'httpproxy', httpsProxy: 'httpsproxy', noProxy: 'noproxy' }));
  });

  it('prefers a non-empty upper-case variable and falls back on the lower-case one when it is empty', () => {
    expect(proxyConfigFromEnv({ HTTPS_PROXY: 'UPPER', https_proxy: 'lower' }).httpsProxy).toBe('UPPER');
    expect(proxyConfigFromEnv({ HTTPS_PROXY: '', https_proxy: 'lower' }).httpsProxy).toBe('lower');
    expect(proxyConfigFromEnv({ NO_PROXY: '', no_proxy: 'a.com' }).noProxy).toBe('a.com');
  });
});

const useProxyTests: Array<[string, boolean]> = [
  // Never proxy localhost:
  ['localhost', false],
  ['127.0.0.1', false],
  ['127.0.0.2', false],
  ['[::1]', false],
  ['[::2]', true], // not a loopback address

  ['192.168.1.1', false], // matches exact IPv4
  ['192.168.1.2', true], // ports do not match
  ['192.168.1.3', false], // matches exact IPv4:port
  ['192.168.1.4', true], // no match
  ['10.0.0.2', false], // matches IPv4/CIDR
  ['[2001:db8::52:0:1]', false], // matches exact IPv6
  ['[2001:db8::52:0:2]', true], // no match
  ['[2001:db8::52:0:3]', false], // matches exact [IPv6]:port
  ['[2002:db8:a::123]', false], // matches IPv6/CIDR
  ['[fe80::424b:c8be:1643:a1b6]', true], // no match

  ['barbaz.net', true], // does not match as .barbaz.net
  ['www.barbaz.net', false], // does match as .barbaz.net
  ['foobar.com', false], // does match as foobar.com
  ['www.foobar.com', false], // match because NO_PROXY includes "foobar.com"
  ['foofoobar.com', true], // not match as a part of foobar.com
  ['baz.com', true], // not match as a part of barbaz.com
  ['localhost.net', true], // not match as suffix of address
  ['local.localhost', true], // not match as prefix as address
  ['barbarbaz.net', true], // not match, wrong domain
  ['wildcard.io', true], // does not match as *.wildcard.io
  ['nested.wildcard.io', false], // match as *.wildcard.io
  ['awildcard.io', true], // not a match because of '*'
];

const noProxy =
  'foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, [2001:db8::52:0:3]:80, 2002:db8:a::45/64';

describe('httpproxy useProxy (TestUseProxy, TestInvalidNoProxy, TestAllNoProxy)', () => {
  it.each(useProxyTests)('%s:80 → proxy %s', (host, want) => {
    expect(useProxy(config({ noProxy }), `${host}:80`)).toBe(want);
  });

  it('ignores a malformed entry without a host (":1")', () => {
    expect(useProxy(config({ noProxy: ':1' }), 'example.com:80')).toBe(true);
  });

  it.each(useProxyTests)('NO_PROXY=* never proxies %s', (host) => {
    expect(useProxy(config({ noProxy: '*' }), `${host}:80`)).toBe(false);
  });
});

describe('the net rules underneath', () => {
  const proxyAt = (cfg: ProxyConfig, raw: string): string | null => {
    const parsed = parseUrl(toBytes(raw));
    if (!parsed.ok) throw new Error(parsed.error);
    const got = proxyFunc(cfg)(parsed.value).proxy;
    return got && fromBytes(urlRedacted(got));
  };

  it('treats an IPv4 address with a leading zero as a host name, and IPv4-mapped IPv6 as IPv4', () => {
    const cfg = config({ httpProxy: 'proxy', noProxy: '10.0.0.0/8' });
    expect(proxyAt(cfg, 'http://10.0.0.1/')).toBeNull();
    expect(proxyAt(cfg, 'http://010.0.0.1/')).toBe('http://proxy');
    expect(proxyAt(cfg, 'http://[::ffff:10.0.0.1]/')).toBeNull();
    expect(proxyAt(cfg, 'http://[::ffff:127.0.0.1]:8080/')).toBeNull();
    // Not an IP to Go, so not loopback either, though the system resolver maps it to 127.0.0.1.
    expect(proxyAt(cfg, 'http://127.1/')).toBe('http://proxy');
  });

  it('keeps the credentials of a proxy URL, and Redacted hides the password', () => {
    expect(proxyAt(config({ httpsProxy: 'user:s%40cret@proxy.corp:3128' }), 'https://goproxy.cn')).toBe(
      'http://user:xxxxx@proxy.corp:3128',
    );
  });

  it('matches a port-qualified NO_PROXY entry only on that port, the scheme giving the default port', () => {
    const cfg = config({ httpsProxy: 'proxy', noProxy: 'goproxy.cn:443' });
    expect(proxyAt(cfg, 'https://goproxy.cn/')).toBeNull();
    expect(proxyAt(cfg, 'https://goproxy.cn:8443/')).toBe('http://proxy');
  });
});
