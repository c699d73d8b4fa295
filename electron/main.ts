import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Notification } from 'electron';
import { z } from 'zod';
import type { AppPage } from '../shared/contract';
import { changeSummaryText } from '../shared/change-summary';
import { pickLanguage } from '../shared/i18n';
import { aroundEachCall } from './dispatch';
import { createHandlers } from './handlers';
import { bindIpc, emit } from './ipc';
import { safeStorageBox } from './secrets';
import { createServices, type Services } from './services';
import { createNodeHost } from './services/host';
import { JsonFile, removeFile, writeFileAtomic } from './services/store';
import { createDesk, type Desk, type DeskNotification } from './shell/controller';
import {
  APP_ID,
  autostartDir,
  autostartEntry,
  HIDDEN_FLAG,
  PRODUCT_NAME,
  startedHidden,
  transactionsToRestoreOnQuit,
} from './shell/lifecycle';
import { isOurLiveWindow } from './shell/trusted-sender';
import { createTrayView, type TrayView } from './tray';
import { createMainWindow, hardenWebContents } from './window';

// The wiring of the desktop app: single instance, window, tray, services, background health, quit.
const rendererUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;

const host = createNodeHost();
// The app and the CLI share one data folder (settings, snapshots, histories); the single-instance lock
// is per data folder too, so this comes first.
app.setPath('userData', host.dataDir);

/** When this session began: the network changes made since are this session's (restore on quit). */
const startedAt = Date.now();
/** Quitting takes this long at most for its own clean-up (the window's writes finishing, then restoring the
 * proxy); a write or restore cut short is journaled as unfinished and offered again at the next start. */
