import path from 'node:path';
import { z } from 'zod';
import { goEnvHistoryEntrySchema, type GoEnvChange, type GoEnvHistory } from '../../../shared/contract';
import type { Host } from '../host';
import { AppError } from '../../dispatch';
import { JsonFile } from '../store';

/**
 * Snapshots of the go env file, one per change GoProxy Desk made: the exact bytes before and after
 * (base64, so that a file that is not UTF-8 comes back byte for byte; null = there was no file). The
 * last HISTORY_LIMIT entries are kept.
 *
 * Undo walks back: it pops the newest write and records an 'undo' entry in its place, with the bytes
 * the other way round; a second undo pops the write before. Undo entries are not undone, and since
 * popping keeps the count, 50 writes can be undone one after another. If the file was changed by
 * something else after the write, undo takes back only that write's variables (write.ts revertChange),
 * and the undo entry's `before` keeps the file as it found it.
 */
export const HISTORY_LIMIT = 50;
/**
 * And at most this much of snapshots (base64 bytes), so that the history file stays well under what
 * the app reads from one file (store/safe-file MAX_READ_BYTES): with a 10 MB env file a count limit
 * alone made every entry 28 MB and the file unwritable. The oldest entries go first.
 */
export const HISTORY_MAX_BYTES = 8 * 1024 * 1024;

const entryBytes = (e: HistoryEntry): number => (e.before?.length ?? 0) + (e.after?.length ?? 0) + 512;
export const HISTORY_FILE = 'goenv-history.json';

// What is stored is what IPC shows, with the exact file bytes around the change instead of a flag.
const entrySchema = goEnvHistoryEntrySchema.omit({ fileExisted: true }).extend({
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof entrySchema>;

const documentSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().positive(),
  entries: z.array(entrySchema),
});
type HistoryDocument = z.infer<typeof documentSchema>;

export interface NewEntry {
  kind: 'write' | 'undo';
  envFile: string;
  set?: readonly string[];
  unset?: readonly string[];
  changed: GoEnvChange[];
  before: Uint8Array | null;
  after: Uint8Array | null;
  undoes?: string;
}

export interface Recorded {
  entry: HistoryEntry;
  /** The write an undo popped and the entries pushed out by the limit. */
  removed: HistoryEntry[];
}

export const encodeSnapshot = (bytes: Uint8Array | null): string | null =>
  bytes === null ? null : Buffer.from(bytes).toString('base64');
export const decodeSnapshot = (data: string | null): Uint8Array | null =>
  data === null ? null : new Uint8Array(Buffer.from(data, 'base64'));

export class GoEnvHistoryStore {
  private readonly file: JsonFile<HistoryDocument>;

  constructor(private readonly host: Pick<Host, 'dataDir' | 'now'>) {
    this.file = new JsonFile(path.join(host.dataDir, HISTORY_FILE), documentSchema, () => ({
      version: 1,
      nextId: 1,
      entries: [],
    }));
  }

  async entries(): Promise<HistoryEntry[]> {
    return (await this.file.read()).entries;
  }

  /** The write that undo would take back: the newest one still in the history. */
  async undoTarget(): Promise<HistoryEntry | null> {
    const entries = await this.entries();
    return entries.findLast((e) => e.kind === 'write') ?? null;
  }

  /**
   * Adds a snapshot, popping the write it undoes and dropping the oldest entries beyond the limit;
   * what it removed comes back with it, so that `discard` can put everything back.
   */
  async record(entry: NewEntry): Promise<Recorded> {
    let recorded: Recorded | undefined;
    await this.file.update((doc) => {
      const added: HistoryEntry = {
        id: String(doc.nextId),
        at: new Date(this.host.now()).toISOString(),
        kind: entry.kind,
        envFile: entry.envFile,
        set: [...(entry.set ?? [])],
        unset: [...(entry.unset ?? [])],
        changed: entry.changed,
        before: encodeSnapshot(entry.before),
        after: encodeSnapshot(entry.after),
        ...(entry.undoes !== undefined ? { undoes: entry.undoes } : {}),
      };
      const popped = doc.entries.filter((e) => e.id === entry.undoes);
      const entries = [...doc.entries.filter((e) => e.id !== entry.undoes), added];
      const evicted = entries.splice(0, Math.max(0, entries.length - HISTORY_LIMIT));
      if (entryBytes(added) > HISTORY_MAX_BYTES) {
        throw new AppError(
          'invalid-input',
          `${entry.envFile} is too large to keep an undo snapshot of (${Math.round(entryBytes(added) / 1024 / 1024)} MB of snapshot, at most ${HISTORY_MAX_BYTES / 1024 / 1024} MB): nothing was written. A go env file is normally a few lines; look at what filled it.`,
        );
      }
      let total = entries.reduce((sum, e) => sum + entryBytes(e), 0);
      while (total > HISTORY_MAX_BYTES && entries.length > 1) {
        const oldest = entries.shift()!;
        total -= entryBytes(oldest);
        evicted.push(oldest);
      }
      recorded = { entry: added, removed: [...popped, ...evicted] };
      return { version: 1, nextId: doc.nextId + 1, entries };
    });
    return recorded!;
  }

  /** Takes back a snapshot whose change was never made (the file moved under us, or the write failed). */
  async discard({ entry, removed }: Recorded): Promise<void> {
    await this.file.update((doc) => {
      const entries = [...doc.entries.filter((e) => e.id !== entry.id), ...removed];
      entries.sort((a, b) => Number(a.id) - Number(b.id));
      return { ...doc, entries: entries.slice(-HISTORY_LIMIT) };
    });
  }
}

/** The history as the app and the CLI show it: newest first, without the snapshot bytes. */
export function publicHistory(entries: readonly HistoryEntry[]): GoEnvHistory {
  return {
    entries: [...entries].reverse().map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      envFile: e.envFile,
      set: e.set,
      unset: e.unset,
      changed: e.changed,
      fileExisted: e.before !== null,
      ...(e.undoes !== undefined ? { undoes: e.undoes } : {}),
    })),
  };
}
