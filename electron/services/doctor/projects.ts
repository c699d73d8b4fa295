import path from 'node:path';
import type { Host } from '../host';
import { findUp, readProjectFile } from '../host/files';
import { readToolchainFile, type ToolchainFile } from '../goenv/toolchain';
import { maskUrl, urlSecret } from './credentials';
import { isDirectoryPath, readModfile, type ModReplace, type ModStatement } from './modfile';

/**
 * The user's own projects, read from disk: module paths (go.mod, go.work and the modules it uses),
 * the modules they require or replace, and their git remotes. The leak rules compare these paths
 * with GOPRIVATE. Everything here is local reading: deciding whether a path is private must never
 * send it anywhere, so no network, and git only through `git remote -v` (which does not connect).
 */

/** Where a value was read: the absolute file and its 1-based line. */
export interface SourceLine {
  file: string;
  line: number;
}

export interface ModuleRef extends SourceLine {
  path: string;
}

export interface RequireFacts extends ModuleRef {
  version: string;
  /** Marked `// indirect` (a dependency of a dependency). */
  indirect: boolean;
}

export interface ReplaceFacts extends SourceLine {
  from: { path: string; version?: string };
  to: { path: string; version?: string };
  /** The replacement is a directory on disk: go downloads nothing for it. */
  local: boolean;
}

export interface GitRemote {
  name: string;
  /** As git reports it, with any password or token masked (credentials.ts). */
  url: string;
  /** Lower-case host name without port, or null for a local path or file:// URL. */
  host: string | null;
  /** The URL carries a password or an access token. */
  credentials: boolean;
}

export interface GoModFacts {
  file: string;
  dir: string;
  /** null when the file has no (readable) module statement. */
  module: ModuleRef | null;
  requires: RequireFacts[];
  replaces: ReplaceFacts[];
  /** The go.work `use` line that brought this module in; null for a go.mod of a folder examined. */
  usedBy: SourceLine | null;
  /** The remotes of the git repository holding the module; empty when it is in none. */
  remotes: GitRemote[];
  /**
   * go's errors for the file (`/path/go.mod:7:9: unexpected newline in string`), control characters
   * escaped; every statement go would accept is still read, also after a line go rejects.
   */
  problems: string[];
}

export interface GoWorkFacts {
  file: string;
  dir: string;
  uses: Array<SourceLine & { dir: string; resolved: string }>;
  replaces: ReplaceFacts[];
  problems: string[];
}

export type ProjectNoteCode = 'missing' | 'not-go' | 'parent' | 'unreadable' | 'git-failed';

/** Something about a folder examined that the user may want to know; the code is for translation. */
export interface ProjectNote {
  dir: string;
  code: ProjectNoteCode;
  message: string;
}

export interface ProjectFacts {
  /** The folders examined, as given. */
  dirs: string[];
  /** For each folder examined, the go.work or go.mod whose go/toolchain lines pick go's toolchain there. */
  toolchainFiles: Array<{ dir: string; file: ToolchainFile | null }>;
  /** Every go.mod read, each once: those of the folders and those their go.work files use. */
  modules: GoModFacts[];
  workspaces: GoWorkFacts[];
  notes: ProjectNote[];
}

type PathApi = typeof path.posix;

