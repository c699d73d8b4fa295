import type { BypassRule } from './types';

/**
 * The no-proxy list: what the user typed, read into BypassRules with Go's meaning (shared/go/noproxy.ts,
 * a port of x/net/http/httpproxy), and written back in the dialect of each place that keeps such a list.
 * Every translator reports, one sentence per entry, what its target cannot express exactly, so nothing is
 * lost silently; the goal is that each target bypasses the hosts Go would, as closely as it can.
 *
 * NO_PROXY itself is read by three clients here, each its own way (Go 1.19 / x/net, curl's lib/noproxy.c
 * as of 7.88 and 8.x, undici's EnvHttpProxyAgent in 6.x and 7.x):
 *
 *                   Go                     curl                          undici
 *   separators      ","                    "," and blanks                "," and whitespace
 *   "*"             any entry              only as the whole value       only as the whole value
 *   example.com     it and subdomains      it and subdomains             7.x: it and subdomains; 6.x: it only
 *   .example.com    subdomains only        it and subdomains             7.x: it and subdomains; 6.x: subdomains
 *   *.example.com   as .example.com        never matches                 as .example.com
 *   host:port       that port only         never matches                 that port only
 *   IPv6            ::1, [::1]:port        ::1 ([::1] never matches)     [::1], [::1]:port (::1 never matches)
 *   CIDR            yes                    7.86+ (IPv6 ranges did not    no
 *                                          match in 7.88)
 *   localhost       always direct          only when listed              only when listed
 *
 * Hence the env list writes a domain as "example.com,.example.com" (the same hosts for all three), a
 * port-less IPv6 address both bare and bracketed, and "*" alone.
 */

export interface Translated<T> {
  value: T;
  warnings: string[];
}

type Parsed = { ok: true; rule: BypassRule } | { ok: false; error: string };

/**
 * Reads a comma-separated list (';' is taken too: Windows users paste those). Spaces around entries are
 * dropped and empty entries skipped; each rule keeps its entry as written in `text`.
 */
export function parseBypassList(
  text: string,
): { ok: true; rules: BypassRule[] } | { ok: false; error: string } {
  const rules: BypassRule[] = [];
  for (const raw of text.split(/[,;]/)) {
    // Only spaces: a tab or newline is refused below rather than taken as a separator.
    const entry = raw.replace(/^ +| +$/g, '');
    if (entry === '') continue;
    const parsed = parseEntry(entry);
    if (!parsed.ok) return { ok: false, error: `${JSON.stringify(entry)}: ${parsed.error}` };
    rules.push(parsed.rule);
  }
  return { ok: true, rules };
}

function parseEntry(entry: string): Parsed {
  const bad = (error: string): Parsed => ({ ok: false, error });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(entry)) {
    return bad('control characters (newlines, tabs) are not allowed');
  }
  if (/\s/.test(entry)) return bad('spaces are not allowed inside an entry; separate entries with commas');
  if (entry === '*') return { ok: true, rule: { kind: 'all', text: entry } };
  if (entry.toLowerCase() === '<local>') return { ok: true, rule: { kind: 'local', text: entry } };
  if (entry.includes('://')) return bad('write the host name alone, not a URL');
  if (entry.includes('/')) return parseCidr(entry);

  let host: string;
  let portText: string | undefined;
  let bracketed = false;
  if (entry.startsWith('[')) {
    const m = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
    if (!m) return bad('expected an IPv6 address in brackets, optionally followed by ":port"');
    host = m[1]!;
    portText = m[2];
    bracketed = true;
  } else {
    const colons = entry.split(':').length - 1;
    // Two or more colons: an IPv6 address, which takes a port only in brackets (as Go's SplitHostPort).
    const colon = colons === 1 ? entry.indexOf(':') : -1;
    host = colon === -1 ? entry : entry.slice(0, colon);
    portText = colon === -1 ? undefined : entry.slice(colon + 1);
  }

  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return bad(`port ${JSON.stringify(portText)} is not a number from 1 to 65535`);
    }
    port = Number(portText);
  }
  const withPort = (rule: Extract<BypassRule, { kind: 'domain' | 'ip' }>): Parsed => ({
    ok: true,
    rule: port === undefined ? rule : { ...rule, port },
  });

  if (bracketed || host.includes(':')) {
    const groups = ipv6Groups(host);
    if (groups === null) {
      return bad(
        bracketed
          ? 'not a valid IPv6 address'
          : 'not a valid IPv6 address (write an IPv6 address with a port as [address]:port)',
      );
    }
    return withPort({ kind: 'ip', text: entry, ip: ipv6Text(groups) });
  }
  if (host === '') return bad('missing host name before the port');
  if (ipv4Number(host) !== null) return withPort({ kind: 'ip', text: entry, ip: host });

  let name = host;
  let subdomainsOnly = false;
  // Go strips "*." to "." and reads ".example.com" as the subdomains of example.com.
  if (name.startsWith('*.')) {
    subdomainsOnly = true;
    name = name.slice(2);
  } else if (name.startsWith('.')) {
    subdomainsOnly = true;
    name = name.slice(1);
  }
  if (name.includes('*'))
    return bad('a wildcard is allowed only alone ("*") or as a leading "*." (*.example.com)');
  const domain = asciiDomain(name);
  if (!domain.ok) return bad(domain.error);
  // "010.0.0.1" is a host name to Go (a leading zero could mean octal), and stays one here.
  if (subdomainsOnly && ipv4Number(domain.value) !== null) {
    return bad('"*." or a leading dot goes before a domain name, not an IP address');
  }
  return withPort({ kind: 'domain', text: entry, domain: domain.value, subdomainsOnly });
}

