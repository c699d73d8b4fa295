import { fromBytes, toBytes, trimSpace } from './gostrings';
import { parseUrl, urlRedacted } from './neturl';
import type { GoResult } from './result';
import { maskPasswords } from '../redact';

export type { GoResult } from './result';

/**
 * GOPROXY as go 1.19 reads it (cmd/go/internal/modfetch proxyList and newProxyRepo).
 */
export interface ProxyEntry {
  kind: 'proxy' | 'direct' | 'off';
  /** For 'proxy': the URL as go uses it, `https://` added to a bare host (`goproxy.cn`). */
  url?: string;
  /**
   * When this entry fails, whether go tries the next one only on "not found" (404, 410, a missing
   * file:// file) or on any error. Set by the separator after the entry; `direct` and `off` always
   * get 'notfound', as in go, since nothing after them is read.
   */
  fallback: 'notfound' | 'any';
}

export interface GoProxyOptions {
  /**
   * Read the list as go on Windows does: there `C:\mirror` and `\\host.corp\share` are absolute file
   * paths, so they do not get `https://` put in front (and fail url.Parse differently).
   */
  windows?: boolean;
}

/**
 * Pass the effective value: go replaces an unset or empty GOPROXY with its default before this
 * point, so '' here is the "contains no entries" error. Errors are go's messages, verbatim.
 */
export function parseGoProxy(value: string, options: GoProxyOptions = {}): GoResult<ProxyEntry[]> {
  const list: ProxyEntry[] = [];
  let rest = toBytes(value);
  while (rest !== '') {
    const sep = rest.search(/[,|]/);
    const fallback = sep >= 0 && rest[sep] === '|' ? 'any' : 'notfound';
    let url = trimSpace(sep >= 0 ? rest.slice(0, sep) : rest);
    rest = sep >= 0 ? rest.slice(sep + 1) : '';
    if (url === '') continue;
    // "direct" and "off" end the list: go ignores what follows, valid or not.
    if (url === 'off' || url === 'direct') {
      list.push({ kind: url, fallback: 'notfound' });
      break;
    }
    // Single words are reserved for go; anything with ":/" or an absolute path must be a whole URL.
    if (/[.:/]/.test(url) && !url.includes(':/') && !isAbsolutePath(url, options.windows === true)) {
      url = 'https://' + url;
    }
    const error = proxyUrlError(url);
    if (error !== null) return { ok: false, error: fromBytes(error) };
    list.push({ kind: 'proxy', url: fromBytes(url), fallback });
  }
  if (list.length === 0) {
    return { ok: false, error: 'GOPROXY list is not the empty string, but contains no entries' };
  }
  return { ok: true, value: list };
}

/** newProxyRepo's checks of a proxy URL, on a byte string; null when go accepts it. */
function proxyUrlError(raw: string): string | null {
  const parsed = parseUrl(raw);
  if (!parsed.ok) return parsed.error;
  const base = parsed.value;
  switch (base.scheme) {
    case 'http':
    case 'https':
      return null;
    case 'file': {
      const pathOnly =
        base.opaque === '' &&
        base.user === null &&
        base.host === '' &&
        !base.omitHost &&
        !base.forceQuery &&
        base.rawQuery === '' &&
        base.fragment === '' &&
        base.rawFragment === '';
      return pathOnly ? null : `invalid file:// proxy URL with non-path elements: ${urlRedacted(base)}`;
    }
    case '':
      return `invalid proxy URL missing scheme: ${urlRedacted(base)}`;
    default:
      return `invalid proxy URL scheme (must be https, http, file): ${urlRedacted(base)}`;
  }
}

/**
 * path.IsAbs, or on Windows filepath.IsAbs (go 1.19), on a byte string. (filepath.IsAbs also calls
 * reserved names such as NUL absolute, but those contain no '.', ':' or '/' and never get here.)
 */
function isAbsolutePath(p: string, windows: boolean): boolean {
  if (p.startsWith('/')) return true;
  if (!windows) return false;
  const l = windowsVolumeNameLength(p);
  if (l === 0) return false;
  if (isSlash(p[0]) && isSlash(p[1])) return true;
  return isSlash(p[l]);
}

const isSlash = (c: string | undefined) => c === '\\' || c === '/';

/** filepath.volumeNameLen on Windows: `C:`, or `\\server\share` for a UNC path. */
function windowsVolumeNameLength(p: string): number {
  if (p.length < 2) return 0;
  if (p[1] === ':' && /^[A-Za-z]/.test(p)) return 2;
  if (p.length >= 5 && isSlash(p[0]) && isSlash(p[1]) && !isSlash(p[2]) && p[2] !== '.') {
    for (let n = 3; n < p.length - 1; n++) {
      if (!isSlash(p[n])) continue;
      n++;
      if (isSlash(p[n]) || p[n] === '.') return 0;
      while (n < p.length && !isSlash(p[n])) n++;
      return n;
    }
  }
  return 0;
}

/**
 * The http(s) mirrors of a GOPROXY value, in order (no `direct`, `off` or file:// entries); none when
 * go would reject the value.
 */
export function httpMirrors(value: string, options: GoProxyOptions = {}): string[] {
  const parsed = parseGoProxy(value, options);
  if (!parsed.ok) return [];
  return parsed.value.flatMap((e) => (e.url !== undefined && /^https?:\/\//i.test(e.url) ? [e.url] : []));
}

/**
 * A URL for display, with its password replaced by `xxxxx` as go's url.Redacted does. For text that
 * url.Parse rejects, anything between `//` and `@` after a colon is masked the same way.
 */
export function redactUrl(raw: string): string {
  const parsed = parseUrl(toBytes(raw));
  if (parsed.ok) return fromBytes(urlRedacted(parsed.value));
  return maskPasswords(raw, { stops: '', first: true });
}
