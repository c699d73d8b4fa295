import path from 'node:path';
import type { GoEnvOverride, GoEnvOverrideSource } from '../../../shared/contract';
import type { Host } from '../host';
import { userConfigDir } from '../host/paths';

/**
 * Where an OS environment variable that overrides the go env file is likely set, so that the user can
 * go and change it there: shell startup files and systemd/pam environment files on Linux and macOS
 * (file and line), the user's and the machine's environment in the Windows registry, and launchctl's
 * session environment on macOS.
 */

type Syntax = 'sh' | 'fish' | 'env';

interface Candidate {
  file: string;
  syntax: Syntax;
}

/** Folders searched, as parameters so that tests can point them at temporary copies. */
export interface SearchRoots {
  home: string;
  /** $XDG_CONFIG_HOME, else ~/.config. */
  configHome: string;
  /** $ZDOTDIR, else home: where zsh reads its startup files. */
  zdotdir: string;
  /** /etc */
  etc: string;
}

export function searchRootsOf(host: Pick<Host, 'env' | 'homedir' | 'platform'>): SearchRoots {
  return {
    home: host.homedir,
    configHome: userConfigDir(host.env, 'linux') ?? path.posix.join(host.homedir, '.config'),
    zdotdir: host.env.ZDOTDIR || host.homedir,
    etc: '/etc',
  };
}

type FileReader = Pick<Host, 'readText' | 'listDir'>;

async function listFiles(host: FileReader, dir: string, suffix: string): Promise<string[]> {
  let names: string[] | null;
  try {
    names = await host.listDir(dir);
  } catch {
    // Not a folder, or not ours to read: no startup files there.
    return [];
  }
  return (names ?? [])
    .filter((n) => n.endsWith(suffix))
    .sort()
    .map((n) => path.join(dir, n));
}

/** The startup files in the order a login shell session would usually read them. */
async function candidates(host: FileReader, roots: SearchRoots): Promise<Candidate[]> {
  const { home, configHome, zdotdir, etc } = roots;
  const sh = (file: string): Candidate => ({ file, syntax: 'sh' });
  const env = (file: string): Candidate => ({ file, syntax: 'env' });
  const fish = (file: string): Candidate => ({ file, syntax: 'fish' });
  return [
    env(path.join(etc, 'environment')),
    ...(await listFiles(host, path.join(configHome, 'environment.d'), '.conf')).map(env),
    sh(path.join(etc, 'profile')),
    ...(await listFiles(host, path.join(etc, 'profile.d'), '.sh')).map(sh),
    sh(path.join(home, '.profile')),
    sh(path.join(home, '.bash_profile')),
    sh(path.join(home, '.bash_login')),
    sh(path.join(home, '.bashrc')),
    sh(path.join(zdotdir, '.zshenv')),
    sh(path.join(zdotdir, '.zprofile')),
    sh(path.join(zdotdir, '.zshrc')),
    fish(path.join(configHome, 'fish', 'config.fish')),
    ...(await listFiles(host, path.join(configHome, 'fish', 'conf.d'), '.fish')).map(fish),
  ];
}

/**
 * Whether a line (not a comment) sets or exports `key` in the file's syntax. Read word by word, in one
 * pass: the regular expressions this replaces backtracked over long lines (a 280 KB line of `export`
 * words took 23 s).
 */
