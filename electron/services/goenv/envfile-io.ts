import {
  checkWritable,
  readFileBounded,
  removeFile,
  resolveWriteTarget,
  writeFileAtomic,
} from '../store/safe-file';

/**
 * Reading and replacing the go env file as bytes. Go itself handles the file as bytes, so a file that
 * is not UTF-8 must come back exactly as it was; Host.readText would decode it.
 */

/** The file's bytes, or null when it does not exist; a FIFO, a device or a huge file is refused. */
export async function readEnvBytes(file: string): Promise<Uint8Array | null> {
  const bytes = await readFileBounded(file);
  return bytes === null ? null : new Uint8Array(bytes);
}

/**
 * The file a write changes: go writes through a symlink (dotfile managers link ~/.config/go/env), and
 * so does the safe writer; history records the target, the way the writer resolves it (a dangling
 * link: the file it will create). Relative GOENV paths are resolved against the working directory, as go does.
 */
export async function envFileTarget(file: string): Promise<string> {
  return (await resolveWriteTarget(file)).target;
}

/**
 * Replaces the file atomically (a new file gets 0666 less the umask, like go's; an existing one keeps
 * its mode), or removes it for null: the state "there was no env file".
 */
export async function writeEnvBytes(file: string, bytes: Uint8Array | null): Promise<void> {
  if (bytes === null) await removeFile(file);
  else await writeFileAtomic(file, bytes, { mode: 0o666 });
}

/** Refuses, changing nothing, an env file writeEnvBytes could not write (not ours, not a file...). */
export const checkEnvWritable = (file: string): Promise<void> => checkWritable(file);

export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a).equals(b);
}
