import path from 'node:path';
import { BrowserWindow, shell } from 'electron';
import { isAllowedExternalUrl } from './security';

/**
 * The main window, locked down: no Node in the renderer, a sandboxed CommonJS preload, no navigation
 * away from our page, no new windows (allowlisted documentation links open in the browser instead),
 * and every permission request denied.
 */
export function createMainWindow(rendererUrl: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'GoProxy Desk',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}
