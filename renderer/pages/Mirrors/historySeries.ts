import type { HistoryReport } from '../../../shared/contract';

export interface MirrorSeries {
  id: string;
  url: string;
  name: string;
  /** One value per time in `xs`; null where this mirror was not probed then or no sample succeeded. */
  p50: (number | null)[];
  p95: (number | null)[];
  /** Per time in `xs`: whether this mirror's probe then failed outright (status dead). */
  failed: boolean[];
  probes: number;
  latestP50: number | null;
  latestP95: number | null;
  bestP50: number | null;
  worstP95: number | null;
}

export interface HistorySeries {
  /** Probe times in seconds since 1970 (uPlot's time scale), ascending, each once. */
  xs: number[];
  mirrors: MirrorSeries[];
}

const numbers = (values: readonly (number | null)[]) => values.filter((v): v is number => v !== null);

/**
 * The history as aligned series for the chart: one shared time axis (a run probes every mirror at the
 * same `at`, so their points line up), p50 and p95 per mirror with gaps where it has no entry.
 */
export function historySeries(report: HistoryReport, names: ReadonlyMap<string, string>): HistorySeries {
  const seconds = (at: string) => Date.parse(at) / 1000;
  const xs = [...new Set(report.mirrors.flatMap((m) => m.entries.map((e) => seconds(e.at))))]
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const mirrors = report.mirrors
    .filter((m) => m.entries.length > 0)
    .map((m) => {
      const p50: (number | null)[] = xs.map(() => null);
      const p95: (number | null)[] = xs.map(() => null);
      const failed = xs.map(() => false);
      for (const e of m.entries) {
        const i = index.get(seconds(e.at));
        if (i === undefined) continue;
        p50[i] = e.p50;
        p95[i] = e.p95;
        failed[i] = e.status === 'dead';
      }
      const last = m.entries[m.entries.length - 1]!;
      const p50s = numbers(m.entries.map((e) => e.p50));
      const p95s = numbers(m.entries.map((e) => e.p95));
      return {
        id: m.id,
        url: m.url,
        name: names.get(m.id) ?? m.id,
        p50,
        p95,
        failed,
        probes: m.entries.length,
        latestP50: last.p50,
        latestP95: last.p95,
        bestP50: p50s.length > 0 ? Math.min(...p50s) : null,
        worstP95: p95s.length > 0 ? Math.max(...p95s) : null,
      };
    });
  return { xs, mirrors };
}

/** Fewer probes than this draw no line: two points make a "trend" out of a warm-up. */
export const MIN_TREND_POINTS = 3;
