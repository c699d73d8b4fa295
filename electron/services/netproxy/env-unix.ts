import path from 'node:path';
import type { Host } from '../host';
import { toEnvNoProxy } from './bypass';
import { fileDriver, fileSteps, textOf, type FileState } from './file-driver';
import { launchAgentPath, launchAgentPlist, launchctlDriver } from './macos';
import { hasCredentials, redactor } from './settings';
import type { Conflict, ProxySettings, ScopeAdapter, ScopePlan, ScopeReading, Step } from './types';

/**
 * The 'env' scope on Linux and macOS: the proxy variables for new shells and GUI apps.
 *
 * Shell start-up files the user owns get a managed block between BLOCK_BEGIN and BLOCK_END lines; we
 * never edit a line outside it. Which files:
 * - ~/.profile always (sh/dash login shells, and what display managers source); bash reads it for a
 *   login shell only when ~/.bash_profile and ~/.bash_login are missing, so those get the block too
 *   when they exist;
 * - ~/.bashrc (interactive bash) when bash is installed or the file exists; ~/.zshrc ($ZDOTDIR) likewise
 *   for zsh; on macOS, ~/.zprofile (Terminal starts login shells, zsh by default);
 * - files that are wholly ours: fish's conf.d/goproxy-desk.fish when fish is there, and on Linux
 *   environment.d/60-goproxy-desk.conf (systemd --user, which GNOME and KDE sessions use for GUI
 *   apps); on macOS `launchctl setenv` for the running session plus a LaunchAgent for later ones.
 *
 * Both cases of each variable are written: go reads HTTP_PROXY before http_proxy, curl reads only
 * the lower-case http_proxy (and either case of the others).
 */
export const BLOCK_BEGIN = '# >>> goproxy-desk proxy >>>';
export const BLOCK_END = '# <<< goproxy-desk proxy <<<';
const BLOCK_NOTE =
  '# Written by GoProxy Desk; `goproxy-desk proxy unset --scope env` removes it. Edits here are overwritten.';

const FISH_FILE = 'goproxy-desk.fish';
const ENVIRONMENT_D_FILE = '60-goproxy-desk.conf';

/** The variables in the order they are written. */
export function proxyVariables(settings: ProxySettings): [string, string][] {
  const vars: [string, string][] = [];
  const noProxy = toEnvNoProxy(settings.noProxy).value;
  for (const [name, value] of [
    ['http_proxy', settings.http?.href],
    ['https_proxy', settings.https?.href],
    ['no_proxy', noProxy || undefined],
  ] as const) {
    if (value === undefined) continue;
    vars.push([name, value], [name.toUpperCase(), value]);
  }
  return vars;
}

export const PROXY_VARIABLE_NAMES = [
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
];

/** Single-quotes a value for sh; validated values never hold a quote, but be safe anyway. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function shBlock(vars: [string, string][]): string {
  return [
    BLOCK_BEGIN,
    BLOCK_NOTE,
    ...vars.map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    BLOCK_END,
    '',
  ].join('\n');
}

function fishFile(vars: [string, string][]): string {
  return [BLOCK_NOTE, ...vars.map(([k, v]) => `set -gx ${k} ${shellQuote(v)}`), ''].join('\n');
}

function environmentDFile(vars: [string, string][]): string {
  // environment.d has no quoting; validated URLs and lists contain no spaces, quotes or '$'.
  return [BLOCK_NOTE, ...vars.map(([k, v]) => `${k}=${v}`), ''].join('\n');
}

interface BlockLocation {
  start: number;
  end: number;
}

/** Where our block is (from the start of its first line to after its last line's newline), or null. */
export function findBlock(text: string): BlockLocation | null {
  const lines = text.split('\n');
  let offset = 0;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineEnd = offset + line.length + (i < lines.length - 1 ? 1 : 0);
    if (start === -1 && line.trim() === BLOCK_BEGIN) start = offset;
    else if (start !== -1 && line.trim() === BLOCK_END) return { start, end: lineEnd };
    offset = lineEnd;
  }
  return null;
}

/** The file's text with our block set to `block` (null: removed), everything else untouched. */
export function withBlock(text: string | null, block: string | null): string | null {
  const current = text ?? '';
  const found = findBlock(current);
  if (found) {
    let start = found.start;
    // Removing: also take the blank line we put before the block.
    if (block === null && current.slice(0, start).endsWith('\n\n')) start -= 1;
    const replaced = current.slice(0, start) + (block ?? '') + current.slice(found.end);
    // A file that held nothing but our block was ours: it goes.
    return replaced === '' ? null : replaced;
  }
  if (block === null) return text;
  if (current === '') return block;
  return `${current}${current.endsWith('\n') ? '' : '\n'}\n${block}`;
}

