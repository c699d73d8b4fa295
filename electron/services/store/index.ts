import { rename } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { z } from 'zod';
import { errnoOf, FileError, fileError } from './file-errors';
import { makeFolders, readFileBounded, writeFileAtomic } from './safe-file';

export {
  readFileBounded,
  readRegularFile,
  removeFile,
  resolveWriteTarget,
  writeFileAtomic,
} from './safe-file';
export { FileError, errnoOf } from './file-errors';

/**
 * Holds `<file>.lock` (a folder, created atomically) while `fn` runs, so that the app and the CLI, which
 * share the data folder, never interleave a read-modify-write. A lock whose holder died is taken over
 * once it is older than STALE_MS (proper-lockfile refreshes it while held).
 */
const STALE_MS = 10_000;
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  // The data folder, owned as the files in it will be (root running for a user leaves it theirs).
  await makeFolders(path.dirname(file));
  const release = await lockfile
    .lock(file, {
      realpath: false,
      lockfilePath: `${file}.lock`,
      stale: STALE_MS,
      retries: { retries: 100, minTimeout: 10, maxTimeout: 200, randomize: true },
    })
    .catch((error: unknown) => {
      if (errnoOf(error) === 'ELOCKED') {
        throw new FileError(
          'internal',
          `${file} is being changed by another GoProxy Desk (the app or a CLI) that has not finished after 10 seconds; try again when it has.`,
          file,
          'ELOCKED',
        );
      }
      throw fileError(error, `${file}.lock`, 'write');
    });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/**
 * A JSON document in the app's data folder, validated on every read (a damaged or hand-edited file
 * gives the fallback and is kept aside as `<name>.corrupt`, never silently overwritten) and written
 * atomically. Updates are serialised within the process and, with a lock file, across processes.
 */
export class JsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
  ) {}

  async read(): Promise<T> {
    const bytes = await readFileBounded(this.file);
    if (bytes === null) return this.fallback();
    const text = bytes.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = this.schema.safeParse(parsed);
    if (result.success) return result.data;
    await rename(this.file, `${this.file}.corrupt`).catch(() => undefined);
    return this.fallback();
  }

  /** Reads, applies `change`, writes; concurrent updates from this process run one after another. */
  update(change: (current: T) => T | Promise<T>): Promise<T> {
    const next = this.queue.then(() =>
      withFileLock(this.file, async () => {
        const value = await change(await this.read());
        await writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
        return value;
      }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }
}
