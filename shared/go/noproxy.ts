import { fromBytes, toBytes, trimSpace } from './gostrings';
import { parseUrl, type GoUrl } from './neturl';

/**
 * Which HTTP proxy `go` uses for a URL: a port of golang.org/x/net/http/httpproxy (FromEnvironment,
 * Config.ProxyFunc, useProxy), which is what net/http.ProxyFromEnvironment runs inside the go command,
 * with the parts of package net it relies on (ParseIP, ParseCIDR, SplitHostPort, JoinHostPort) and
 * URL.Hostname/Port. Their edge cases decide the answer: "127.0.0.1:8080" is not a URL to Go but
 * "http://127.0.0.1:8080" is, a leading zero makes an IPv4 address a host name, and so on. Go 1.19 and
 * x/net 0.7.0 are the reference (tests/integration/go-noproxy.test.ts checks this file against them).
 *
 * Like neturl.ts, the matching works on byte strings (gostrings.ts); ProxyConfig holds the variables as
 * the OS gives them and is converted here.
 */

type Env = Readonly<Record<string, string | undefined>>;

export interface ProxyConfig {
  /** HTTP_PROXY or http_proxy: the proxy for http:// requests. */
  httpProxy: string;
  /** HTTPS_PROXY or https_proxy: the proxy for https:// requests. */
  httpsProxy: string;
  /** NO_PROXY or no_proxy: hosts, domains, IPs and CIDRs that are reached directly. */
  noProxy: string;
  /** REQUEST_METHOD is set: go then refuses HTTP_PROXY, which a CGI client could have injected. */
  cgi: boolean;
}

/** httpproxy.FromEnvironment: the upper-case variable wins when it is not empty. */
export function proxyConfigFromEnv(env: Env): ProxyConfig {
  const any = (...names: string[]): string => {
    for (const name of names) {
      const value = env[name];
      if (value) return value;
    }
    return '';
  };
  return {
    httpProxy: any('HTTP_PROXY', 'http_proxy'),
    httpsProxy: any('HTTPS_PROXY', 'https_proxy'),
    noProxy: any('NO_PROXY', 'no_proxy'),
    cgi: Boolean(env.REQUEST_METHOD),
  };
}

/** The proxy go would use (a URL as neturl.ts holds it): null for a direct connection, or go's error. */
export type ProxyChoice = { proxy: GoUrl | null; error?: undefined } | { proxy: null; error: string };

/**
 * Config.ProxyFunc: the function net/http calls for each request (`reqUrl` from neturl's parseUrl).
 * Like Go's, it works on a snapshot of the configuration. Requests to localhost and loopback addresses
 * never use a proxy.
 */
export function proxyFunc(config: ProxyConfig): (reqUrl: GoUrl) => ProxyChoice {
  const cfg = prepare(config);
  return (reqUrl) => {
    let proxy: GoUrl | null = null;
    if (reqUrl.scheme === 'https') {
      proxy = cfg.httpsProxy;
    } else if (reqUrl.scheme === 'http') {
      proxy = cfg.httpProxy;
      if (proxy !== null && cfg.cgi) {
        return {
          proxy: null,
          error: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy',
        };
      }
    }
    if (proxy === null) return { proxy: null };
    if (!cfg.useProxy(canonicalAddr(reqUrl))) return { proxy: null };
    return { proxy };
  };
}

/** useProxy for a canonical "host:port" address (httpproxy's ExportUseProxy). */
export function useProxy(config: ProxyConfig, addr: string): boolean {
  return prepare(config).useProxy(toBytes(addr));
}

// ---------------------------------------------------------------------------------------------------
// httpproxy: config.init, useProxy and the matchers

type Ip = Uint8Array;

interface Matcher {
  match(host: string, port: string, ip: Ip | null): boolean;
}

interface Prepared {
  httpProxy: GoUrl | null;
  httpsProxy: GoUrl | null;
  cgi: boolean;
  useProxy(addr: string): boolean;
}

const ALL: Matcher = { match: () => true };

const NON_ASCII = /[\u0080-\uffff]/;

/** strings.ToLower on a byte string: Unicode-aware, as Go's is. */
function toLower(b: string): string {
  return NON_ASCII.test(b) ? toBytes(fromBytes(b).toLowerCase()) : b.toLowerCase();
}

