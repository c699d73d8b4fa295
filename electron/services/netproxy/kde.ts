import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Host } from '../host';
import { toKdeNoProxyFor } from './bypass';
import { fileDriver, fileSteps, textOf, tildify, type FileState } from './file-driver';
import { hasCredentials, redactor } from './settings';
import {
  DriverError,
  type Notifier,
  type ProxySettings,
  type ProxyUrl,
  type ScopeAdapter,
  type ScopePlan,
  type ScopeReading,
} from './types';

/**
 * The 'system' scope on KDE Plasma (5 and 6): group [Proxy Settings] of kioslaverc in the user's
 * config folder, which KIO (Dolphin, Plasma, KDE apps) and libproxy read.
 *
 * The new file is made by KDE's own kwriteconfig6/kwriteconfig5 on a copy, so the format is KConfig's
 * (it sorts keys and drops comments, as any KDE settings page does when it saves); the engine then
 * replaces the real file atomically and journals its exact bytes. Without kwriteconfig a small editor
 * of our own changes only our keys' lines and leaves every other byte alone.
 *
 * Keys: ProxyType (0 none, 1 manual; 2 PAC, 3 WPAD and 4 "from environment variables" are read only),
 * httpProxy and httpsProxy in the format KDE's proxy settings page writes — the URL without its port,
 * a space, the port ("http://proxy.example.com 3128"; KIO turns the space back into ':') — NoProxyFor
 * (comma-separated) and ReversedException (true turns NoProxyFor into "proxy only these").
 */

export const KDE_GROUP = 'Proxy Settings';
export const KDE_REPARSE = 'kde-reparse';
/** Restores of a kioslaverc changed since we wrote it put back only these keys (see mergeKdeKeys). */
export const KDE_MERGE = 'kde-keys';

const PROXY_TYPES: Readonly<Record<string, string>> = {
  '0': 'no proxy',
  '1': 'manual',
  '2': 'a proxy configuration script (PAC)',
  '3': 'automatic detection (WPAD)',
  '4': 'the environment variables named in kioslaverc',
};

/** $XDG_CONFIG_HOME/kioslaverc, or ~/.config/kioslaverc (QStandardPaths' GenericConfigLocation). */
export function kioslavercPath(host: Host): string {
  const xdg = host.env.XDG_CONFIG_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(host.homedir, '.config'), 'kioslaverc');
}

/** A proxy URL as KDE's settings page writes it: "scheme://[user[:password]@]host port". */
export function kdeProxyValue(url: ProxyUrl): string {
  return url.href.replace(/:([0-9]+)$/, ' $1');
}

/** The reverse, as KIO reads it (KProtocolManager::proxyFor): a trailing " port" becomes ":port". */
export function urlOfKdeValue(value: string): string | null {
  if (value === '') return null;
  const space = value.lastIndexOf(' ');
  if (space === -1) return value;
  const port = value.slice(space + 1);
  return /^[0-9]+$/.test(port) ? `${value.slice(0, space)}:${port}` : null;
}

export interface KConfigGroup {
  entries: Map<string, string>;
  /** The file, the group or one of its keys is marked immutable ([$i]): KDE ignores writes to it. */
  locked: boolean;
}

/**
 * KConfig trims lines, keys and values of ASCII white space only (QByteArray::trimmed): a value that
 * starts with U+3000 or a BOM keeps it, where String.prototype.trim would drop it.
 */
