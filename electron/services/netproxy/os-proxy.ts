import path from 'node:path';
import type { Host } from '../host';
import { PROXY_SCHEMA, parseGVariant, type GValue } from './gnome';
import { KDE_GROUP, kioslavercPath, readKConfigGroup, urlOfKdeValue } from './kde';
import { currentDesktops, isKde } from './linux-system';
import { SCUTIL, parseScutilProxy } from './macos';
import { INTERNET_SETTINGS, parseProxyServer, parseRegQuery, regExe, type RegQueryOutput } from './windows';

/**
 * How the OS — and so a browser that follows it — chooses a proxy (issue 17): not only a manual proxy
 * but a proxy auto-config script (PAC) and auto-detection (WPAD), which corporate networks use.
 * One reader per platform; the parsing is separate from the running, so it is tested on real output.
 */

export interface OsProxyConfig {
  /** Where it was read, or (mode 'none' without a reader) why nothing could be. */
  source: string;
  /** What a browser uses first. */
  mode: 'none' | 'manual' | 'pac' | 'wpad';
  /** Set whenever a PAC script is switched on, also when auto-detection comes before it. */
  pacUrl?: string;
  /** Set whenever manual proxies are switched on, also when they are only the fallback. Values are URLs. */
  manual?: { http: string | null; https: string | null; socks: string | null; noProxy: string[] };
  /** What else is switched on (in the order a browser tries it) and what else the reader noticed. */
  also?: string[];
}

export const SOURCES = {
  gnome: `GNOME (gsettings ${PROXY_SCHEMA})`,
  kde: 'KDE (kioslaverc)',
  windows: 'Windows (Internet Settings)',
  macos: 'macOS (scutil --proxy)',
} as const;

type Manual = NonNullable<OsProxyConfig['manual']>;

/**
 * Browsers try auto-detection first, then the PAC script, then the manual proxies: the first that
 * is on is the mode, the rest go to `also`.
 */
function choose(
  source: string,
  on: { wpad: boolean; pacUrl: string | null; manual: Manual | null },
  notes: string[],
): OsProxyConfig {
  const order: { mode: OsProxyConfig['mode']; note: string }[] = [];
  if (on.wpad) order.push({ mode: 'wpad', note: 'automatic proxy detection (WPAD)' });
  if (on.pacUrl !== null) order.push({ mode: 'pac', note: `the proxy auto-config script ${on.pacUrl}` });
  if (on.manual !== null)
    order.push({ mode: 'manual', note: `the manual proxies (${describeManual(on.manual)})` });
  const [first, ...rest] = order;
  const also = [...rest.map((r) => `if that fails: ${r.note}`), ...notes];
  return {
    source,
    mode: first?.mode ?? 'none',
    ...(on.pacUrl !== null ? { pacUrl: on.pacUrl } : {}),
    ...(on.manual !== null ? { manual: on.manual } : {}),
    ...(also.length > 0 ? { also } : {}),
  };
}

function describeManual(m: Manual): string {
  const parts = (['http', 'https', 'socks'] as const).filter((k) => m[k] !== null).map((k) => `${k} ${m[k]}`);
  return parts.join(', ') || 'none set';
}

const noProxyList = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const hostPort = (host: string, port: number | string) =>
  `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** "host:port" as a URL of the given scheme; an entry that already is a URL stays as it is. */
const asUrl = (scheme: string, entry: string | null) =>
  entry === null || entry === '' ? null : entry.includes('://') ? entry : `${scheme}://${entry}`;

// ---------------------------------------------------------------------------------------------
// GNOME: gsettings org.gnome.system.proxy (and its child schemas .http, .https, .socks)

/**
 * `gsettings list-recursively org.gnome.system.proxy`: one "schema key value" line per key of the
 * schema and its children, the value as GVariant text. Keyed "schema key".
 */
export function parseGsettingsList(stdout: string): Map<string, GValue | null> {
  const values = new Map<string, GValue | null>();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+) (\S+) (.*)$/.exec(line);
    if (m) values.set(`${m[1]} ${m[2]}`, parseGVariant(m[3]!));
  }
  return values;
}

