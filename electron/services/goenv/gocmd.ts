import type { Host } from '../host';

export interface GoCommand {
  path: string;
  version: string;
  /** `go env -json` output, or the reason it could not be had. */
  env: Record<string, string> | { error: string };
}

const GO_ENV_TIMEOUT_MS = 15_000;

/** Finds go on PATH and asks it for its environment. Null when there is no go to ask. */
export async function queryGo(host: Host): Promise<GoCommand | null> {
  const goPath = await host.which('go');
  if (!goPath) return null;
  let result;
  try {
    result = await host.run(goPath, ['env', '-json'], { env: host.env, timeoutMs: GO_ENV_TIMEOUT_MS });
  } catch (error) {
    return { path: goPath, version: '', env: { error: (error as Error).message } };
  }
  if (result.timedOut) {
    return {
      path: goPath,
      version: '',
      env: { error: `go env -json did not finish within ${GO_ENV_TIMEOUT_MS / 1000} s` },
    };
  }
  if (result.code !== 0) {
    const version = await goVersion(host, goPath);
    return {
      path: goPath,
      version,
      env: { error: result.stderr.trim() || `go env -json exited with ${result.code}` },
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    return { path: goPath, version: '', env: { error: 'go env -json printed something that is not JSON' } };
  }
  const env = Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  return { path: goPath, version: env.GOVERSION ?? (await goVersion(host, goPath)), env };
}

/** `go version` prints "go version go1.19.8 linux/amd64"; used when `go env` itself failed. */
async function goVersion(host: Host, goPath: string): Promise<string> {
  try {
    const result = await host.run(goPath, ['version'], { env: host.env, timeoutMs: GO_ENV_TIMEOUT_MS });
    return /\bgo version (\S+)/.exec(result.stdout)?.[1] ?? '';
  } catch {
    return '';
  }
}