function trimKConfig(text: string): string {
  const space = (c: string | undefined) =>
    c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
  let start = 0;
  let end = text.length;
  while (start < end && space(text[start])) start++;
  while (end > start && space(text[end - 1])) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** The entries of one group of a KConfig file, unescaped; the last of duplicates wins, as in KConfig. */
export function readKConfigGroup(text: string | null, group: string): KConfigGroup {
  const entries = new Map<string, string>();
  let locked = false;
  let current: string | null = '';
  for (const raw of (text ?? '').split('\n')) {
    const line = trimKConfig(raw);
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const parts = bracketed(line);
      const flags = parts.filter((p) => p.startsWith('$'));
      const name = parts.filter((p) => !p.startsWith('$')).join('\u001d');
      // "[$i]" alone before any group locks the whole file.
      if (parts.length === flags.length) {
        if (current === '' && flags.some((f) => f.includes('i'))) locked = true;
        continue;
      }
      current = name;
      if (name === group && flags.some((f) => f.includes('i'))) locked = true;
      continue;
    }
    if (current !== group) continue;
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    const keyPart = trimKConfig(line.slice(0, eq));
    const bracket = keyPart.indexOf('[');
    const key = bracket === -1 ? keyPart : trimKConfig(keyPart.slice(0, bracket));
    const suffixes = bracket === -1 ? [] : bracketed(keyPart.slice(bracket));
    // A translated entry (Key[de]=...) is not the value KIO reads.
    if (suffixes.some((s) => !s.startsWith('$'))) continue;
    if (suffixes.some((s) => s.includes('i'))) locked = true;
    entries.set(key, unescapeKConfig(trimKConfig(line.slice(eq + 1))));
  }
  return { entries, locked };
}

/**
 * The texts between each "[" and the next "]". Searched only up to the last "]": past it, every "["
 * made the search run on to the end of the line, which was quadratic in a line of "[".
 */