function parseCidr(entry: string): Parsed {
  const slash = entry.indexOf('/');
  const addr = entry.slice(0, slash);
  const bits = entry.slice(slash + 1);
  const bad = (error: string): Parsed => ({ ok: false, error });
  const v4 = ipv4Number(addr);
  const v6 = v4 === null ? ipv6Groups(addr) : null;
  if (v4 === null && v6 === null) {
    return bad('not a CIDR range: expected an IPv4 or IPv6 address (no brackets), "/" and a prefix length');
  }
  const max = v4 === null ? 128 : 32;
  if (!/^[0-9]{1,3}$/.test(bits) || Number(bits) > max) {
    return bad(`prefix length ${JSON.stringify(bits)} is not a number from 0 to ${max}`);
  }
  const prefix = Number(bits);
  // Like Go's ParseCIDR, host bits are allowed and dropped: "10.1.2.3/8" is 10.0.0.0/8.
  const ip = v4 !== null ? ipv4Text(maskIpv4(v4, prefix)) : ipv6Text(maskIpv6(v6!, prefix));
  return { ok: true, rule: { kind: 'cidr', text: entry, ip, prefix } };
}

/** A host name in ASCII (internationalized names in their xn-- form, as Go compares them), lower case. */
function asciiDomain(name: string): { ok: true; value: string } | { ok: false; error: string } {
  const badChar = /[^A-Za-z0-9._\-\u0080-\uffff]/.exec(name);
  if (badChar) return { ok: false, error: `${JSON.stringify(badChar[0])} is not allowed in a host name` };
  let value = name.toLowerCase();
  if (/[\u0080-\uffff]/.test(value)) {
    try {
      value = new URL(`http://${name}/`).hostname;
    } catch {
      return { ok: false, error: 'not a valid internationalized domain name' };
    }
  }
  if (!/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/.test(value)) {
    return { ok: false, error: 'empty label in the host name (a dot at either end, or two dots in a row)' };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------
// Addresses: IPv4 as Go's ParseIP reads it (four decimal octets, no leading zeros); IPv6 through the
// WHATWG URL parser, which also gives the canonical text (lower case, longest zero run as "::").

function ipv4Number(text: string): number | null {
  if (!/^(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}$/.test(text)) return null;
  const octets = text.split('.').map(Number);
  if (octets.some((o) => o > 255)) return null;
  return octets.reduce((n, o) => n * 256 + o, 0);
}

function ipv4Octets(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function ipv4Text(n: number): string {
  return ipv4Octets(n).join('.');
}

function maskIpv4(n: number, prefix: number): number {
  return prefix === 0 ? 0 : (n & (~0 << (32 - prefix))) >>> 0;
}

function ipv6Groups(text: string): number[] | null {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  let canonical: string;
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  // The serialiser writes hex groups only, with at most one "::".
  const [head = '', tail] = canonical.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  if (tail === undefined) return part(head);
  const h = part(head);
  const t = part(tail);
  return [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

function ipv6Text(groups: readonly number[]): string {
  return new URL(`http://[${groups.map((g) => g.toString(16)).join(':')}]/`).hostname.slice(1, -1);
}

function maskIpv6(groups: readonly number[], prefix: number): number[] {
  return groups.map((g, i) => {
    const bits = Math.min(16, Math.max(0, prefix - 16 * i));
    return g & ((0xffff << (16 - bits)) & 0xffff);
  });
}

const isIpv6 = (ip: string): boolean => ip.includes(':');

/**
 * An IPv4 range as whole-octet blocks (["10"] for 10.0.0.0/8, ["172","16"] ... ["172","31"] for
 * 172.16.0.0/12), for targets that only know "10.*"-style wildcards; null when it takes more than 16
 * blocks (or is 0.0.0.0/0, which a wildcard would widen to host names).
 */
function ipv4Blocks(rule: Extract<BypassRule, { kind: 'cidr' }>): string[][] | null {
  const base = ipv4Number(rule.ip);
  if (base === null || rule.prefix === 0) return null;
  const aligned = Math.ceil(rule.prefix / 8) * 8;
  const count = 2 ** (aligned - rule.prefix);
  if (count > 16) return null;
  const blocks: string[][] = [];
  for (let i = 0; i < count; i++) {
    blocks.push(
      ipv4Octets(base + i * 2 ** (32 - aligned))
        .slice(0, aligned / 8)
        .map(String),
    );
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------
// Translators

/** Collects a target's entries in rule order without duplicates, and its warnings. */
function collector() {
  const values: string[] = [];
  const warnings: string[] = [];
  // Sets beside the arrays: a search of the array per entry made a long list quadratic.
  const seenValues = new Set<string>();
  const seenWarnings = new Set<string>();
  return {
    values,
    warnings,
    add(...entries: string[]) {
      for (const e of entries) {
        if (seenValues.has(e)) continue;
        seenValues.add(e);
        values.push(e);
      }
    },
    warn(message: string) {
      if (seenWarnings.has(message)) return;
      seenWarnings.add(message);
      warnings.push(message);
    },
  };
}

const quoted = (rule: BypassRule): string => `"${rule.text}"`;
const portSuffix = (port: number | undefined): string => (port === undefined ? '' : `:${port}`);
const hostOf = (rule: Extract<BypassRule, { kind: 'domain' | 'ip' }>): string =>
  rule.kind === 'domain' ? rule.domain : rule.ip;

/** NO_PROXY / no_proxy, read by Go, curl and undici alike (see the table at the top). */
export function toEnvNoProxy(rules: readonly BypassRule[]): Translated<string> {
  // curl and undici honour "*" only as the whole value; the other entries would not matter anyway.
  if (rules.some((r) => r.kind === 'all')) return { value: '*', warnings: [] };
  const out = collector();
  const curlPort = (rule: BypassRule) =>
    out.warn(`curl ignores NO_PROXY entries with a port, so it still uses the proxy for ${quoted(rule)}.`);
  for (const rule of rules) {
    switch (rule.kind) {
      case 'local':
        out.warn(
          `Go, curl and undici cannot bypass names without a dot, so ${quoted(rule)} is left out of NO_PROXY.`,
        );
        break;
      case 'domain': {
        const port = portSuffix(rule.port);
        // The bare name gives curl and undici 6 the domain itself; the dotted one gives undici 6 the subdomains.
        if (!rule.subdomainsOnly) out.add(`${rule.domain}${port}`);
        out.add(`.${rule.domain}${port}`);
        if (rule.subdomainsOnly) {
          out.warn(
            `curl and undici 7 also bypass ${rule.domain} itself for ${quoted(rule)}, which Go does not.`,
          );
        }
        if (rule.port !== undefined) curlPort(rule);
        break;
      }
      case 'ip':
        if (rule.port !== undefined) {
          out.add(isIpv6(rule.ip) ? `[${rule.ip}]:${rule.port}` : `${rule.ip}:${rule.port}`);
          curlPort(rule);
        } else {
          // Go and curl read the bare form, undici the bracketed one; each ignores the other.
          out.add(rule.ip, ...(isIpv6(rule.ip) ? [`[${rule.ip}]`] : []));
        }
        break;
      case 'cidr':
        out.add(`${rule.ip}/${rule.prefix}`);
        out.warn(
          isIpv6(rule.ip)
            ? `undici does not understand CIDR ranges and curl matches IPv6 ranges unreliably (not at all in 7.88), so they may use the proxy for ${quoted(rule)}.`
            : `undici and curl before 7.86 do not understand CIDR ranges, so they use the proxy for ${quoted(rule)}.`,
        );
        break;
    }
  }
  return { value: out.values.join(','), warnings: out.warnings };
}

/** Windows and macOS bypass lists have no ports: an entry with one bypasses every port of its host. */
function warnNoPort(
  out: ReturnType<typeof collector>,
  system: 'Windows' | 'macOS',
  rule: Extract<BypassRule, { kind: 'domain' | 'ip' }>,
): void {
  if (rule.port === undefined) return;
  out.warn(
    `${system} bypass entries have no port, so ${quoted(rule)} bypasses the proxy for every port of ${hostOf(rule)}.`,
  );
}

/**
 * WinINet's ProxyOverride (HKCU\...\Internet Settings), ';'-separated. Entries are matched against the
 * host name as text with '*' matching any characters: "example.com" is that host only, "*.example.com"
 * its subdomains, "10.*" every address starting with 10. (and, harmlessly, names like 10.example);
 * "<local>" is every name without a dot. There are no ports and no CIDR.
 */
export function toWindowsOverride(rules: readonly BypassRule[]): Translated<string> {
  const out = collector();
  const noPort = (rule: Extract<BypassRule, { kind: 'domain' | 'ip' }>) => warnNoPort(out, 'Windows', rule);
  for (const rule of rules) {
    switch (rule.kind) {
      case 'all':
        out.add('*');
        break;
      case 'local':
        out.add('<local>');
        break;
      case 'domain':
        noPort(rule);
        if (!rule.subdomainsOnly) out.add(rule.domain);
        out.add(`*.${rule.domain}`);
        break;
      case 'ip':
        noPort(rule);
        out.add(isIpv6(rule.ip) ? `[${rule.ip}]` : rule.ip);
        break;
      case 'cidr': {
        if (isIpv6(rule.ip)) {
          if (rule.prefix === 128) out.add(`[${rule.ip}]`);
          else
            out.warn(
              `Windows bypass lists cannot express the IPv6 range ${quoted(rule)}, so it is left out.`,
            );
          break;
        }
        const blocks = ipv4Blocks(rule);
        if (blocks === null) {
          out.warn(
            `Windows bypass lists express IPv4 ranges only as whole-octet wildcards (10.*), so the range ${quoted(rule)} is left out.`,
          );
        } else {
          out.add(...blocks.map((b) => (b.length === 4 ? b.join('.') : `${b.join('.')}.*`)));
        }
        break;
      }
    }
  }
  return { value: out.values.join(';'), warnings: out.warnings };
}

/**
 * The arguments of `networksetup -setproxybypassdomains <service> ...` (macOS "Bypass proxy settings
 * for these Hosts & Domains"). Entries are patterns: "*.example.com" for the subdomains, the bare name
 * for the host, CIDR as in the default "169.254/16". An empty result must be passed as the single
 * argument "Empty", which is how networksetup clears the list.
 */
export function toMacBypassDomains(rules: readonly BypassRule[]): Translated<string[]> {
  const out = collector();
  const noPort = (rule: Extract<BypassRule, { kind: 'domain' | 'ip' }>) => warnNoPort(out, 'macOS', rule);
  for (const rule of rules) {
    switch (rule.kind) {
      case 'all':
        out.add('*');
        break;
      case 'local':
        out.warn(
          `macOS keeps ${quoted(rule)} as the separate "Exclude simple hostnames" option, which the bypass list cannot set, so it is left out.`,
        );
        break;
      case 'domain':
        noPort(rule);
        if (!rule.subdomainsOnly) out.add(rule.domain);
        out.add(`*.${rule.domain}`);
        break;
      case 'ip':
        noPort(rule);
        out.add(rule.ip);
        break;
      case 'cidr':
        out.add(`${rule.ip}/${rule.prefix}`);
        break;
    }
  }
  return { value: out.values, warnings: out.warnings };
}

/** Ports 80 and 443 are what Go assumes for a URL without one; some targets match only a port written out. */
function defaultPortWarning(
  target: string,
  rule: Extract<BypassRule, { kind: 'domain' | 'ip' }>,
): string | null {
  return rule.port === 80 || rule.port === 443
    ? `${target} matches ${quoted(rule)} only when the URL names port ${rule.port} explicitly, unlike Go.`
    : null;
}

/**
 * gsettings org.gnome.system.proxy ignore-hosts, as glib's GSimpleProxyResolver reads it: "example.com",
 * ".example.com" and "*.example.com" all mean the domain and its subdomains; IPs and CIDR ranges match
 * addresses only; "host:port" and "[v6]:port" match only a port written in the URL. No "<local>", no "*".
 */
export function toGnomeIgnoreHosts(rules: readonly BypassRule[]): Translated<string[]> {
  const out = collector();
  for (const rule of rules) {
    switch (rule.kind) {
      case 'all':
        out.warn(
          `GNOME cannot bypass every host through ignore-hosts, so ${quoted(rule)} is left out; set the proxy mode to none instead.`,
        );
        break;
      case 'local':
        out.warn(`GNOME cannot bypass names without a dot, so ${quoted(rule)} is left out.`);
        break;
      case 'domain': {
        const name = `${rule.subdomainsOnly ? '*.' : ''}${rule.domain}`;
        out.add(`${name}${portSuffix(rule.port)}`);
        if (rule.subdomainsOnly) {
          out.warn(`GNOME also bypasses ${rule.domain} itself for ${quoted(rule)}, which Go does not.`);
        }
        const w = defaultPortWarning('GNOME', rule);
        if (w) out.warn(w);
        break;
      }
      case 'ip': {
        if (rule.port === undefined) out.add(rule.ip);
        else out.add(isIpv6(rule.ip) ? `[${rule.ip}]:${rule.port}` : `${rule.ip}:${rule.port}`);
        const w = defaultPortWarning('GNOME', rule);
        if (w) out.warn(w);
        break;
      }
      case 'cidr':
        out.add(`${rule.ip}/${rule.prefix}`);
        break;
    }
  }
  return { value: out.values, warnings: out.warnings };
}

/**
 * kioslaverc [Proxy Settings] NoProxyFor, as KIO reads it: entries that parse as an address or subnet
 * ("10.1.2.3", "10.0.0.0/8", "fd00::1") match the URL's address, or a host name's first DNS answer;
 * everything else is a plain suffix of the host name, or of "host:port" when the URL names a port
 * ("example.com" also matches myexample.com; ".example.com" is the subdomains); "<local>" is every name
 * without a dot. No "*".
 */
export function toKdeNoProxyFor(rules: readonly BypassRule[]): Translated<string> {
  const out = collector();
  const dnsWarning = (rule: BypassRule) =>
    out.warn(`KDE also bypasses host names whose address matches ${quoted(rule)}, which Go does not.`);
  for (const rule of rules) {
    switch (rule.kind) {
      case 'all':
        out.warn(
          `KDE cannot bypass every host through NoProxyFor, so ${quoted(rule)} is left out; turn the proxy off instead.`,
        );
        break;
      case 'local':
        out.add('<local>');
        break;
      case 'domain': {
        out.add(`${rule.subdomainsOnly ? '.' : ''}${rule.domain}${portSuffix(rule.port)}`);
        if (!rule.subdomainsOnly) {
          out.warn(
            `KDE matches plain suffixes, so ${quoted(rule)} also bypasses names such as my${rule.domain}.`,
          );
        }
        const w = defaultPortWarning('KDE', rule);
        if (w) out.warn(w);
        break;
      }
      case 'ip':
        if (rule.port === undefined) {
          out.add(rule.ip);
          dnsWarning(rule);
        } else if (isIpv6(rule.ip)) {
          // "fd00::1:8080" would be read as another IPv6 address, and brackets are never matched.
          out.add(rule.ip);
          dnsWarning(rule);
          out.warn(
            `KDE cannot match an IPv6 address with a port, so ${quoted(rule)} bypasses the proxy for every port of ${rule.ip}.`,
          );
        } else {
          out.add(`${rule.ip}:${rule.port}`);
          const w = defaultPortWarning('KDE', rule);
          if (w) out.warn(w);
        }
        break;
      case 'cidr':
        out.add(`${rule.ip}/${rule.prefix}`);
        dnsWarning(rule);
        break;
    }
  }
  return { value: out.values.join(','), warnings: out.warnings };
}

/**
 * URL patterns for `git config http.<url>.proxy ""`. git's urlmatch compares the scheme exactly, the
 * port (a pattern without one matches only the scheme's default), and the host label by label, where
 * "*" stands for one whole label. Only https:// patterns are written: go fetches modules over https
 * (plain http only for GOINSECURE paths), and an http:// twin of every entry would double the keys for
 * little. So "example.com" becomes https://example.com and https://*.example.com (one level of
 * subdomains), 10.0.0.0/8 https://10.*.*.*, and "<local>" https://* (every name without a dot).
 */
export function toGitNoProxyUrls(rules: readonly BypassRule[]): Translated<string[]> {
  const out = collector();
  const url = (host: string, port: number | undefined) => `https://${host}${portSuffix(port)}`;
  for (const rule of rules) {
    switch (rule.kind) {
      case 'all':
        out.warn(
          `git cannot bypass every host with URL patterns, so ${quoted(rule)} is left out; leave the git proxy unset instead.`,
        );
        break;
      case 'local':
        out.add('https://*');
        break;
      case 'domain':
        if (!rule.subdomainsOnly) out.add(url(rule.domain, rule.port));
        out.add(url(`*.${rule.domain}`, rule.port));
        out.warn(
          `git matches one level of subdomains, so for ${quoted(rule)} deeper names such as a.b.${rule.domain} still use the proxy.`,
        );
        break;
      case 'ip':
        out.add(url(isIpv6(rule.ip) ? `[${rule.ip}]` : rule.ip, rule.port));
        break;
      case 'cidr': {
        if (isIpv6(rule.ip)) {
          if (rule.prefix === 128) out.add(url(`[${rule.ip}]`, undefined));
          else out.warn(`git URL patterns cannot express the IPv6 range ${quoted(rule)}, so it is left out.`);
          break;
        }
        const blocks = ipv4Blocks(rule);
        if (blocks === null) {
          out.warn(
            `git URL patterns express IPv4 ranges only as whole-octet wildcards (10.*.*.*), so the range ${quoted(rule)} is left out.`,
          );
        } else {
          out.add(...blocks.map((b) => url([...b, '*', '*', '*'].slice(0, 4).join('.'), undefined)));
        }
        break;
      }
    }
  }
  return { value: out.values, warnings: out.warnings };
}

// ---------------------------------------------------------------------------------------------------
// Reading a target's list back

/**
 * Reads a ProxyOverride value into rules whose `text` parseBypassList accepts. Undoes toWindowsOverride:
 * "example.com" with "*.example.com" is one domain rule, and "N.*"-style wildcards become CIDR ranges,
 * joined where they add up ("172.16.*" ... "172.31.*" is 172.16.0.0/12). A bare name alone, which Windows
 * takes as that host only, becomes the domain rule as the nearest reading. Entries with no rule form
 * (other wildcards, ".example.com", "<-loopback>", scheme prefixes, CIDR, which Windows does not read)
 * are skipped.
 */
export function fromWindowsOverride(text: string): BypassRule[] {
  type Slot =
    | { at: number; rule: BypassRule }
    | { at: number; block: { base: number; prefix: number } }
    | { at: number; domain: string; sub: boolean };
  const slots: Slot[] = [];
  const entries = text
    .split(/[;,\s]+/)
    .map((e) => e.toLowerCase())
    .filter((e) => e !== '');
  entries.forEach((entry, at) => {
    const parts = entry.split('.');
    const star = parts.indexOf('*');
    if (star > 0 && parts.length <= 4 && parts.slice(star).every((p) => p === '*')) {
      const octets = parts.slice(0, star);
      const base = ipv4Number([...octets, '0', '0', '0'].slice(0, 4).join('.'));
      if (base !== null) slots.push({ at, block: { base, prefix: 8 * star } });
      return;
    }
    if (entry.includes('/') || entry.startsWith('.') || entry === '<-loopback>') return;
    const parsed = parseEntry(entry);
    if (!parsed.ok) return;
    const rule = parsed.rule;
    if (rule.kind === 'domain' && rule.port === undefined) {
      slots.push({ at, domain: rule.domain, sub: rule.subdomainsOnly });
    } else {
      slots.push({ at, rule });
    }
  });

  const out: { at: number; rule: BypassRule }[] = [];
  for (const slot of slots) if ('rule' in slot) out.push(slot);

  const domains = new Map<string, { at: number; exact: boolean; sub: boolean }>();
  for (const slot of slots) {
    if (!('domain' in slot)) continue;
    const seen = domains.get(slot.domain) ?? { at: slot.at, exact: false, sub: false };
    if (slot.sub) seen.sub = true;
    else seen.exact = true;
    domains.set(slot.domain, seen);
  }
  for (const [domain, { at, exact, sub }] of domains) {
    const subdomainsOnly = sub && !exact;
    out.push({
      at,
      rule: { kind: 'domain', text: subdomainsOnly ? `*.${domain}` : domain, domain, subdomainsOnly },
    });
  }

  for (const { at, base, prefix } of mergeBlocks(
    slots.flatMap((s) => ('block' in s ? [{ at: s.at, ...s.block }] : [])),
  )) {
    const ip = ipv4Text(base);
    out.push({ at, rule: { kind: 'cidr', text: `${ip}/${prefix}`, ip, prefix } });
  }

  const rules: BypassRule[] = [];
  const seen = new Set<string>();
  for (const { rule } of out.sort((a, b) => a.at - b.at)) {
    if (seen.has(rule.text)) continue;
    seen.add(rule.text);
    rules.push(rule);
  }
  return rules;
}

/**
 * Drops blocks inside others and joins pairs of halves into their parent until none is left: the one
 * smallest set of blocks covering the same addresses. Each block takes the earliest place (`at`) of the
 * blocks it covers. Sorted once and merged level by level (the pairwise search it replaces was cubic:
 * 1,000 blocks took 100 s).
 */
export function mergeBlocks(
  input: { at: number; base: number; prefix: number }[],
): { at: number; base: number; prefix: number }[] {
  const size = (prefix: number) => 2 ** (32 - prefix);
  // Widest first at each address, so that a block inside the one before it is seen right after it.
  const sorted = input.slice().sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  const levels: Map<number, { at: number; base: number; prefix: number }>[] = Array.from(
    { length: 33 },
    () => new Map(),
  );
  let outer: { at: number; base: number; prefix: number } | null = null;
  for (const block of sorted) {
    if (outer !== null && block.base < outer.base + size(outer.prefix)) {
      outer.at = Math.min(outer.at, block.at);
      continue;
    }
    outer = { ...block };
    levels[outer.prefix]!.set(outer.base, outer);
  }
  // No block is inside another now, so two halves make a parent that nothing covers.
  for (let prefix = 32; prefix > 0; prefix--) {
    for (const [base, block] of levels[prefix]!) {
      // Arithmetic, not ^: addresses past 2^31 are no 32-bit signed integers.
      const sibling = Math.floor(base / size(prefix)) % 2 === 0 ? base + size(prefix) : base - size(prefix);
      const other = levels[prefix]!.get(sibling);
      if (other === undefined) continue;
      levels[prefix]!.delete(base);
      levels[prefix]!.delete(sibling);
      const parent = Math.min(base, sibling);
      levels[prefix - 1]!.set(parent, { at: Math.min(block.at, other.at), base: parent, prefix: prefix - 1 });
    }
  }
  return levels.flatMap((level) => [...level.values()]);
}
