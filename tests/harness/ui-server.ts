import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { CLI_BIN } from './cli';

/** `goproxy-desk ui` started from the built CLI, as a user starts it, until stop(). */
export interface UiProcess {
  child: ChildProcess;
  /** The first stdout line: the one-time link. */
  link: string;
  origin: string;
  port: number;
  token: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Sends SIGINT and resolves with the exit code and signal. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startUi(args: string[], env: NodeJS.ProcessEnv): Promise<UiProcess> {
  const child = spawn(process.execPath, [CLI_BIN, 'ui', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no link within 20 s; stderr: ${err}`)), 20_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, end));
      }
    });
    void exited.then(({ code }) => reject(new Error(`ui exited with ${code} before its link: ${err}`)));
  });
  const url = new URL(link);
  return {
    child,
    link,
    origin: url.origin,
    port: Number(url.port),
    token: url.searchParams.get('token') ?? '',
    stderr: () => err,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with exactly the headers given (Host included: fetch would not let a test set it),
 * on a fresh connection.
 */
export function rawRequest(
  origin: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Send no Host header at all. */
    noHost?: boolean;
  },
): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: Number(url.port),
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers ?? {},
        setHost: options.noHost !== true && options.headers?.host === undefined,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(options.body);
  });
}
