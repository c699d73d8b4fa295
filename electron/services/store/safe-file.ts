import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { access, chown, lstat, mkdir, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FileError, errnoOf, fileError, kindOf, ownerName } from './file-errors';

/**
 * The one way the project reads and writes a user's (or a project's, or its own) files (DESIGN §2a).
 *
 * Writes follow symlinks (the target changes, the link stays), refuse anything that is not a regular
 * file before opening it, keep owner, group and mode, and go through a temporary file renamed over the
 * target, so a reader or a crash sees the old bytes or the new ones. A file with several hard links, or
 * one owned by someone else that we may write but not chown back, is rewritten in place instead: a
 * rename would split the links or take the file over.
 *
 * Reads are bounded: a FIFO, a device or a socket is refused before it is opened (and opened
 * non-blocking, so one swapped in meanwhile cannot hang us), and so is a file over MAX_READ_BYTES.
 */

export const MAX_READ_BYTES = 16 * 1024 * 1024;
/** Linux's own limit on links followed in one path. */
const MAX_SYMLINKS = 40;
// Windows has no O_NONBLOCK (and no FIFOs to block on).
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

const posix = process.platform !== 'win32';
const runningAsRoot = (): boolean => posix && process.getuid?.() === 0;

/**
 * The file a write to `file` changes: symlinks followed one by one (a relative link against the
 * link's own folder), stopping at the first name that does not exist (a dangling link creates its
 * target). `info` is what is there now (lstat), null when nothing is.
 */
export async function resolveWriteTarget(file: string): Promise<{ target: string; info: Stats | null }> {
  let current = path.resolve(file);
  for (let hops = 0; hops <= MAX_SYMLINKS; hops++) {
    let info: Stats;
    try {
      info = await lstat(current);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { target: current, info: null };
      throw fileError(error, current, 'write');
    }
    if (!info.isSymbolicLink()) return { target: current, info };
    const link = await readlink(current);
    // `..` in a link means the parent of the real folder, not of the path we came by.
    const dir = await realpath(path.dirname(current)).catch(() => path.dirname(current));
    current = path.resolve(dir, link);
  }
  throw new FileError(
    'invalid-input',
    `${file}: its symbolic links form a loop. Fix the link.`,
    file,
    'ELOOP',
  );
}

function notRegular(file: string, target: string, info: Stats, action: 'read' | 'write'): FileError {
  const where = file === target ? file : `${file} (a link to ${target})`;
  const kind = kindOf(info);
  const remedy = info.isDirectory()
    ? 'Point it at a file'
    : 'Point it at a regular file or remove what is there';
  return new FileError(
    'invalid-input',
    `${where} is ${kind}, not a regular file; GoProxy Desk only ${action}s regular files. ${remedy}.`,
    target,
    info.isDirectory() ? 'EISDIR' : 'EINVAL',
  );
}

/** Refuses, before anything is written, a file that we could replace (its folder is ours) but not write. */
async function assertWritable(target: string, info: Stats): Promise<void> {
  if (!posix || runningAsRoot()) return;
  try {
    await access(target, constants.W_OK);
  } catch (error) {
    if (errnoOf(error) !== 'EACCES' && errnoOf(error) !== 'EPERM') throw fileError(error, target, 'write');
    throw new FileError(
      'invalid-input',
      `${target} is owned by ${ownerName(info.uid)} and not writable by you; fix its owner or run as that user.`,
      target,
      'EACCES',
    );
  }
}

/**
 * Whether writeFileAtomic (or removeFile) could change `file`, without changing anything: what is there
 * is a regular file we may write, or nothing, and the nearest existing folder above it is writable. For
 * a transaction, to refuse before its first write rather than roll back after a later one fails.
 */