export function gnomeConfig(values: Map<string, GValue | null>): OsProxyConfig {
  const get = (schema: string, key: string) => values.get(`${schema} ${key}`);
  const mode = get(PROXY_SCHEMA, 'mode');
  if (mode === 'auto') {
    const url = get(PROXY_SCHEMA, 'autoconfig-url');
    const pacUrl = typeof url === 'string' && url.trim() !== '' ? url.trim() : null;
    return choose(SOURCES.gnome, { wpad: pacUrl === null, pacUrl, manual: null }, []);
  }
  if (mode !== 'manual') {
    const notes =
      mode === 'none' || mode === undefined ? [] : [`unknown GNOME proxy mode ${JSON.stringify(mode)}`];
    return choose(SOURCES.gnome, { wpad: false, pacUrl: null, manual: null }, notes);
  }
  const proxy = (kind: 'http' | 'https' | 'socks', scheme: string) => {
    const host = get(`${PROXY_SCHEMA}.${kind}`, 'host');
    const port = get(`${PROXY_SCHEMA}.${kind}`, 'port');
    // GNOME (and libproxy) skip a protocol whose host is empty or whose port is 0.
    return typeof host === 'string' && host !== '' && typeof port === 'number' && port > 0
      ? `${scheme}://${hostPort(host, port)}`
      : null;
  };
  const ignore = get(PROXY_SCHEMA, 'ignore-hosts');
  const manual: Manual = {
    http: proxy('http', 'http'),
    https: proxy('https', 'http'),
    socks: proxy('socks', 'socks5'),
    noProxy: Array.isArray(ignore) ? ignore : [],
  };
  // Chromium still honours this key GNOME Settings no longer shows (true by default).
  const notes =
    get(PROXY_SCHEMA, 'use-same-proxy') === true &&
    manual.http !== null &&
    [manual.https, manual.socks].some((p) => p !== null && p !== manual.http)
      ? [`use-same-proxy=true: Chromium-based browsers use ${manual.http} for every protocol`]
      : [];
  return choose(SOURCES.gnome, { wpad: false, pacUrl: null, manual }, notes);
}

async function readGnome(host: Host): Promise<OsProxyConfig> {
  const gsettings = await host.which('gsettings');
  if (gsettings === null) {
    return none(`${SOURCES.gnome}: gsettings is not installed (package libglib2.0-bin)`);
  }
  const result = await host.run(gsettings, ['list-recursively', PROXY_SCHEMA], { env: host.env });
  if (result.code !== 0) {
    return none(
      `${SOURCES.gnome}: gsettings cannot read the schema (${result.stderr.trim() || `exit ${result.code}`}); is gsettings-desktop-schemas installed?`,
    );
  }
  return gnomeConfig(parseGsettingsList(result.stdout));
}

// ---------------------------------------------------------------------------------------------
// KDE: [Proxy Settings] of kioslaverc

/**
 * The [Proxy Settings] entries KDE sees: the files of $XDG_CONFIG_DIRS (lowest priority last in the
 * list, /etc/xdg by default) under the user's, as KConfig cascades them. A group an administrator
 * marked immutable ([$i]) is not overridden by the files above it (per-key locks are taken as the
 * group's).
 */
export function kdeEntries(texts: readonly (string | null)[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const text of texts) {
    const group = readKConfigGroup(text, KDE_GROUP);
    for (const [key, value] of group.entries) entries.set(key, value);
    if (group.locked) break;
  }
  return entries;
}

/** kioslaverc files from the lowest priority to the user's own. */
export function kioslavercFiles(host: Host): string[] {
  const dirs = (host.env.XDG_CONFIG_DIRS || '/etc/xdg')
    .split(':')
    .filter((d) => path.isAbsolute(d))
    .reverse();
  return [...dirs.map((d) => path.join(d, 'kioslaverc')), kioslavercPath(host)];
}

