import path from 'node:path';
import type { Host } from '../host';
import { findUp, readProjectFile } from '../host/files';
import { toolchainFileFor, type ToolchainFile } from '../goenv/toolchain';
import { maskUrl, urlSecret } from './credentials';

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
  /** Lines go would reject (`/path/go.mod:7: unexpected newline in string`); the rest is still read. */
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
    facts.toolchainFiles.push({ dir, file: await toolchainFileFor(host, dir) });
    // go looks for go.mod and go.work in the folder and then in each parent; so do we.
    const mod = await findUp(host, p, dir, 'go.mod');
    const work = await findUp(host, p, dir, 'go.work');
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

// --- Files ------------------------------------------------------------------------------------------

// --- go.mod and go.work, as golang.org/x/mod/modfile reads them -----------------------------------------

interface Token {
  text: string;
  /** Punctuation `( ) [ ] { } ,` is its own token; a quoted string never counts as punctuation. */
  punct: boolean;
}

interface LexedLine {
  tokens: Token[];
  /** The `//` comment ending the line, or null. */
  comment: string | null;
  error?: string;
}

/**
 * modfile's lexer, one line at a time (a statement or string never spans lines): blanks are space,
 * tab and CR; `//` starts a comment, even right after a word; `"…"` strings take Go escapes.
 */
function lexLine(text: string): LexedLine {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) return { tokens, comment: text.slice(i).replace(/\r$/, '') };
    if (text.startsWith('/*', i))
      return { tokens, comment: null, error: 'mod files must use // comments (not /* */ comments)' };
    if ('()[]{},'.includes(c)) {
      tokens.push({ text: c, punct: true });
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return { tokens, comment: null, error: 'unexpected newline in string' };
      const raw = text.slice(i, j + 1);
      // modfile accepts only "…" (strconv.Unquote); a backquoted string is an error in go, read leniently here.
      const value = c === '"' ? unquote(raw) : raw.slice(1, -1);
      if (value === null) return { tokens, comment: null, error: `invalid quoted string ${raw}` };
      tokens.push({ text: value, punct: false });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s()[\]{},]/.test(text[j]!) && !text.startsWith('//', j)) j++;
    tokens.push({ text: text.slice(i, j), punct: false });
    i = j;
  }
  return { tokens, comment: null };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** strconv.Unquote of a double-quoted Go string; null when it is not valid Go. */
function unquote(quoted: string): string | null {
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      continue;
    }
    const hex = HEX_ESCAPES[e];
    const digits = hex !== undefined ? body.slice(i + 1, i + 1 + hex) : body.slice(i, i + 3);
    const valid = hex !== undefined ? new RegExp(`^[0-9A-Fa-f]{${hex}}$`) : /^[0-7]{3}$/;
    if (!valid.test(digits)) return null;
    const code = parseInt(digits, hex !== undefined ? 16 : 8);
    if (code > 0x10ffff) return null;
    out += String.fromCodePoint(code);
    i += hex !== undefined ? hex : 2;
  }
  return out;
}

interface Statement {
  verb: string;
  args: string[];
  line: number;
  comment: string | null;
}

/**
 * modfile's grammar: `verb args…` on one line, or `verb (` then one `args…` per line until `)`.
 * Problems are reported with file and line and the statement skipped, as go reports them.
 */
function statements(file: string, text: string, problems: string[]): Statement[] {
  const out: Statement[] = [];
  let block: { verb: string; line: number } | null = null;
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const lexed = lexLine(raw);
    if (lexed.error !== undefined) {
      problems.push(`${file}:${line}: ${lexed.error}`);
      continue;
    }
    const { tokens, comment } = lexed;
    if (tokens.length === 0) continue;
    const texts = tokens.map((t) => t.text);
    if (block !== null) {
      if (tokens[0]!.punct && tokens[0]!.text === ')') block = null;
      else out.push({ verb: block.verb, args: texts, line, comment });
      continue;
    }
    const last = tokens[tokens.length - 1]!;
    if (tokens.length >= 2 && last.punct && last.text === '(') {
      block = { verb: texts[0]!, line };
      continue;
    }
    // `require ( )` on one line is an empty block.
    if (tokens.length === 3 && tokens[1]!.punct && tokens[1]!.text === '(' && last.punct && last.text === ')')
      continue;
    out.push({ verb: texts[0]!, args: texts.slice(1), line, comment });
  }
  if (block !== null) {
    problems.push(
      `${file}:${block.line}: syntax error (unterminated block started at ${file}:${block.line})`,
    );
  }
  return out;
}

