import type path from 'node:path';
import { errnoOf } from '../store/file-errors';
import type { Host } from './index';

/** A project file read: its text, or why it could not be read. */
export type FileRead = { file: string; text: string } | { file: string; error: string };

/** The file's text; null when it is absent or a directory (go skips both); an error otherwise. */
export async function readProjectFile(host: Host, file: string): Promise<FileRead | null> {
  try {
    const text = await host.readText(file);
    return text === null ? null : { file, text };
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EISDIR' || code === 'ENOTDIR') return null;
    return { file, error: (error as Error).message };
  }
}

/** The first `name` in `dir` or a parent folder, as go looks for go.mod and go.work. */
export async function findUp(
  host: Host,
  p: typeof path.posix,
  dir: string,
  name: string,
): Promise<FileRead | null> {
  for (let d = dir; ; d = p.dirname(d)) {
    const found = await readProjectFile(host, p.join(d, name));
    if (found !== null) return found;
    if (p.dirname(d) === d) return null;
  }
}
