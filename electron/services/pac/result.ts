/**
 * Reading what FindProxyForURL returned: "PROXY a:1; SOCKS5 b:2; DIRECT", tried in order.
 * Pure: no I/O, so the UI and the probe can both show what a PAC script decided.
 */

export type PacRoute =
  | { kind: 'DIRECT' }
  | { kind: 'PROXY' | 'HTTPS' | 'SOCKS' | 'SOCKS4' | 'SOCKS5'; host: string; port: number };

type ProxyKind = Exclude<PacRoute['kind'], 'DIRECT'>;

/** Chrome's defaults for an entry without a port ("PROXY proxy.corp" is common in old scripts). */
const DEFAULT_PORT: Record<ProxyKind, number> = {
  PROXY: 80,
  HTTPS: 443,
  SOCKS: 1080,
  SOCKS4: 1080,
  SOCKS5: 1080,
};

const HOSTNAME =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** The routes in order, and the entries that were not understood (shown to the user, never guessed at). */
export function parsePacResultDetailed(result: string): { routes: PacRoute[]; skipped: string[] } {
  const routes: PacRoute[] = [];
  const skipped: string[] = [];
  for (const raw of result.split(';')) {
    const entry = raw.trim();
    // "PROXY a:1;" ends with an empty entry: a trailing separator, not a mistake.
    if (entry === '') continue;
    const route = parseEntry(entry);
    if (route) routes.push(route);
    else skipped.push(entry);
  }
  return { routes, skipped };
}

/** The routes of a FindProxyForURL result; entries that are not understood are left out. */
export function parsePacResult(result: string): PacRoute[] {
  return parsePacResultDetailed(result).routes;
}

function parseEntry(entry: string): PacRoute | null {
  const [first, ...rest] = entry.split(/\s+/);
  const keyword = (first ?? '').toUpperCase();
  if (keyword === 'DIRECT') return rest.length === 0 ? { kind: 'DIRECT' } : null;
  const [address, ...extra] = rest;
  if (!isProxyKind(keyword) || address === undefined || extra.length > 0) return null;
  const hostPort = parseHostPort(address, DEFAULT_PORT[keyword]);
  return hostPort ? { kind: keyword, ...hostPort } : null;
}

function isProxyKind(word: string): word is ProxyKind {
  return Object.hasOwn(DEFAULT_PORT, word);
}

function parseHostPort(text: string, defaultPort: number): { host: string; port: number } | null {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return null;
    portText = rest === '' ? undefined : rest.slice(1);
    if (!IPV6.test(host) || !host.includes(':')) return null;
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? undefined : text.slice(colon + 1);
    if (!HOSTNAME.test(host)) return null;
  }
  if (portText === undefined) return { host, port: defaultPort };
  if (!/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  return port >= 1 && port <= 65535 ? { host, port } : null;
}
