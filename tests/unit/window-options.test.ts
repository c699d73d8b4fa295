import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isOwnPage,
  mainWindowOptions,
  withCsp,
  WINDOW_SIZE,
} from '../../electron/shell/window-options';

const root = path.resolve(__dirname, '../..');
const input = { preload: '/app/out/preload/index.js', title: 'GoProxy Desk', devTools: false };

/** A policy as directive -> sorted sources, so that order and spacing do not matter. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources.sort()]),
  );
}

function metaPolicy(html: string): string {
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSP meta tag');
  return match[1]!;
}

describe('main window options', () => {
  const prefs = mainWindowOptions(input).webPreferences!;

  it('isolates the renderer: context isolation, sandbox, no Node anywhere, web security on', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures?.split(',')).toContain('Auxclick');
  });

  it('loads the given preload and gives developer tools only when asked (never in a packaged app)', () => {
    expect(prefs.preload).toBe(input.preload);
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions({ ...input, devTools: true }).webPreferences!.devTools).toBe(true);
  });

  it('opens hidden (shown when drawn) and cannot shrink below 800x600', () => {
    const options = mainWindowOptions(input);
    expect(options.show).toBe(false);
    expect(options.title).toBe('GoProxy Desk');
    expect(WINDOW_SIZE.minWidth).toBeGreaterThanOrEqual(800);
    expect(WINDOW_SIZE.minHeight).toBeGreaterThanOrEqual(600);
    expect(options).toMatchObject(WINDOW_SIZE);
  });
});

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it("allows only the app's own files: no inline code, no eval, no remote hosts, no plugins", () => {
    expect(policy['default-src']).toEqual(["'self'"]);
    for (const [name, sources] of Object.entries(policy)) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe|^\*|^https?:|^wss?:|^blob:/);
      }
    }
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it.each([
    ['renderer/index.html', path.join(root, 'renderer/index.html')],
    ['the built out/renderer/index.html', path.join(root, 'out/renderer/index.html')],
  ])('is the policy of the meta tag in %s (frame-ancestors works only as a header)', (_label, file) => {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npx electron-vite build first`);
    const meta = directives(metaPolicy(readFileSync(file, 'utf8')));
    expect({ ...meta, 'frame-ancestors': policy['frame-ancestors'] }).toEqual(policy);
  });

  it('replaces any policy a response brings, whatever the case of its name, and keeps other headers', () => {
    const headers = withCsp({
      'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isOwnPage', () => {
  const built = 'file:///opt/GoProxy%20Desk/resources/app.asar/out/renderer/index.html';

  it('lets the page reload itself or change its hash, nothing else', () => {
    expect(isOwnPage(built, built)).toBe(true);
    expect(isOwnPage(`${built}#checklist`, built)).toBe(true);
    expect(isOwnPage('file:///opt/GoProxy%20Desk/resources/app.asar/out/renderer/other.html', built)).toBe(
      false,
    );
    expect(isOwnPage('file:///etc/passwd', built)).toBe(false);
    expect(isOwnPage('https://example.com/', built)).toBe(false);
    expect(isOwnPage(`${built}?x=1`, built)).toBe(false);
    expect(isOwnPage('not a url', built)).toBe(false);
  });

  it('compares the whole URL for the dev server, not just its origin', () => {
    expect(isOwnPage('http://localhost:5173/#wizard', 'http://localhost:5173/')).toBe(true);
    expect(isOwnPage('http://localhost:5173/evil.html', 'http://localhost:5173/')).toBe(false);
    expect(isOwnPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});
