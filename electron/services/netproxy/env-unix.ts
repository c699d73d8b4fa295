import path from 'node:path';
import { AppError } from '../../dispatch';
import type { Host } from '../host';
import { toEnvNoProxy } from './bypass';
import {
  byteTextOf,
  byteTextOfUtf8,
  bytesOfByteText,
  fileDriver,
  fileSteps,
  utf8OfByteText,
  type FileState,
} from './file-driver';
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

/** The lines that open and close a block we manage in someone's file. */
export interface BlockMarkers {
  begin: string;
  end: string;
}
export const PROXY_BLOCK: BlockMarkers = { begin: BLOCK_BEGIN, end: BLOCK_END };
/** Go's module settings in a project's .envrc (`goproxy-desk project apply --to direnv`). */
export const GO_ENV_BLOCK: BlockMarkers = {
  begin: '# >>> goproxy-desk go env >>>',
  end: '# <<< goproxy-desk go env <<<',
};
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

/** Our block as a byte text (see byteTextOf), LF line endings (withBlock gives it the file's). */
function shBlock(vars: [string, string][]): string {
  const text = [
    BLOCK_BEGIN,
    BLOCK_NOTE,
    ...vars.map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    BLOCK_END,
    '',
  ].join('\n');
  return byteTextOfUtf8(text);
}

function fishFile(vars: [string, string][]): string {
  return [BLOCK_NOTE, ...vars.map(([k, v]) => `set -gx ${k} ${shellQuote(v)}`), ''].join('\n');
}

function environmentDFile(vars: [string, string][]): string {
  // environment.d has no quoting; validated URLs and lists contain no spaces, quotes or '$'.
  return [BLOCK_NOTE, ...vars.map(([k, v]) => `${k}=${v}`), ''].join('\n');
}

/** A line holding one of our markers, as found in a file. */
export interface BlockMarker {
  kind: 'begin' | 'end';
  /** 1-based. */
  line: number;
  /** The line as it is (without its line ending), for messages. */
  text: string;
}

/**
 * Where our block is in a file's text: absent (no marker), found (from the start of its first line to
 * after its last line's line ending), or damaged — markers that do not make exactly one begin line
 * followed by one end line. A damaged block is never guessed at: which lines between the markers are
 * ours and which the user's cannot be told, so the file is left to its owner to fix.
 */
export type BlockSearch =
  | { kind: 'absent' }
  | { kind: 'found'; start: number; end: number }
  | { kind: 'damaged'; problem: string; markers: BlockMarker[] };

export function findBlock(text: string, block: BlockMarkers = PROXY_BLOCK): BlockSearch {
  const markers: (BlockMarker & { start: number; end: number })[] = [];
  let offset = 0;
  text.split('\n').forEach((line, index, lines) => {
    const lineEnd = offset + line.length + (index < lines.length - 1 ? 1 : 0);
    const trimmed = line.trim();
    const kind = trimmed === block.begin ? 'begin' : trimmed === block.end ? 'end' : null;
    if (kind)
      markers.push({ kind, line: index + 1, text: line.replace(/\r$/, ''), start: offset, end: lineEnd });
    offset = lineEnd;
  });
  if (markers.length === 0) return { kind: 'absent' };
  const begins = markers.filter((m) => m.kind === 'begin').length;
  const ends = markers.length - begins;
  const [first, last] = [markers[0]!, markers.at(-1)!];
  if (begins === 1 && ends === 1 && first.kind === 'begin')
    return { kind: 'found', start: first.start, end: last.end };
  const problem =
    begins === 0
      ? 'an end line without a begin line'
      : ends === 0
        ? begins === 1
          ? 'a begin line without an end line'
          : 'several begin lines and no end line'
        : begins > 1 || ends > 1
          ? `${begins} begin lines and ${ends} end lines`
          : 'the end line comes before the begin line';
  return {
    kind: 'damaged',
    problem,
    markers: markers.map(({ kind, line, text: t }) => ({ kind, line, text: t })),
  };
}

export type DamagedBlock = Extract<BlockSearch, { kind: 'damaged' }>;

