import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { NETPROXY_SCOPES, transactionSummarySchema, type TransactionSummary } from '../../../shared/contract';
import type { Host } from '../host';
import { JsonFile } from '../store';
import type { PlaceDriver, StepScope } from './types';

/**
 * The backup journal: before a change touches anything, the exact previous state of every place it
 * will write (file bytes, registry values, gsettings values, launchd variables...) is written here with
 * the transaction marked 'pending'; it becomes 'applied' only after the last place is written. So a
 * transaction still 'pending' (or 'restoring') when a process starts is one that was cut short, and
 * `restore` can finish taking it back, in any process.
 *
 * What we wrote is not kept, only a hash of it (it may hold a proxy password): enough to tell whether
 * a place still holds our value or has changed since. The file is 0600 in the app's data folder; the
 * `before` states are copies of the user's own settings.
 */
export const JOURNAL_FILE = 'netproxy-journal.json';
/** Transactions kept; the oldest finished ones go first. */
export const JOURNAL_LIMIT = 50;

const stepSchema = z.object({
  scope: z.enum([...NETPROXY_SCOPES, 'goenv', 'project']),
  driver: z.string(),
  address: z.unknown(),
  before: z.unknown(),
  afterDigest: z.string(),
  merge: z.object({ kind: z.string(), data: z.unknown().optional() }).optional(),
});
export type JournalStep = z.infer<typeof stepSchema>;

// What the app and the CLI show of a transaction, plus what a restore needs.
const transactionSchema = transactionSummarySchema.omit({ places: true }).extend({
  steps: z.array(stepSchema),
  notify: z.array(z.string()),
  pid: z.number().int().optional(),
});
export type Transaction = z.infer<typeof transactionSchema>;
export type TransactionState = Transaction['state'];

const documentSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().positive(),
  transactions: z.array(transactionSchema),
});
type JournalDocument = z.infer<typeof documentSchema>;

/** Keys sorted at every level, so that equal states hash alike whatever order they were built in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function stateDigest(driver: PlaceDriver, state: unknown): string {
  const identity = driver.identity ? driver.identity(state) : state;
  return createHash('sha256')
    .update(JSON.stringify(canonical(identity)))
    .digest('hex');
}

export function summarize(t: Transaction): TransactionSummary {
  return {
    id: t.id,
    at: t.at,
    kind: t.kind,
    summary: t.summary,
    scopes: t.scopes,
    state: t.state,
    places: t.steps.length,
  };
}

const OPEN: readonly TransactionState[] = ['pending', 'restoring'];
const RESTORABLE: readonly TransactionState[] = ['pending', 'applied', 'restoring'];

export class Journal {
  private readonly file: JsonFile<JournalDocument>;

  /** `name`: the journal's file in the data folder (the network settings' by default; a project has its own). */
  constructor(
    private readonly host: Pick<Host, 'dataDir' | 'now'>,
    name: string = JOURNAL_FILE,
  ) {
    this.file = new JsonFile(path.join(host.dataDir, name), documentSchema, () => ({
      version: 1,
      nextId: 1,
      transactions: [],
    }));
  }

  async transactions(): Promise<Transaction[]> {
    return (await this.file.read()).transactions;
  }

  /** The newest change that was cut short, if any. */
  async unfinished(): Promise<Transaction | null> {
    return (await this.transactions()).findLast((t) => OPEN.includes(t.state)) ?? null;
  }

  /** What `restore` takes back next: the newest change not yet restored. */
  async restoreTarget(): Promise<Transaction | null> {
    return (await this.transactions()).findLast((t) => RESTORABLE.includes(t.state)) ?? null;
  }

  /** Writes a new transaction, 'pending', before any of its places is touched. */
  async begin(entry: Omit<Transaction, 'id' | 'at' | 'state'>): Promise<Transaction> {
    let added: Transaction | undefined;
    await this.file.update((doc) => {
      added = {
        ...entry,
        id: String(doc.nextId),
        at: new Date(this.host.now()).toISOString(),
        state: 'pending',
        pid: process.pid,
      };
      const transactions = [...doc.transactions, added];
      // Drop the oldest finished ones beyond the limit; an unrestored change is never forgotten.
      while (transactions.length > JOURNAL_LIMIT) {
        const index = transactions.findIndex((t) => t.state === 'restored' || t.state === 'failed');
        if (index === -1) {
          const oldest = transactions.findIndex((t) => t.state === 'applied');
          if (oldest === -1) break;
          transactions.splice(oldest, 1);
        } else transactions.splice(index, 1);
      }
      return { version: 1, nextId: doc.nextId + 1, transactions };
    });
    return added!;
  }

  async setState(id: string, state: TransactionState): Promise<void> {
    await this.file.update((doc) => ({
      ...doc,
      transactions: doc.transactions.map((t) => (t.id === id ? { ...t, state } : t)),
    }));
  }
}

export function scopesOf(steps: readonly { scope: StepScope }[]): StepScope[] {
  return (['goenv', ...NETPROXY_SCOPES] as const).filter((s) => steps.some((step) => step.scope === s));
}
