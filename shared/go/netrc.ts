import type { AuthFacts } from './goauth';
import { fields, fromBytes, toBytes } from './gostrings';
import { parseUrl, urlString } from './neturl';

/**
 * .netrc as cmd/go/internal/auth/netrc.go reads it (the same parser from go 1.19 to 1.27): the file
 * split at "\n", each line cut into white-space separated tokens read as key/value pairs within the
 * line (an odd last token is dropped), `machine` starting an entry that counts once it has a login and
 * a password, `macdef` skipping the following lines up to an empty one, and a line ending in a lone
 * `default` ending the file. No quoting, no comments (`#` is a token like any other), no `default`
 * credentials, no `port` or `account`.
 */
export interface NetrcLine {
  machine: string;
  login: string;
  password: string;
  /** The 1-based line of the entry's `machine` token. */
  line: number;
}

/** A `machine` that go drops because its login or password never came. */
export interface NetrcIncomplete {
  machine: string;
  line: number;
  missing: Array<'login' | 'password'>;
}

export interface NetrcScan {
  lines: NetrcLine[];
  incomplete: NetrcIncomplete[];
  /** The first line where go read a `default` key: its credentials are never used. */
  defaultLine: number | null;
  /** The line at which go stopped reading (a line ending in `default`), or null when it read it all. */
  stoppedAt: number | null;
}

/** The entries go keeps, in file order. */
export function parseNetrc(text: string): NetrcLine[] {
  return scanNetrc(text).lines;
}

/** parseNetrc, plus what go silently drops, for diagnostics. */
export function scanNetrc(text: string): NetrcScan {
  const scan: NetrcScan = { lines: [], incomplete: [], defaultLine: null, stoppedAt: null };
  let l = { machine: '', login: '', password: '', line: 0 };
  const dropIncomplete = (): void => {
    if (l.machine === '') return;
    const missing = (['login', 'password'] as const).filter((k) => l[k] === '');
    scan.incomplete.push({ machine: l.machine, line: l.line, missing });
  };
  let inMacro = false;
  const rows = toBytes(text).split('\n');
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n]!;
    if (inMacro) {
      // Only a truly empty line ends a macro: "\r" (a CRLF file) or spaces do not.
      if (row === '') inMacro = false;
      continue;
    }
    const f = fields(row).map(fromBytes);
    let i = 0;
    for (; i < f.length - 1; i += 2) {
      const value = f[i + 1]!;
      switch (f[i]) {
        case 'machine':
          dropIncomplete();
          l = { machine: value, login: '', password: '', line: n + 1 };
          break;
        case 'default':
          scan.defaultLine ??= n + 1;
          break;
        case 'login':
          l.login = value;
          break;
        case 'password':
          l.password = value;
          break;
        case 'macdef':
          inMacro = true;
          break;
      }
      if (l.machine !== '' && l.login !== '' && l.password !== '') {
        scan.lines.push(l);
        l = { machine: '', login: '', password: '', line: 0 };
      }
    }
    if (i < f.length && f[i] === 'default') {
      scan.defaultLine ??= n + 1;
      scan.stoppedAt = n + 1;
      break;
    }
  }
  dropIncomplete();
  return scan;
}

/** The entry go would use, without its password: this is what may be shown. */
export interface NetrcMatch {
  machine: string;
  login: string;
  hasPassword: boolean;
  line: number;
}

/**
 * Which .netrc entry go sends for a request to `url` (the whole URL go requests, e.g. a mirror's base
 * URL followed by a module path), or null. Only https requests get credentials, in every version.
 * - go 1.19: the first entry whose machine is the URL's host name (url.Hostname: no port, no brackets).
 * - 1.21–1.23: the first entry whose machine is the request's Host: host:port when the URL has a
 *   port, even the default one (`https://h:443/` needs `machine h:443`).
 * - 1.24+ (GOAUTH=netrc): machines are stored with a leading `https://` removed, the earlier entry
 *   winning, and looked up under the URL without `https://` — first the whole of it, then its part
 *   before the first `/` (1.24) or each shorter `/` prefix (1.25+, goauthPathPrefixes). A URL with
 *   user info therefore matches no usual entry: its own user and password are sent instead.
 * Whether GOAUTH lets go read .netrc at all is the caller's question (goAuthReadsNetrc).
 */