/** What is wrong with a damaged block in `name`, and how to fix it, for people. */
export function describeDamagedBlock(name: string, damage: DamagedBlock): string {
  const lines = damage.markers.map((m) => `line ${m.line}: ${utf8OfByteText(m.text).trim()}`).join('; ');
  return (
    `${name} has a damaged GoProxy Desk block (${damage.problem}; ${lines}). ` +
    `Fix it by hand: delete these marker lines (and the export lines GoProxy Desk wrote between them), ` +
    `or complete the block so that one "${BLOCK_BEGIN}" line is followed by one "${BLOCK_END}" line`
  );
}

/** The refusal of a change to files with damaged blocks: named, with the markers, before anything is written. */
export function damagedBlockError(damaged: readonly { name: string; damage: DamagedBlock }[]): AppError {
  return new AppError(
    'invalid-input',
    `${damaged.map((d) => describeDamagedBlock(d.name, d.damage)).join('. ')}. ` +
      'Nothing was changed, so that no line of yours is lost; run the command again once the file is fixed.',
    { files: damaged.map((d) => ({ file: d.name, problem: d.damage.problem, markers: d.damage.markers })) },
  );
}

/**
 * The line ending a text's lines use: CRLF when most of them end so (a tie goes to the first line's),
 * LF otherwise, and null when the text has no line ending at all.
 */
export function lineEndingOf(text: string): '\n' | '\r\n' | null {
  let crlf = 0;
  let lf = 0;
  let first: '\n' | '\r\n' | null = null;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const ending = i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
    first ??= ending;
    if (ending === '\r\n') crlf++;
    else lf++;
  }
  return crlf === lf ? first : crlf > lf ? '\r\n' : '\n';
}

/**
 * The file's text with our block set to `block` (null: removed), every byte outside it untouched.
 * Texts and the block are byte texts (one char per byte, see byteTextOf); the block is written with
 * the line ending of the file's own lines. A damaged block is refused (an AppError naming `name`), never repaired.
 */
export function withBlock(
  text: string | null,
  block: string | null,
  name = 'the file',
  markers: BlockMarkers = PROXY_BLOCK,
): string | null {
  const current = text ?? '';
  const found = findBlock(current, markers);
  if (found.kind === 'damaged') throw damagedBlockError([{ name, damage: found }]);
  const outside = found.kind === 'found' ? current.slice(0, found.start) + current.slice(found.end) : current;
  const eol =
    lineEndingOf(outside) ??
    (found.kind === 'found' ? lineEndingOf(current.slice(found.start, found.end)) : null) ??
    '\n';
  const ours = block === null ? null : block.replace(/\r?\n/g, eol);
  if (found.kind === 'found') {
    let start = found.start;
    // Removing: also take the blank line we put before the block.
    if (ours === null) start -= /\r?\n(\r?\n)$/.exec(current.slice(0, start))?.[1]?.length ?? 0;
    const replaced = current.slice(0, start) + (ours ?? '') + current.slice(found.end);
    // A file that held nothing but our block was ours: it goes.
    return replaced === '' ? null : replaced;
  }
  if (ours === null) return text;
  if (current === '') return ours;
  return `${current}${current.endsWith('\n') ? '' : eol}${eol}${ours}`;
}

/** The managed block's text in a file (null: none), or what is wrong with it. */
function blockOf(text: string | null, markers: BlockMarkers = PROXY_BLOCK): string | DamagedBlock | null {
  if (text === null) return null;
  const found = findBlock(text, markers);
  return found.kind === 'found'
    ? text.slice(found.start, found.end)
    : found.kind === 'damaged'
      ? found
      : null;
}

const ASSIGNMENT = new RegExp(
  String.raw`^\s*(?:export\s+|declare\s+-x\s+|setenv\s+|set\s+(?:-[a-zA-Z]+\s+)*)?(${PROXY_VARIABLE_NAMES.join('|')})(?:=|\s)`,
);

