import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, launchShell, liveWindows, OUT, trayItems, type ShellApp, type World } from './harness';
import type { StandInState } from './stand-in/protocol';

/** The built main process's start: first run, the hardened window, the tray, and the single instance. */

const RENDERER = pathToFileURL(path.join(OUT, 'renderer/index.html')).href;

function clean(s: StandInState): void {
  expect(s.unimplemented).toEqual([]);
  expect(s.problems).toEqual([]);
}

describe('first run', () => {
  let world: World;
  let app: ShellApp;
  let state: StandInState;

  beforeAll(async () => {
    // No settings file: the user's first start.
    world = await createWorld({ settings: null });
    app = await launchShell({ env: world.env });
    state = await app.waitFor('the window and the drawn tray', (s) =>
      s.windows.length === 1 && s.windows[0]!.shows > 0 && (s.trays[0]?.renders ?? 0) > 0 ? s : null,
    );
  });

  afterAll(async () => {
    await app?.stop();
    await world?.cleanup();
  });

  it('opens one hardened window on the built page, its preload in place', () => {
    const [win] = state.windows;
    const options = win!.options as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(options.webPreferences.preload).toBe(path.join(OUT, 'preload/index.js'));
    expect(existsSync(options.webPreferences.preload as string)).toBe(true);
    expect(win!.loaded).toEqual([RENDERER]);
    // Shown on ready-to-show, not before.
    expect(win!.visible).toBe(true);
    expect(state.paths.userData).toBe(world.dataDir);
    clean(state);
  });

  it('tells the window there are no settings yet (the renderer then opens the wizard), and writes none', async () => {
    const answer = await app.invoke('settings:read', {}, { webContentsId: state.windows[0]!.webContentsId });
    expect(answer).toMatchObject({ ok: true, value: { exists: false } });
    expect(existsSync(path.join(world.dataDir, 'settings.json'))).toBe(false);
  });

  it('draws the tray with its icon, the mirrors, probe now and quit', () => {
    const tray = state.trays[0]!;
    expect(tray.icon.empty).toBe(false);
    expect(tray.icon.path.startsWith(path.join(OUT, 'main'))).toBe(true);
    // 1x and 2x.
    expect(tray.icon.representations).toBe(2);
    // Linux: a click on the icon opens the window.
    expect(tray.clickListeners).toBe(1);
    const labels = trayItems(state).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['Probe now', 'Open GoProxy Desk', 'Quit']));
    expect(trayItems(state).filter((i) => i.type === 'radio').length).toBeGreaterThan(1);
  });

  it('guards every web contents: no navigation away, no new windows, no webviews, no permissions', async () => {
    const stray = await app.request<number>({ type: 'create-web-contents', url: 'https://example.com/' });
    const s = await app.state();
    for (const wc of s.webContents) {
      expect(wc.guarded).toEqual({
        windowOpen: true,
        willNavigate: 1,
        willRedirect: 1,
        willAttachWebview: 1,
      });
    }
    const windowContents = s.windows[0]!.webContentsId;
    for (const id of [windowContents, stray]) {
      await expect(
        app.request({ type: 'will-navigate', webContentsId: id, url: 'https://example.com/' }),
      ).resolves.toEqual({ prevented: true });
      await expect(
        app.request({ type: 'window-open', webContentsId: id, url: 'https://example.com/' }),
      ).resolves.toEqual({ action: 'deny' });
      await expect(
        app.request({ type: 'permission-request', webContentsId: id, permission: 'geolocation' }),
      ).resolves.toBe(false);
    }
    await expect(
      app.request({ type: 'will-navigate', webContentsId: windowContents, url: `${RENDERER}#mirrors` }),
    ).resolves.toEqual({ prevented: false });
    // A documentation link opens in the browser, still denied as a window; another host does not.
    await expect(
      app.request({ type: 'window-open', webContentsId: windowContents, url: 'https://go.dev/ref/mod' }),
    ).resolves.toEqual({ action: 'deny' });
    expect((await app.state()).openedExternal).toEqual(['https://go.dev/ref/mod']);
    const headers = await app.request<{ responseHeaders: Record<string, string[]> }>({
      type: 'headers-received',
      url: RENDERER,
      responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"] },
    });
    expect(Object.keys(headers.responseHeaders)).toEqual(['Content-Security-Policy']);
    expect(headers.responseHeaders['Content-Security-Policy']![0]).toContain("default-src 'self'");
    expect(headers.responseHeaders['Content-Security-Policy']![0]).not.toContain('unsafe-eval');
    clean(await app.state());
  });
});