export function setsVariable(syntax: Syntax, line: string, key: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  const assign = `${key}=`;
  switch (syntax) {
    case 'env': {
      // KEY=... or export KEY=...
      if (trimmed.startsWith(assign)) return true;
      if (!trimmed.startsWith('export') || !isSpace(trimmed[6] ?? '')) return false;
      let i = 6;
      while (i < trimmed.length && isSpace(trimmed[i]!)) i++;
      return trimmed.startsWith(assign, i);
    }
    case 'sh':
      // KEY=..., export A=1 KEY=..., declare -x KEY=..., cmd; KEY=..., or `export A KEY`.
      return (
        assignsAfterSeparator(trimmed, assign) || segmentsOf(trimmed).some((words) => exportsWord(words, key))
      );
    case 'fish':
      // set -gx KEY value, set -Ux KEY value, set --export --global KEY value; fish also has `export KEY=`.
      return fishSets(trimmed, key) || segmentsOf(trimmed).some((words) => fishExports(words, assign));
  }
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const isSpace = (c: string): boolean => /\s/.test(c);

/** The words (runs of non-space characters) of text[from, to). */
function wordsOf(text: string, from: number, to: number): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(text[i]!)) i++;
    const start = i;
    while (i < to && !isSpace(text[i]!)) i++;
    if (i > start) words.push({ text: text.slice(start, i), start, end: i });
  }
  return words;
}

/** The words of each `;`-separated command of a line, with the line's end as the last one's end. */
function segmentsOf(text: string): Word[][] {
  const segments: Word[][] = [];
  let from = 0;
  for (;;) {
    const semicolon = text.indexOf(';', from);
    const to = semicolon < 0 ? text.length : semicolon;
    segments.push(wordsOf(text, from, to));
    if (semicolon < 0) return segments;
    from = semicolon + 1;
  }
}

/** `KEY=` at the start or after a space, `;`, `&`, `|` or `(`. */
function assignsAfterSeparator(text: string, assign: string): boolean {
  for (let at = text.indexOf(assign); at >= 0; at = text.indexOf(assign, at + 1)) {
    if (at === 0 || isSpace(text[at - 1]!) || ';&|('.includes(text[at - 1]!)) return true;
  }
  return false;
}

/** `export A B KEY`: the word `export`, then words without `#`, one of them KEY. */
function exportsWord(words: readonly Word[], key: string): boolean {
  let exporting = false;
  for (const [i, word] of words.entries()) {
    if (exporting && word.text === key) return true;
    if (word.text.includes('#')) exporting = false;
    // `export` needs a word after it.
    if (word.text === 'export' && i + 1 < words.length) exporting = true;
  }
  return false;
}

/** fish's `export KEY=...`. */
function fishExports(words: readonly Word[], assign: string): boolean {
  return words.some((w, i) => w.text === 'export' && words[i + 1]?.text.startsWith(assign) === true);
}

const FLAG = /^-[-\w]+$/;
const EXPORT_FLAG = /^(?:-[A-Za-z]*x[A-Za-z]*|--export)$/;

/**
 * fish's `set [flags] KEY ...` with an export flag: the first `set` whose flags are followed by KEY
 * (and then a space or the end of the line) decides.
 */
function fishSets(text: string, key: string): boolean {
  for (const words of segmentsOf(text)) {
    for (const [i, word] of words.entries()) {
      if (word.text !== 'set') continue;
      let j = i + 1;
      while (j < words.length && FLAG.test(words[j]!.text)) j++;
      const candidate = words[j];
      if (candidate?.text !== key) continue;
      // KEY must be followed by a space or end the line (`set -gx KEY;` is not read as setting it).
      if (candidate.end === text.length || isSpace(text[candidate.end] ?? '')) {
        return words.slice(i + 1, j).some((flag) => EXPORT_FLAG.test(flag.text));
      }
    }
  }
  return false;
}

/** Every line of the usual startup files that sets `key`, with its file and 1-based line number. */
export async function searchStartupFiles(
  host: FileReader,
  roots: SearchRoots,
  key: string,
): Promise<GoEnvOverrideSource[]> {
  const found: GoEnvOverrideSource[] = [];
  for (const { file, syntax } of await candidates(host, roots)) {
    let text: string | null;
    try {
      text = await host.readText(file);
    } catch {
      // A folder or an unreadable file where a startup file would be: nothing we can point at.
      continue;
    }
    if (text === null) continue;
    text.split('\n').forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (setsVariable(syntax, line, key))
        found.push({ kind: 'file', location: file, line: i + 1, text: line.trim().slice(0, 200) });
    });
  }
  return found;
}