export async function gatherProjects(host: Host, dirs: string[]): Promise<ProjectFacts> {
  const p: PathApi = host.platform === 'win32' ? path.win32 : path.posix;
  const facts: ProjectFacts = { dirs: [...dirs], toolchainFiles: [], modules: [], workspaces: [], notes: [] };
  const seen = new Set<string>();
  const note = (dir: string, code: ProjectNoteCode, message: string) =>
    facts.notes.push({ dir, code, message });

  const addModule = (file: string, text: string, usedBy: SourceLine | null) => {
    if (seen.has(file)) return;
    seen.add(file);
    facts.modules.push({ ...parseGoMod(file, text), dir: p.dirname(file), usedBy, remotes: [] });
  };

  for (const given of dirs) {
    const dir = p.resolve(given);
    const listing = await host.listDir(dir).catch(() => undefined);
    if (listing === null || listing === undefined) {
      note(given, 'missing', `${dir} does not exist or is not a folder`);
      continue;
    }
    // go looks for go.mod and go.work in the folder and then in each parent; so do we.
    const mod = await findUp(host, p, dir, 'go.mod');
    const work = await findUp(host, p, dir, 'go.work');
    facts.toolchainFiles.push({ dir, file: (await readToolchainFile(host, dir, { mod, work })).file });
    if (mod === null && work === null) {
      note(given, 'not-go', `${dir} is not a Go project: no go.mod or go.work there or in a parent folder`);
      continue;
    }
    for (const found of [mod, work]) {
      if (found !== null && 'error' in found)
        note(given, 'unreadable', `cannot read ${found.file}: ${found.error}`);
    }
    if (mod !== null && 'text' in mod) {
      if (p.dirname(mod.file) !== dir) note(given, 'parent', `${dir} belongs to the module of ${mod.file}`);
      addModule(mod.file, mod.text, null);
    }
    if (work !== null && 'text' in work && !seen.has(work.file)) {
      seen.add(work.file);
      const workspace = parseGoWork(work.file, work.text, p);
      facts.workspaces.push(workspace);
      for (const use of workspace.uses) {
        const file = p.join(use.resolved, 'go.mod');
        const read = await readProjectFile(host, file);
        if (read === null) workspace.problems.push(`${use.file}:${use.line}: ${use.dir} has no go.mod`);
        else if ('error' in read) note(given, 'unreadable', `cannot read ${file}: ${read.error}`);
        else addModule(file, read.text, { file: use.file, line: use.line });
      }
    }
  }

  const git = await host.which('git');
  const byDir = new Map<string, Promise<GitRemote[]>>();
  for (const module of facts.modules) {
    let remotes = byDir.get(module.dir);
    if (remotes === undefined) {
      remotes = readRemotes(host, p, git, module.dir, (message) => note(module.dir, 'git-failed', message));
      byDir.set(module.dir, remotes);
    }
    module.remotes = await remotes;
  }
  return facts;
}

// --- go.mod and go.work, as golang.org/x/mod/modfile reads them (modfile.ts) ---------------------------

function replaceFacts(file: string, r: ModStatement<ModReplace>): ReplaceFacts {
  const { from, to } = r.value;
  return { file, line: r.line, from, to, local: to.version === undefined && isDirectoryPath(to.path) };
}

export function parseGoMod(
  file: string,
  text: string,
): Pick<GoModFacts, 'file' | 'module' | 'requires' | 'replaces' | 'problems'> {
  const read = readModfile(file, text, 'mod');
  return {
    file,
    module: read.module === null ? null : { path: read.module.value, file, line: read.module.line },
    requires: read.requires.map((r) => ({ ...r.value, file, line: r.line })),
    replaces: read.replaces.map((r) => replaceFacts(file, r)),
    problems: read.problems,
  };
}

export function parseGoWork(file: string, text: string, p: PathApi = path): GoWorkFacts {
  const read = readModfile(file, text, 'work');
  const dir = p.dirname(file);
  return {
    file,
    dir,
    uses: read.uses.map((u) => ({ dir: u.value, resolved: p.resolve(dir, u.value), file, line: u.line })),
    replaces: read.replaces.map((r) => replaceFacts(file, r)),
    problems: read.problems,
  };
}

// --- git remotes ----------------------------------------------------------------------------------------

/**
 * The remotes of the repository holding dir. `git remote -v` knows about worktrees, includes and
 * insteadOf rewriting; without git (or when it refuses, e.g. a repository owned by another user) the
 * nearest .git/config is read instead.
 */