/** Lines outside our block (of a byte text) that set a proxy variable: they may win over ours (or ours over them). */
export function findConflicts(file: string, text: string | null, displayName: string): Conflict[] {
  if (text === null) return [];
  const found = findBlock(text);
  const conflicts: Conflict[] = [];
  let offset = 0;
  const redact = redactor(null);
  text.split('\n').forEach((line, index) => {
    const inBlock = found.kind === 'found' && offset >= found.start && offset < found.end;
    offset += line.length + 1;
    if (inBlock || line.trimStart().startsWith('#')) return;
    if (ASSIGNMENT.test(line))
      conflicts.push({
        file: displayName || file,
        line: index + 1,
        text: redact(utf8OfByteText(line).trim()),
      });
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
      const damaged: string[] = [];
      for (const file of [...files.blockFiles, ...files.otherFiles]) {
        const text = byteTextOf(await fileDriver.read(host, { path: file }));
        const name = fileDriver.describe({ path: file }, host);
        for (const c of findConflicts(file, text, name)) conflicts.push(c);
        const block = blockOf(text);
        if (block === null) continue;
        if (typeof block !== 'string') {
          sources.push(`${name} (damaged block)`);
          damaged.push(describeDamagedBlock(name, block));
          continue;
        }
        sources.push(name);
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
        ...(damaged.length > 0
          ? {
              note: `${damaged.join('. ')}. Until then \`proxy set\` and \`proxy unset\` change nothing in the env scope.`,
            }
          : {}),
        conflicts,
      };
    },

    async plan(desired): Promise<ScopePlan> {
      const files = await shellFiles(host, platform);
      const vars = desired ? proxyVariables(desired) : [];
      const block = desired ? shBlock(vars) : null;
      const steps: Step[] = [];
      const conflicts: Conflict[] = [];
      const edits: { file: string; before: FileState; next: string | null; merge: boolean }[] = [];
      const damaged: { name: string; damage: DamagedBlock }[] = [];
      const edit = (file: string, before: FileState, block: string | null, merge: boolean) => {
        const text = byteTextOf(before);
        const name = fileDriver.describe({ path: file }, host);
        for (const c of findConflicts(file, text, name)) conflicts.push(c);
        const found = blockOf(text);
        // A block left in a file we no longer write to (the user removed bash, say) goes on unset.
        if (!merge && (desired || found === null)) return;
        if (found !== null && typeof found !== 'string') damaged.push({ name, damage: found });
        else edits.push({ file, before, next: withBlock(text, block, name), merge });
      };
      for (const file of files.blockFiles)
        edit(file, await fileDriver.read(host, { path: file }), block, true);
      for (const file of files.otherFiles)
        edit(file, await fileDriver.read(host, { path: file }), null, false);
      // Refused here, while planning: no place of the transaction has been written yet.
      if (damaged.length > 0) throw damagedBlockError(damaged);
      for (const { file, before, next, merge } of edits) {
        for (const step of await fileSteps(host, 'env', file, bytesOfByteText(next), { before })) {
          steps.push(
            merge && step.place.driver === 'file' ? { ...step, merge: { kind: 'managed-block' } } : step,
          );
        }
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
  for (const line of utf8OfByteText(block).split(/\r?\n/)) {
    const m = /^export ([A-Za-z_]+)='((?:[^']|'\\'')*)'$/.exec(line);
    if (m) values.set(m[1]!, m[2]!.replace(/'\\''/g, "'"));
  }
  return values;
}

/**
 * Restore for a start-up file changed by someone else after we wrote it: put back the block the file
 * had before (usually none) and keep every other line as it is now.
 */
export function mergeManagedBlock(
  current: FileState,
  before: FileState,
  markers: BlockMarkers = PROXY_BLOCK,
): FileState | null {
  const now = byteTextOf(current);
  // No block, or a damaged one: nothing of ours can be told apart, so the file is left as it is.
  if (now === null || findBlock(now, markers).kind !== 'found') return null;
  const previous = blockOf(byteTextOf(before), markers);
  if (previous !== null && typeof previous !== 'string') return null;
  const merged = withBlock(now, previous, 'the file', markers);
  return merged === null
    ? { bytes: null }
    : {
        bytes: bytesOfByteText(merged)!.toString('base64'),
        ...(current.mode !== undefined ? { mode: current.mode } : {}),
      };
}
