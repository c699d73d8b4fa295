import { goverIsValid } from '../../../shared/go/gover';

/**
 * Whether a mirror serves Go toolchains. Since go 1.21 a go.mod that needs a newer go makes go download
 * that toolchain as the module golang.org/toolchain, version `v0.0.1-go1.X.Y.GOOS-GOARCH`, through the
 * GOPROXY list like any module, starting with its @v/list (DESIGN §4b). No Chinese mirror documents
 * whether it serves that module, so the probe asks the list and reads it the way go does.
 */

export const TOOLCHAIN_MODULE = 'golang.org/toolchain';
/** Relative to a mirror's base; the module path has no upper case, so it needs no escaping. */
export const TOOLCHAIN_LIST_PATH = `${TOOLCHAIN_MODULE}/@v/list`;

/**
 * cmd/go's gotoolchainVersion + "-" + "go" + version + "." + GOOS + "-" + GOARCH; the platform has no
 * dot, so the version is everything up to the last one.
 */
const TOOLCHAIN_VERSION = /^v0\.0\.1-go(.+)\.[a-z0-9]+-[a-z0-9]+$/;

/**
 * A golang.org/toolchain version go can switch to: `v0.0.1-go1.21.0.linux-amd64`, `v0.0.1-go1.22rc1.darwin-arm64`,
 * its go version valid for internal/gover. Such a version is always valid semver and never a
 * pseudo-version, so go's own list filter keeps it.
 */
export function isToolchainVersion(version: string): boolean {
  const go = TOOLCHAIN_VERSION.exec(version)?.[1];
  return go !== undefined && goverIsValid(go);
}

/** Whether an @v/list body names at least one toolchain; like go, only each line's first field counts. */
export function listsToolchains(body: string): boolean {
  return body.split('\n').some((line) => isToolchainVersion(line.trim().split(/\s+/, 1)[0] ?? ''));
}

/**
 * What an answer to `<base>/golang.org/toolchain/@v/list` says (after redirects): true when it lists
 * a toolchain; false when the mirror definitively does not serve one — 404/410 (go's "not found": it
 * falls back to the next GOPROXY entry), a 200 without any toolchain line (go finds no release to
 * switch to), or another 4xx, which refuses this module (403 for a module the mirror blocks,
 * 401/400 likewise) and will answer the same next time. Null when the answer says nothing lasting:
 * 5xx, 408 and 429 are the mirror's trouble of the moment, not a statement about the module, and
 * another 2xx or a 3xx left here (a redirect without Location) is no list either way (go takes only
 * a 200 as one).
 */
export function servesToolchains(status: number, body: Buffer): boolean | null {
  if (status === 200) return listsToolchains(body.toString('utf8'));
  if (status === 408 || status === 429) return null;
  if (status >= 400 && status < 500) return false;
  return null;
}
