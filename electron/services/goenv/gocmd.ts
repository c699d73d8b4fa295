import os from 'node:os';
import path from 'node:path';
import { goFacts } from '../../../shared/go/versions';
import type { Host, RunOptions } from '../host';

export interface GoCommand {
  path: string;
  version: string;
  /** `go env -json` output, or the reason it could not be had. */
  env: Record<string, string> | { error: string };
  /** `$GOROOT/go.env` when this go reads one (1.21+): its path, and its text (null when it is missing). */
  gorootEnv: { file: string; text: string | null } | null;
}

const GO_ENV_TIMEOUT_MS = 15_000;

/**
 * How go runs when we only want to read something. Since go 1.21 every go command but two first
 * decides which toolchain to run, from GOTOOLCHAIN and the go.work/go.mod of the working directory: in
 * a module that says `go 1.99.0`, `go env -json` would download a 70 MB toolchain through the user's
 * mirror before answering. GOTOOLCHAIN=local in go's environment stops that (the user's own value is
 * read from the files and reported by us), and a neutral working directory keeps the folder we happen
 * to run in (its go.mod, a broken go.work) out of the answer: go ignores a go.mod in the system temp
 * root itself.
 */
export function readOnlyGoRun(host: Pick<Host, 'env'>): Pick<RunOptions, 'env' | 'cwd'> {
  return { env: { ...host.env, GOTOOLCHAIN: 'local' }, cwd: os.tmpdir() };
}

/** Finds go on PATH and asks it for its environment. Null when there is no go to ask. */
export async function queryGo(host: Host): Promise<GoCommand | null> {
  const goPath = await host.which('go');
  if (!goPath) return null;
  const run = readOnlyGoRun(host);
  let result;
  try {
    result = await host.run(goPath, ['env', '-json'], { ...run, timeoutMs: GO_ENV_TIMEOUT_MS });
  } catch (error) {
    return { path: goPath, version: '', env: { error: (error as Error).message }, gorootEnv: null };
  }
  if (result.timedOut) {
    return {
      path: goPath,
      version: '',
      env: { error: `go env -json did not finish within ${GO_ENV_TIMEOUT_MS / 1000} s` },
      gorootEnv: null,
    };
  }
  if (result.code !== 0) {
    const version = await goVersion(host, goPath);
    return {
      path: goPath,
      version,
      env: { error: result.stderr.trim() || `go env -json exited with ${result.code}` },
      gorootEnv: null,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    return {
      path: goPath,
      version: '',
      env: { error: 'go env -json printed something that is not JSON' },
      gorootEnv: null,
    };
  }
  const env = Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  const version = env.GOVERSION ?? (await goVersion(host, goPath));
  return { path: goPath, version, env, gorootEnv: await readGorootEnv(host, version, env.GOROOT) };
}

/** The go.env beside the go whose GOROOT this is, where that version reads one. */
async function readGorootEnv(
  host: Host,
  version: string,
  goroot: string | undefined,
): Promise<GoCommand['gorootEnv']> {
  if (!goroot || !goFacts(version).gorootEnv) return null;
  const file = (host.platform === 'win32' ? path.win32 : path.posix).join(goroot, 'go.env');
  try {
    return { file, text: await host.readText(file) };
  } catch {
    return { file, text: null };
  }
}

/** `go version` prints "go version go1.19.8 linux/amd64"; used when `go env` itself failed. */
async function goVersion(host: Host, goPath: string): Promise<string> {
  try {
    const result = await host.run(goPath, ['version'], {
      ...readOnlyGoRun(host),
      timeoutMs: GO_ENV_TIMEOUT_MS,
    });
    return /\bgo version (\S+)/.exec(result.stdout)?.[1] ?? '';
  } catch {
    return '';
  }
}