/** The managed block's text in a file, or null. */
function blockOf(text: string | null): string | null {
  if (text === null) return null;
  const found = findBlock(text);
  return found ? text.slice(found.start, found.end) : null;
}

const ASSIGNMENT = new RegExp(
  String.raw`^\s*(?:export\s+|declare\s+-x\s+|setenv\s+|set\s+(?:-[a-zA-Z]+\s+)*)?(${PROXY_VARIABLE_NAMES.join('|')})(?:=|\s)`,
);

/** Lines outside our block that set a proxy variable: they may win over ours (or ours over them). */
export function findConflicts(file: string, text: string | null, displayName: string): Conflict[] {
  if (text === null) return [];
  const found = findBlock(text);
  const conflicts: Conflict[] = [];
  let offset = 0;
  const redact = redactor(null);
  text.split('\n').forEach((line, index) => {
    const inBlock = found !== null && offset >= found.start && offset < found.end;
    offset += line.length + 1;
    if (inBlock || line.trimStart().startsWith('#')) return;
    if (ASSIGNMENT.test(line))
      conflicts.push({ file: displayName || file, line: index + 1, text: redact(line.trim()) });
  });
  return conflicts;
}

interface ShellFiles {
  /** Start-up files that get the managed block. */
  blockFiles: string[];
  /** Start-up files only read for conflicts. */
  otherFiles: string[];
  fish: string | null;
  environmentD: string | null;
}

async function exists(host: Host, file: string): Promise<boolean> {
  return (await fileDriver.read(host, { path: file })).bytes !== null;
}

function configHome(host: Host): string {
  const xdg = host.env.XDG_CONFIG_HOME;
  return xdg && path.isAbsolute(xdg) ? xdg : path.join(host.homedir, '.config');
}

export async function shellFiles(host: Host, platform: 'linux' | 'darwin'): Promise<ShellFiles> {
  const home = host.homedir;
  const zdot = host.env.ZDOTDIR && path.isAbsolute(host.env.ZDOTDIR) ? host.env.ZDOTDIR : home;
  const at = (dir: string, name: string) => path.join(dir, name);
  const [hasBash, hasZsh, hasFish] = await Promise.all(['bash', 'zsh', 'fish'].map((s) => host.which(s)));
  const blockFiles: string[] = [];
  const otherFiles: string[] = [];
  const consider = async (file: string, wanted: boolean) => {
    if (wanted || (await exists(host, file))) blockFiles.push(file);
    else otherFiles.push(file);
  };
  if (platform === 'darwin') {
    await consider(at(zdot, '.zprofile'), true);
    // bash reads the first of these that exists; ~/.bash_profile is the usual one on macOS.
    const bashProfile = at(home, '.bash_profile');
    if (await exists(host, bashProfile)) blockFiles.push(bashProfile);
    else await consider(at(home, '.profile'), false);
    await consider(at(zdot, '.zshrc'), false);
  } else {
    await consider(at(home, '.profile'), true);
    for (const name of ['.bash_profile', '.bash_login']) await consider(at(home, name), false);
    await consider(at(home, '.bashrc'), hasBash !== null);
    await consider(at(zdot, '.zshrc'), hasZsh !== null);
  }
  for (const name of ['.zshenv', '.zprofile', '.zlogin', '.zshrc']) {
    const file = at(zdot, name);
    if (!blockFiles.includes(file) && !otherFiles.includes(file)) otherFiles.push(file);
  }
  const fishDir = path.join(configHome(host), 'fish');
  const fish =
    hasFish !== null || (await host.listDir(fishDir)) !== null
      ? path.join(fishDir, 'conf.d', FISH_FILE)
      : null;
  if (fish) otherFiles.push(path.join(fishDir, 'config.fish'));
  const environmentD =
    platform === 'linux' ? path.join(configHome(host), 'environment.d', ENVIRONMENT_D_FILE) : null;
  return { blockFiles, otherFiles, fish, environmentD };
}

const CREDENTIALS_WARNING =
  'the proxy password will be stored in plain text in your shell start-up files; for a GOPROXY that needs a login, prefer ~/.netrc (chmod 600), which go reads';

