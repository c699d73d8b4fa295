import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { access, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFileBounded } from '../store/safe-file';
import { appDataDir } from './paths';

/**
 * Everything a service needs from the world, passed in so that tests can give a temporary HOME and a
 * chosen PATH. Commands are argv arrays, never shell strings.
 */
export interface Host {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** GoProxy Desk's own folder (Electron's userData): settings, snapshots, histories. */
  dataDir: string;
  /** Runs a program; resolves with its exit status and output, rejects only when it could not start. */
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /**
   * The file's text, or null when it does not exist. Other errors (permissions, a directory, a FIFO or
   * device, a file over 16 MiB) throw a FileError that says so (errnoOf gives EISDIR, ENOTDIR...).
   */
  readText(file: string): Promise<string | null>;
  /** The absolute path of a program found on PATH (with PATHEXT on Windows), or null. */
  which(program: string): Promise<string | null>;
  now(): number;
  /** The names in a directory, or null when it does not exist. */
  listDir(dir: string): Promise<string[] | null>;
  /** Resolves a host name with the system resolver (getaddrinfo), addresses in the order it gives. */
  lookup(hostname: string): Promise<LookupAddress[]>;
}

export interface LookupAddress {
  address: string;
  family: number;
}

export interface RunOptions {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  timeoutMs?: number;
  /**
   * Stops the program (SIGTERM). The run then resolves, once the program has exited, with code null;
   * the caller knows from its own signal that it was stopped.
   */
  signal?: AbortSignal;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

export function createNodeHost(
  overrides: Partial<Pick<Host, 'env' | 'homedir' | 'platform' | 'lookup'>> = {},
): Host {
  const platform = overrides.platform ?? process.platform;
  const env = overrides.env ?? process.env;
  const homedir = overrides.homedir ?? (platform === 'win32' ? env.USERPROFILE : env.HOME) ?? os.homedir();
  return {
    platform,
    env,
    homedir,
    dataDir: appDataDir(env, platform, homedir),
    run: (file, args, options = {}) => runProgram(file, args, { env, ...options }),
    readText: async (file) => (await readFileBounded(file))?.toString('utf8') ?? null,
    which: (program) => which(program, env, platform),
    now: () => Date.now(),
    listDir: async (dir) => {
      try {
        return await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    lookup: overrides.lookup ?? ((hostname) => lookup(hostname, { all: true, verbatim: true })),
  };
}

function runProgram(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      {
        env: options.env as NodeJS.ProcessEnv,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: MAX_OUTPUT,
        windowsHide: true,
        encoding: 'utf8',
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (error?.code === 'ABORT_ERR' && options.signal?.aborted) {
          // Node reports the abort before the program has exited; callers clean up after it, so wait.
          const stopped = (): void =>
            resolve({ code: null, signal: child.signalCode, stdout, stderr, timedOut: false });
          if (child.exitCode !== null || child.signalCode !== null) stopped();
          else child.once('exit', stopped);
          return;
        }
        if (error && typeof error.code === 'string') {
          // ENOENT, EACCES...: the program never ran.
          reject(error);
          return;
        }
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          signal: (error?.signal as NodeJS.Signals | undefined) ?? null,
          stdout,
          stderr,
          timedOut: Boolean(error?.killed && error.signal),
        });
      },
    );
  });
}

async function which(
  program: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): Promise<string | null> {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const pathVar = (platform === 'win32' ? (env.Path ?? env.PATH) : env.PATH) ?? '';
  const exts =
    platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of pathVar.split(p.delimiter)) {
    // An empty PATH element means the current directory; go itself ignores it, and so do we.
    if (!dir || !p.isAbsolute(dir)) continue;
    for (const ext of exts) {
      const candidate = p.join(dir, program + ext);
      try {
        if (!(await stat(candidate)).isFile()) continue;
        await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}