export async function checkWritable(file: string): Promise<void> {
  const { target, info } = await resolveWriteTarget(file);
  if (info && !info.isFile()) throw notRegular(file, target, info, 'write');
  if (info) await assertWritable(target, info);
  if (!posix || runningAsRoot()) return;
  // Renaming over the file (or creating it) needs its folder, or the first one that exists, writable.
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    let found: Stats;
    try {
      found = await stat(dir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' && path.dirname(dir) !== dir) continue;
      throw fileError(error, dir, 'write');
    }
    if (!found.isDirectory()) {
      throw new FileError(
        'invalid-input',
        `Cannot create ${target}: ${dir} is ${kindOf(found)}, not a folder.`,
        target,
        'ENOTDIR',
      );
    }
    // A file we do not own is rewritten in place: its folder does not matter.
    if (info && info.uid !== process.getuid?.()) return;
    try {
      await access(dir, constants.W_OK | constants.X_OK);
    } catch (error) {
      throw folderError(error, dir, target);
    }
    return;
  }
}

/**
 * Creates the missing folders above a new file. Gives the owner new things there should have: when we
 * are root, the owner of the nearest existing folder (root writing into a user's HOME must not leave
 * root-owned files behind); otherwise nobody to chown to (null).
 */
async function ensureFolder(dir: string, file: string): Promise<{ uid: number; gid: number } | null> {
  const missing: string[] = [];
  let existing: Stats;
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      existing = await stat(d);
      if (!existing.isDirectory()) {
        throw new FileError(
          'invalid-input',
          d === file
            ? `${d} is ${kindOf(existing)}, where GoProxy Desk needs a folder; move it away or point GoProxy Desk elsewhere.`
            : `Cannot create ${file}: ${d} is ${kindOf(existing)}, not a folder.`,
          file,
          'ENOTDIR',
        );
      }
      break;
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT' || path.dirname(d) === d) throw fileError(error, d, 'write');
      missing.unshift(d);
    }
  }
  const owner = runningAsRoot() && existing.uid !== 0 ? { uid: existing.uid, gid: existing.gid } : null;
  for (const d of missing) {
    try {
      await mkdir(d);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw folderError(error, d, file);
    }
    if (owner) await chown(d, owner.uid, owner.gid);
  }
  return owner;
}

/**
 * Creates `dir` and the missing folders above it, owned as new files there would be (see ensureFolder):
 * a journaled 'dir' step as root in a user's HOME must not leave a root-owned folder behind.
 */
export async function makeFolders(dir: string): Promise<void> {
  await ensureFolder(path.resolve(dir), path.resolve(dir));
}

function folderError(error: unknown, dir: string, file: string): Error {
  const errno = errnoOf(error);
  if (errno === 'EACCES' || errno === 'EPERM') {
    return new FileError(
      'invalid-input',
      `Cannot write ${file}: the folder ${dir} is not writable by you; fix its owner or permissions, or run as its owner.`,
      file,
      errno,
    );
  }
  return fileError(error, file, 'write');
}

/**
 * Writes `data` to `file` (see the module comment). `mode` applies to a new file, less the umask; an
 * existing file keeps its mode, owner and group. Keeps its name and signature from before the safe
 * writer: every caller already goes through it.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const { target, info } = await resolveWriteTarget(file);
  if (info && !info.isFile()) throw notRegular(file, target, info, 'write');
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (info) {
    await assertWritable(target, info);
    const foreign = posix && !runningAsRoot() && info.uid !== process.getuid?.();
    if (info.nlink > 1 || foreign) {
      await rewriteInPlace(file, target, info, bytes);
      return;
    }
  }
  const dir = path.dirname(target);
  const newOwner = await ensureFolder(dir, target);
  await replaceByRename(target, info, bytes, info ? null : newOwner, options.mode ?? 0o644);
}

async function replaceByRename(
  target: string,
  info: Stats | null,
  bytes: Buffer,
  newOwner: { uid: number; gid: number } | null,
  mode: number,
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', info ? 0o600 : mode);
  } catch (error) {
    throw folderError(error, dir, target);
  }
  let closed = false;
  try {
    await handle.writeFile(bytes);
    if (info && posix) {
      if (runningAsRoot()) await handle.chown(info.uid, info.gid);
      // We may belong to the file's group without owning the group of our new file: keep it if we can.
      else if (info.gid !== process.getgid?.()) await handle.chown(-1, info.gid).catch(() => undefined);
    } else if (newOwner) {
      await handle.chown(newOwner.uid, newOwner.gid);
    }
    // After chown, which clears set-id bits; and exact, where open's mode went through the umask.
    if (info) await handle.chmod(info.mode & 0o7777);
    await handle.sync();
    closed = true;
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw fileError(error, target, 'write');
  }
  await syncDirectory(dir);
}

/**
 * Writes into the existing inode (hard links stay one file, the owner stays) and truncates it. Not
 * atomic, so the old bytes are put back if the write fails part way.
 */
