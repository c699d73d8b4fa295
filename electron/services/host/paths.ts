import path from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * os.UserConfigDir as Go computes it (and Electron's appData): %AppData% on Windows,
 * ~/Library/Application Support on macOS, $XDG_CONFIG_HOME (only if absolute) or ~/.config elsewhere.
 * Null when it cannot be determined.
 */
export function userConfigDir(env: Env, platform: NodeJS.Platform): string | null {
  switch (platform) {
    case 'win32':
      return env.AppData || env.APPDATA || null;
    case 'darwin':
      return env.HOME ? path.posix.join(env.HOME, 'Library', 'Application Support') : null;
    default: {
      // Go rejects a relative XDG_CONFIG_HOME ("path in $XDG_CONFIG_HOME is relative").
      const xdg = env.XDG_CONFIG_HOME;
      if (xdg) return path.posix.isAbsolute(xdg) ? xdg : null;
      return env.HOME ? path.posix.join(env.HOME, '.config') : null;
    }
  }
}

export const PRODUCT_DIR = 'GoProxy Desk';

/**
 * Where GoProxy Desk keeps its own files (settings, snapshots, histories): the same folder Electron
 * calls userData, so the app and the CLI share them. GOPROXY_DESK_HOME overrides it.
 */
export function appDataDir(env: Env, platform: NodeJS.Platform, homedir: string): string {
  if (env.GOPROXY_DESK_HOME) return env.GOPROXY_DESK_HOME;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const base = userConfigDir(env, platform) ?? p.join(homedir, '.config');
  return p.join(base, PRODUCT_DIR);
}