export function kdeConfig(entries: Map<string, string>, env: Host['env']): OsProxyConfig {
  const type = (entries.get('ProxyType') ?? '0').trim();
  const notes: string[] = [];
  if (type === '2') {
    const script = (entries.get('Proxy Config Script') ?? '').trim();
    if (script === '') notes.push('ProxyType=2 (PAC) but Proxy Config Script is empty, so KDE uses no proxy');
    return choose(SOURCES.kde, { wpad: false, pacUrl: script === '' ? null : script, manual: null }, notes);
  }
  if (type === '3') return choose(SOURCES.kde, { wpad: true, pacUrl: null, manual: null }, []);
  if (type !== '1' && type !== '4') {
    if (type !== '0') notes.push(`unknown KDE ProxyType=${type}, which KDE treats as no proxy`);
    return choose(SOURCES.kde, { wpad: false, pacUrl: null, manual: null }, notes);
  }
  // ProxyType=4: each key names the environment variable that holds the value (KIO reads it from there).
  const fromEnv = type === '4';
  const value = (key: string) => {
    const raw = (entries.get(key) ?? '').trim();
    return fromEnv ? (raw === '' ? '' : (env[raw] ?? '').trim()) : raw;
  };
  // Older KDE versions wrote "host:port" without a scheme.
  const url = (key: string, scheme: string) =>
    asUrl(scheme, fromEnv ? value(key) : urlOfKdeValue(value(key)));
  if (fromEnv) {
    const named = ['httpProxy', 'httpsProxy', 'socksProxy', 'NoProxyFor']
      .map((k) => entries.get(k)?.trim())
      .filter((v): v is string => v !== undefined && v !== '');
    notes.push(
      `ProxyType=4: KDE takes the proxies from the environment variables ${named.join(', ') || '(none named)'}`,
    );
  }
  if (/^(true|on|yes|1)$/i.test((entries.get('ReversedException') ?? '').trim())) {
    notes.push('ReversedException=true: KDE uses the proxy only for the hosts in NoProxyFor');
  }
  const manual: Manual = {
    http: url('httpProxy', 'http'),
    https: url('httpsProxy', 'http'),
    socks: url('socksProxy', 'socks5'),
    noProxy: noProxyList(value('NoProxyFor'), /[,\s]+/),
  };
  return choose(SOURCES.kde, { wpad: false, pacUrl: null, manual }, notes);
}

async function readKde(host: Host): Promise<OsProxyConfig> {
  const texts: (string | null)[] = [];
  for (const file of kioslavercFiles(host)) texts.push(await host.readText(file));
  return kdeConfig(kdeEntries(texts), host.env);
}

// ---------------------------------------------------------------------------------------------
// Windows: WinINet's per-user settings

export const CONNECTIONS = `${INTERNET_SETTINGS}\\Connections`;

/** The reg.exe queries readWindows runs, in order (reg.exe itself comes first in the argv). */
export const WINDOWS_QUERIES = [
  ['query', INTERNET_SETTINGS],
  ['query', CONNECTIONS, '/v', 'DefaultConnectionSettings'],
] as const;

/**
 * The flags of a DefaultConnectionSettings blob (REG_BINARY as reg.exe prints it, hex): a DWORD
 * version, a DWORD change counter, then the DWORD of flags — 0x01 direct, 0x02 proxy, 0x04 setup
 * script, 0x08 auto-detect. null when the blob is too short.
 */
export function connectionFlags(hex: string): number | null {
  if (!/^([0-9A-Fa-f]{2}){9,}$/.test(hex)) return null;
  return parseInt(hex.slice(16, 18), 16);
}

/** ProxyServer with the SOCKS entry too ("socks=host:port"; a bare "host:port" is not used for SOCKS). */
function proxyServerEntries(text: string): {
  http: string | null;
  https: string | null;
  socks: string | null;
} {
  const socks = text
    .split(';')
    .map((e) => /^\s*socks\s*=\s*(.*?)\s*$/i.exec(e)?.[1])
    .find((e) => e !== undefined && e !== '');
  return { ...parseProxyServer(text), socks: socks ?? null };
}

export function windowsConfig(settings: RegQueryOutput, connections: RegQueryOutput | null): OsProxyConfig {
  const value = (out: RegQueryOutput | null, name: string) =>
    out?.values.find((v) => v.name.toLowerCase() === name.toLowerCase()) ?? null;
  const enable = value(settings, 'ProxyEnable');
  const server = (value(settings, 'ProxyServer')?.data ?? '').trim();
  const override = value(settings, 'ProxyOverride')?.data ?? '';
  const pac = (value(settings, 'AutoConfigURL')?.data ?? '').trim();
  const blob = value(connections, 'DefaultConnectionSettings');
  const flags = blob?.type === 'REG_BINARY' ? connectionFlags(blob.data) : null;
  const notes: string[] = [];
  const enabled = enable !== null && !/^0x0+$|^0$/.test(enable.data.trim());
  if (enabled && server === '')
    notes.push('ProxyEnable is on but ProxyServer is empty, so no manual proxy is used');
  let manual: Manual | null = null;
  if (enabled && server !== '') {
    const entries = proxyServerEntries(server);
    manual = {
      http: asUrl('http', entries.http),
      https: asUrl('http', entries.https),
      socks: asUrl('socks4', entries.socks),
      noProxy: noProxyList(override, /;/),
    };
  }
  if (blob !== null && flags === null)
    notes.push('DefaultConnectionSettings could not be read, so auto-detection is unknown');
  return choose(
    SOURCES.windows,
    { wpad: flags !== null && (flags & 0x08) !== 0, pacUrl: pac === '' ? null : pac, manual },
    notes,
  );
}

