import { readFile, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../store';

/**
 * Reading and replacing the go env file as bytes. Go itself handles the file as bytes, so a file that
 * is not UTF-8 must come back exactly as it was; Host.readText would decode it.
 */

/** The file's bytes, or null when it does not exist. */
export async function readEnvBytes(file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The file to replace: go writes through a symlink (dotfile managers link ~/.config/go/env), and a
 * rename over the link would replace the link instead, so we write to its target. Relative GOENV paths
 * are resolved against the working directory, as go does.
 */
export async function envFileTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Replaces the file atomically (a new file gets 0666 less the umask, like go's; an existing one keeps
 * its mode), or removes it for null: the state "there was no env file".
 */
export async function writeEnvBytes(file: string, bytes: Uint8Array | null): Promise<void> {
  if (bytes === null) await rm(file, { force: true });
  else await writeFileAtomic(file, bytes, { mode: 0o666 });
}

export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a).equals(b);
}
