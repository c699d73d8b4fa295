import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's settings as data (DESIGN §8), kept apart from the code that creates the window so
 * that tests read exactly what the app passes to Electron, and so does the security lint
 * (scripts/lint-security.mjs writes them out as a literal for electronegativity to check).
 */

/**
 * The renderer's policy: only our own files; no inline script or style, no eval, no plugins, no remote
 * content (probing happens in main), no <base> tricks, no form posts. renderer/index.html carries the
 * same policy as a meta tag, and the window also sends it as a response header (see withCsp).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CSP_HEADER = 'Content-Security-Policy';

/** Big enough for the overview without scrolling; the pages stay usable down to 800x600. */
export const WINDOW_SIZE = { width: 1100, height: 760, minWidth: 800, minHeight: 600 } as const;

export interface MainWindowInput {
  /** The built sandboxed preload (out/preload/index.js). */
  preload: string;
  title: string;
  /** Developer tools: in development only, never in a packaged app. */
  devTools: boolean;
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    // Shown on ready-to-show, so a half-drawn page never flashes; hidden starts stay in the tray.
    show: false,
    title: input.title,
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click (auxclick) would open links in a new window without passing the window-open handler's eyes.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      enableWebSQL: false,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}

/**
 * The response headers with our CSP, replacing any policy the response brought (whatever the case of
 * its header name): the dev server sends none, and nothing else may weaken ours.
 */
export function withCsp(headers: Readonly<Record<string, string[]>> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== CSP_HEADER.toLowerCase(),
  );
  return { ...Object.fromEntries(kept), [CSP_HEADER]: [CONTENT_SECURITY_POLICY] };
}

/** The page may navigate only to itself (a reload, or the hash of a route); everything else is refused. */
export function isOwnPage(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    target.hash = '';
    own.hash = '';
    return target.href === own.href;
  } catch {
    return false;
  }
}
