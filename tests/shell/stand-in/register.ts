import Module from 'node:module';
import * as electron from './electron';
import type { Hello, Reply, Request } from './protocol';

/**
 * Loaded with `node --require` before out/main/index.js: `require('electron')` gets the stand-in, the
 * test drives it over the fork IPC channel, and 'ready' comes once the main script has run to its end.
 */

const standIn = {
  app: electron.app,
  BrowserWindow: electron.BrowserWindow,
  dialog: electron.dialog,
  ipcMain: electron.ipcMain,
  Menu: electron.Menu,
  nativeImage: electron.nativeImage,
  Notification: electron.Notification,
  safeStorage: electron.safeStorage,
  session: electron.session,
  shell: electron.shell,
  Tray: electron.Tray,
};
const electronModule = new Proxy(standIn, {
  get(target, key, receiver) {
    if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver) as unknown;
    electron.recordProblem(`electron.${key} is not implemented by the stand-in`);
    throw new Error(
      `Electron stand-in: electron.${key} is not implemented (tests/shell/stand-in/electron.ts).`,
    );
  },
});

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === 'electron') return electronModule;
  return load.call(this, request, parent, isMain);
};

/**
 * Background checks run minutes apart; a test may run the clock faster for long timers (30 s and
 * more) only, so that network timeouts and the quit's own deadline keep their real length.
 */
const divisor = Number(process.env.GOPROXY_DESK_STANDIN_LONG_TIMERS_DIVISOR ?? '1');
if (divisor > 1) {
  const LONG_MS = 30_000;
  const scale = (ms: number | undefined): number | undefined =>
    ms !== undefined && ms >= LONG_MS ? Math.round(ms / divisor) : ms;
  const faster = <T extends (...args: never[]) => unknown>(real: T): T => {
    const call = real as unknown as (fn: unknown, ms?: number, ...args: unknown[]) => unknown;
    const wrapper = (fn: unknown, ms?: number, ...args: unknown[]) => call(fn, scale(ms), ...args);
    // util.promisify(setTimeout) finds its promise version on the function itself.
    return Object.defineProperties(wrapper, Object.getOwnPropertyDescriptors(real)) as unknown as T;
  };
  globalThis.setTimeout = faster(globalThis.setTimeout);
  globalThis.setInterval = faster(globalThis.setInterval);
}

process.on('uncaughtException', (error) => {
  electron.recordProblem(`uncaught: ${error.stack ?? String(error)}`);
  console.error('Uncaught exception in the main process:', error);
});
process.on('unhandledRejection', (reason) => {
  electron.recordProblem(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  console.error('Unhandled rejection in the main process:', reason);
});

const send = (message: Reply | Hello): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });

process.on('message', (message: Request) => {
  electron
    .control(message.command)
    .then(
      (value) => send({ id: message.id, ok: true, value }),
      (error: unknown) =>
        send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    )
    .catch(() => undefined);
});

// Electron's message loop keeps the process alive until the app quits, with or without windows.
const loop = setInterval(() => undefined, 1 << 30);
electron.onExit(async () => {
  clearInterval(loop);
  process.disconnect?.();
});

void send({ hello: true, pid: process.pid });
setImmediate(() => electron.finishLaunching());