export function credentialFor(
  lines: readonly NetrcLine[],
  url: string,
  facts: Pick<AuthFacts, 'goauth' | 'netrcHostPort' | 'goauthPathPrefixes'>,
): NetrcMatch | null {
  const parsed = parseUrl(toBytes(url));
  if (!parsed.ok || parsed.value.scheme !== 'https') return null;
  const u = parsed.value;
  const found = (entry: NetrcLine | undefined): NetrcMatch | null =>
    entry
      ? { machine: entry.machine, login: entry.login, hasPassword: entry.password !== '', line: entry.line }
      : null;
  if (!facts.goauth) {
    const host = fromBytes(facts.netrcHostPort ? removeEmptyPort(u.host) : hostname(u.host));
    return found(lines.find((l) => l.machine === host));
  }
  const pathPrefixes = facts.goauthPathPrefixes === true;
  const key = (machine: string): string => {
    const k = trimPrefix(machine, 'https://');
    return pathPrefixes && k.endsWith('/') ? k.slice(0, -1) : k;
  };
  const target = fromBytes(urlString(u));
  if (!pathPrefixes) {
    for (const candidate of goauthCandidates(target)) {
      const entry = lines.find((l) => key(l.machine) === candidate);
      if (entry) return found(entry);
    }
    return null;
  }
  // The URL or its longest prefix ending before a `/` that an entry names, the earlier entry among
  // equals: one pass over the entries, not one per prefix (entries × path depth for a deep URL).
  let whole = trimPrefix(target, 'https://');
  if (whole.endsWith('/')) whole = whole.slice(0, -1);
  let best: NetrcLine | undefined;
  for (const l of lines) {
    const k = key(l.machine);
    const covers = k === whole || (whole.startsWith(k) && whole[k.length] === '/');
    if (covers && (best === undefined || k.length > key(best.machine).length)) best = l;
  }
  return found(best);
}

/**
 * The `machine` name go compares for requests to this URL's host (the host name in 1.19, host:port
 * from 1.21), or null for a URL that is not https or does not parse. User info is never part of it.
 */
export function netrcMachineFor(url: string, facts: Pick<AuthFacts, 'netrcHostPort'>): string | null {
  const parsed = parseUrl(toBytes(url));
  if (!parsed.ok || (parsed.value.scheme !== 'https' && parsed.value.scheme !== 'http')) return null;
  const host = parsed.value.host;
  return fromBytes(facts.netrcHostPort ? removeEmptyPort(host) : hostname(host));
}

/** The entries whose machine names this host name, with or without a port (no passwords). */
export function netrcEntriesForHost(lines: readonly NetrcLine[], host: string): NetrcMatch[] {
  return lines
    .filter((l) => hostname(toBytes(trimPrefix(l.machine, 'https://').split('/')[0]!)) === toBytes(host))
    .map((l) => ({ machine: l.machine, login: l.login, hasPassword: l.password !== '', line: l.line }));
}

/** url.URL.Hostname: the host without its port and without the brackets of an IPv6 literal. */
export function hostname(hostPort: string): string {
  let host = hostPort;
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && /^:\d*$/.test(host.slice(colon))) host = host.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return host;
}

/** url.URL.Port: the port after the last colon, '' when there is none. */
export function urlPort(hostPort: string): string {
  const colon = hostPort.lastIndexOf(':');
  return colon >= 0 && /^:\d*$/.test(hostPort.slice(colon)) ? hostPort.slice(colon + 1) : '';
}

/** net/http's removeEmptyPort: `host:` becomes `host`; what http.NewRequest puts in req.Host. */
function removeEmptyPort(host: string): string {
  return host.lastIndexOf(':') > host.lastIndexOf(']') && host.endsWith(':') ? host.slice(0, -1) : host;
}

function trimPrefix(s: string, prefix: string): string {
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}

/** go 1.24's auth.loadCredential lookups for a URL, most specific first: the whole of it, then its host part. */
function goauthCandidates(url: string): string[] {
  const current = trimPrefix(url, 'https://');
  const slash = current.indexOf('/');
  return slash < 0 ? [current] : [current, current.slice(0, slash)];
}