function prepare(config: ProxyConfig): Prepared {
  let ipMatchers: Matcher[] = [];
  let domainMatchers: Matcher[] = [];

  for (const entry of toBytes(config.noProxy).split(',')) {
    const p = toLower(trimSpace(entry));
    if (p.length === 0) continue;
    if (p === '*') {
      ipMatchers = [ALL];
      domainMatchers = [ALL];
      break;
    }
    const cidr = parseCidr(p);
    if (cidr !== null) {
      ipMatchers.push({ match: (_h, _p, ip) => ip !== null && cidrContains(cidr, ip) });
      continue;
    }
    let phost: string;
    let pport = '';
    const split = splitHostPort(p);
    if (split.ok) {
      phost = split.host;
      pport = split.port;
      if (phost.length === 0) continue;
      if (phost.startsWith('[') && phost.endsWith(']')) phost = phost.slice(1, -1);
    } else {
      phost = p;
    }
    const pip = parseIp(phost);
    if (pip !== null) {
      const port = pport;
      ipMatchers.push({
        match: (_h, portNow, ip) => ip !== null && ipEqual(pip, ip) && (port === '' || port === portNow),
      });
      continue;
    }
    if (phost.length === 0) continue;
    if (phost.startsWith('*.')) phost = phost.slice(1);
    let matchHost = false;
    if (!phost.startsWith('.')) {
      matchHost = true;
      phost = `.${phost}`;
    }
    const ascii = idnaAscii(phost);
    if (ascii !== null) phost = ascii;
    const suffix = phost;
    const port = pport;
    domainMatchers.push({
      match: (host, portNow) =>
        (host.endsWith(suffix) || (matchHost && host === suffix.slice(1))) &&
        (port === '' || port === portNow),
    });
  }

  return {
    httpProxy: parseProxy(toBytes(config.httpProxy)),
    httpsProxy: parseProxy(toBytes(config.httpsProxy)),
    cgi: config.cgi,
    useProxy(addr) {
      if (addr.length === 0) return true;
      const split = splitHostPort(addr);
      if (!split.ok) return false;
      const { host, port } = split;
      if (host === 'localhost') return false;
      const ip = parseIp(host);
      if (ip !== null && isLoopback(ip)) return false;
      const lower = toLower(trimSpace(host));
      if (ip !== null && ipMatchers.some((m) => m.match(lower, port, ip))) return false;
      return !domainMatchers.some((m) => m.match(lower, port, ip));
    },
  };
}

/** parseProxy: a bare "host:port" (or any value that is not an http/https/socks5 URL) means http://. */
function parseProxy(proxy: string): GoUrl | null {
  if (proxy === '') return null;
  const parsed = parseUrl(proxy);
  if (!parsed.ok || !['http', 'https', 'socks5'].includes(parsed.value.scheme)) {
    const again = parseUrl(`http://${proxy}`);
    if (again.ok) return again.value;
  }
  // An unparsable value leaves this proxy unset: Go's init ignores the error.
  return parsed.ok ? parsed.value : null;
}

const PORT_FOR_SCHEME: Record<string, string> = { http: '80', https: '443', socks5: '1080' };

/** canonicalAddr: url.Host with the scheme's port when it has none, the host in IDNA ASCII form. */
function canonicalAddr(u: GoUrl): string {
  let addr = urlHostname(u);
  const ascii = idnaAscii(addr);
  if (ascii !== null) addr = ascii;
  let port = urlPort(u);
  if (port === '') port = PORT_FOR_SCHEME[u.scheme] ?? '';
  return joinHostPort(addr, port);
}

/**
 * idna.Lookup.ToASCII for non-ASCII names (a byte string in, ASCII out), null where Go's would fail
 * (Go then keeps the name as it is). The WHATWG URL parser does the UTS #46 mapping and punycode with
 * the same non-transitional rules; Lookup's extra STD3 and hyphen checks on the labels are applied here.
 */
function idnaAscii(name: string): string | null {
  if (!NON_ASCII.test(name)) return name;
  let hostname: string;
  try {
    hostname = new URL(`http://${fromBytes(name)}`).hostname;
  } catch {
    return null;
  }
  for (const label of hostname.split('.')) {
    if (!/^[a-z0-9-]*$/.test(label)) return null;
    if (label.startsWith('-') || label.endsWith('-')) return null;
    if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return null;
  }
  return hostname;
}

// ---------------------------------------------------------------------------------------------------
// net: SplitHostPort, JoinHostPort, ParseIP, ParseCIDR, IP.Equal, IP.IsLoopback, IPNet.Contains

type Split = { ok: true; host: string; port: string } | { ok: false; error: string };

function splitHostPort(hostport: string): Split {
  const fail = (why: string): Split => ({ ok: false, error: `address ${hostport}: ${why}` });
  let j = 0;
  let k = 0;
  const i = hostport.lastIndexOf(':');
  if (i < 0) return fail('missing port in address');
  let host: string;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === hostport.length) return fail('missing port in address');
    if (end + 1 !== i) {
      return fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    }
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return { ok: true, host, port: hostport.slice(i + 1) };
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const BIG = 0xffffff;
const V4_IN_V6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** Decimal prefix of s: [value, digits consumed, ok]. */
function dtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length && s[i]! >= '0' && s[i]! <= '9'; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) return [BIG, i, false];
  }
  return i === 0 ? [0, 0, false] : [n, i, true];
}

function xtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, 16);
    if (Number.isNaN(d)) break;
    n = n * 16 + d;
    if (n >= BIG) return [0, i, false];
  }
  return i === 0 ? [0, i, false] : [n, i, true];
}