/** modfile.isIndirect: the comment is exactly `// indirect` or starts `// indirect;`. */
function isIndirect(comment: string | null): boolean {
  if (comment === null) return false;
  const f = comment.slice(2).trim().split(/\s+/);
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

/** modfile.IsDirectoryPath: a replacement without version must be one of these (Unix or Windows). */
function isDirectoryPath(ns: string): boolean {
  return /^(\.{1,2}[/\\]|[/\\]|[A-Za-z]:)/.test(ns);
}

function parseReplace(file: string, s: Statement, problems: string[]): ReplaceFacts | null {
  const arrow = s.args.length >= 2 && s.args[1] === '=>' ? 1 : 2;
  if (s.args.length < arrow + 2 || s.args.length > arrow + 3 || s.args[arrow] !== '=>') {
    problems.push(`${file}:${s.line}: usage: ${s.verb} module/path [v1.2.3] => other/module v1.4`);
    return null;
  }
  const to = s.args[arrow + 1]!;
  const toVersion = s.args[arrow + 2];
  return {
    file,
    line: s.line,
    from: { path: s.args[0]!, ...(arrow === 2 ? { version: s.args[1]! } : {}) },
    to: { path: to, ...(toVersion !== undefined ? { version: toVersion } : {}) },
    local: toVersion === undefined && isDirectoryPath(to),
  };
}

export function parseGoMod(
  file: string,
  text: string,
): Pick<GoModFacts, 'file' | 'module' | 'requires' | 'replaces' | 'problems'> {
  const problems: string[] = [];
  const result: Pick<GoModFacts, 'file' | 'module' | 'requires' | 'replaces' | 'problems'> = {
    file,
    module: null,
    requires: [],
    replaces: [],
    problems,
  };
  for (const s of statements(file, text, problems)) {
    switch (s.verb) {
      case 'module':
        if (s.args.length !== 1) problems.push(`${file}:${s.line}: usage: module module/path`);
        else if (result.module !== null) problems.push(`${file}:${s.line}: repeated module statement`);
        else result.module = { path: s.args[0]!, file, line: s.line };
        break;
      case 'require':
        if (s.args.length !== 2) problems.push(`${file}:${s.line}: usage: require module/path v1.2.3`);
        else
          result.requires.push({
            path: s.args[0]!,
            version: s.args[1]!,
            indirect: isIndirect(s.comment),
            file,
            line: s.line,
          });
        break;
      case 'replace': {
        const replace = parseReplace(file, s, problems);
        if (replace !== null) result.replaces.push(replace);
        break;
      }
    }
  }
  return result;
}

export function parseGoWork(file: string, text: string, p: PathApi = path): GoWorkFacts {
  const problems: string[] = [];
  const dir = p.dirname(file);
  const work: GoWorkFacts = { file, dir, uses: [], replaces: [], problems };
  for (const s of statements(file, text, problems)) {
    if (s.verb === 'use') {
      if (s.args.length !== 1) problems.push(`${file}:${s.line}: usage: use local/dir`);
      else work.uses.push({ dir: s.args[0]!, resolved: p.resolve(dir, s.args[0]!), file, line: s.line });
    } else if (s.verb === 'replace') {
      const replace = parseReplace(file, s, problems);
      if (replace !== null) work.replaces.push(replace);
    }
  }
  return work;
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
      const gitdir = /^gitdir:\s*(.+?)\s*$/m.exec(dotGit.text)?.[1];
      if (gitdir === undefined) return null;
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
