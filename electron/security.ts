/**
 * Whether an IPC message comes from our own renderer: the frame's URL must be the app's page (the
 * built index.html, or the dev server in development), never another origin the window was tricked
 * into loading. Pure, so it is tested without Electron.
 */
export function isTrustedRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  let frame: URL;
  let expected: URL;
  try {
    frame = new URL(frameUrl);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (frame.protocol !== expected.protocol) return false;
  if (frame.protocol === 'file:') return frame.pathname === expected.pathname;
  return frame.origin === expected.origin;
}

/** Documentation hosts the app may open in the user's browser; everything else is refused. */
export const EXTERNAL_HOSTS = [
  'go.dev',
  'golang.google.cn',
  'pkg.go.dev',
  'goproxy.cn',
  'goproxy.io',
  'github.com',
];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.includes(u.hostname)
    );
  } catch {
    return false;
  }
}