function bracketed(text: string): string[] {
  return [...text.slice(0, text.lastIndexOf(']') + 1).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
}

/** KConfig's value escapes: \s (a space kept at either end), \t, \n, \r, \\, \xHH. */
export function unescapeKConfig(value: string): string {
  return value.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (all, e: string) => {
    if (e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    const simple: Record<string, string> = { s: ' ', t: '\t', n: '\n', r: '\r', '\\': '\\' };
    return simple[e] ?? all;
  });
}

export function escapeKConfig(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  // KConfig trims unescaped white space at both ends of a value.
  return out.replace(/^ /, '\\s').replace(/ $/, '\\s');
}

/**
 * Sets (or, with null, removes) keys of one group in KConfig text, changing only those keys' lines:
 * an existing line is replaced where it is, a new key goes after the group's last line, a missing
 * group is appended. Used only where kwriteconfig is not installed.
 */
export function setKConfigEntries(
  text: string | null,
  group: string,
  edits: readonly [string, string | null][],
): string {
  const lines = text === null || text === '' ? [] : text.replace(/\n$/, '').split('\n');
  for (const [key, value] of edits) {
    const line = value === null ? null : `${key}=${escapeKConfig(value)}`;
    let current: string | null = '';
    let lastOfGroup = -1;
    const existing: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      const trimmed = trimKConfig(lines[i]!);
      if (trimmed.startsWith('[')) {
        const parts = bracketed(trimmed).filter((p) => !p.startsWith('$'));
        if (parts.length === 0) continue;
        current = parts.join('\u001d');
        if (current === group) lastOfGroup = i;
        continue;
      }
      if (current !== group) continue;
      if (trimmed !== '' && !trimmed.startsWith('#')) lastOfGroup = i;
      const eq = trimmed.indexOf('=');
      if (eq !== -1 && trimKConfig(trimmed.slice(0, eq)) === key) existing.push(i);
    }
    if (existing.length > 0) {
      for (const i of existing.reverse()) {
        if (line === null) lines.splice(i, 1);
        else lines[i] = line;
      }
    } else if (line !== null) {
      if (lastOfGroup !== -1) lines.splice(lastOfGroup + 1, 0, line);
      else {
        if (lines.length > 0 && lines[lines.length - 1]!.trim() !== '') lines.push('');
        lines.push(`[${group}]`, line);
      }
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

async function kwriteconfigPath(host: Host): Promise<string | null> {
  return (await host.which('kwriteconfig6')) ?? (await host.which('kwriteconfig5'));
}

/**
 * kioslaverc with `edits` made (null: delete the key): by kwriteconfig on a throw-away copy when it
 * is installed, else by setKConfigEntries. A new file gets the mode KConfig gives one (0600).
 */
async function editKioslaverc(
  host: Host,
  state: FileState,
  edits: readonly [string, string | null][],
): Promise<FileState> {
  const tool = await kwriteconfigPath(host);
  if (tool === null) {
    // In KConfig's key order, so that a group we create reads as kwriteconfig would have written it.
    const sorted = [...edits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const text = setKConfigEntries(textOf(state), KDE_GROUP, sorted);
    if (state.bytes === null && text === '') return { bytes: null };
    return { bytes: Buffer.from(text, 'utf8').toString('base64'), mode: state.mode ?? 0o600 };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'goproxy-desk-kde-'));
  const copy = path.join(dir, 'kioslaverc');
  const redact = redactor(null);
  try {
    if (state.bytes !== null) await writeFile(copy, Buffer.from(state.bytes, 'base64'), { mode: 0o600 });
    for (const [key, value] of edits) {
      // "--" so that a value starting with "-" is not taken for an option.
      const args = [
        '--file',
        copy,
        '--group',
        KDE_GROUP,
        '--key',
        key,
        ...(value === null ? ['--delete'] : ['--', value]),
      ];
      const result = await host.run(tool, args, { env: host.env });
      if (result.code !== 0) {
        const shown = [path.basename(tool), ...args.map(redact)];
        throw new DriverError(
          `${path.basename(tool)} could not set ${key} in kioslaverc (${result.stderr.trim() || `exit ${result.code}`}); KDE refuses changes to settings marked immutable ([$i]) by the administrator`,
          shown,
        );
      }
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(copy);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && state.bytes === null) return { bytes: null };
      throw error;
    }
    return { bytes: bytes.toString('base64'), mode: state.mode ?? (await stat(copy)).mode & 0o7777 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const isTrue = (value: string | undefined) => value !== undefined && /^(true|on|yes|1)$/i.test(value.trim());

/** Our keys and the values they should have; with the values KIO assumes for keys that are absent. */
function effective(entries: Map<string, string>, key: string): string {
  return entries.get(key) ?? (key === 'ProxyType' ? '0' : key === 'ReversedException' ? 'false' : '');
}

export function kdeSystemAdapter(host: Host): ScopeAdapter {
  const source = () => `${tildify(kioslavercPath(host), host)} [${KDE_GROUP}]`;
  return {
    scope: 'system',
    variant: 'kde',
    // kioslaverc is a file in the user's config folder: there is always somewhere to write it.
    unavailable: async () => null,

    async read(): Promise<ScopeReading> {
      const { entries } = readKConfigGroup(await host.readText(kioslavercPath(host)), KDE_GROUP);
      const type = effective(entries, 'ProxyType').trim();
      const base = { scope: 'system' as const, source: source(), available: true, conflicts: [] };
      if (type !== '1') {
        const script = entries.get('Proxy Config Script');
        const how = PROXY_TYPES[type] ?? `an unknown proxy type (${type})`;
        return {
          ...base,
          http: null,
          https: null,
          noProxy: null,
          note: `KDE uses ${how}${type === '2' && script ? `: ${script}` : ''} (ProxyType=${type})`,
        };
      }
      const redact = redactor(null);
      const url = (key: string) => {
        const value = urlOfKdeValue(effective(entries, key));
        return value === null ? null : redact(value);
      };
      const noProxy = effective(entries, 'NoProxyFor');
      return {
        ...base,
        http: url('httpProxy'),
        https: url('httpsProxy'),
        noProxy: noProxy === '' ? null : noProxy,
        ...(isTrue(entries.get('ReversedException'))
          ? { note: 'ReversedException=true: KDE uses the proxy only for the hosts in NoProxyFor' }
          : {}),
      };
    },

    async plan(desired: ProxySettings | null): Promise<ScopePlan> {
      const file = kioslavercPath(host);
      const before = await fileDriver.read(host, { path: file });
      const current = readKConfigGroup(textOf(before), KDE_GROUP);
      const warnings: string[] = [];
      const wanted: [string, string][] = [];
      if (desired === null) {
        // Only the switch: the addresses stay for the user to turn back on in System Settings.
        wanted.push(['ProxyType', '0']);
      } else {
        wanted.push(['httpProxy', desired.http ? kdeProxyValue(desired.http) : '']);
        wanted.push(['httpsProxy', desired.https ? kdeProxyValue(desired.https) : '']);
        // An empty list leaves the user's own NoProxyFor.
        if (desired.noProxy.length > 0) {
          const noProxy = toKdeNoProxyFor(desired.noProxy);
          warnings.push(...noProxy.warnings);
          if (noProxy.value !== '') wanted.push(['NoProxyFor', noProxy.value]);
        }
        wanted.push(['ReversedException', 'false'], ['ProxyType', '1']);
        if (hasCredentials(desired)) {
          warnings.push(
            `KDE keeps proxy URLs in plain text: the proxy user name and password will be readable in ${fileDriver.describe({ path: file }, host)}`,
          );
        }
        for (const url of new Map(
          [desired.http, desired.https].filter((u) => u !== null).map((u) => [u.href, u]),
        ).values()) {
          if (url.scheme === 'https') {
            warnings.push(
              `KDE apps may not support TLS to a proxy (${url.display}); an http:// proxy address works with all of them`,
            );
          }
        }
      }
      const changes = wanted.filter(([key, value]) =>
        key === 'ReversedException'
          ? isTrue(current.entries.get(key))
          : effective(current.entries, key).trim() !== value,
      );
      if (changes.length === 0) return { steps: [], notify: [], warnings, conflicts: [] };
      if (current.locked) {
        throw new DriverError(
          `${source()} is marked immutable ([$i]), so KDE would ignore a change there; ask whoever manages this machine to change the proxy`,
        );
      }
      const after = await editKioslaverc(host, before, changes);
      const steps = (await fileSteps(host, 'system', file, textOf(after), { before, mode: after.mode })).map(
        (step) =>
          step.place.driver === fileDriver.name
            ? { ...step, merge: { kind: KDE_MERGE, data: { keys: changes.map(([k]) => k) } } }
            : step,
      );
      return { steps, notify: steps.length > 0 ? [KDE_REPARSE] : [], warnings, conflicts: [] };
    },
  };
}

/**
 * Restore of a kioslaverc that changed after we wrote it (the user changed another KDE network
 * setting, say): the keys we set get their previous values back (or go, if they were absent), the
 * rest stays as it is now. null when the data is not ours or the group is locked.
 */
export async function mergeKdeKeys(
  host: Host,
  current: FileState,
  before: FileState,
  data: unknown,
): Promise<FileState | null> {
  const keys = (data as { keys?: unknown } | undefined)?.keys;
  if (
    !Array.isArray(keys) ||
    !keys.every((k): k is string => typeof k === 'string' && /^[A-Za-z][A-Za-z ]*$/.test(k))
  )
    return null;
  if (readKConfigGroup(textOf(current), KDE_GROUP).locked) return null;
  const previous = readKConfigGroup(textOf(before), KDE_GROUP).entries;
  const merged = await editKioslaverc(
    host,
    current,
    keys.map((key) => [key, previous.get(key) ?? null]),
  );
  // The file did not exist and nothing but our keys was ever added: no file again.
  if (before.bytes === null && (textOf(merged) ?? '').trim() === '') return { bytes: null };
  return merged;
}

const REPARSE_ARGS = [
  '--session',
  '--type=signal',
  '/KIO/Scheduler',
  'org.kde.KIO.Scheduler.reparseSlaveConfiguration',
  'string:',
];

/**
 * Tells running KDE programs to read kioslaverc again (what System Settings sends after a change).
 * Without dbus-send, or without a session bus to send on (an SSH login), there is nobody to tell:
 * programs started later read the file anyway.
 */
export const kdeReparse: Notifier = {
  name: KDE_REPARSE,
  commands: () => [['dbus-send', ...REPARSE_ARGS]],
  async run(host) {
    const dbusSend = await host.which('dbus-send');
    if (dbusSend === null) return;
    const result = await host.run(dbusSend, REPARSE_ARGS, { env: host.env, timeoutMs: 5_000 });
    if (result.code === 0) return;
    if (/Failed to open connection|autolaunch|Failed to connect/i.test(result.stderr)) return;
    throw new DriverError(`dbus-send failed: ${result.stderr.trim() || `exit ${result.code}`}`, [
      'dbus-send',
      ...REPARSE_ARGS,
    ]);
  },
};
