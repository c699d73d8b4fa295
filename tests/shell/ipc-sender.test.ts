import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  launchShell,
  liveWindows,
  OUT,
  settledSettings,
  type ShellApp,
  type World,
} from './harness';

/**
 * The IPC sender check of the built main process: only a frame showing our page, in our window while
 * it is open, reaches a handler. Each refused call is a settings:write that, had it run, would have
 * changed the settings file.
 */

const RENDERER = pathToFileURL(path.join(OUT, 'renderer/index.html')).href;

describe('IPC sender check', () => {
  let world: World;
  let app: ShellApp;
  let windowContents: number;
  /** Web contents that belong to no window (a webview's, a service worker's) showing our page. */
  let stray: number;

  const theme = async (): Promise<unknown> =>
    (JSON.parse(await readFile(path.join(world.dataDir, 'settings.json'), 'utf8')) as { theme?: unknown })
      .theme;
  const write = (sender: { webContentsId: number; frameUrl?: string | null }, value: string) =>
    app.invoke('settings:write', { patch: { theme: value } }, sender);
  const forbidden = { ok: false, error: { code: 'forbidden' } };

  beforeAll(async () => {
    world = await createWorld({ settings: settledSettings({ theme: 'system' }) });
    app = await launchShell({ env: world.env });
    const s = await app.waitFor('the window and the tray', (st) =>
      (st.trays[0]?.renders ?? 0) > 0 ? liveWindows(st)[0] : null,
    );
    windowContents = s.webContentsId;
    stray = await app.request<number>({ type: 'create-web-contents', url: RENDERER });
  });

  afterAll(async () => {
    await app?.stop();
    await world?.cleanup();
  });

  it('runs a call from our window showing our page', async () => {
    await expect(write({ webContentsId: windowContents }, 'dark')).resolves.toMatchObject({ ok: true });
    expect(await theme()).toBe('dark');
  });

  it('refuses web contents that are no window of ours, and our window showing another page', async () => {
    await expect(write({ webContentsId: stray }, 'light')).resolves.toMatchObject(forbidden);
    await expect(
      write({ webContentsId: windowContents, frameUrl: 'https://evil.example/' }, 'light'),
    ).resolves.toMatchObject(forbidden);
    await expect(write({ webContentsId: windowContents, frameUrl: null }, 'light')).resolves.toMatchObject(
      forbidden,
    );
    expect(await theme()).toBe('dark');
  });

  it('refuses every sender once the window is closed, and only the new window once it is reopened', async () => {
    const win = liveWindows(await app.state())[0]!;
    await app.request({ type: 'close-window', windowId: win.id });
    await app.waitFor('the window closed', (s) => liveWindows(s).length === 0);
    // Before the fix, BrowserWindow.fromWebContents(stray) === mainWindow was null === null here.
    await expect(write({ webContentsId: stray }, 'light')).resolves.toMatchObject(forbidden);
    await expect(write({ webContentsId: stray, frameUrl: RENDERER }, 'light')).resolves.toMatchObject(
      forbidden,
    );
    expect(await theme()).toBe('dark');

    await app.request({ type: 'click-tray', label: 'Open GoProxy Desk' });
    const reopened = await app.waitFor('the window reopened', (s) => liveWindows(s)[0]);
    await expect(write({ webContentsId: stray }, 'light')).resolves.toMatchObject(forbidden);
    await expect(write({ webContentsId: reopened.webContentsId }, 'light')).resolves.toMatchObject({
      ok: true,
    });
    expect(await theme()).toBe('light');
    const s = await app.state();
    expect(s.unimplemented).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
