import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createHandlers } from './handlers';
import { bindIpc, emit } from './ipc';
import { safeStorageBox } from './secrets';
import { createServices } from './services';
import { createNodeHost } from './services/host';
import { createMainWindow } from './window';

// Thin wiring: the window, the services and the IPC binding. Tray and background health come later.
const rendererUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;

let mainWindow: BrowserWindow | null = null;
const host = createNodeHost();
// The app and the CLI share one data folder (settings, snapshots, histories).
app.setPath('userData', host.dataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    const services = createServices(host, { secrets: safeStorageBox });
    const handlers = createHandlers(services);
    services.probe.onProgress((progress) => {
      if (mainWindow) emit(mainWindow.webContents, 'probe:progress', progress);
    });
    bindIpc(handlers, rendererUrl, (wc) => BrowserWindow.fromWebContents(wc) === mainWindow);
    mainWindow = createMainWindow(rendererUrl);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    app.on('activate', () => {
      if (!mainWindow) mainWindow = createMainWindow(rendererUrl);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
