import type { ProbeSample } from '../../../shared/contract';

export const BAR_PHASES = ['dns', 'connect', 'tls', 'ttfb'] as const;
export type BarPhase = (typeof BAR_PHASES)[number];

/** What one mirror's bar shows after the samples received so far. */
export interface PhaseRow {
  id: string;
  name: string;
  /** Samples received, of `total` expected. */
  done: number;
  total: number;
  failed: number;
  /** Median of each phase over the successful samples (0 for a phase that did not happen: no TLS over http). */
  phases: Record<BarPhase, number>;
  /** Median total of the successful samples; null until one succeeded. */
  median: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function phaseRow(id: string, name: string, samples: readonly ProbeSample[], total: number): PhaseRow {
  const ok = samples.filter((s) => s.ok);
  const phaseMedian = (phase: BarPhase) =>
    median(ok.flatMap((s) => (s.cold[phase] === null ? [] : [s.cold[phase]]))) ?? 0;
  return {
    id,
    name,
    done: samples.length,
    total: Math.max(total, samples.length),
    failed: samples.length - ok.length,
    phases: {
      dns: phaseMedian('dns'),
      connect: phaseMedian('connect'),
      tls: phaseMedian('tls'),
      ttfb: phaseMedian('ttfb'),
    },
    median: median(ok.flatMap((s) => (s.cold.total === null ? [] : [s.cold.total]))),
  };
}

/** A round upper bound for the axis (1, 2 or 5 times a power of ten), at least 1 ms. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** Milliseconds as people read them: 0.42, 3.1, 120. */
export function formatMs(ms: number): string {
  if (ms >= 100) return String(Math.round(ms));
  if (ms >= 10) return ms.toFixed(1).replace(/\.0$/, '');
  return ms.toFixed(2).replace(/\.?0+$/, '') || '0';
}
