import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { GoDownloadResult } from '../../../shared/contract';
import { AppError } from '../../dispatch';
import type { Host, RunResult } from '../host';
import { goverFromToolchain } from '../../../shared/go/gover';
import { TOOLCHAIN_MODULE } from '../../../shared/go/route';
import { parseModuleVersion } from '../probe/targets';
import { readOnlyGoRun } from './gocmd';
import { goHostOf } from './validate';

/**
 * The proof that the settings work: the real `go mod download -json <module>` with the user's own
 * environment (go reads their env file itself), in a throw-away module and a throw-away module cache,
 * so that the module really travels over the network the way the user's builds would fetch it.
 */

/** What the result reports of go's own view of its settings. */
const REPORTED_DOWNLOAD_VARS = ['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOSUMDB'] as const;
export const DOWNLOAD_TIMEOUT_MS = 120_000;
const GO_ENV_TIMEOUT_MS = 15_000;
/** How much of go's stderr a failure reports: its last lines say what went wrong. */
const STDERR_TAIL_LINES = 12;

const NO_GO_MESSAGE =
  'Go is not installed or not on PATH, so the download cannot be tried. Install Go from https://go.dev/dl/ (from mainland China: https://golang.google.cn/dl/), then try again.';

interface DownloadOptions {
  module: string;
  timeoutMs: number;
  signal: AbortSignal;
}

interface DownloadJson {
  Version?: unknown;
  Sum?: unknown;
  GoModSum?: unknown;
  Error?: unknown;
}

