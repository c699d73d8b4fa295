import { spawn } from 'node:child_process';

export interface BrowserCommand {
  command: string;
  args: string[];
}

/**
 * How to open a URL in the user's default browser, as an argv (never a shell string): `open` on macOS,
 * `xdg-open` on a Linux desktop, the URL protocol handler on Windows (`start` would go through cmd.exe,
 * which reads `&` and `^`). Null where there is no desktop to open it on (SSH, containers): the caller
 * prints the link instead.
 */
export function browserCommand(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  url: string,
): BrowserCommand | null {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

/** How long an opener that has not failed yet is waited for (some xdg-open set-ups wait for the browser). */
const OPENER_WAIT_MS = 5_000;

/** Starts the browser; true once the opener succeeded (or is still running after a while), false when it failed. */
export function openBrowser(command: BrowserCommand): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command.command, command.args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => resolve(true), OPENER_WAIT_MS);
    timer.unref();
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    child.once('error', () => done(false));
    child.once('exit', (code) => done(code === 0));
    child.unref();
  });
}