async function readWindows(host: Host): Promise<OsProxyConfig> {
  const reg = regExe(host);
  const [settingsArgs, connectionsArgs] = WINDOWS_QUERIES;
  let settings;
  try {
    settings = await host.run(reg, settingsArgs);
  } catch (error) {
    return none(`${SOURCES.windows}: ${reg} could not be started (${(error as Error).message})`);
  }
  if (settings.code !== 0) {
    return none(
      `${SOURCES.windows}: reg query ${INTERNET_SETTINGS} failed (${settings.stderr.trim() || `exit ${settings.code}`})`,
    );
  }
  const connections = await host.run(reg, connectionsArgs);
  return windowsConfig(
    parseRegQuery(settings.stdout),
    connections.code === 0 ? parseRegQuery(connections.stdout) : null,
  );
}

// ---------------------------------------------------------------------------------------------
// macOS: scutil --proxy (the settings in effect: those of the primary network service)

export function macosConfig(stdout: string): OsProxyConfig {
  const p = parseScutilProxy(stdout);
  const text = (key: string) => (typeof p.raw[key] === 'string' ? (p.raw[key] as string) : null);
  const notes: string[] = [];
  if (p.autoConfigUrl === '') notes.push('ProxyAutoConfigEnable is on but ProxyAutoConfigURLString is empty');
  const socksHost = text('SOCKSProxy');
  const socks =
    text('SOCKSEnable') === '1' && socksHost
      ? `socks5://${hostPort(socksHost, Number(text('SOCKSPort')) || 0)}`
      : null;
  const url = (proxy: { host: string; port: number } | null) =>
    proxy ? `http://${hostPort(proxy.host, proxy.port)}` : null;
  const manual: Manual | null =
    p.http || p.https || socks
      ? { http: url(p.http), https: url(p.https), socks, noProxy: p.exceptions }
      : null;
  if (manual && p.excludeSimpleHostnames)
    notes.push('ExcludeSimpleHostnames: host names without a dot bypass the proxies');
  return choose(
    SOURCES.macos,
    { wpad: p.autoDiscovery, pacUrl: p.autoConfigUrl === '' ? null : p.autoConfigUrl, manual },
    notes,
  );
}

async function readMacos(host: Host): Promise<OsProxyConfig> {
  let result;
  try {
    result = await host.run(SCUTIL, ['--proxy']);
  } catch (error) {
    return none(`${SOURCES.macos}: ${SCUTIL} could not be started (${(error as Error).message})`);
  }
  if (result.code !== 0) {
    return none(`${SOURCES.macos}: scutil --proxy failed (${result.stderr.trim() || `exit ${result.code}`})`);
  }
  return macosConfig(result.stdout);
}

// ---------------------------------------------------------------------------------------------

const none = (source: string): OsProxyConfig => ({ source, mode: 'none' });

/** Desktops whose browsers (Chromium's proxy_config_service_linux) read GSettings. */
const GSETTINGS_DESKTOPS = [
  'GNOME',
  'UNITY',
  'PANTHEON',
  'XFCE',
  'X-CINNAMON',
  'CINNAMON',
  'DEEPIN',
  'UKUI',
  'BUDGIE',
  'MATE',
];

export async function readOsProxyConfig(host: Host): Promise<OsProxyConfig> {
  if (host.platform === 'win32') return readWindows(host);
  if (host.platform === 'darwin') return readMacos(host);
  if (isKde(host.env)) return readKde(host);
  const desktops = currentDesktops(host.env);
  if (desktops.some((d) => GSETTINGS_DESKTOPS.includes(d.toUpperCase()))) return readGnome(host);
  const why =
    desktops.length === 0
      ? 'no desktop session (XDG_CURRENT_DESKTOP is not set)'
      : `the desktop ${desktops.join(':')} has no proxy settings that browsers read`;
  return {
    source: `none: ${why}`,
    mode: 'none',
    also: ['browsers then use the environment variables (http_proxy, https_proxy, no_proxy)'],
  };
}
