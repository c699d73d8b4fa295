import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Host } from '../host';
import { toGnomeIgnoreHosts } from './bypass';
import { hasCredentials } from './settings';
import {
  DriverError,
  type PlaceDriver,
  type ProxySettings,
  type ProxyUrl,
  type ScopeAdapter,
  type ScopePlan,
  type ScopeReading,
  type Step,
} from './types';

/**
 * The 'system' scope on GNOME-family desktops (GNOME, Ubuntu, Unity, Budgie, Cinnamon, MATE, UKUI all
 * keep the proxy in GSettings' org.gnome.system.proxy): keys are read and written with `gsettings`,
 * so whatever backend the session uses (dconf) gets the change and running apps are told by GSettings
 * itself — no notifier is needed.
 *
 * A key's state is its value as `gsettings get` prints it (GVariant text) and whether the user has a
 * value at all, or only the schema's (or the administrator's) default: restoring a key that was default
 * resets it rather than setting the default value, so `dconf dump /system/proxy/` comes back unchanged.
 */

export interface GSettingsAddress {
  schema: string;
  key: string;
}

export interface GSettingsState {
  /** GVariant text, exactly as `gsettings get` prints it: `'manual'`, `8080`, `['localhost', '::1']`, `@as []`. */
  value: string;
  /** False when the user (dconf's user database) has no value for the key, so the default applies. */
  userSet: boolean;
}

/** The proxy schemas and their dconf folders (fixed paths in gsettings-desktop-schemas). */
const SCHEMA_PATHS: Readonly<Record<string, string>> = {
  'org.gnome.system.proxy': '/system/proxy/',
  'org.gnome.system.proxy.http': '/system/proxy/http/',
  'org.gnome.system.proxy.https': '/system/proxy/https/',
  'org.gnome.system.proxy.ftp': '/system/proxy/ftp/',
  'org.gnome.system.proxy.socks': '/system/proxy/socks/',
};

export const PROXY_SCHEMA = 'org.gnome.system.proxy';

// The journal is a file anyone could edit: only proxy keys are places, and values are bounded text.
const gsettingsAddress = z.object({
  schema: z.string().refine((s) => Object.hasOwn(SCHEMA_PATHS, s), 'not a GNOME proxy schema'),
  key: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
});
const gsettingsState = z.object({
  value: z
    .string()
    .min(1)
    .max(65536)
    .refine((v) => !v.includes('\0'), 'NUL in a GVariant value'),
  userSet: z.boolean(),
});

/**
 * A string as GVariant text, the way g_variant_print writes it (so that what we write compares equal to
 * what `gsettings get` prints): single quotes unless the text holds one, then double quotes; the quote
 * and backslash escaped; control characters as \n, \t... or \uXXXX.
 */
export function gvariantString(text: string): string {
  const quote = text.includes("'") ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code !== 0x7f) out += ch;
    else out += CONTROL_ESCAPES[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out + quote;
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** A string array as GVariant text (`gsettings get` annotates the empty one: `@as []`). */
export function gvariantStringArray(items: readonly string[]): string {
  return items.length === 0 ? '@as []' : `[${items.map(gvariantString).join(', ')}]`;
}

export type GValue = string | number | boolean | string[];

/**
 * Reads the GVariant text of the types the proxy schemas use (s, i, b, as; enums print as strings),
 * so that values compare by meaning rather than by spelling. null when it is something else.
 */
export function parseGVariant(text: string): GValue | null {
  const t = text.trim();
  if (/^-?[0-9]+$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t.startsWith("'") || t.startsWith('"')) {
    const parsed = readString(t, 0);
    return parsed && parsed.end === t.length ? parsed.value : null;
  }
  const body = t.startsWith('@as ') ? t.slice(4).trim() : t;
  if (!body.startsWith('[')) return null;
  const items: string[] = [];
  let i = skipSpaces(body, 1);
  if (body[i] === ']') return skipSpaces(body, i + 1) === body.length ? items : null;
  for (;;) {
    const item = readString(body, i);
    if (!item) return null;
    items.push(item.value);
    i = skipSpaces(body, item.end);
    if (body[i] === ']') return skipSpaces(body, i + 1) === body.length ? items : null;
    if (body[i] !== ',') return null;
    i = skipSpaces(body, i + 1);
  }
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function readString(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return null;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === quote) return { value, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const next = text[++i];
    if (next === undefined) return null;
    const width = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = text.slice(i + 1, i + 1 + width);
      // Past U+10FFFF is no character (String.fromCodePoint would throw): not GVariant text.
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) return null;
      value += String.fromCodePoint(parseInt(hex, 16));
      i += width;
    } else value += SIMPLE_ESCAPES[next] ?? next;
  }
  return null;
}

