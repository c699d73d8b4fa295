import { chmod, lstat, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Host } from '../host';
import { fileError } from '../store/file-errors';
import { checkWritable, makeFolders, readRegularFile, removeFile, writeFileAtomic } from '../store/safe-file';
import { unifiedDiff } from './diff';
import type { PlaceDriver, Preview, Step, StepScope } from './types';

/**
 * Files as places: their exact bytes (base64, so that a file that is not UTF-8 comes back byte for
 * byte) and permission bits, or null when there is no file. Writes are atomic (store's writeFileAtomic);
 * writing null removes the file. Folders we had to create are places of their own ('dir'), so that a
 * restore removes them again and leaves the home folder as it found it.
 */
export interface FileAddress {
  path: string;
}
export interface FileState {
  bytes: string | null;
  mode?: number;
}

const fileAddress = z.object({ path: z.string().min(1) });
const fileState = z.object({
  bytes: z.string().nullable(),
  mode: z.number().int().min(0).max(0o7777).optional(),
});

export const fileDriver: PlaceDriver<FileAddress, FileState> = {
  name: 'file',
  parseAddress: (value) => fileAddress.parse(value),
  parseState: (value) => fileState.parse(value) as FileState,
  describe: ({ path: file }, host) => tildify(file, host),
  async read(_host, { path: file }) {
    const found = await readRegularFile(file);
    return found === null ? { bytes: null } : { bytes: found.bytes.toString('base64'), mode: found.mode };
  },
  check: (_host, { path: file }) => checkWritable(file),
  async write(_host, { path: file }, state) {
    if (state.bytes === null) {
      await removeFile(file);
      return;
    }
    await writeFileAtomic(file, Buffer.from(state.bytes, 'base64'), { mode: state.mode ?? 0o644 });
    if (state.mode !== undefined && process.platform !== 'win32') {
      const current = (await stat(file)).mode & 0o7777;
      if (current !== state.mode) await chmod(file, state.mode);
    }
  },
  identity: (state) => state.bytes,
  equal: (a, b) =>
    a.bytes === b.bytes &&
    (a.bytes === null || a.mode === undefined || b.mode === undefined || a.mode === b.mode),
  preview(host, { path: file }, before, after, redact): Preview {
    const name = tildify(file, host);
    const action = before.bytes === null ? 'create' : after.bytes === null ? 'delete' : 'modify';
    return { action, diff: redact(unifiedDiff(name, textOf(before), textOf(after))) };
  },
};

export interface DirAddress {
  path: string;
}
export interface DirState {
  exists: boolean;
}

/** A folder: created when missing, removed on restore only while it is empty. */
export const dirDriver: PlaceDriver<DirAddress, DirState> = {
  name: 'dir',
  parseAddress: (value) => fileAddress.parse(value),
  parseState: (value) => z.object({ exists: z.boolean() }).parse(value),
  describe: ({ path: dir }, host) => `${tildify(dir, host)}${path.sep}`,
  async read(_host, { path: dir }) {
    try {
      return { exists: (await lstat(dir)).isDirectory() };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
      throw error;
    }
  },
  async write(_host, { path: dir }, { exists }) {
    if (exists) {
      await makeFolders(dir);
      return;
    }
    try {
      await rmdir(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Something else put files there since: leave it (and them) alone.
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST')
        throw fileError(error, dir, 'write');
    }
  },
  equal: (a, b) => a.exists === b.exists,
  preview: (_host, { path: dir }, _before, after) => ({
    action: after.exists ? 'create' : 'delete',
    commands: [after.exists ? ['mkdir', dir] : ['rmdir', dir]],
  }),
};

export function textOf(state: FileState): string | null {
  return state.bytes === null ? null : Buffer.from(state.bytes, 'base64').toString('utf8');
}

/**
 * A file's bytes as a string of one char per byte (latin1), for editing: any byte sequence, UTF-8 or
 * not, round-trips through it exactly, so an edit changes no byte it does not mean to.
 */
export function byteTextOf(state: FileState): string | null {
  return state.bytes === null ? null : Buffer.from(state.bytes, 'base64').toString('latin1');
}

/** The bytes of a byte text (see byteTextOf). */
export function bytesOfByteText(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'latin1');
}

/** Text we write (UTF-8) as a byte text, to go into a file edited as one. */
export function byteTextOfUtf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** A byte text read as UTF-8, for showing to people. */
export function utf8OfByteText(text: string): string {
  return Buffer.from(text, 'latin1').toString('utf8');
}

export function fileStateOf(content: string | Uint8Array | null, mode?: number): FileState {
  if (content === null) return { bytes: null };
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return { bytes: bytes.toString('base64'), ...(mode !== undefined ? { mode } : {}) };
}

/** "~/.profile" for a file under the home folder; the full path elsewhere. */
export function tildify(file: string, host: Pick<Host, 'homedir'>): string {
  const rel = path.relative(host.homedir, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~${path.sep}${rel}` : file;
}

/**
 * The steps that bring `file` to `content` (text or bytes; null: no file): first a 'dir' step for every missing folder
 * above it (outermost first), then the file itself. Nothing when the file already holds those bytes.
 */
export async function fileSteps(
  host: Host,
  scope: StepScope,
  file: string,
  content: string | Uint8Array | null,
  options: { mode?: number; before?: FileState } = {},
): Promise<Step[]> {
  const before = options.before ?? (await fileDriver.read(host, { path: file }));
  const after = fileStateOf(content, before.mode ?? options.mode ?? 0o644);
  if (fileDriver.equal(before, after)) return [];
  const steps: Step[] = [];
  if (content !== null) {
    const missing: string[] = [];
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if ((await dirDriver.read(host, { path: dir })).exists) break;
      missing.unshift(dir);
    }
    for (const dir of missing) {
      steps.push({
        scope,
        place: { driver: 'dir', address: { path: dir } },
        before: { exists: false },
        after: { exists: true },
      });
    }
  }
  steps.push({ scope, place: { driver: 'file', address: { path: file } }, before, after });
  return steps;
}
