import type { HistoryReport, MirrorEntry, ProbeStatus } from '../../../shared/contract';
import { activeMirror, catalogueEntry, lastProbe } from './activeMirror';
import { redactUrl, type ProxyEntry } from '../../../shared/go/goproxy';

/** go's default checksum database, which it uses when GOSUMDB is unset or empty. */
export const DEFAULT_GOSUMDB = 'sum.golang.org';

/** The answer to "can go download modules right now?", from the settings and the newest probes. */
export type Verdict =
  | { kind: 'loading' }
  /** go will fail: GOPROXY does not parse. */
  | { kind: 'fail'; reason: 'invalid'; message: string }
  /** go will fail: GOPROXY=off forbids every download. */
  | { kind: 'fail'; reason: 'off' }
  /** go will fail: every mirror of the chain failed its newest probe (and nothing after them helps). */
  | { kind: 'fail'; reason: 'dead'; mirrors: string[] }
  /** The wizard never completed and nothing is known to be broken. */
  | { kind: 'setup' }
  | {
      kind: 'ok';
      /** The first mirror as displayed (password hidden), or null for `direct`. */
      mirror: string | null;
      health: ProbeStatus | 'unknown';
      sumdb: string;
      /** GOSUMDB=off: downloads work, unchecked. A warning, not a failure. */
      sumdbOff: boolean;
    };

export interface VerdictInput {
  /** GOPROXY as go reads it ('' when unset); null while loading. */
  goproxy: string | null;
  gosumdb: string;
  /** Settings' wizardCompletedAt !== null; null while the settings load. */
  wizardCompleted: boolean | null;
  history: HistoryReport | null;
}

export function verdict({ goproxy, gosumdb, wizardCompleted, history }: VerdictInput): Verdict {
  if (goproxy === null) return { kind: 'loading' };
  const mirror = activeMirror(goproxy);
  if (mirror.kind === 'invalid') return { kind: 'fail', reason: 'invalid', message: mirror.message };
  if (mirror.kind === 'off') return { kind: 'fail', reason: 'off' };
  const proxies = mirror.entries.filter((e) => e.kind === 'proxy').map((e) => redactUrl(e.url!));
  const status = (shown: string) => (history ? (lastProbe(history, shown)?.status ?? 'unknown') : 'unknown');
  if (deadEnd(mirror.entries, status)) return { kind: 'fail', reason: 'dead', mirrors: proxies };
  if (wizardCompleted === false) return { kind: 'setup' };
  const sumdb = gosumdb === '' ? DEFAULT_GOSUMDB : gosumdb;
  return {
    kind: 'ok',
    mirror: mirror.kind === 'proxy' ? mirror.shown : null,
    health: proxies[0] === undefined ? 'unknown' : status(proxies[0]),
    sumdb,
    sumdbOff: sumdb === 'off',
  };
}

/**
 * Whether go fails for every module: walking the chain as go does, a dead mirror followed by `,` stops
 * it (go moves on only when a mirror answers "not found"), one followed by `|` moves on, and the walk
 * ends without reaching a mirror that answered or `direct`.
 */
function deadEnd(
  entries: readonly ProxyEntry[],
  status: (shown: string) => ProbeStatus | 'unknown',
): boolean {
  for (const entry of entries) {
    if (entry.kind !== 'proxy') return entry.kind === 'off';
    if (status(redactUrl(entry.url!)) !== 'dead') return false;
    if (entry.fallback !== 'any') return true;
  }
  return true;
}

/**
 * The catalogue mirror that fixes a failing chain in one click: the fastest whose newest probe
 * answered, else the first one not known to be dead and not already failing in the chain.
 */
export function fixMirror(
  mirrors: readonly MirrorEntry[],
  history: HistoryReport | null,
  failing: readonly string[] = [],
): MirrorEntry | null {
  const candidates = mirrors.filter((m) => !failing.some((url) => catalogueEntry([m], url)));
  const probed = candidates.map((m) => ({ m, last: history ? lastProbe(history, m.url) : undefined }));
  const healthy = probed
    .filter((p) => p.last?.status === 'ok' || p.last?.status === 'slow')
    .sort((a, b) => (a.last!.p50 ?? Infinity) - (b.last!.p50 ?? Infinity));
  if (healthy.length > 0) return healthy[0]!.m;
  return probed.find((p) => p.last?.status !== 'dead')?.m ?? null;
}
