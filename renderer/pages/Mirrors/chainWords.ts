import type { ProxyEntry } from '../../../shared/go/goproxy';
import { withoutTrailingSlashes } from '../../../shared/text';

/** The part of i18next's t() these helpers need (so the Overview can pass its own t). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** How an entry reads in a sentence: an https mirror by its host and path, anything else whole. */
export function entryName(entry: ProxyEntry, t: Translate): string {
  if (entry.kind === 'direct') return t('mirrorsPage.words.direct');
  if (entry.kind === 'off') return t('mirrorsPage.words.off');
  const url = entry.url ?? '';
  return /^https:\/\//i.test(url) ? withoutTrailingSlashes(url.replace(/^https:\/\//i, '')) : url;
}

/**
 * A parsed GOPROXY chain in words: "goproxy.cn, then goproxy.io on any error, then direct only if it
 * was not found". The condition on each step comes from the separator before it, as go reads it.
 */
export function describeChain(entries: readonly ProxyEntry[], t: Translate): string {
  const parts = entries.map((entry, i) => {
    const name = entryName(entry, t);
    if (i === 0) return name;
    const previous = entries[i - 1]!;
    return t(previous.fallback === 'any' ? 'mirrorsPage.words.thenAny' : 'mirrorsPage.words.thenNotFound', {
      name,
    });
  });
  const last = entries[entries.length - 1];
  if (last?.kind === 'proxy') parts.push(t('mirrorsPage.words.thenFail'));
  return parts.join(t('mirrorsPage.words.separator'));
}
