import path from 'node:path';
import type { Host } from '../host';

/**
 * Where `go` reads and `go env -w` writes the user env file: $GOENV when set (unless "off"), else
 * os.UserConfigDir()/go/env. Mirrors Go's os.UserConfigDir per platform. Returns null for GOENV=off or
 * when no config directory can be determined (go then has no env file either).
 */
export function locateGoEnvFile(host: Pick<Host, 'env' | 'platform' | 'homedir'>): string | null {
  const goenv = host.env.GOENV;
  if (goenv === 'off') return null;
  if (goenv) return goenv;
  const configDir = userConfigDir(host);
  if (configDir === null) return null;
  const p = host.platform === 'win32' ? path.win32 : path.posix;
  return p.join(configDir, 'go', 'env');
}

function userConfigDir({ env, platform }: Pick<Host, 'env' | 'platform'>): string | null {
  switch (platform) {
    case 'win32':
      return env.AppData || env.APPDATA || null;
    case 'darwin':
      return env.HOME ? path.posix.join(env.HOME, 'Library', 'Application Support') : null;
    default: {
      // Go rejects a relative XDG_CONFIG_HOME ("path in $XDG_CONFIG_HOME is relative") and falls back to nothing.
      const xdg = env.XDG_CONFIG_HOME;
      if (xdg) return path.posix.isAbsolute(xdg) ? xdg : null;
      return env.HOME ? path.posix.join(env.HOME, '.config') : null;
    }
  }
}