async function rewriteInPlace(file: string, target: string, info: Stats, bytes: Buffer): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(target, constants.O_RDWR | O_NONBLOCK);
  } catch (error) {
    throw fileError(error, target, 'write');
  }
  try {
    const now = await handle.stat();
    if (!now.isFile()) throw notRegular(file, target, now, 'write');
    if (now.ino !== info.ino || now.dev !== info.dev) {
      throw new FileError(
        'internal',
        `${target} was replaced by another program while GoProxy Desk was writing it; nothing was written. Try again.`,
        target,
      );
    }
    const old = await readHandle(handle, target, Math.max(now.size, MAX_READ_BYTES));
    try {
      await writeAll(handle, bytes);
      await handle.truncate(bytes.length);
      await handle.sync();
    } catch (error) {
      await writeAll(handle, old).catch(() => undefined);
      await handle.truncate(old.length).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw fileError(error, target, 'write');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Writes all of `bytes` from position 0. One write() may write less than asked (a disk that fills up
 * part-way does exactly that, then fails the next one): a short write must not pass for a whole one,
 * or the truncate after it would pad the file with zeros where the rest of its bytes belong.
 */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, done);
    if (bytesWritten === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}

/** Makes the rename itself durable on POSIX; Windows cannot open directories and needs no such step. */
async function syncDirectory(dir: string): Promise<void> {
  if (!posix) return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes a file we had created (the state "there was no file"). Through a symlink the target goes and
 * the link stays, as with a write; anything but a regular file is refused, never deleted.
 */
export async function removeFile(file: string): Promise<void> {
  const { target, info } = await resolveWriteTarget(file);
  if (info === null) return;
  if (!info.isFile()) throw notRegular(file, target, info, 'write');
  try {
    await rm(target, { force: true });
  } catch (error) {
    throw folderError(error, path.dirname(target), target);
  }
}

/**
 * A regular file's bytes and permission bits, or null when it does not exist. A folder throws a
 * FileError with errno EISDIR (and a missing folder on the way ENOTDIR), for callers that treat them
 * as absent; a FIFO, device or socket is refused, and so is a file over `maxBytes` (errno EFBIG).
 */
export async function readRegularFile(
  file: string,
  options: { maxBytes?: number } = {},
): Promise<{ bytes: Buffer; mode: number } | null> {
  const maxBytes = options.maxBytes ?? MAX_READ_BYTES;
  let info: Stats;
  try {
    info = await stat(file);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw fileError(error, file, 'read');
  }
  checkReadable(file, info, maxBytes);
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw fileError(error, file, 'read');
  }
  try {
    const now = await handle.stat();
    checkReadable(file, now, maxBytes);
    return { bytes: await readHandle(handle, file, maxBytes), mode: now.mode & 0o7777 };
  } catch (error) {
    throw fileError(error, file, 'read');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** readRegularFile's bytes only. */
export async function readFileBounded(
  file: string,
  options: { maxBytes?: number } = {},
): Promise<Buffer | null> {
  return (await readRegularFile(file, options))?.bytes ?? null;
}

function checkReadable(file: string, info: Stats, maxBytes: number): void {
  if (!info.isFile()) throw notRegular(file, file, info, 'read');
  if (info.size > maxBytes) throw tooLarge(file, info.size, maxBytes);
}

function tooLarge(file: string, size: number, maxBytes: number): FileError {
  return new FileError(
    'invalid-input',
    `${file} is ${formatSize(size)}, more than the ${formatSize(maxBytes)} GoProxy Desk reads from one file; is it the right file?`,
    file,
    'EFBIG',
  );
}

/** Reads from position 0 until the end, refusing to go past `maxBytes` (the file may grow meanwhile). */
async function readHandle(handle: FileHandle, file: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(file, total, maxBytes);
  }
  return Buffer.concat(chunks, total);
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
