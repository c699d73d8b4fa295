import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { IPC_INVOKE } from '../../shared/channels';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import type { Command, Hello, MenuItemRecord, Reply, StandInState, WindowRecord } from './stand-in/protocol';

/**
 * The built main process (out/main/index.js) under plain Node, with tests/shell/stand-in/ in place of
 * Electron, in a child process of its own: its own pid, its own exit, and a real second process for the
 * single-instance lock. The test drives it as the user and the OS would (tray clicks, closing the
 * window, answering dialogs, quitting) and as the renderer would (IPC from a web contents).
 */

export const OUT = path.resolve(__dirname, '../../out');
export const MAIN = path.join(OUT, 'main/index.js');
export const RENDERER_URL_PATH = path.join(OUT, 'renderer/index.html');
const REGISTER = path.resolve(__dirname, 'stand-in/register.ts');
const TSX = createRequire(__filename).resolve('tsx/cjs');

export interface IpcResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface ShellApp {
  pid: number;
  request<T = unknown>(command: Command): Promise<T>;
  state(): Promise<StandInState>;
  /** Polls the stand-in's records until `probe` returns something (not null, undefined or false). */
  waitFor<T>(
    what: string,
    probe: (s: StandInState) => T | null | undefined | false,
    timeoutMs?: number,
  ): Promise<T>;
  /** window.goproxy.invoke as the renderer calls it: through the one IPC channel, from `webContentsId`. */
  invoke(
    channel: string,
    input: unknown,
    sender: { webContentsId: number; frameUrl?: string | null },
  ): Promise<IpcResult>;
  /** The process's end: its exit code or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the main process printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Kills the process if it still runs. */
  stop(): Promise<void>;
}

export async function launchShell(options: {
  env: NodeJS.ProcessEnv;
  args?: string[];
  /** Long timers (30 s and more) run this many times faster: background checks without the wait. */
  longTimersDivisor?: number;
}): Promise<ShellApp> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
  const env: Record<string, string | undefined> = { ...options.env };
  // The built page, never a dev server; no option of the test runner leaks into the app.
  delete env.ELECTRON_RENDERER_URL;
  delete env.NODE_OPTIONS;
  if (options.longTimersDivisor !== undefined)
    env.GOPROXY_DESK_STANDIN_LONG_TIMERS_DIVISOR = String(options.longTimersDivisor);
  const child: ChildProcess = fork(MAIN, options.args ?? [], {
    execArgv: ['--require', TSX, '--require', REGISTER],
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const p of pending.values())
        p.reject(new Error(`The main process exited (${code ?? signal}).\n${output}`));
      pending.clear();
      resolve({ code, signal });
    });
  });
  let helloSeen: () => void = () => undefined;
  const hello = new Promise<void>((resolve) => {
    helloSeen = resolve;
  });
  child.on('message', (message: Reply | Hello) => {
    if ('hello' in message) return helloSeen();
    const waiting = pending.get(message.id);
    if (waiting === undefined) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new Error(message.error));
  });
  // A second instance may hand over and exit before it says hello.
  await Promise.race([hello, exited]);

  const request = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`The main process is gone.\n${output}`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, command });
    });
  const state = () => request<StandInState>({ type: 'state' });

  return {
    pid: child.pid!,
    request,
    state,
    async waitFor(what, probe, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last: StandInState | null = null;
      while (Date.now() < deadline) {
        last = await state();
        const found = probe(last);
        if (found !== null && found !== undefined && found !== false) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(
        `Timed out waiting for ${what}.\nStand-in state: ${JSON.stringify(last, null, 1).slice(0, 6000)}\nOutput:\n${output}`,
      );
    },
    invoke: (channel, input, sender) =>
      request<IpcResult>({ type: 'invoke', sender, channel: IPC_INVOKE, args: [channel, input] }),
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** A throw-away home with the app's data folder in it, and the environment to start the app (and the CLI) with. */
export interface World {
  sandbox: Sandbox;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

export async function createWorld(
  options: { settings?: Record<string, unknown> | null; goEnv?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<World> {
  const sandbox = await createSandbox();
  const dataDir = path.join(sandbox.root, 'data');
  await mkdir(dataDir, { recursive: true });
  if (options.settings !== null && options.settings !== undefined)
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify(options.settings));
  if (options.goEnv !== undefined) {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, options.goEnv);
  }
  const env: NodeJS.ProcessEnv = { ...sandbox.env, ...options.env, GOPROXY_DESK_HOME: dataDir };
  return { sandbox, dataDir, env, cleanup: () => sandbox.cleanup() };
}

/** Settings of a user who finished the wizard, with background checks off unless a test turns them on. */
export function settledSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { language: 'en', probeIntervalMinutes: 0, wizardCompletedAt: new Date(0).toISOString(), ...extra };
}

export function liveWindows(s: StandInState): WindowRecord[] {
  return s.windows.filter((w) => !w.destroyed);
}

/** The tray menu's items, submenus flattened after their parent. */
export function trayItems(s: StandInState): MenuItemRecord[] {
  const tray = s.trays.findLast((t) => !t.destroyed);
  const flat = (items: MenuItemRecord[]): MenuItemRecord[] =>
    items.flatMap((i) => [i, ...(i.submenu === null ? [] : flat(i.submenu))]);
  return tray === undefined ? [] : flat(tray.menu);
}
