import type {
  HistoryEntry,
  HistoryReport,
  MirrorEntry,
  ProbeReport,
  ProbeResult,
  ProbeStatus,
} from '../../../shared/contract';
import { withoutTrailingSlashes } from '../../../shared/text';

/** What the table shows for one mirror: the newest probe this session, else the newest in the history. */
export interface MirrorRow {
  mirror: MirrorEntry;
  status: ProbeStatus | 'unknown';
  p50: number | null;
  p95: number | null;
  successRate: number | null;
  /** Only a probe of this session knows these (the history keeps latency and health). */
  result: ProbeResult | null;
  last: HistoryEntry | null;
  sumdb: boolean | undefined;
  /** Whether it serves golang.org/toolchain; only a probe of this session knows (null: not known). */
  toolchain: boolean | null;
}

const bare = (url: string) => withoutTrailingSlashes(url).toLowerCase();
const same = (mirror: MirrorEntry, id: string, url: string) =>
  mirror.id === id || bare(mirror.url) === bare(url);

export function mirrorRows(
  mirrors: readonly MirrorEntry[],
  report: ProbeReport | null,
  history: HistoryReport | null,
): MirrorRow[] {
  return mirrors.map((mirror) => {
    const result = report?.results.find((r) => same(mirror, r.id, r.url)) ?? null;
    const past = history?.mirrors.find((h) => same(mirror, h.id, h.url));
    const last = past?.entries[past.entries.length - 1] ?? null;
    // A history entry newer than this session's probe (the tray, the CLI) wins.
    const newer = last !== null && (result === null || Date.parse(last.at) > Date.parse(report!.startedAt));
    return {
      mirror,
      status: newer ? last.status : (result?.status ?? 'unknown'),
      p50: newer ? last.p50 : (result?.latency.p50 ?? null),
      p95: newer ? last.p95 : (result?.latency.p95 ?? null),
      successRate: newer ? last.successRate : (result?.successRate ?? null),
      result,
      last,
      sumdb: result?.sumdb ?? mirror.sumdbProxy,
      toolchain: result?.toolchain ?? null,
    };
  });
}
