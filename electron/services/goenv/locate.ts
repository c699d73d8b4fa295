import path from 'node:path';
import type { Host } from '../host';
import { userConfigDir } from '../host/paths';

/**
 * Where `go` reads and `go env -w` writes the user env file: $GOENV when set (unless "off"), else
 * os.UserConfigDir()/go/env. Returns null for GOENV=off or when no config directory can be determined
 * (go then has no env file either).
 */
export function locateGoEnvFile(host: Pick<Host, 'env' | 'platform'>): string | null {
  const goenv = host.env.GOENV;
  if (goenv === 'off') return null;
  if (goenv) return goenv;
  const configDir = userConfigDir(host.env, host.platform);
  if (configDir === null) return null;
  const p = host.platform === 'win32' ? path.win32 : path.posix;
  return p.join(configDir, 'go', 'env');
}