/** `go mod download -json` prints one indented object per module; the one asked for is the last. */
function parseDownloadJson(stdout: string): DownloadJson | null {
  const objects = stdout
    .split(/\n(?=\{)/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.startsWith('{'));
  for (const chunk of objects.reverse()) {
    try {
      const parsed: unknown = JSON.parse(chunk);
      if (parsed !== null && typeof parsed === 'object') return parsed as DownloadJson;
    } catch {
      // not a whole object (a truncated run); an earlier one may still be
    }
  }
  return null;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function stderrTail(stderr: string): string | undefined {
  const lines = stderr
    .trimEnd()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.length === 0 ? undefined : lines.slice(-STDERR_TAIL_LINES).join('\n');
}

/** "go1.19.8" → "1.19": the go directive of the local toolchain, so that go never wants another. */
function goDirective(goVersion: string | undefined): string | null {
  const m = /^go(\d+)\.(\d+)/.exec(goVersion ?? '');
  return m ? `${m[1]}.${m[2]}` : null;
}

export async function downloadModule(host: Host, options: DownloadOptions): Promise<GoDownloadResult> {
  const { module } = options;
  const spec = parseModuleVersion(module);
  // Also keeps anything that go would read as a flag out of its argv.
  if (!spec.ok || module.startsWith('-')) {
    throw new AppError(
      'invalid-input',
      `${spec.ok ? `"${module}" is not a module` : spec.error}; give PATH@VERSION, for example rsc.io/quote@v1.5.2.`,
    );
  }
  return inThrowawayModule(host, options, {
    module,
    goLine: (vars) => goDirective(vars.GOVERSION),
    args: ['mod', 'download', '-json', module],
    judge(result) {
      const json = parseDownloadJson(result.stdout);
      const version = text(json?.Version);
      const sum = text(json?.Sum);
      const goModSum = text(json?.GoModSum);
      const found = {
        ...(version !== undefined ? { version } : {}),
        ...(sum !== undefined ? { sum } : {}),
        ...(goModSum !== undefined ? { goModSum } : {}),
      };
      const goError = text(json?.Error);
      if (result.code === 0 && goError === undefined && version !== undefined) return { ...found, ok: true };
      return {
        ...found,
        ok: false,
        error: goError ?? stderrTail(result.stderr) ?? `go mod download exited with ${result.code}`,
      };
    },
  });
}

/**
 * The proof that a project's toolchain switch works: `go version` in a throw-away module whose go line
 * asks for `toolchain` (go1.99.0), with the user's own GOTOOLCHAIN and settings and an empty module
 * cache, so go really downloads golang.org/toolchain through GOPROXY, checks it against the checksum
 * database, unpacks it and runs it; the switched go then answers "go version go1.99.0 ...".
 */
export async function downloadToolchain(
  host: Host,
  options: Omit<DownloadOptions, 'module'> & { toolchain: string },
): Promise<GoDownloadResult> {
  const { toolchain } = options;
  const version = toolchain.startsWith('go') ? goverFromToolchain(toolchain) : '';
  if (version === '')
    throw new AppError('invalid-input', `"${toolchain}" is not a Go release such as go1.25.0`);
  const { goos, goarch } = goHostOf(host.platform, process.arch);
  const moduleVersion = `v0.0.1-${toolchain}.${goos}-${goarch}`;
  return inThrowawayModule(
    host,
    { ...options, module: `${TOOLCHAIN_MODULE}@${moduleVersion}` },
    {
      module: `${TOOLCHAIN_MODULE}@${moduleVersion}`,
      goLine: () => version,
      args: ['version'],
      judge(result) {
        const ran = /\bgo version (\S+)/.exec(result.stdout)?.[1];
        if (result.code === 0 && ran === toolchain) return { ok: true, version: moduleVersion };
        return {
          ok: false,
          error:
            stderrTail(result.stderr) ??
            (ran !== undefined
              ? `go ran ${ran} instead of switching to ${toolchain}`
              : `go version exited with ${result.code}`),
        };
      },
    },
  );
}

interface Task {
  /** What the result names (PATH@VERSION). */
  module: string;
  /** The throw-away module's go line, from go's own GOVERSION; null for none. */
  goLine: (vars: Record<string, string>) => string | null;
  args: string[];
  judge(result: RunResult): Pick<GoDownloadResult, 'ok' | 'version' | 'sum' | 'goModSum' | 'error'>;
}

async function inThrowawayModule(
  host: Host,
  options: DownloadOptions,
  task: Task,
): Promise<GoDownloadResult> {
  const { timeoutMs, signal } = options;
  const goPath = await host.which('go');
  if (goPath === null) throw new AppError('go-failed', NO_GO_MESSAGE);

  const root = await mkdtemp(path.join(os.tmpdir(), 'goproxy-desk-download-'));
  const base: Omit<GoDownloadResult, 'durationMs'> = {
    ok: false,
    module: task.module,
    env: {},
    exitCode: null,
    cancelled: false,
    timedOut: false,
  };
  try {
    const work = path.join(root, 'module');
    const env = {
      ...host.env,
      // A workspace or GOPATH mode of the user's would take the download somewhere else.
      GOWORK: 'off',
      GO111MODULE: 'on',
    };
    // Reading go's settings must not switch toolchains (gocmd.ts); the task itself runs as the user's go.
    const goEnv = await host.run(
      goPath,
      ['env', '-json', ...REPORTED_DOWNLOAD_VARS, 'GOFLAGS', 'GOVERSION'],
      {
        ...readOnlyGoRun({ env }),
        timeoutMs: GO_ENV_TIMEOUT_MS,
        signal,
      },
    );
    if (signal.aborted) return { ...base, cancelled: true, durationMs: 0 };
    if (goEnv.code !== 0) {
      return {
        ...base,
        exitCode: goEnv.code,
        error: stderrTail(goEnv.stderr) ?? `go env -json exited with ${goEnv.code}`,
        durationMs: 0,
      };
    }
    const vars = parseGoEnvJson(goEnv.stdout);
    const reported = Object.fromEntries(REPORTED_DOWNLOAD_VARS.map((k) => [k, vars[k] ?? '']));
    const directive = task.goLine(vars);
    await mkdir(work);
    await writeFile(
      path.join(work, 'go.mod'),
      `module goproxydesk.example/verify\n${directive ? `\ngo ${directive}\n` : ''}`,
    );

    const started = host.now();
    let result: RunResult;
    try {
      result = await host.run(goPath, task.args, {
        cwd: work,
        env: {
          ...env,
          // A cache of its own, or go would answer from the user's cache without asking the mirror.
          GOMODCACHE: path.join(root, 'modcache'),
          // Go writes its cache read-only; this lets it be removed afterwards.
          GOFLAGS: [vars.GOFLAGS, '-modcacherw'].filter(Boolean).join(' '),
        },
        timeoutMs,
        signal,
      });
    } catch (error) {
      throw new AppError('go-failed', `${goPath} could not be started: ${(error as Error).message}`);
    }
    const durationMs = Math.max(0, host.now() - started);
    const outcome = { ...base, env: reported, exitCode: result.code, durationMs };
    if (signal.aborted) return { ...outcome, cancelled: true };
    if (result.timedOut) {
      const tail = stderrTail(result.stderr);
      return {
        ...outcome,
        timedOut: true,
        error: `${task.args[0] === 'version' ? 'The toolchain download' : 'go mod download'} did not finish within ${Math.round(timeoutMs / 1000)} s; a mirror in GOPROXY may be hanging.${tail ? `\n${tail}` : ''}`,
      };
    }
    return { ...outcome, ...task.judge(result) };
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

function parseGoEnvJson(stdout: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}
