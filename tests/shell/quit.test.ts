import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetProxyReport } from '../../shared/contract';
import { startSessionBus, type SessionBus } from '../fixtures/session-bus';
import { runBuiltCli } from '../harness/cli';
import { createWorld, launchShell, liveWindows, settledSettings, type ShellApp, type World } from './harness';

/**
 * Quitting the built main process with the OS proxy in play: GNOME's proxy settings through the real
 * gsettings and dconf on a private session bus, the journal read back through the built CLI.
 */

const exec = promisify(execFile);
const PROXY = { http: 'http://127.0.0.1:3128', scopes: ['system'] };

let world: World;
let bus: SessionBus;
const apps: ShellApp[] = [];

async function gnomeWorld(settings: Record<string, unknown>): Promise<void> {
  world = await createWorld({
    settings: settledSettings(settings),
    env: { GSETTINGS_BACKEND: 'dconf', XDG_CURRENT_DESKTOP: 'GNOME' },
  });
  delete world.env.DCONF_PROFILE;
  delete world.env.DISPLAY;
  bus = await startSessionBus({ dir: world.sandbox.root, env: world.env });
  Object.assign(world.env, bus.env);
}

async function start(env: NodeJS.ProcessEnv = world.env): Promise<{ app: ShellApp; webContentsId: number }> {
  const app = await launchShell({ env });
  apps.push(app);
  const win = await app.waitFor('the window and the tray', (s) =>
    (s.trays[0]?.renders ?? 0) > 0 ? liveWindows(s)[0] : null,
  );
  return { app, webContentsId: win.webContentsId };
}

const proxyDump = async (): Promise<string> =>
  (await exec('dconf', ['dump', '/system/proxy/'], { env: world.env, encoding: 'utf8' })).stdout;
const gsettings = async (schema: string, key: string): Promise<string> =>
  (await exec('gsettings', ['get', schema, key], { env: world.env, encoding: 'utf8' })).stdout.trim();

/** The journal as the CLI shows it; `warning` is what it says on stderr (an unfinished change). */
async function journal(): Promise<NetProxyReport & { warning: string }> {
  const result = await runBuiltCli(['proxy', 'show', '--json'], world.env);
  return { ...(JSON.parse(result.stdout) as NetProxyReport), warning: result.stderr };
}

/**
 * gsettings that takes `seconds` for every write. Each running write leaves a mark until it ends: a
 * write already handed to gsettings goes on after the app is gone, as it would under Electron.
 */
async function slowGsettings(seconds: number): Promise<{ bin: string; env: NodeJS.ProcessEnv }> {
  const bin = path.join(world.sandbox.root, 'bin');
  await mkdir(bin, { recursive: true });
  const real = (await exec('sh', ['-c', 'command -v gsettings'], { encoding: 'utf8' })).stdout.trim();
  await writeFile(
    path.join(bin, 'gsettings'),
    [
      '#!/bin/sh',
      `case "$1" in set|reset) mark="${bin}/running.$$"; touch "$mark"; sleep ${seconds} ;; esac`,
      `${real} "$@"`,
      'status=$?',
      'rm -f "$mark"',
      'exit $status',
      '',
    ].join('\n'),
  );
  await chmod(path.join(bin, 'gsettings'), 0o755);
  return { bin, env: { ...world.env, PATH: `${bin}:${world.env.PATH}` } };
}

async function journalFileStates(): Promise<string[]> {
  const file = path.join(world.dataDir, 'netproxy-journal.json');
  const text = await readFile(file, 'utf8').catch(() => '{"transactions":[]}');
  return (JSON.parse(text) as { transactions: { state: string }[] }).transactions.map((t) => t.state);
}

/** What the atomic writer leaves behind when it is cut short: `.NAME.PID.HEX.tmp`. */
async function tempFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((e) => e.endsWith('.tmp'));
}

beforeEach(() => {
  apps.length = 0;
});

afterEach(async () => {
  for (const app of apps) await app.stop();
  await bus?.close();
  await world?.cleanup();
});