function ipv4(a: number, b: number, c: number, d: number): Ip {
  return Uint8Array.from([...V4_IN_V6, a, b, c, d]);
}

function parseIpv4(input: string): Ip | null {
  let s = input;
  const p = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    if (s.length === 0) return null;
    if (i > 0) {
      if (s[0] !== '.') return null;
      s = s.slice(1);
    }
    const [n, c, ok] = dtoi(s);
    if (!ok || n > 0xff) return null;
    // Go rejects a leading zero ("010"): it could be meant as octal.
    if (c > 1 && s[0] === '0') return null;
    s = s.slice(c);
    p[i] = n;
  }
  if (s.length !== 0) return null;
  return ipv4(p[0]!, p[1]!, p[2]!, p[3]!);
}

function parseIpv6(input: string): Ip | null {
  let s = input;
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const [n, c, ok] = xtoi(s);
    if (!ok || n > 0xffff) return null;
    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== 12) return null;
      if (i + 4 > 16) return null;
      const ip4 = parseIpv4(s);
      if (ip4 === null) return null;
      ip.set(ip4.subarray(12), i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(c);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return null;
  }
  return ip;
}

function parseIp(s: string): Ip | null {
  for (const ch of s) {
    if (ch === '.') return parseIpv4(s);
    if (ch === ':') return parseIpv6(s);
  }
  return null;
}

function to4(ip: Ip): Ip | null {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && V4_IN_V6.every((b, i) => ip[i] === b)) return ip.subarray(12);
  return null;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function ipEqual(a: Ip, b: Ip): boolean {
  if (a.length === b.length) return bytesEqual(a, b);
  if (a.length === 4 && b.length === 16)
    return V4_IN_V6.every((v, i) => b[i] === v) && bytesEqual(a, b.subarray(12));
  if (a.length === 16 && b.length === 4)
    return V4_IN_V6.every((v, i) => a[i] === v) && bytesEqual(a.subarray(12), b);
  return false;
}

const IPV6_LOOPBACK = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

function isLoopback(ip: Ip): boolean {
  const v4 = to4(ip);
  if (v4 !== null) return v4[0] === 127;
  return ipEqual(ip, IPV6_LOOPBACK);
}

interface IpNet {
  ip: Ip;
  mask: Uint8Array;
}

function cidrMask(ones: number, bits: number): Uint8Array {
  const mask = new Uint8Array(bits / 8);
  let n = ones;
  for (let i = 0; i < mask.length; i++) {
    if (n >= 8) {
      mask[i] = 0xff;
      n -= 8;
      continue;
    }
    mask[i] = ~(0xff >> n) & 0xff;
    n = 0;
  }
  return mask;
}

function maskIp(ip: Ip, maskIn: Uint8Array): Ip | null {
  let mask = maskIn;
  let addr = ip;
  if (mask.length === 16 && addr.length === 4 && mask.subarray(0, 12).every((b) => b === 0xff)) {
    mask = mask.subarray(12);
  }
  if (mask.length === 4 && addr.length === 16 && V4_IN_V6.every((b, i) => addr[i] === b)) {
    addr = addr.subarray(12);
  }
  if (addr.length !== mask.length) return null;
  return addr.map((b, i) => b & mask[i]!);
}

function parseCidr(s: string): IpNet | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  let iplen = 4;
  let ip = parseIpv4(addr);
  if (ip === null) {
    iplen = 16;
    ip = parseIpv6(addr);
  }
  const [n, used, ok] = dtoi(bitsText);
  if (ip === null || !ok || used !== bitsText.length || n < 0 || n > 8 * iplen) return null;
  const mask = cidrMask(n, 8 * iplen);
  const network = maskIp(ip, mask);
  return network === null ? null : { ip: network, mask };
}

function cidrContains(net: IpNet, ipIn: Ip): boolean {
  let nn = to4(net.ip);
  if (nn === null) {
    nn = net.ip;
    if (nn.length !== 16) return false;
  }
  let m = net.mask;
  if (m.length === 4) {
    if (nn.length !== 4) return false;
  } else if (m.length === 16) {
    if (nn.length === 4) m = m.subarray(12);
  } else {
    return false;
  }
  const ip = to4(ipIn) ?? ipIn;
  if (ip.length !== nn.length) return false;
  for (let i = 0; i < ip.length; i++) if ((nn[i]! & m[i]!) !== (ip[i]! & m[i]!)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------
// net/url: URL.Hostname and URL.Port (Parse and String are in neturl.ts)

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function urlSplitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** URL.Hostname: the host without port and without IPv6 brackets. */
export function urlHostname(u: GoUrl): string {
  return urlSplitHostPort(u.host)[0];
}

/** URL.Port: the numeric port, or "" when there is none. */
export function urlPort(u: GoUrl): string {
  return urlSplitHostPort(u.host)[1];
}