/** The Windows registry keys that hold environment variables: the user's, then the machine's. */
export const WINDOWS_ENVIRONMENT_KEYS = [
  'HKCU\\Environment',
  'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment',
] as const;

export function regQueryArgs(registryKey: string, name: string): string[] {
  return ['query', registryKey, '/v', name];
}

/**
 * The value of `name` in `reg query <key> /v <name>` output, or null when it is not there. Lines are
 * "    NAME    REG_SZ    value" (four spaces between fields); names are case-insensitive on Windows.
 */
export function parseRegQuery(stdout: string, name: string): { type: string; value: string } | null {
  for (const raw of stdout.split('\n')) {
    const m = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(raw.replace(/\r$/, ''));
    if (m && m[1]!.toLowerCase() === name.toLowerCase()) return { type: m[2]!, value: m[3] ?? '' };
  }
  return null;
}

export const LAUNCHCTL = '/bin/launchctl';

export function launchctlArgs(name: string): string[] {
  return ['getenv', name];
}

/** `launchctl getenv NAME` prints the value and a newline, or nothing when it is not set. */
export function parseLaunchctlGetenv(stdout: string): string | null {
  const value = stdout.replace(/\r?\n$/, '');
  return value === '' ? null : value;
}

const RUN_TIMEOUT_MS = 5_000;

async function searchRegistry(host: Pick<Host, 'run'>, key: string): Promise<GoEnvOverrideSource[]> {
  const found: GoEnvOverrideSource[] = [];
  for (const registryKey of WINDOWS_ENVIRONMENT_KEYS) {
    try {
      const result = await host.run('reg', regQueryArgs(registryKey, key), { timeoutMs: RUN_TIMEOUT_MS });
      const value = result.code === 0 ? parseRegQuery(result.stdout, key) : null;
      if (value) found.push({ kind: 'registry', location: registryKey, text: value.value });
    } catch {
      // reg.exe could not start: we cannot tell, and say nothing.
    }
  }
  return found;
}

async function searchLaunchctl(host: Pick<Host, 'run'>, key: string): Promise<GoEnvOverrideSource[]> {
  try {
    const result = await host.run(LAUNCHCTL, launchctlArgs(key), { timeoutMs: RUN_TIMEOUT_MS });
    const value = result.code === 0 ? parseLaunchctlGetenv(result.stdout) : null;
    return value === null ? [] : [{ kind: 'launchctl', location: 'launchctl', text: value }];
  } catch {
    return [];
  }
}

/** For each key whose non-empty OS value overrides the env file: the value and where it may come from. */
export async function findOverrides(
  host: Pick<Host, 'env' | 'homedir' | 'platform' | 'readText' | 'listDir' | 'run'>,
  keys: readonly string[],
  roots: SearchRoots = searchRootsOf(host),
): Promise<GoEnvOverride[]> {
  const overrides: GoEnvOverride[] = [];
  for (const key of keys) {
    const osValue = host.env[key];
    if (!osValue) continue;
    const sources =
      host.platform === 'win32'
        ? await searchRegistry(host, key)
        : [
            ...(await searchStartupFiles(host, roots, key)),
            ...(host.platform === 'darwin' ? await searchLaunchctl(host, key) : []),
          ];
    overrides.push({ key, osValue, sources });
  }
  return overrides;
}

/** The override in words, for warnings: where the OS value is set, or that we could not find it. */
export function describeOverride(override: GoEnvOverride): string[] {
  const { key, sources } = override;
  if (sources.length === 0) {
    return [
      `${key} is not set in any startup file GoProxy Desk knows of; it comes from the environment this program was started with.`,
    ];
  }
  return sources.map((s) => {
    switch (s.kind) {
      case 'file':
        return `${key} is set in ${s.location}:${s.line}: ${s.text}`;
      case 'registry':
        return `${key} is set in the registry at ${s.location} (environment variables in Windows settings)`;
      case 'launchctl':
        return `${key} is set in the login session with launchctl setenv (launchctl getenv ${key} prints it)`;
    }
  });
}