/** What two values mean is the same (`'a'` and `"a"`, `[]` and `@as []`); unreadable text by spelling. */
export function sameGValue(a: string, b: string): boolean {
  return (
    JSON.stringify(parseGVariant(a) ?? { text: a.trim() }) ===
    JSON.stringify(parseGVariant(b) ?? { text: b.trim() })
  );
}

const NO_GSETTINGS = 'gsettings is not installed (not found on PATH; package libglib2.0-bin)';

async function gsettingsPath(host: Host): Promise<string> {
  const found = await host.which('gsettings');
  if (found === null) throw new DriverError(NO_GSETTINGS);
  return found;
}

/**
 * Whether dconf can tell user values from defaults here: the dconf tool is installed and GSettings
 * uses the dconf backend (the default on GNOME; GSETTINGS_BACKEND can pick another).
 */
async function dconfPath(host: Host): Promise<string | null> {
  const backend = host.env.GSETTINGS_BACKEND;
  if (backend !== undefined && backend !== '' && backend !== 'dconf') return null;
  return host.which('dconf');
}

/**
 * `dconf read` of the user database alone. dconf's own profile may stack administrator databases
 * (/etc/dconf/db/...) under the user's; their values are defaults too, so the read runs with a profile
 * that names only the user database ("user-db:user", dconf's default when there is no profile).
 */
