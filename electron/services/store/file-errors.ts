import type { Stats } from 'node:fs';
import { AppError } from '../../dispatch';
import type { ErrorCode } from '../../../shared/contract';

/**
 * A file that could not be read or written, said for people: which file, what is wrong with it, what
 * to do. `errno` keeps the system's code (EISDIR, ENOTDIR, EFBIG...) for callers that treat some of
 * them as "absent"; use errnoOf() rather than `.code`, which is the contract's error code.
 */
export class FileError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly file: string,
    readonly errno?: string,
  ) {
    super(code, message, { file, ...(errno ? { errno } : {}) });
    this.name = 'FileError';
  }
}

/** The system's error code of a failed file operation (ENOENT, EACCES...), from Node or a FileError. */
export function errnoOf(error: unknown): string | undefined {
  if (error instanceof FileError) return error.errno;
  if (error instanceof AppError) return undefined;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "a named pipe (FIFO)", "a character device"...: what is at a path that is not a regular file. */
export function kindOf(info: Stats): string {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function ownerName(uid: number): string {
  return uid === 0 ? 'root' : `user ${uid}`;
}

/**
 * A raw errno failure ("EACCES: permission denied, open '…tmp'") as what happened to which file and
 * what to do. AppErrors pass through unchanged: they already say it.
 */
export function fileError(error: unknown, file: string, action: 'read' | 'write'): AppError {
  if (error instanceof AppError) return error;
  const errno = errnoOf(error);
  const refused = (message: string): FileError => new FileError('invalid-input', message, file, errno);
  const failed = (message: string): FileError => new FileError('internal', message, file, errno);
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return refused(
        `Cannot ${action} ${file}: permission denied. Fix the permissions of the file or of its folder, or run as the user who owns it.`,
      );
    case 'EROFS':
      return refused(`Cannot write ${file}: it is on a read-only file system.`);
    case 'EISDIR':
      return refused(
        `${file} is a folder, not a file; GoProxy Desk cannot ${action} it. Point it at a file.`,
      );
    case 'ENOTDIR':
      return refused(`Cannot ${action} ${file}: a part of its path is a file, not a folder.`);
    case 'ELOOP':
      return refused(`Cannot ${action} ${file}: its symbolic links form a loop. Fix the link.`);
    case 'ENAMETOOLONG':
      return refused(`Cannot ${action} ${file}: the path is too long.`);
    case 'ENXIO':
      return refused(
        `${file} is a named pipe or device with nobody on the other end; GoProxy Desk only ${action}s regular files.`,
      );
    case 'ENOSPC':
      return failed(`Cannot write ${file}: the disk is full. Free some space and try again.`);
    case 'EDQUOT':
      return failed(`Cannot write ${file}: your disk quota is used up. Free some space and try again.`);
    case 'EBUSY':
    case 'ETXTBSY':
      return failed(`Cannot ${action} ${file}: it is in use by another program. Close it and try again.`);
    case 'EMFILE':
    case 'ENFILE':
      return failed(`Cannot ${action} ${file}: too many files are open. Try again.`);
    case 'EIO':
      return failed(`Cannot ${action} ${file}: the disk reported an input/output error.`);
    default: {
      // Node's text repeats the code and the syscall ("EXDEV: …, rename 'a' -> 'b'"): keep the reason.
      const raw = error instanceof Error ? error.message : String(error);
      const reason = raw.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*$/, '');
      return failed(`Cannot ${action} ${file}: ${reason}.`);
    }
  }
}