async function readRemotes(
  host: Host,
  p: PathApi,
  git: string | null,
  dir: string,
  report: (message: string) => void,
): Promise<GitRemote[]> {
  if (git !== null) {
    try {
      const result = await host.run(git, ['-C', dir, 'remote', '-v'], {
        // C locale, so "not a git repository" can be recognised; never prompt.
        env: { ...host.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
        timeoutMs: 10_000,
      });
      if (result.code === 0) return parseRemoteV(result.stdout);
      if (/not a git repository/i.test(result.stderr)) return [];
      report(
        `git remote -v in ${dir} failed: ${result.stderr.trim().split('\n')[0] ?? ''}; read .git/config instead`,
      );
    } catch (error) {
      report(`git could not be started (${(error as Error).message}); read .git/config instead`);
    }
  }
  const config = await findGitConfig(host, p, dir);
  return config === null ? [] : parseGitConfigRemotes(config);
}

export function parseRemoteV(stdout: string): GitRemote[] {
  const remotes: GitRemote[] = [];
  const seen = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\t(.*?)(?: \((?:fetch|push)\))?\r?$/.exec(line);
    if (!m) continue;
    const key = `${m[1]}\n${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    remotes.push(remote(m[1]!, m[2]!));
  }
  return remotes;
}

function remote(name: string, url: string): GitRemote {
  return { name, url: maskUrl(url), host: remoteHost(url), credentials: urlSecret(url) !== null };
}

/**
 * The host git connects to: from `scheme://[user@]host[:port]/…`, or from the scp-like
 * `[user@]host:path` (git's rule: no slash before the first colon); null for local paths.
 */
export function remoteHost(url: string): string | null {
  const full = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^/]*@)?(\[[^\]]*\]|[^/:?#]*)/.exec(url);
  if (full) return full[1]!.toLowerCase() === 'file' || full[2] === '' ? null : bare(full[2]!);
  const scp = /^(?:[^@/]*@)?(\[[^\]]*\]|[^/:]+):/.exec(url);
  // A single letter before the colon is a Windows drive (C:\repo), not a host.
  if (scp && !/^[A-Za-z]:/.test(url)) return bare(scp[1]!);
  return null;
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

/** The config of the repository holding dir: .git/config, or through a .git file (worktree, submodule). */
async function findGitConfig(host: Host, p: PathApi, dir: string): Promise<string | null> {
  for (let d = dir; ; d = p.dirname(d)) {
    const config = await readProjectFile(host, p.join(d, '.git', 'config'));
    if (config !== null) return 'text' in config ? config.text : null;
    const dotGit = await readProjectFile(host, p.join(d, '.git'));
    if (dotGit !== null && 'text' in dotGit) {
      // `gitdir: <path>` (git reads the first line; a regular expression here backtracked over long lines).
      const newline = dotGit.text.indexOf('\n');
      const first = newline < 0 ? dotGit.text : dotGit.text.slice(0, newline);
      const gitdir = first.startsWith('gitdir:') ? first.slice('gitdir:'.length).trim() : '';
      if (gitdir === '') return null;
      const resolved = p.resolve(d, gitdir);
      // A worktree's gitdir names its main repository in `commondir`; the config lives there.
      const common = await readProjectFile(host, p.join(resolved, 'commondir'));
      const configDir =
        common !== null && 'text' in common ? p.resolve(resolved, common.text.trim()) : resolved;
      const linked = await readProjectFile(host, p.join(configDir, 'config'));
      return linked !== null && 'text' in linked ? linked.text : null;
    }
    if (p.dirname(d) === d) return null;
  }
}

/** `[remote "name"]` sections' url and pushurl values (git-config syntax: quotes, escapes, # and ; comments). */
export function parseGitConfigRemotes(text: string): GitRemote[] {
  const remotes: GitRemote[] = [];
  const seen = new Set<string>();
  let section: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      section =
        header[1]!.toLowerCase() === 'remote' && header[2] !== undefined
          ? header[2].replace(/\\(.)/g, '$1')
          : null;
      continue;
    }
    if (section === null) continue;
    const entry = /^(url|pushurl)\s*=\s*(.*)$/i.exec(line);
    if (!entry) continue;
    const url = configValue(entry[2]!);
    const key = `${section}\n${url}`;
    if (url === '' || seen.has(key)) continue;
    seen.add(key);
    remotes.push(remote(section, url));
  }
  return remotes;
}

const CONFIG_ESCAPES: Record<string, string> = { n: '\n', t: '\t', b: '\b' };

function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && i + 1 < raw.length) out += CONFIG_ESCAPES[raw[++i]!] ?? raw[i];
    else if (!quoted && (c === '#' || c === ';')) break;
    else out += c;
  }
  return out.trim();
}
