import type {
  ProbeError,
  ProbePhases,
  ProbeResult,
  ProbeSample,
  ProbeStatus,
} from '../../../shared/contract';

/** A mirror whose median total is above this is 'slow' (go's first request waits that long). */
export const DEFAULT_SLOW_MS = 1000;

const round = (n: number): number => Math.round(n * 100) / 100;

/** The p-th percentile (0..100) by linear interpolation between the closest ranks; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return round(sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low));
}

export function median(values: readonly (number | null)[]): number | null {
  return percentile(
    values.filter((v): v is number => v !== null),
    50,
  );
}

export type Summary = Pick<ProbeResult, 'status' | 'successRate' | 'latency' | 'phases' | 'warm' | 'error'>;

/**
 * A mirror's samples summed up. Latency and phases come from the successful samples only (a failure's
 * time says nothing about the mirror's speed). Status: dead when no sample succeeded, degraded when
 * some failed (an HTTP 5xx is a failure), slow when the median total is above `slowMs`, else ok.
 */
export function summarize(samples: readonly ProbeSample[], slowMs: number = DEFAULT_SLOW_MS): Summary {
  const good = samples.filter((s) => s.ok);
  const totals = good.map((s) => s.cold.total).filter((v): v is number => v !== null);
  const phase = (key: keyof ProbePhases): number | null => median(good.map((s) => s.cold[key]));
  const latency = {
    p50: percentile(totals, 50),
    p95: percentile(totals, 95),
    min: percentile(totals, 0),
    max: percentile(totals, 100),
  };
  const successRate = samples.length === 0 ? 0 : round(good.length / samples.length);
  let status: ProbeStatus;
  if (good.length === 0) status = 'dead';
  else if (good.length < samples.length) status = 'degraded';
  else if (latency.p50 !== null && latency.p50 > slowMs) status = 'slow';
  else status = 'ok';
  const error = mostFrequentError(samples);
  return {
    status,
    successRate,
    latency,
    phases: {
      dns: phase('dns'),
      connect: phase('connect'),
      tls: phase('tls'),
      ttfb: phase('ttfb'),
      total: phase('total'),
    },
    warm: {
      ttfb: median(good.map((s) => s.warm?.ttfb ?? null)),
      total: median(good.map((s) => s.warm?.total ?? null)),
    },
    ...(error ? { error } : {}),
  };
}

/** The kind of failure seen most often (the latest one on a tie), as its latest occurrence. */
function mostFrequentError(samples: readonly ProbeSample[]): ProbeError | undefined {
  const errors = samples.flatMap((s) => (s.error ? [s.error] : []));
  let best: ProbeError | undefined;
  let bestCount = 0;
  for (const error of errors) {
    const count = errors.filter((e) => e.kind === error.kind).length;
    if (count >= bestCount) {
      best = errors.filter((e) => e.kind === error.kind).at(-1);
      bestCount = count;
    }
  }
  return best;
}

/**
 * `use fastest`: among the healthy mirrors (status ok and every sample succeeded) the one with the
 * lowest median latency; null when none is healthy. Ties keep the order given.
 */
export function pickFastest(results: readonly ProbeResult[]): ProbeResult | null {
  let best: ProbeResult | null = null;
  for (const result of results) {
    if (result.status !== 'ok' || result.successRate !== 1 || result.latency.p50 === null) continue;
    if (best === null || result.latency.p50 < best.latency.p50!) best = result;
  }
  return best;
}
