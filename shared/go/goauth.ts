import { fields, fromBytes, toBytes, trimSpace } from './gostrings';
import type { GoResult } from './result';

/**
 * The go-version facts that decide how go authenticates to mirrors and module hosts. The first three
 * have the names of shared/go/versions.ts's GoVersionFacts, so that `goFacts(version)` plugs in.
 */
export interface AuthFacts {
  /** GOAUTH exists (1.24+); before, .netrc was always read and GOAUTH was not looked at. */
  goauth: boolean;
  /** .netrc `machine` is compared with the request's host:port (1.21+); 1.19 compared the host name only. */
  netrcHostPort: boolean;
  /**
   * Windows (1.24+): `%USERPROFILE%\_netrc` when it exists, else `.netrc`. Before 1.24, go on Windows
   * read `_netrc` only (auth/netrc.go netrcPath of 1.19–1.23); elsewhere it is always `.netrc`.
   */
  windowsUnderscoreNetrc: boolean;
  /**
   * GOAUTH credentials stored for `host/path` apply to every URL under it (auth.loadCredential walks
   * the path up, 1.25+); go 1.24 tried only the whole URL and then the bare host. Not in GoVersionFacts
   * yet: absent counts as 1.24's behaviour, which is the same for every `machine` without a `/`.
   */
  goauthPathPrefixes?: boolean;
}

/** One GOAUTH command, as cmd/go/internal/auth runGoAuth tells them apart by their first word. */
export type GoAuthCommand =
  | { kind: 'off'; text: string }
  | { kind: 'netrc'; text: string }
  | { kind: 'git'; text: string; dir: string }
  /** Any other program: go runs it (with the URL as last argument after a 4xx) and reads headers from it. */
  | { kind: 'command'; text: string };

/** What os.Stat said about the directory of a `git <dir>` command. */
export type GitDirState =
  | { kind: 'directory' }
  | { kind: 'not-directory' }
  /** Go's error text, e.g. `stat /x: no such file or directory`. */
  | { kind: 'error'; message: string };

export interface GoAuthOptions {
  /** filepath.IsAbs of the OS go runs on (default: a path starting with `/`). */
  isAbs?: (path: string) => boolean;
  /**
   * os.Stat of each `git <dir>` directory (see goAuthGitDirs); a directory missing here is not
   * checked. Go stats them while it reads GOAUTH, so a missing directory stops go like a syntax error.
   */
  gitDirs?: ReadonlyMap<string, GitDirState>;
}

const posixIsAbs = (p: string): boolean => p.startsWith('/');

/**
 * GOAUTH as go reads it before its first https request (auth.runGoAuth): split at `;`, each command
 * TrimSpace'd and judged by its first word, the list walked from the end so that the first command
 * wins. Errors are go's messages verbatim, with the `go: ` that go prints (base.Fatalf's format);
 * go stops at the first https fetch with them. Pass the effective value: unset or empty is `netrc`.
 * Before go 1.24 GOAUTH means nothing and .netrc is always read: the answer is then one `netrc`.
 */
export function parseGoAuth(
  value: string,
  facts: Pick<AuthFacts, 'goauth'>,
  options: GoAuthOptions = {},
): GoResult<GoAuthCommand[]> {
  if (!facts.goauth) return { ok: true, value: [{ kind: 'netrc', text: 'netrc' }] };
  const isAbs = options.isAbs ?? posixIsAbs;
  const goauth = value === '' ? 'netrc' : value;
  const parts = toBytes(goauth).split(';');
  const fail = (message: string): GoResult<GoAuthCommand[]> => ({ ok: false, error: fromBytes(message) });
  const commands: GoAuthCommand[] = [];
  for (const part of [...parts].reverse()) {
    const text = trimSpace(part);
    const words = fields(text);
    if (words.length === 0)
      return fail(`go: GOAUTH encountered an empty command (GOAUTH=${toBytes(goauth)})`);
    switch (words[0]) {
      case 'off':
        if (parts.length !== 1) {
          return fail(
            `go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=${toBytes(goauth)})`,
          );
        }
        commands.push({ kind: 'off', text: fromBytes(text) });
        break;
      case 'netrc':
        commands.push({ kind: 'netrc', text: fromBytes(text) });
        break;
      case 'git': {
        const gitError = 'go: GOAUTH=git dir method requires an absolute path to the git working directory';
        if (words.length !== 2) return fail(gitError);
        const dir = fromBytes(words[1]!);
        if (!isAbs(dir)) return fail(`${gitError}, dir is not absolute`);
        const state = options.gitDirs?.get(dir);
        if (state?.kind === 'error') {
          return fail(
            `go: GOAUTH=git encountered an error; cannot stat ${toBytes(dir)}: ${toBytes(state.message)}`,
          );
        }
        if (state?.kind === 'not-directory') return fail(`${gitError}, dir is not a directory`);
        commands.push({ kind: 'git', text: fromBytes(text), dir });
        break;
      }
      default:
        commands.push({ kind: 'command', text: fromBytes(text) });
    }
  }
  return { ok: true, value: commands.reverse() };
}

/** The directories of the well-formed `git <dir>` commands, for the caller to stat (GoAuthOptions.gitDirs). */
export function goAuthGitDirs(value: string, options: Pick<GoAuthOptions, 'isAbs'> = {}): string[] {
  const isAbs = options.isAbs ?? posixIsAbs;
  const dirs: string[] = [];
  for (const part of toBytes(value).split(';')) {
    const words = fields(trimSpace(part));
    if (words.length !== 2 || words[0] !== 'git') continue;
    const dir = fromBytes(words[1]!);
    if (isAbs(dir) && !dirs.includes(dir)) dirs.push(dir);
  }
  return dirs;
}

/** Whether go would read .netrc for these commands: one of them is `netrc` (GOAUTH=off has none). */
export function goAuthReadsNetrc(commands: readonly GoAuthCommand[]): boolean {
  return commands.some((c) => c.kind === 'netrc');
}