export function unixEnvAdapter(host: Host, platform: 'linux' | 'darwin'): ScopeAdapter {
  return {
    scope: 'env',
    variant: platform === 'darwin' ? 'macos-shells' : 'linux-shells',
    unavailable: async () => null,

    async read(): Promise<ScopeReading> {
      const files = await shellFiles(host, platform);
      const redact = redactor(null);
      const conflicts: Conflict[] = [];
      let values: Map<string, string> | null = null;
      const sources: string[] = [];
      for (const file of [...files.blockFiles, ...files.otherFiles]) {
        const text = textOf(await fileDriver.read(host, { path: file }));
        conflicts.push(...findConflicts(file, text, fileDriver.describe({ path: file }, host)));
        const block = blockOf(text);
        if (block === null) continue;
        sources.push(fileDriver.describe({ path: file }, host));
        values ??= parseShBlock(block);
      }
      const get = (name: string) => {
        const v = values?.get(name) ?? values?.get(name.toUpperCase());
        return v === undefined ? null : redact(v);
      };
      return {
        scope: 'env',
        source: sources.length > 0 ? sources.join(', ') : 'no managed block',
        http: get('http_proxy'),
        https: get('https_proxy'),
        noProxy: get('no_proxy'),
        available: true,
        conflicts,
      };
    },

    async plan(desired): Promise<ScopePlan> {
      const files = await shellFiles(host, platform);
      const vars = desired ? proxyVariables(desired) : [];
      const block = desired ? shBlock(vars) : null;
      const steps: Step[] = [];
      const conflicts: Conflict[] = [];
      for (const file of files.blockFiles) {
        const before = await fileDriver.read(host, { path: file });
        const text = textOf(before);
        conflicts.push(...findConflicts(file, text, fileDriver.describe({ path: file }, host)));
        const next = withBlock(text, block);
        for (const step of await fileSteps(host, 'env', file, next, { before })) {
          steps.push(step.place.driver === 'file' ? { ...step, merge: { kind: 'managed-block' } } : step);
        }
      }
      for (const file of files.otherFiles) {
        const before = await fileDriver.read(host, { path: file });
        const text = textOf(before);
        conflicts.push(...findConflicts(file, text, fileDriver.describe({ path: file }, host)));
        // A block left in a file we no longer write to (the user removed bash, say) goes on unset.
        if (!desired && blockOf(text) !== null)
          steps.push(...(await fileSteps(host, 'env', file, withBlock(text, null), { before })));
      }
      if (files.fish)
        steps.push(...(await fileSteps(host, 'env', files.fish, desired ? fishFile(vars) : null)));
      if (files.environmentD) {
        steps.push(
          ...(await fileSteps(host, 'env', files.environmentD, desired ? environmentDFile(vars) : null)),
        );
      }
      if (platform === 'darwin') steps.push(...(await launchdSteps(host, vars)));
      const warnings: string[] = [];
      if (hasCredentials(desired)) warnings.push(CREDENTIALS_WARNING);
      if (desired) warnings.push(...toEnvNoProxy(desired.noProxy).warnings);
      if (steps.length > 0) {
        warnings.push(
          'new terminals and apps started from now on see this; ones already open keep their old environment until restarted',
        );
      }
      if (conflicts.length > 0) {
        warnings.push(
          desired
            ? 'other lines in your start-up files also set proxy variables; whichever runs last wins (see conflicts)'
            : 'other lines in your start-up files still set proxy variables after this (see conflicts)',
        );
      }
      return { steps, notify: [], warnings, conflicts };
    },
  };
}

/** macOS GUI apps get their environment from launchd: set it now, and at every login through a LaunchAgent. */
async function launchdSteps(host: Host, vars: [string, string][]): Promise<Step[]> {
  const steps: Step[] = [];
  const wanted = new Map(vars);
  for (const name of PROXY_VARIABLE_NAMES.filter((n) => !n.toLowerCase().startsWith('all'))) {
    const before = await launchctlDriver.read(host, { name });
    const after = { value: wanted.get(name) ?? null };
    if (!launchctlDriver.equal(before, after)) {
      steps.push({ scope: 'env', place: { driver: 'launchctl', address: { name } }, before, after });
    }
  }
  const plist = vars.length > 0 ? launchAgentPlist(Object.fromEntries(vars)) : null;
  steps.push(...(await fileSteps(host, 'env', launchAgentPath(host), plist, { mode: 0o600 })));
  return steps;
}

/** The variables our block exports (the values as written, unquoted). */
export function parseShBlock(block: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of block.split('\n')) {
    const m = /^export ([A-Za-z_]+)='((?:[^']|'\\'')*)'$/.exec(line);
    if (m) values.set(m[1]!, m[2]!.replace(/'\\''/g, "'"));
  }
  return values;
}

/**
 * Restore for a start-up file changed by someone else after we wrote it: put back the block the file
 * had before (usually none) and keep every other line as it is now.
 */
export function mergeManagedBlock(current: FileState, before: FileState): FileState | null {
  const now = textOf(current);
  if (now === null || findBlock(now) === null) return null;
  const merged = withBlock(now, blockOf(textOf(before)));
  return merged === null
    ? { bytes: null }
    : {
        bytes: Buffer.from(merged, 'utf8').toString('base64'),
        ...(current.mode !== undefined ? { mode: current.mode } : {}),
      };
}
