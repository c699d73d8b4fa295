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

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a line (not a comment) sets or exports `key` in the file's syntax. */
export function setsVariable(syntax: Syntax, line: string, key: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  const k = escape(key);
  // KEY=..., export KEY=..., export A=1 KEY=..., declare -x KEY=..., cmd; KEY=...
  const assigns = new RegExp(`(?:^|[\\s;&|(])${k}=`).test(trimmed);
  switch (syntax) {
    case 'env':
      return new RegExp(`^(?:export\\s+)?${k}=`).test(trimmed);
    case 'sh':
      return assigns || new RegExp(`(?:^|[\\s;])export\\s+(?:[^\\s;#]+\\s+)*${k}(?:[\\s;]|$)`).test(trimmed);
    case 'fish': {
      // set -gx KEY value, set -Ux KEY value, set --export --global KEY value; fish also has `export`.
      const set = new RegExp(`(?:^|[\\s;])set\\s+((?:-[-\\w]+\\s+)*)${k}(?:\\s|$)`).exec(trimmed);
      const flags = set?.[1] ?? '';
      const exported = /(?:^|\s)(?:-[A-Za-z]*x[A-Za-z]*|--export)(?=\s)/.test(` ${flags}`);
      return (set !== null && exported) || new RegExp(`(?:^|[\\s;])export\\s+${k}=`).test(trimmed);
    }
  }
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