describe('one instance per data folder', () => {
  let world: World;
  let app: ShellApp;
  const others: ShellApp[] = [];

  beforeAll(async () => {
    world = await createWorld({
      settings: { language: 'en', probeIntervalMinutes: 0, wizardCompletedAt: null },
    });
    app = await launchShell({ env: world.env });
    await app.waitFor('the window', (s) => liveWindows(s).length === 1 && s.windows[0]!.shows > 0);
  });

  afterAll(async () => {
    for (const other of others) await other.stop();
    await app?.stop();
    await world?.cleanup();
  });

  async function secondStart(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ShellApp> {
    const second = await launchShell({ env, args });
    others.push(second);
    return second;
  }

  it('a second start hands its command line over and exits; the first shows and focuses its window', async () => {
    const before = liveWindows(await app.state())[0]!;
    await app.request({ type: 'minimize-window', windowId: before.id });
    const second = await secondStart(world.env, ['--from-second']);
    await expect(second.exited).resolves.toEqual({ code: 0, signal: null });
    const s = await app.waitFor('the window shown again', (st) =>
      st.windows[0]!.focuses > before.focuses ? st : null,
    );
    expect(s.secondInstances).toHaveLength(1);
    expect(s.secondInstances[0]!.argv).toContain('--from-second');
    expect(liveWindows(s)).toHaveLength(1);
    expect(s.windows[0]).toMatchObject({ minimized: false, restores: before.restores + 1 });
    expect(s.windows[0]!.shows).toBe(before.shows + 1);
    clean(s);
  });

  it('closing the window keeps the app in the tray, says so once, and a second start opens a new window', async () => {
    const first = liveWindows(await app.state())[0]!;
    await app.request({ type: 'close-window', windowId: first.id });
    const hinted = await app.waitFor('the close hint', (s) => (s.notifications.length > 0 ? s : null));
    expect(hinted.notifications.map((n) => n.shown)).toEqual([true]);
    expect(liveWindows(hinted)).toEqual([]);
    // Still running, tray and all.
    expect(hinted.trays[0]!.destroyed).toBe(false);

    const second = await secondStart(world.env);
    await expect(second.exited).resolves.toEqual({ code: 0, signal: null });
    const s = await app.waitFor('a new window', (st) => (liveWindows(st).length === 1 ? st : null));
    const reopened = liveWindows(s)[0]!;
    expect(reopened.id).not.toBe(first.id);
    expect(reopened.loaded).toEqual([RENDERER]);

    // The hint is given once, ever (it is kept in the data folder).
    await app.request({ type: 'close-window', windowId: reopened.id });
    await app.request({ type: 'click-tray', label: 'Open GoProxy Desk' });
    await app.waitFor('the window from the tray', (st) => liveWindows(st).length === 1);
    expect((await app.state()).notifications).toHaveLength(1);
    clean(await app.state());
  });

  it('a start with another data folder is an instance of its own', async () => {
    const elsewhere = await createWorld({ settings: null });
    try {
      const other = await secondStart(elsewhere.env);
      const s = await other.waitFor('its own window', (st) => (liveWindows(st).length === 1 ? st : null));
      expect(s.lock).toBe('primary');
      expect((await app.state()).secondInstances).toHaveLength(2);
      await other.request({ type: 'quit' });
      await expect(other.exited).resolves.toEqual({ code: 0, signal: null });
    } finally {
      await elsewhere.cleanup();
    }
  });
});
