import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';

/**
 * The project's one way to write a file: a temporary file in the same folder, flushed to disk, then
 * renamed over the target, so a reader (or a crash) sees the old bytes or the new ones, never a mix or
 * a truncated file. `mode` applies to a new file; an existing file keeps its permissions.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let mode = options.mode ?? 0o644;
  try {
    mode = (await stat(file)).mode & 0o7777;
  } catch {
    // a new file: the requested mode
  }
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable on POSIX; Windows cannot open directories and needs no such step. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A JSON document in the app's data folder, validated on every read (a damaged or hand-edited file
 * gives the fallback and is kept aside as `<name>.corrupt`, never silently overwritten) and written
 * atomically. Updates in one process are serialised.
 */
export class JsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
  ) {}

  async read(): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.fallback();
      throw error;
    }
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
    const next = this.queue.then(async () => {
      const value = await change(await this.read());
      await writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      return value;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
