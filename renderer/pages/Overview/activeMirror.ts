import type { HistoryEntry, HistoryReport, MirrorEntry } from '../../../shared/contract';
import { parseGoProxy, redactUrl, type ProxyEntry } from '../../../shared/go/goproxy';
import { withoutTrailingSlashes } from '../../../shared/text';

/** go's own default, which it uses when GOPROXY is unset or empty. */
const DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';

export type ActiveMirror =
  /** `url` is what go requests (a password included); `shown` is safe to display. */
  | { kind: 'proxy'; url: string; shown: string; entries: ProxyEntry[] }
  | { kind: 'direct' | 'off'; entries: ProxyEntry[] }
  | { kind: 'invalid'; message: string };

/** The mirror go asks first for every module (GONOPROXY aside): the first entry of GOPROXY. */
export function activeMirror(goproxy: string): ActiveMirror {
  const parsed = parseGoProxy(goproxy === '' ? DEFAULT_GOPROXY : goproxy);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.error };
  const entries = parsed.value;
  const first = entries[0]!;
  if (first.kind !== 'proxy') return { kind: first.kind, entries };
  return { kind: 'proxy', url: first.url!, shown: redactUrl(first.url!), entries };
}

const bare = (url: string): string => withoutTrailingSlashes(url);

/** The catalogue's (or the user's own) entry for a mirror URL, if it has one. */
export function catalogueEntry(mirrors: readonly MirrorEntry[], url: string): MirrorEntry | undefined {
  return mirrors.find((m) => bare(m.url) === bare(url));
}

/** The newest probe of a mirror; the history is keyed by the displayed URL (password hidden). */
export function lastProbe(history: HistoryReport, shown: string): HistoryEntry | undefined {
  const mirror = history.mirrors.find((m) => bare(m.url) === bare(shown));
  return mirror?.entries[mirror.entries.length - 1];
}
