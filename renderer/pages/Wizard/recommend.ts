import type { MirrorEntry, ProbeResult } from '../../../shared/contract';
import { chainWithMirror } from '../../../shared/go/chain';
import { parseGoProxy } from '../../../shared/go/goproxy';
import { withoutTrailingSlashes } from '../../../shared/text';

/** A mirror of the list with its probe result (null when it was not probed or the probe was cancelled). */
export interface Standing {
  mirror: MirrorEntry;
  result: ProbeResult | null;
}

const bare = (url: string) => withoutTrailingSlashes(url);

/** Pairs each mirror with its result; the probe reports the base URL without a trailing slash. */
export function standings(mirrors: readonly MirrorEntry[], results: readonly ProbeResult[]): Standing[] {
  return mirrors.map((mirror) => ({
    mirror,
    result: results.find((r) => r.url === bare(mirror.url) || r.id === mirror.id) ?? null,
  }));
}

/** Healthy as `use fastest` means it: status ok and every sample answered. */
export function isHealthy(result: ProbeResult | null): result is ProbeResult & { latency: { p50: number } } {
  return result !== null && result.status === 'ok' && result.successRate === 1 && result.latency.p50 !== null;
}

/** The healthy mirrors, fastest (median latency) first; ties keep the list's order. */
export function healthyByLatency(list: readonly Standing[]): Standing[] {
  return list
    .filter((s) => isHealthy(s.result))
    .sort((a, b) => a.result!.latency.p50! - b.result!.latency.p50!);
}

export interface ChainChoice {
  /** Mirror URLs; a null primary means no mirror at all (GOPROXY=direct). */
  primary: string | null;
  fallback: string | null;
}

/** The fastest healthy mirror first, the second fastest after `|` (any error falls back), then direct. */
export function recommendChain(list: readonly Standing[]): ChainChoice {
  const [first, second] = healthyByLatency(list);
  return { primary: first?.mirror.url ?? null, fallback: second?.mirror.url ?? null };
}

/** The GOPROXY value a choice stands for. */
export function goProxyFor(choice: ChainChoice): string {
  if (choice.primary === null) return 'direct';
  const url = bare(choice.primary);
  const fallback = choice.fallback === null ? undefined : bare(choice.fallback);
  // The wizard proposes a fresh chain, not an edit of the user's: start from plain `direct`.
  const chain = chainWithMirror('direct', url, fallback === url ? undefined : fallback);
  return chain.ok ? chain.value : `${url},direct`;
}

/** One sentence of what a GOPROXY value makes go do, in order; the page words each kind. */
export type ChainStep =
  | { kind: 'first'; url: string }
  | { kind: 'directOnly' }
  | { kind: 'offOnly' }
  | { kind: 'next'; after: 'any' | 'notfound'; url: string }
  | { kind: 'nextDirect'; after: 'any' | 'notfound' }
  | { kind: 'nextOff'; after: 'any' | 'notfound' }
  | { kind: 'lastFails'; url: string }
  | { kind: 'invalid'; error: string };

export function chainSteps(goproxy: string): ChainStep[] {
  const parsed = parseGoProxy(goproxy);
  if (!parsed.ok) return [{ kind: 'invalid', error: parsed.error }];
  const steps: ChainStep[] = [];
  parsed.value.forEach((entry, i) => {
    if (i === 0) {
      if (entry.kind === 'direct') steps.push({ kind: 'directOnly' });
      else if (entry.kind === 'off') steps.push({ kind: 'offOnly' });
      else steps.push({ kind: 'first', url: entry.url! });
      return;
    }
    const after = parsed.value[i - 1]!.fallback;
    if (entry.kind === 'direct') steps.push({ kind: 'nextDirect', after });
    else if (entry.kind === 'off') steps.push({ kind: 'nextOff', after });
    else steps.push({ kind: 'next', after, url: entry.url! });
  });
  const last = parsed.value.at(-1)!;
  if (last.kind === 'proxy') steps.push({ kind: 'lastFails', url: last.url! });
  return steps;
}

/** What the network step says about Go's default mirror. */
export type DefaultMirrorState =
  | { state: 'absent' }
  | { state: 'not-probed' }
  | { state: 'ok'; ms: number }
  | { state: 'down'; result: ProbeResult };

export const GO_DEFAULT_MIRROR = 'https://proxy.golang.org';

export function defaultMirrorState(list: readonly Standing[]): DefaultMirrorState {
  const standing = list.find((s) => bare(s.mirror.url) === GO_DEFAULT_MIRROR);
  if (!standing) return { state: 'absent' };
  if (!standing.result) return { state: 'not-probed' };
  const p50 = standing.result.latency.p50;
  return standing.result.status !== 'dead' && p50 !== null
    ? { state: 'ok', ms: p50 }
    : { state: 'down', result: standing.result };
}

/** Bar lengths for the latency chart, in percent of the slowest answering mirror (at least 2 %). */
export function barPercent(ms: number | null, list: readonly Standing[]): number {
  if (ms === null) return 0;
  const max = Math.max(...list.map((s) => s.result?.latency.p50 ?? 0));
  return max <= 0 ? 100 : Math.max(2, Math.round((ms / max) * 100));
}
