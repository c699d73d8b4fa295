import type { ProxyEntry } from '../../../shared/go/goproxy';
import { withoutTrailingSlashes } from '../../../shared/text';

/** One entry of a GOPROXY value as typed, with the separator that follows it ('' for the last). */
interface Piece {
  text: string;
  sep: '' | ',' | '|';
}

function pieces(value: string): Piece[] {
  const parts = value.split(/([,|])/);
  const out: Piece[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    out.push({ text: parts[i]!, sep: (parts[i + 1] ?? '') as Piece['sep'] });
  }
  return out;
}

const join = (list: Piece[]): string =>
  list.map((p, i) => p.text + (i === list.length - 1 ? '' : p.sep || ',')).join('');

const isEnd = (text: string) => text.trim() === 'direct' || text.trim() === 'off';
const sameEntry = (a: string, b: string) =>
  withoutTrailingSlashes(a.trim()).toLowerCase() === withoutTrailingSlashes(b.trim()).toLowerCase();

/**
 * The chain with `url` added as the last mirror: before `direct`/`off` (which end the list, so a mirror
 * after them would never be read), else at the end. An empty chain becomes `<url>,direct`; a mirror
 * already in the chain leaves it as it is.
 */
export function insertMirror(value: string, url: string): string {
  if (value.trim() === '') return `${url},direct`;
  const list = pieces(value);
  if (list.some((p) => sameEntry(p.text, url) || sameEntry(p.text, url.replace(/^https:\/\//i, ''))))
    return value;
  const end = list.findIndex((p) => isEnd(p.text));
  if (end < 0) return join([...list.filter((p) => p.text.trim() !== ''), { text: url, sep: '' }]);
  list.splice(end, 0, { text: url, sep: ',' });
  return join(list);
}

/** The text go never reads: every non-empty entry after the first `direct` or `off`. */
export function unreadEntries(value: string): string[] {
  const list = pieces(value).map((p) => p.text.trim());
  const end = list.findIndex((text) => text === 'direct' || text === 'off');
  return end < 0 ? [] : list.slice(end + 1).filter((text) => text !== '');
}

/**
 * Mirrors whose URL holds a ';': go takes `https://goproxy.cn;direct` for one mirror at the host
 * "goproxy.cn;direct" (it accepts the value, then every download fails), so the user meant a list.
 */
export function semicolonEntries(entries: readonly ProxyEntry[]): string[] {
  return entries.flatMap((e) => (e.kind === 'proxy' && e.url?.includes(';') ? [e.url] : []));
}

/** The same chain with ';' read as ',' (what the user most likely meant). */
export function withCommas(value: string): string {
  return value.replace(/;/g, ',');
}

/** The entry at `index` moved by `delta` places; its separator (what go does when it fails) goes with it. */
export function moveEntry(entries: readonly ProxyEntry[], index: number, delta: -1 | 1): ProxyEntry[] {
  const to = index + delta;
  if (to < 0 || to >= entries.length) return [...entries];
  const next = [...entries];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function removeEntry(entries: readonly ProxyEntry[], index: number): ProxyEntry[] {
  return entries.filter((_, i) => i !== index);
}

/** What go does when the entry at `index` fails: 'notfound' (`,`) or 'any' (`|`). */
export function setFallback(
  entries: readonly ProxyEntry[],
  index: number,
  fallback: ProxyEntry['fallback'],
): ProxyEntry[] {
  return entries.map((e, i) => (i === index ? { ...e, fallback } : e));
}

/** The place of a mirror among the chain's entries (0 = asked first), or -1. */
export function chainPosition(entries: readonly ProxyEntry[], url: string): number {
  return entries.findIndex((e) => e.kind === 'proxy' && sameEntry(e.url!, url));
}