async function dconfUserValue(host: Host, dconf: string, key: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'goproxy-desk-dconf-'));
  try {
    const profile = path.join(dir, 'profile');
    await writeFile(profile, 'user-db:user\n');
    const result = await host.run(dconf, ['read', key], { env: { ...host.env, DCONF_PROFILE: profile } });
    if (result.code !== 0) {
      throw new DriverError(`dconf read ${key} failed: ${result.stderr.trim() || `exit ${result.code}`}`, [
        'dconf',
        'read',
        key,
      ]);
    }
    return result.stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface KeyReading extends GSettingsState {
  /** False when userSet is a guess (no dconf to ask). */
  known: boolean;
}

/** The value as `gsettings get` prints it (the effective value: the user's, else the default). */
async function gsettingsGet(host: Host, { schema, key }: GSettingsAddress): Promise<string> {
  const gsettings = await gsettingsPath(host);
  const result = await host.run(gsettings, ['get', schema, key], { env: host.env });
  if (result.code !== 0) {
    throw new DriverError(
      `gsettings get ${schema} ${key} failed: ${result.stderr.trim() || `exit ${result.code}`}`,
      ['gsettings', 'get', schema, key],
    );
  }
  return result.stdout.replace(/\r?\n$/, '');
}

async function readKey(host: Host, address: GSettingsAddress): Promise<KeyReading> {
  const value = await gsettingsGet(host, address);
  const dconf = await dconfPath(host);
  // Without dconf there is no telling a default from a value: treat it as set, so a restore writes it back.
  if (dconf === null) return { value, userSet: true, known: false };
  const userValue = await dconfUserValue(host, dconf, `${SCHEMA_PATHS[address.schema]}${address.key}`);
  return { value, userSet: userValue !== '', known: true };
}

const hideSecret = (address: GSettingsAddress, value: string): string =>
  address.key === 'authentication-password' ? "'xxxxx'" : value;

export const gsettingsDriver: PlaceDriver<GSettingsAddress, GSettingsState> = {
  name: 'gsettings',
  parseAddress: (value) => gsettingsAddress.parse(value),
  parseState: (value) => gsettingsState.parse(value),
  describe: ({ schema, key }) => `gsettings ${schema} ${key}`,
  async read(host, address) {
    const { value, userSet } = await readKey(host, address);
    return { value, userSet };
  },
  async write(host, address, state) {
    const gsettings = await gsettingsPath(host);
    const args = state.userSet
      ? ['set', address.schema, address.key, state.value]
      : ['reset', address.schema, address.key];
    const shown = [
      'gsettings',
      ...(state.userSet ? [...args.slice(0, 3), hideSecret(address, state.value)] : args),
    ];
    const result = await host.run(gsettings, args, { env: host.env });
    const said = result.stderr.trim();
    if (result.code !== 0)
      throw new DriverError(`${shown.join(' ')} failed: ${said || `exit ${result.code}`}`, shown);
    // gsettings exits 0 even when dconf could not store the change (no session bus, the 'memory'
    // backend): only reading it back tells.
    const now = await readKey(host, address);
    const kept = state.userSet
      ? sameGValue(now.value, state.value) && now.userSet
      : now.known
        ? !now.userSet
        : !/failed to commit|memory.*backend/i.test(said);
    if (!kept) {
      throw new DriverError(
        `GNOME did not keep the change to ${address.schema} ${address.key}${said ? ` (gsettings said: ${said})` : ''}. ` +
          'GSettings needs the desktop session (its D-Bus session bus) to save changes: run this from inside the session.',
        shown,
      );
    }
  },
  equal: (a, b) => a.userSet === b.userSet && sameGValue(a.value, b.value),
  identity: (state) => ({
    value: parseGVariant(state.value) ?? { text: state.value.trim() },
    userSet: state.userSet,
  }),
  preview: (_host, address, _before, after, redact) => ({
    action: after.userSet ? 'set' : 'reset',
    commands: [
      after.userSet
        ? ['gsettings', 'set', address.schema, address.key, redact(hideSecret(address, after.value))]
        : ['gsettings', 'reset', address.schema, address.key],
    ],
  }),
};

const at = (schema: string, key: string): GSettingsAddress => ({ schema, key });
const KEYS = {
  mode: at(PROXY_SCHEMA, 'mode'),
  ignoreHosts: at(PROXY_SCHEMA, 'ignore-hosts'),
  autoconfigUrl: at(PROXY_SCHEMA, 'autoconfig-url'),
  httpHost: at('org.gnome.system.proxy.http', 'host'),
  httpPort: at('org.gnome.system.proxy.http', 'port'),
  httpUseAuth: at('org.gnome.system.proxy.http', 'use-authentication'),
  httpUser: at('org.gnome.system.proxy.http', 'authentication-user'),
  httpsHost: at('org.gnome.system.proxy.https', 'host'),
  httpsPort: at('org.gnome.system.proxy.https', 'port'),
} as const;

/**
 * Why GNOME's proxy settings cannot be read here (`missing`), or can be read but not changed
 * (`cannotSave`); null where nothing is in the way.
 */
async function gnomeStatus(host: Host): Promise<{ missing: string | null; cannotSave: string | null }> {
  const gsettings = await host.which('gsettings');
  if (gsettings === null) return { missing: NO_GSETTINGS, cannotSave: NO_GSETTINGS };
  const schema = await host.run(gsettings, ['list-keys', PROXY_SCHEMA], { env: host.env });
  if (schema.code !== 0) {
    const missing = `GNOME's proxy settings schema (${PROXY_SCHEMA}, package gsettings-desktop-schemas) is not installed`;
    return { missing, cannotSave: missing };
  }
  if (host.env.GSETTINGS_BACKEND === 'memory') {
    return {
      missing: null,
      cannotSave: 'GSETTINGS_BACKEND=memory: GSettings would forget the change when the command ends',
    };
  }
  // GSettings saves through dconf's D-Bus service: without a session bus (an SSH login, a cron job)
  // `gsettings set` changes nothing (and still exits 0). GDBus also finds $XDG_RUNTIME_DIR/bus, and
  // can start a bus for an X11 display.
  const runtime = host.env.XDG_RUNTIME_DIR;
  const runtimeBus = runtime ? (await host.listDir(runtime))?.includes('bus') === true : false;
  if (!host.env.DBUS_SESSION_BUS_ADDRESS && !runtimeBus && !host.env.DISPLAY) {
    return {
      missing: null,
      cannotSave:
        'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so GSettings cannot save changes; run this from inside the desktop session',
    };
  }
  return { missing: null, cannotSave: null };
}

function proxyWarnings(desired: ProxySettings): string[] {
  const warnings: string[] = [];
  if (hasCredentials(desired)) {
    warnings.push(
      "GNOME's proxy settings would keep the password in plain text in dconf, so the system proxy is set without the user name and password; GNOME apps will ask for them (or set them in Settings → Network → Proxy)",
    );
  }
  const urls = new Map<string, ProxyUrl>();
  for (const url of [desired.http, desired.https]) if (url) urls.set(url.href, url);
  for (const url of urls.values()) {
    if (url.scheme === 'https') {
      warnings.push(
        `GNOME talks plain HTTP to a proxy: ${url.display} is set as http://${url.host}:${url.port} there`,
      );
    }
  }
  return warnings;
}

export function gnomeSystemAdapter(host: Host): ScopeAdapter {
  return {
    scope: 'system',
    variant: 'gnome',
    unavailable: async () => (await gnomeStatus(host)).cannotSave,

    async read(): Promise<ScopeReading> {
      const base = {
        scope: 'system' as const,
        source: `gsettings ${PROXY_SCHEMA}`,
        http: null,
        https: null,
        noProxy: null,
        conflicts: [],
      };
      const { missing, cannotSave } = await gnomeStatus(host);
      if (missing !== null) return { ...base, available: false, note: missing };
      const [mode, ignore, pac, httpHost, httpPort, useAuth, user, httpsHost, httpsPort] = await Promise.all(
        [
          KEYS.mode,
          KEYS.ignoreHosts,
          KEYS.autoconfigUrl,
          KEYS.httpHost,
          KEYS.httpPort,
          KEYS.httpUseAuth,
          KEYS.httpUser,
          KEYS.httpsHost,
          KEYS.httpsPort,
        ].map(async (address) => parseGVariant(await gsettingsGet(host, address))),
      );
      const available = { available: true, ...(cannotSave ? { note: cannotSave } : {}) };
      if (mode !== 'manual') {
        const note =
          mode === 'auto'
            ? `GNOME proxy mode is 'auto'${typeof pac === 'string' && pac !== '' ? ` (PAC script ${pac})` : ' (WPAD)'}`
            : `GNOME proxy mode is '${String(mode)}'`;
        return { ...base, ...available, note: cannotSave ? `${note}; ${cannotSave}` : note };
      }
      const credentials =
        useAuth === true && typeof user === 'string' && user !== ''
          ? `${encodeURIComponent(user)}:xxxxx@`
          : '';
      const urlOf = (h: GValue | null, p: GValue | null, auth: string) =>
        typeof h === 'string' && h !== ''
          ? `http://${auth}${h.includes(':') ? `[${h}]` : h}:${String(p)}`
          : null;
      return {
        ...base,
        ...available,
        http: urlOf(httpHost ?? null, httpPort ?? null, credentials),
        https: urlOf(httpsHost ?? null, httpsPort ?? null, ''),
        noProxy: Array.isArray(ignore) ? ignore.join(',') : null,
      };
    },

    async plan(desired: ProxySettings | null): Promise<ScopePlan> {
      const reason = (await gnomeStatus(host)).cannotSave;
      if (reason !== null) throw new DriverError(`Cannot set GNOME's system proxy: ${reason}`);
      const wanted: [GSettingsAddress, string][] = [];
      const warnings: string[] = [];
      if (desired === null) {
        // Host, port and bypass list stay, as when the user switches the proxy off in Settings.
        wanted.push([KEYS.mode, gvariantString('none')]);
      } else {
        warnings.push(...proxyWarnings(desired));
        for (const [url, hostKey, portKey] of [
          [desired.http, KEYS.httpHost, KEYS.httpPort],
          [desired.https, KEYS.httpsHost, KEYS.httpsPort],
        ] as const) {
          wanted.push([hostKey, gvariantString(url?.host ?? '')]);
          if (url) wanted.push([portKey, String(url.port)]);
        }
        // An empty list leaves GNOME's own (its default bypasses localhost, 127.0.0.0/8 and ::1).
        if (desired.noProxy.length > 0) {
          const ignore = toGnomeIgnoreHosts(desired.noProxy);
          warnings.push(...ignore.warnings);
          if (ignore.value.length > 0) wanted.push([KEYS.ignoreHosts, gvariantStringArray(ignore.value)]);
        }
        // Last, so that nothing sees 'manual' before the host and port it should use.
        wanted.push([KEYS.mode, gvariantString('manual')]);
        if (parseGVariant(await gsettingsGet(host, KEYS.httpUseAuth)) === true && !hasCredentials(desired)) {
          warnings.push(
            'GNOME still has proxy authentication switched on (Settings → Network → Proxy); it will send the user name and password stored there to the new proxy',
          );
        }
      }
      const steps: Step[] = [];
      for (const [address, value] of wanted) {
        const before = await gsettingsDriver.read(host, address);
        if (sameGValue(before.value, value)) continue;
        steps.push({
          scope: 'system',
          place: { driver: gsettingsDriver.name, address },
          before,
          after: { value, userSet: true },
        });
      }
      return { steps, notify: [], warnings, conflicts: [] };
    },
  };
}
