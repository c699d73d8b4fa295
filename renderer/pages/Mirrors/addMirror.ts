import type { MirrorEntry } from '../../../shared/contract';
import { normalizeMirrorUrl } from '../../../shared/go/chain';
import { withoutTrailingSlashes } from '../../../shared/text';

export type MirrorUrlCheck =
  | { ok: true; url: string }
  /** `reason` names the message; `detail` is go's error, or the name of the mirror already listed. */
  | { ok: false; reason: 'empty' | 'invalid' | 'notHttp' | 'duplicate'; detail: string };

const key = (url: string) =>
  withoutTrailingSlashes(url).replace(/^[a-z]+:\/\/[^/]*/i, (s) => s.toLowerCase());

/**
 * The checks the service makes before adding a mirror, done as the user submits so the refusal can be
 * said in their language: go must accept the URL as one GOPROXY entry (`goproxy.example.com` means
 * https://), it must be http(s), and it must not be listed already.
 */
export function checkMirrorUrl(raw: string, listed: readonly MirrorEntry[]): MirrorUrlCheck {
  if (raw.trim() === '') return { ok: false, reason: 'empty', detail: '' };
  const normalized = normalizeMirrorUrl(raw);
  if (!normalized.ok) return { ok: false, reason: 'invalid', detail: normalized.error };
  if (!/^https?:\/\//i.test(normalized.value)) return { ok: false, reason: 'notHttp', detail: '' };
  const same = listed.find((m) => key(m.url) === key(normalized.value));
  if (same) return { ok: false, reason: 'duplicate', detail: same.name };
  return { ok: true, url: normalized.value };
}