describe('quit', () => {
  it('takes back the OS proxy this session set, and nothing from before it started', async () => {
    await gnomeWorld({ restoreProxyOnQuit: true });
    // Before the app starts: the proxy for the shell, through the CLI.
    const before = await runBuiltCli(
      ['proxy', 'set', '--http', 'http://127.0.0.1:8118', '--scope', 'env'],
      world.env,
    );
    expect(before.code).toBe(0);
    expect(await proxyDump()).toBe('');

    // The change comes at once after the start: it is this session's even before the app has read anything.
    const { app, webContentsId } = await start();
    const applied = await app.invoke('netproxy:apply', PROXY, { webContentsId });
    expect(applied).toMatchObject({ ok: true });
    expect(await gsettings('org.gnome.system.proxy', 'mode')).toBe("'manual'");
    expect(await gsettings('org.gnome.system.proxy.http', 'host')).toBe("'127.0.0.1'");

    await app.request({ type: 'click-tray', label: 'Quit' });
    await expect(app.exited).resolves.toEqual({ code: 0, signal: null });

    expect(await proxyDump()).toBe('');
    expect(await gsettings('org.gnome.system.proxy', 'mode')).toBe("'none'");
    const report = await journal();
    expect(report.unfinished).toBeNull();
    expect(report.warning).toBe('');
    expect(report.journal.map((t) => [t.scopes, t.state])).toEqual([
      [['system'], 'restored'],
      [['env'], 'applied'],
    ]);
    expect(await tempFiles(world.dataDir)).toEqual([]);
  });

  it('quits during an OS proxy change with restore-on-quit on: the change finishes first, then is taken back', async () => {
    await gnomeWorld({ restoreProxyOnQuit: true });
    const { env: slow } = await slowGsettings(0.3);
    const { app, webContentsId } = await start(slow);
    const change = app.invoke('netproxy:apply', PROXY, { webContentsId });
    await expect.poll(journalFileStates, { timeout: 10_000 }).toEqual(['pending']);
    await app.request({ type: 'quit' });
    // The window's call was answered before the app went: quitting waited for it.
    await expect(change).resolves.toMatchObject({ ok: true });
    await expect(app.exited).resolves.toEqual({ code: 0, signal: null });
    // Then restored, whole: the OS and the journal tell the same story, nothing is left to offer.
    expect(await proxyDump()).toBe('');
    const report = await journal();
    expect(report.unfinished).toBeNull();
    expect(report.warning).toBe('');
    expect(report.journal.map((t) => [t.scopes, t.state])).toEqual([[['system'], 'restored']]);
    expect(await tempFiles(world.dataDir)).toEqual([]);
  });

  it('leaves the OS proxy alone on quit when restore-on-quit is off', async () => {
    await gnomeWorld({ restoreProxyOnQuit: false });
    const { app, webContentsId } = await start();
    expect(await app.invoke('netproxy:apply', PROXY, { webContentsId })).toMatchObject({ ok: true });
    await app.request({ type: 'quit' });
    await expect(app.exited).resolves.toEqual({ code: 0, signal: null });
    expect(await gsettings('org.gnome.system.proxy', 'mode')).toBe("'manual'");
    expect((await journal()).journal.map((t) => t.state)).toEqual(['applied']);
  });

  it('quits while an OS proxy change is being written; the next start offers to take the cut-short change back', async () => {
    await gnomeWorld({ restoreProxyOnQuit: false });
    // A slow desktop: every gsettings write takes 2 s, so the change is surely running at quit, and
    // it takes longer than quitting waits for it.
    const { bin, env: slow } = await slowGsettings(2);
    const { app, webContentsId } = await start(slow);
    const change = app.invoke('netproxy:apply', PROXY, { webContentsId });
    // The journal entry is written ('pending') before the first place is; the app holds the journal's
    // lock meanwhile, so the file itself is read rather than through the CLI.
    await expect.poll(journalFileStates, { timeout: 10_000 }).toEqual(['pending']);
    await app.request({ type: 'quit' });
    await expect(app.exited).resolves.toEqual({ code: 0, signal: null });
    await expect(change).rejects.toThrow(/exited/);

    // Cut short: the entry is still 'pending', no temporary file is left, and go's files are untouched.
    const report = await journal();
    expect(report.unfinished).toMatchObject({ state: 'pending', scopes: ['system'] });
    expect(report.warning).toContain('never finished; run `goproxy-desk proxy restore`');
    expect(await tempFiles(world.dataDir)).toEqual([]);

    await expect
      .poll(async () => (await readdir(bin)).filter((f) => f.startsWith('running.')), { timeout: 10_000 })
      .toEqual([]);
    const next = await start();
    const asked = await next.app.waitFor('the restore dialog', (s) => s.dialogs[0]);
    const options = asked.options as { buttons: string[]; message: string; cancelId: number };
    expect(options.buttons).toEqual(['Restore', 'Open the Proxy page', 'Later']);
    // The journal's summary ("proxy set http=... (system)") said in words, with its values.
    const said = `Proxy set to ${/^proxy set (.+) \(/.exec(report.unfinished!.summary)![1]}`;
    expect(options.message).toContain(said);
    await next.app.request({ type: 'answer-dialog', id: asked.id, response: 0 });
    const told = await next.app.waitFor('the restored notification', (s) =>
      s.notifications.find((n) => n.title === 'Network settings restored'),
    );
    expect(told.body).toBe(said);
    expect(await proxyDump()).toBe('');
    const after = await journal();
    expect(after.unfinished).toBeNull();
    expect(after.journal.map((t) => t.state)).toEqual(['restored']);
    const s = await next.app.state();
    expect(s.unimplemented).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
