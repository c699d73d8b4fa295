import path from 'node:path';
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './security';
import { isOwnPage, mainWindowOptions, withCsp } from './shell/window-options';

/**
 * Guards every web contents the app will ever have, before any exists: no <webview>, no new windows
 * (allowlisted documentation links open in the browser instead), no navigation away from our page, and
 * every permission request of the session denied. The main window gets the same through this hook.
 */
export function hardenWebContents(rendererUrl: string): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The same policy as renderer/index.html's meta tag, also on the dev server's responses.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  app.on('web-contents-created', (_event, contents) => guard(contents, rendererUrl));
}

function guard(contents: WebContents, rendererUrl: string): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url, rendererUrl)) event.preventDefault();
  });
}

/** Opens a documentation link in the user's browser: https, on an allowlisted host, nothing else. */
function openExternal(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  // The URL has just passed the allowlist above (https only, known documentation hosts, no credentials).
  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * The main window (options in shell/window-options.ts). `page` opens a page other than the renderer's
 * own choice: it travels in the URL's hash, which the renderer reads on start.
 */
export function createMainWindow(rendererUrl: string, title: string, page: string | null): BrowserWindow {
  const options = mainWindowOptions({
    preload: path.join(__dirname, '../preload/index.js'),
    title,
    devTools: !app.isPackaged,
  });
  // These checks read only a literal object here; the options are data, checked as a literal by the
  // security lint (scripts/lint-security.mjs writes them out) and by tests/unit/window-options.test.ts.
  const win = new BrowserWindow(options); // eng-disable AUXCLICK_JS_CHECK CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK
  win.once('ready-to-show', () => win.show());
  // A crashed or killed renderer leaves a blank window: load the page again rather than stay broken.
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) void win.loadURL(rendererUrl);
  });
  void win.loadURL(page === null ? rendererUrl : `${rendererUrl}#${page}`);
  return win;
}
