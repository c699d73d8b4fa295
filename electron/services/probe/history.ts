import path from 'node:path';
import { z } from 'zod';
import {
  historyEntrySchema,
  type HistoryEntry,
  type HistoryReadRequest,
  type HistoryReport,
  type ProbeResult,
} from '../../../shared/contract';
import { JsonFile } from '../store';

/**
 * Every probe result, summed up, appended to its mirror's history (for the latency charts and the
 * tray's "last latency"). Bounded: the newest MAX_ENTRIES per mirror, and the MAX_MIRRORS mirrors
 * probed most recently; with a retention, entries older than that are dropped (a mirror left without
 * entries goes with them). One JSON file in the app's data folder, written atomically.
 */
export const HISTORY_FILE = 'probe-history.json';
export const MAX_ENTRIES = 500;
export const MAX_MIRRORS = 64;
const DAY_MS = 24 * 60 * 60 * 1000;

const historyFileSchema = z.object({
  version: z.literal(1),
  /** By mirror URL (password hidden). */
  mirrors: z.record(z.string(), z.object({ id: z.string(), entries: z.array(historyEntrySchema) })),
});
type HistoryFile = z.infer<typeof historyFileSchema>;

function historyEntry(result: ProbeResult, at: string): HistoryEntry {
  return {
    at,
    status: result.status,
    successRate: result.successRate,
    p50: result.latency.p50,
    p95: result.latency.p95,
    phases: result.phases,
    ...(result.error ? { error: result.error.kind } : {}),
  };
}

export class ProbeHistory {
  private readonly file: JsonFile<HistoryFile>;

  constructor(dataDir: string) {
    this.file = new JsonFile(path.join(dataDir, HISTORY_FILE), historyFileSchema, () => ({
      version: 1,
      mirrors: {},
    }));
  }

  async append(results: readonly ProbeResult[], at: string, retentionDays?: number): Promise<void> {
    if (results.length === 0) return;
    await this.file.update((current) => {
      const mirrors = { ...current.mirrors };
      if (retentionDays !== undefined) {
        const cutoff = Date.parse(at) - retentionDays * DAY_MS;
        for (const [url, m] of Object.entries(mirrors)) {
          const kept = m.entries.filter((e) => Date.parse(e.at) >= cutoff);
          if (kept.length === 0) delete mirrors[url];
          else mirrors[url] = { ...m, entries: kept };
        }
      }
      for (const result of results) {
        const entries = [...(mirrors[result.url]?.entries ?? []), historyEntry(result, at)];
        // Re-inserted last, so that key order is the order mirrors were last probed.
        delete mirrors[result.url];
        mirrors[result.url] = { id: result.id, entries: entries.slice(-MAX_ENTRIES) };
      }
      const urls = Object.keys(mirrors);
      for (const url of urls.slice(0, Math.max(0, urls.length - MAX_MIRRORS))) delete mirrors[url];
      return { version: 1, mirrors };
    });
  }

  /** The newest `limit` entries (oldest first) of the mirrors named by id or URL, or of all of them. */
  async read(request: HistoryReadRequest): Promise<HistoryReport> {
    const { mirrors } = await this.file.read();
    const wanted = request.mirrors;
    const limit = request.limit ?? MAX_ENTRIES;
    return {
      mirrors: Object.entries(mirrors)
        .filter(([url, m]) => wanted === undefined || wanted.includes(url) || wanted.includes(m.id))
        .map(([url, m]) => ({ id: m.id, url, entries: m.entries.slice(-limit) })),
    };
  }
}
