import { parseGoProxy, type ProxyEntry } from './goproxy';
import type { GoResult } from './result';
import { trimEnd, withoutTrailingSlashes } from '../text';

/**
 * GOPROXY chains as lists of entries, and the edit behind `use`: put a mirror first while keeping the
 * shape of the user's chain (its other mirrors, separators and its `direct`/`off` end).
 */
export function formatChain(entries: readonly ProxyEntry[]): string {
  return entries
    .map((e, i) => {
      const text = e.kind === 'proxy' ? e.url! : e.kind;
      return i === entries.length - 1 ? text : text + (e.fallback === 'any' ? '|' : ',');
    })
    .join('');
}

/** A single mirror URL as go would use it in GOPROXY (`goproxy.cn` → `https://goproxy.cn`), or go's error. */
export function normalizeMirrorUrl(raw: string): GoResult<string> {
  const trimmed = raw.trim();
  if (/[,|]/.test(trimmed)) return { ok: false, error: `${raw}: a single mirror URL, not a GOPROXY list` };
  const parsed = parseGoProxy(trimmed);
  if (!parsed.ok) return parsed;
  const [entry] = parsed.value;
  if (parsed.value.length !== 1 || entry?.kind !== 'proxy') {
    return { ok: false, error: `${raw}: a mirror URL, not "${trimmed}"` };
  }
  // Slashes and the spaces before them ("https://a.example/ /"): go trims each entry of the list.
  return { ok: true, value: trimEnd(entry.url!, (c) => c === '/' || c.trim() === '') };
}

const sameUrl = (a: string, b: string) => withoutTrailingSlashes(a) === withoutTrailingSlashes(b);

/**
 * The chain with `url` as the first mirror:
 * - a default, empty, single-mirror, `direct` or `off` chain becomes `<url>,direct`;
 * - a chain of several mirrors gets `url` in the first mirror's place (moved up if it was further down),
 *   the others and every separator kept;
 * - with `fallback`, the result is `<url>|<fallback>,direct`: any error of the first mirror falls back
 *   to the second, which falls back to direct on "not found".
 * `current` must parse (callers show go's error otherwise).
 */
export function chainWithMirror(current: string, url: string, fallback?: string): GoResult<string> {
  if (fallback !== undefined) {
    if (sameUrl(url, fallback))
      return { ok: false, error: `the fallback ${fallback} is the same mirror as ${url}` };
    return { ok: true, value: `${url}|${fallback},direct` };
  }
  const parsed = parseGoProxy(current);
  if (!parsed.ok) return { ok: true, value: `${url},direct` };
  const entries = parsed.value;
  const proxies = entries.filter((e) => e.kind === 'proxy');
  if (proxies.length <= 1) return { ok: true, value: `${url},direct` };
  const firstIndex = entries.findIndex((e) => e.kind === 'proxy');
  const existing = entries.findIndex((e) => e.kind === 'proxy' && sameUrl(e.url!, url));
  const next = entries.map((e) => ({ ...e }));
  if (existing >= 0) {
    // Swap the URLs, keeping each position's separator: the chain's shape stays the user's.
    next[existing]!.url = entries[firstIndex]!.url;
  }
  next[firstIndex]!.url = url;
  return { ok: true, value: formatChain(next) };
}