const QUIT_CLEANUP_MS = 10_000;
/** Notifications kept referenced so that their click handlers live (Electron drops collected ones). */
const MAX_NOTIFICATIONS = 20;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  let mainWindow: BrowserWindow | null = null;
  let services: Services | null = null;
  let desk: Desk | null = null;
  let trayView: TrayView | null = null;
  /** Calls from the window still running: quitting lets them finish before it restores anything. */
  const running = new Set<Promise<unknown>>();
  let quitting = false;
  let cleanedUp = false;
  /** A window asked for (second launch, dock click) before the app was ready. */
  let showWhenReady = false;
  const notifications: Notification[] = [];
  const shellStateSchema = z.object({ closeHintShown: z.boolean().optional() });
  const shellState = new JsonFile<z.infer<typeof shellStateSchema>>(
    path.join(host.dataDir, 'shell.json'),
    shellStateSchema,
    () => ({}),
  );

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  const t = (key: string, options?: Record<string, string | number>): string => desk?.t(key, options) ?? key;

  function showWindow(page: AppPage | null): void {
    if (!app.isReady()) {
      showWhenReady = true;
      return;
    }
    if (mainWindow === null || mainWindow.isDestroyed()) {
      const win = createMainWindow(rendererUrl, PRODUCT_NAME, page);
      mainWindow = win;
      win.on('closed', () => {
        mainWindow = null;
        if (!quitting) void closeHint().catch((error: unknown) => console.error('Close hint:', error));
      });
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    if (page !== null) emit(mainWindow.webContents, 'app:navigate', { page });
  }

  function notify(n: DeskNotification): void {
    if (!Notification.isSupported()) return;
    // Only macOS shows buttons on plain notifications; elsewhere Undo is in the tray menu.
    const buttons = n.undo && process.platform === 'darwin';
    const notification = new Notification({
      title: n.title,
      body: n.body,
      ...(buttons ? { actions: [{ type: 'button' as const, text: t('tray.notify.undo') }] } : {}),
    });
    notification.on('click', () => showWindow(n.page));
    if (n.undo) notification.on('action', n.undo);
    notifications.push(notification);
    if (notifications.length > MAX_NOTIFICATIONS) notifications.shift();
    notification.show();
  }

  async function closeHint(): Promise<void> {
    const state = await shellState.read();
    if (state.closeHintShown) return;
    notify({ title: t('tray.notify.closeHintTitle'), body: t('tray.notify.closeHintBody'), page: null });
    await shellState.update((s) => ({ ...s, closeHintShown: true }));
  }

  function applyLoginItem(enabled: boolean): void {
    // A development build would register the bare Electron binary, which cannot start the app.
    if (!app.isPackaged) return;
    if (process.platform === 'linux') {
      void linuxAutostart(enabled).catch((error: unknown) => console.error('Autostart entry:', error));
      return;
    }
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
  }

  async function linuxAutostart(enabled: boolean): Promise<void> {
    const dir = autostartDir(process.env, app.getPath('home'));
    const file = path.join(dir, `${APP_ID}.desktop`);
    if (!enabled) return removeFile(file);
    // The safe writer creates ~/.config/autostart when missing.
    // An AppImage runs from a temporary mount: the entry must start the AppImage file itself.
    await writeFileAtomic(file, autostartEntry(process.env.APPIMAGE ?? process.execPath, PRODUCT_NAME));
  }

  async function offerRestore(svc: Services): Promise<void> {
    const unfinished = await svc.netproxy.unfinished();
    if (unfinished === null) return;
    const language = desk?.language() ?? 'en';
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: t('tray.dialog.unfinishedTitle'),
      message: t('tray.dialog.unfinishedMessage', {
        summary: changeSummaryText(t, unfinished.summary),
        at: new Date(unfinished.at).toLocaleString(language),
      }),
      detail: t('tray.dialog.unfinishedDetail'),
      buttons: [t('tray.dialog.restore'), t('tray.dialog.openProxy'), t('tray.dialog.later')],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (response === 1) showWindow('proxy');
    if (response !== 0) return;
    try {
      const result = await svc.netproxy.restore({});
      notify({
        title: t('tray.dialog.restoredTitle'),
        body: result.complete ? changeSummaryText(t, unfinished.summary) : t('tray.dialog.restoreIncomplete'),
        page: result.complete ? null : 'proxy',
      });
    } catch (error) {
      notify({ title: t('tray.notify.failedTitle'), body: String((error as Error).message), page: 'proxy' });
    }
  }

  /** "Restore the system proxy on quit": this session's changes back to the oldest that set the OS proxy. */
  async function restoreOnQuit(svc: Services): Promise<void> {
    if (!(await svc.settings.read()).settings.restoreProxyOnQuit) return;
    const ids = transactionsToRestoreOnQuit((await svc.netproxy.read()).journal, startedAt);
    for (const id of ids) {
      // Restore takes the newest entry: check it is the expected one (the CLI may have added one since).
      const next = await svc.netproxy.restore({ dryRun: true });
      if (next.restored[0]?.id !== id) return;
      const done = await svc.netproxy.restore({});
      if (!done.complete) return;
    }
  }

  async function cleanUp(): Promise<void> {
    desk?.dispose();
    if (services !== null) {
      services.probe.cancel();
      services.goenv.cancel();
      const svc = services;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>(
        (resolve) => (timer = setTimeout(() => resolve('late'), QUIT_CLEANUP_MS)),
      );
      // A change still being written is not restored while it runs (the journal and the OS would end up
      // telling different stories): it finishes first, or, when it cannot in time, stays journaled as
      // unfinished and the next start offers to restore it.
      const settled = Promise.allSettled([...running]).then(() => 'settled' as const);
      if ((await Promise.race([settled, late])) === 'settled') {
        await Promise.race([
          restoreOnQuit(svc).catch((error: unknown) => console.error('Restore on quit:', error)),
          late,
        ]);
      }
      clearTimeout(timer);
    }
    trayView?.destroy();
  }

  app.on('second-instance', () => showWindow(null));
  // macOS: a click on the Dock icon.
  app.on('activate', () => showWindow(null));
  // Closing the window keeps the app in the tray; it quits from the tray menu (or the OS's Quit).
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void cleanUp().finally(() => {
      cleanedUp = true;
      app.quit();
    });
  });

  void app
    .whenReady()
    .then(async () => {
      hardenWebContents(rendererUrl);
      const svc = createServices(host, {
        secrets: safeStorageBox,
        pickFolder: async () => {
          const options = { properties: ['openDirectory' as const] };
          const picked =
            mainWindow !== null && !mainWindow.isDestroyed()
              ? await dialog.showOpenDialog(mainWindow, options)
              : await dialog.showOpenDialog(options);
          return picked.canceled ? null : (picked.filePaths[0] ?? null);
        },
      });
      services = svc;
      // Start go's answer now, while the window loads: the overview's first question is the same one.
      void svc.goenv.read().catch(() => undefined);
      const handlers = aroundEachCall(createHandlers(svc), (_channel, call) => {
        const run = call();
        running.add(run);
        const done = () => running.delete(run);
        run.then(done, done);
        return run;
      });
      bindIpc(handlers, rendererUrl, (wc) => isOurLiveWindow(BrowserWindow.fromWebContents(wc), mainWindow));

      const view = createTrayView(
        (action) => void desk?.dispatch(action),
        () => showWindow(null),
      );
      trayView = view;
      // Read by tests/electron through Playwright's main-process evaluate; no renderer can reach it.
      Object.defineProperty(globalThis, Symbol.for('goproxy-desk.tray'), { value: () => view.items() });

      const deskInstance = createDesk(
        svc,
        {
          renderTray: (items, tooltip) => view.render(items, tooltip),
          notify,
          showWindow,
          quit: () => app.quit(),
          systemLanguage: () => pickLanguage(app.getPreferredSystemLanguages()),
          applyLoginItem,
        },
        {
          setInterval: (fn, ms) => setInterval(fn, ms),
          clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
          setTimeout: (fn, ms) => setTimeout(fn, ms),
          clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
        },
      );
      desk = deskInstance;

      svc.events.onStateChanged((area) => {
        if (mainWindow !== null && !mainWindow.isDestroyed())
          emit(mainWindow.webContents, 'state:changed', { area });
        deskInstance.stateChanged(area);
      });
      svc.probe.onProgress((progress) => {
        if (mainWindow !== null && !mainWindow.isDestroyed())
          emit(mainWindow.webContents, 'probe:progress', progress);
      });

      const openedAtLogin = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
      // On first run the renderer opens the wizard by itself (settings:read says no settings exist).
      if (!startedHidden(process.argv, openedAtLogin) || showWhenReady) showWindow(null);

      await deskInstance.start();
      await offerRestore(svc);
    })
    .catch((error: unknown) => {
      // The window and the tray show what works; this is for the log of a start that went wrong part way.
      console.error('GoProxy Desk start:', error);
    });
}
