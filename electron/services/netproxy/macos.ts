import path from 'node:path';
import { z } from 'zod';
import type { Host } from '../host';
import { toMacBypassDomains } from './bypass';
import { hasCredentials, redactor } from './settings';
import {
  DriverError,
  type PlaceDriver,
  type Preview,
  type ProxySettings,
  type ProxyUrl,
  type ScopeAdapter,
  type ScopePlan,
  type ScopeReading,
  type Step,
} from './types';

/**
 * macOS: the system proxy of every enabled network service (networksetup), the environment launchd
 * gives GUI apps (launchctl setenv, plus a LaunchAgent that sets it again at each login), and the
 * proxy in effect (scutil --proxy).
 *
 * networksetup is awkward to drive: it reports some errors with exit status 0 ("** Error: ..."), needs
 * an administrator for changes when "Require an administrator password to access system-wide
 * settings" is on (exit 14), cannot clear a proxy's server name, and `-setwebproxy` switches the proxy
 * on. So every change is read back, and failures are recognised from the text as well as the status.
 */

export const NETWORKSETUP = '/usr/sbin/networksetup';
export const LAUNCHCTL = '/bin/launchctl';
export const SCUTIL = '/usr/sbin/scutil';

// ---------------------------------------------------------------------------------------------
// Parsers of real outputs

export interface NetworkService {
  name: string;
  enabled: boolean;
}

/**
 * `networksetup -listallnetworkservices`: a note ("An asterisk (*) denotes that a network service is
 * disabled."), then one service per line, disabled ones prefixed with '*'.
 */
export function parseNetworkServices(stdout: string): NetworkService[] {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > 0 && /\(\*\)|asterisk/i.test(lines[0]!)) lines.shift();
  return lines.map((line) =>
    line.startsWith('*') ? { name: line.slice(1), enabled: false } : { name: line, enabled: true },
  );
}

export interface WebProxyState {
  enabled: boolean;
  /** '' when no server was ever set. */
  host: string;
  port: number;
  /** "Authenticated Proxy Enabled": the login itself is in the keychain; never changed here. */
  authenticated?: boolean;
}

/** `networksetup -getwebproxy <service>` (and -getsecurewebproxy): "Enabled: Yes", "Server: ...", "Port: ...". */
export function parseWebProxy(stdout: string): WebProxyState {
  const fields = new Map<string, string>();
  for (const line of stdout.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const enabled = fields.get('Enabled');
  const port = fields.get('Port');
  if (
    (enabled !== 'Yes' && enabled !== 'No') ||
    port === undefined ||
    !/^[0-9]+$/.test(port) ||
    !fields.has('Server')
  ) {
    throw new DriverError(`unexpected output from networksetup: ${JSON.stringify(stdout.trim())}`);
  }
  const authenticated = fields.get('Authenticated Proxy Enabled');
  return {
    enabled: enabled === 'Yes',
    host: fields.get('Server')!,
    port: Number(port),
    ...(authenticated === undefined ? {} : { authenticated: authenticated === '1' }),
  };
}

/** `networksetup -getproxybypassdomains <service>`: one per line, or "There aren't any bypass domains set on Wi-Fi." */
export function parseBypassDomains(stdout: string): string[] {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length === 1 && /^There aren't any bypass domains set on /.test(lines[0]!) ? [] : lines;
}

export type ScutilValue = string | ScutilValue[] | ScutilDictionary;
export interface ScutilDictionary {
  [key: string]: ScutilValue;
}

export interface ScutilProxy {
  /** Set when HTTPEnable is 1. */
  http: { host: string; port: number } | null;
  https: { host: string; port: number } | null;
  exceptions: string[];
  excludeSimpleHostnames: boolean;
  /** ProxyAutoConfigURLString when ProxyAutoConfigEnable is 1. */
  autoConfigUrl: string | null;
  autoDiscovery: boolean;
  /** Everything scutil printed (including __SCOPED__ per-interface dictionaries). */
  raw: ScutilDictionary;
}

/** The `<dictionary> { Key : value ... }` text scutil prints, nested `<array> {` / `<dictionary> {` included. */
export function parseScutilDictionary(stdout: string): ScutilDictionary {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines[0] !== '<dictionary> {')
    throw new DriverError(`unexpected output from scutil: ${JSON.stringify(stdout.trim())}`);
  let i = 1;
  // scutil nests a few levels; a bound keeps hostile text from overflowing the call stack.
  const MAX_DEPTH = 64;
  const block = (array: boolean, depth: number): ScutilValue[] | ScutilDictionary => {
    if (depth > MAX_DEPTH) throw new DriverError(`scutil output nests more than ${MAX_DEPTH} blocks`);
    const items: ScutilValue[] = [];
    const dict: ScutilDictionary = {};
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === '}') return array ? items : dict;
      const m = /^(.*?) :(?: (.*))?$/.exec(line);
      if (!m) throw new DriverError(`unexpected line from scutil: ${JSON.stringify(line)}`);
      const raw = m[2] ?? '';
      let value: ScutilValue = raw;
      if (raw === '<array> {' || raw === '<dictionary> {') {
        i++;
        value = block(raw === '<array> {', depth + 1);
      }
      if (array) items.push(value);
      else dict[m[1]!] = value;
    }
    throw new DriverError('scutil output ended inside a block');
  };
  return block(false, 0) as ScutilDictionary;
}

/** `scutil --proxy`: the proxy settings in effect (those of the primary service). */
export function parseScutilProxy(stdout: string): ScutilProxy {
  const raw = parseScutilDictionary(stdout);
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : null);
  const on = (key: string) => text(key) === '1';
  const proxy = (prefix: string) => {
    const host = text(`${prefix}Proxy`);
    const port = Number(text(`${prefix}Port`));
    return on(`${prefix}Enable`) && host ? { host, port: Number.isInteger(port) ? port : 0 } : null;
  };
  const exceptions = raw.ExceptionsList;
  return {
    http: proxy('HTTP'),
    https: proxy('HTTPS'),
    exceptions: Array.isArray(exceptions) ? exceptions.filter((e): e is string => typeof e === 'string') : [],
    excludeSimpleHostnames: on('ExcludeSimpleHostnames'),
    autoConfigUrl: on('ProxyAutoConfigEnable') ? (text('ProxyAutoConfigURLString') ?? '') : null,
    autoDiscovery: on('ProxyAutoDiscoveryEnable'),
    raw,
  };
}

// ---------------------------------------------------------------------------------------------
// networksetup places

export type NetworksetupKind = 'web' | 'secureweb' | 'bypass';
export interface NetworksetupAddress {
  service: string;
  kind: NetworksetupKind;
}
export interface BypassState {
  domains: string[];
}
export type NetworksetupState = WebProxyState | BypassState;

const COMMANDS = {
  web: { get: '-getwebproxy', set: '-setwebproxy', state: '-setwebproxystate', label: 'Web proxy (HTTP)' },
  secureweb: {
    get: '-getsecurewebproxy',
    set: '-setsecurewebproxy',
    state: '-setsecurewebproxystate',
    label: 'Secure web proxy (HTTPS)',
  },
} as const;

const ADMIN_HELP =
  'macOS asks for an administrator to change network settings: use GoProxy Desk from a user who is an administrator of this Mac, or turn off "Require an administrator password to access system-wide settings" (System Settings → Privacy & Security → Advanced)';

/** Runs networksetup and fails on what it means, not only on its exit status. */
async function networksetup(host: Host, args: string[]): Promise<string> {
  const argv = ['networksetup', ...args];
  const result = await host.run(NETWORKSETUP, args);
  const said = `${result.stdout}\n${result.stderr}`;
  if (result.code === 14 || /requires admin privileges/i.test(said)) {
    throw new DriverError(`networksetup ${args.join(' ')}: ${ADMIN_HELP}`, argv);
  }
  const error = said
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => /^\*\* Error|is not a recognized network service/.test(l));
  if (result.code !== 0 || error.length > 0) {
    const why = error.join(' ') || result.stderr.trim() || result.stdout.trim() || `exit ${result.code}`;
    throw new DriverError(`networksetup ${args.join(' ')} failed: ${why}`, argv);
  }
  return result.stdout;
}

export async function listNetworkServices(host: Host): Promise<NetworkService[]> {
  return parseNetworkServices(await networksetup(host, ['-listallnetworkservices']));
}

const isBypass = (state: NetworksetupState): state is BypassState => 'domains' in state;

/**
 * The commands that take a proxy from `current` to `target`: `-setwebproxy` (which also switches it
 * on) only when the server changes, then the on/off switch when it is not already right. A server
 * name cannot be cleared, so a target without one only switches the proxy off.
 */
export function proxyCommands(
  service: string,
  kind: 'web' | 'secureweb',
  current: WebProxyState,
  target: WebProxyState,
): string[][] {
  const c = COMMANDS[kind];
  const commands: string[][] = [];
  let enabled = current.enabled;
  if (target.host !== '' && (target.host !== current.host || target.port !== current.port)) {
    commands.push([c.set, service, target.host, String(target.port)]);
    enabled = true;
  }
  if (enabled !== target.enabled) commands.push([c.state, service, target.enabled ? 'on' : 'off']);
  return commands;
}

function bypassCommand(service: string, domains: readonly string[]): string[] {
  // "Empty" is networksetup's word for an empty list.
  return ['-setproxybypassdomains', service, ...(domains.length > 0 ? domains : ['Empty'])];
}

async function readPlace(host: Host, { service, kind }: NetworksetupAddress): Promise<NetworksetupState> {
  if (kind === 'bypass')
    return { domains: parseBypassDomains(await networksetup(host, ['-getproxybypassdomains', service])) };
  return parseWebProxy(await networksetup(host, [COMMANDS[kind].get, service]));
}

function sameState(a: NetworksetupState, b: NetworksetupState): boolean {
  if (isBypass(a) || isBypass(b)) {
    return (
      isBypass(a) &&
      isBypass(b) &&
      a.domains.length === b.domains.length &&
      a.domains.every((d, i) => d === b.domains[i])
    );
  }
  if (a.enabled !== b.enabled) return false;
  if (a.host === b.host && a.port === b.port) return true;
  // Switched off, a server that was never set and one we cannot clear mean the same: no proxy.
  return !a.enabled && (a.host === '' || b.host === '');
}

const noSpace = z
  .string()
  .max(1024)
  .regex(/^[^\s\0]*$/);
const networksetupAddress = z.object({
  service: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^\0\r\n]+$/),
  kind: z.enum(['web', 'secureweb', 'bypass']),
});
const networksetupState = z.union([
  z.object({
    enabled: z.boolean(),
    host: noSpace,
    port: z.number().int().min(0).max(65535),
    authenticated: z.boolean().optional(),
  }),
  z.object({ domains: z.array(noSpace.min(1)).max(4096) }),
]);

export const networksetupDriver: PlaceDriver<NetworksetupAddress, NetworksetupState> = {
  name: 'networksetup',
  parseAddress: (value) => networksetupAddress.parse(value),
  parseState: (value) => networksetupState.parse(value),
  describe: ({ service, kind }) =>
    `networksetup "${service}" ${kind === 'bypass' ? 'proxy bypass domains' : COMMANDS[kind].label}`,
  read: readPlace,
  async write(host, address, state) {
    if (isBypass(state) !== (address.kind === 'bypass')) {
      throw new DriverError(`a ${address.kind} place cannot take this state: ${JSON.stringify(state)}`);
    }
    if (isBypass(state)) await networksetup(host, bypassCommand(address.service, state.domains));
    else if (address.kind !== 'bypass') {
      const current = (await readPlace(host, address)) as WebProxyState;
      for (const args of proxyCommands(address.service, address.kind, current, state))
        await networksetup(host, args);
    }
    // networksetup has said nothing and changed nothing before: only reading back tells.
    const now = await readPlace(host, address);
    if (!sameState(now, state)) {
      throw new DriverError(
        `macOS did not keep the change to ${networksetupDriver.describe(address, host)} (it reads ${JSON.stringify(now)})`,
      );
    }
  },
  equal: sameState,
  // The keychain flag is never written here, so it is not part of what we wrote.
  identity: (state) =>
    isBypass(state) ? state : { enabled: state.enabled, host: state.host, port: state.port },
  preview(_host, address, before, after): Preview {
    if (isBypass(after) || address.kind === 'bypass') {
      return {
        action: 'set',
        commands: [['networksetup', ...bypassCommand(address.service, isBypass(after) ? after.domains : [])]],
      };
    }
    const current = isBypass(before) ? { enabled: false, host: '', port: 0 } : before;
    return {
      action: after.enabled ? 'set' : 'reset',
      commands: proxyCommands(address.service, address.kind, current, after).map((args) => [
        'networksetup',
        ...args,
      ]),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// launchd's environment

export interface LaunchctlAddress {
  name: string;
}
export interface LaunchctlState {
  value: string | null;
}

const launchctlAddress = z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/) });
const launchctlState = z.object({ value: z.string().max(65536).nullable() });

async function launchctlGet(host: Host, name: string): Promise<LaunchctlState> {
  const result = await host.run(LAUNCHCTL, ['getenv', name]);
  if (result.code !== 0 && result.stderr.trim() !== '') {
    throw new DriverError(`launchctl getenv ${name} failed: ${result.stderr.trim()}`, [
      'launchctl',
      'getenv',
      name,
    ]);
  }
  // launchctl prints the value and a newline, and nothing at all for a variable it does not have.
  const value = result.stdout.replace(/\n$/, '');
  return { value: value === '' ? null : value };
}

export const launchctlDriver: PlaceDriver<LaunchctlAddress, LaunchctlState> = {
  name: 'launchctl',
  parseAddress: (value) => launchctlAddress.parse(value),
  parseState: (value) => launchctlState.parse(value),
  describe: ({ name }) => `launchd environment ${name} (launchctl getenv ${name})`,
  read: (host, { name }) => launchctlGet(host, name),
  async write(host, { name }, state) {
    const args =
      state.value === null || state.value === '' ? ['unsetenv', name] : ['setenv', name, state.value];
    const shown = ['launchctl', ...args].map(redactor(null));
    const result = await host.run(LAUNCHCTL, args);
    if (result.code !== 0) {
      throw new DriverError(
        `${shown.join(' ')} failed: ${redactor(null)(result.stderr.trim()) || `exit ${result.code}`}`,
        shown,
      );
    }
    const now = await launchctlGet(host, name);
    if (!launchctlDriver.equal(now, state))
      throw new DriverError(`launchd did not keep ${name} (${shown.join(' ')})`, shown);
  },
  equal: (a, b) => (a.value || null) === (b.value || null),
  preview: (_host, { name }, _before, after, redact) =>
    after.value === null || after.value === ''
      ? { action: 'reset', commands: [['launchctl', 'unsetenv', name]] }
      : { action: 'set', commands: [['launchctl', 'setenv', name, redact(after.value)]] },
};

export const LAUNCH_AGENT_LABEL = 'io.github.goproxy-desk.env';

/** ~/Library/LaunchAgents/<label>.plist, which launchd loads at each login. */
export function launchAgentPath(host: Pick<Host, 'homedir'>): string {
  return path.posix.join(host.homedir, 'Library', 'LaunchAgents', `${LAUNCH_AGENT_LABEL}.plist`);
}

const xmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * A LaunchAgent that runs `/bin/launchctl setenv K1 V1 K2 V2 ...` when it is loaded (at login), so
 * that GUI apps started from the Dock or Finder get the variables after a reboot too.
 */
export function launchAgentPlist(vars: Readonly<Record<string, string>>): string {
  const args = ['/bin/launchctl', 'setenv', ...Object.entries(vars).flat()];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>Label</key>',
    `\t<string>${LAUNCH_AGENT_LABEL}</string>`,
    '\t<key>ProgramArguments</key>',
    '\t<array>',
    ...args.map((a) => `\t\t<string>${xmlEscape(a)}</string>`),
    '\t</array>',
    '\t<key>RunAtLoad</key>',
    '\t<true/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 'system': every enabled network service

const hostText = (h: string) => (h.includes(':') ? `[${h}]` : h);

async function scutilProxy(host: Host): Promise<ScutilProxy> {
  const result = await host.run(SCUTIL, ['--proxy']);
  if (result.code !== 0) {
    throw new DriverError(`scutil --proxy failed: ${result.stderr.trim() || `exit ${result.code}`}`, [
      'scutil',
      '--proxy',
    ]);
  }
  return parseScutilProxy(result.stdout);
}

function settingsWarnings(desired: ProxySettings): string[] {
  const warnings: string[] = [];
  if (hasCredentials(desired)) {
    warnings.push(
      "macOS's system proxy is set without the user name and password: networksetup would need them on its command line, where other programs can read them; apps will ask (or enter them in System Settings → Network → Details → Proxies)",
    );
  }
  const urls = new Map(
    [desired.http, desired.https].filter((u): u is ProxyUrl => u !== null).map((u) => [u.href, u]),
  );
  for (const url of urls.values()) {
    if (url.scheme === 'https') {
      warnings.push(
        `macOS talks plain HTTP to a proxy: ${url.display} is set as ${hostText(url.host)}:${url.port} there`,
      );
    }
  }
  return warnings;
}

export function macosSystemAdapter(host: Host): ScopeAdapter {
  const enabledServices = async () =>
    (await listNetworkServices(host)).filter((s) => s.enabled).map((s) => s.name);
  return {
    scope: 'system',
    variant: 'macos',
    unavailable: async () => (host.platform === 'darwin' ? null : 'networksetup exists only on macOS'),

    async read(): Promise<ScopeReading> {
      const services = await enabledServices();
      const effective = await scutilProxy(host);
      const url = (p: { host: string; port: number } | null) =>
        p ? `http://${hostText(p.host)}:${p.port}` : null;
      const notes: string[] = [];
      if (effective.autoConfigUrl !== null) {
        notes.push(
          `an automatic proxy configuration (PAC) is on (${effective.autoConfigUrl}); apps that follow the system settings ask it first`,
        );
      }
      if (effective.autoDiscovery) notes.push('automatic proxy discovery (WPAD) is on');
      return {
        scope: 'system',
        source: `networksetup: ${services.join(', ') || 'no enabled network service'} (in effect: scutil --proxy)`,
        http: url(effective.http),
        https: url(effective.https),
        noProxy: effective.exceptions.length > 0 ? effective.exceptions.join(',') : null,
        available: true,
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
        conflicts: [],
      };
    },

    async plan(desired): Promise<ScopePlan> {
      const services = await enabledServices();
      const warnings = desired ? settingsWarnings(desired) : [];
      if (services.length === 0) warnings.push('there is no enabled network service to set a proxy on');
      const bypass = desired && desired.noProxy.length > 0 ? toMacBypassDomains(desired.noProxy) : null;
      if (bypass) warnings.push(...bypass.warnings);
      const steps: Step[] = [];
      const add = (address: NetworksetupAddress, before: NetworksetupState, after: NetworksetupState) => {
        if (!sameState(before, after))
          steps.push({ scope: 'system', place: { driver: 'networksetup', address }, before, after });
      };
      for (const service of services) {
        for (const [kind, url] of [
          ['web', desired?.http ?? null],
          ['secureweb', desired?.https ?? null],
        ] as const) {
          const address: NetworksetupAddress = { service, kind };
          const before = (await readPlace(host, address)) as WebProxyState;
          // Unset (or no proxy for this scheme): switched off, the server left as it was.
          const after: WebProxyState = url
            ? { ...before, enabled: true, host: url.host, port: url.port }
            : { ...before, enabled: false };
          add(address, before, after);
          if (url && before.authenticated && !sameState(before, after)) {
            warnings.push(
              `"${service}" ${COMMANDS[kind].label} has a login in the keychain; check it in System Settings → Network if the new proxy asks for one`,
            );
          }
        }
        // An empty list leaves the service's own (macOS starts with *.local and 169.254/16).
        if (bypass && bypass.value.length > 0) {
          const address: NetworksetupAddress = { service, kind: 'bypass' };
          add(address, await readPlace(host, address), { domains: bypass.value });
        }
      }
      if (desired) {
        const effective = await scutilProxy(host);
        if (effective.autoConfigUrl !== null) {
          warnings.push(
            `an automatic proxy configuration (PAC, ${effective.autoConfigUrl}) is on; apps that follow the system settings ask it before the manual proxy (turn it off in System Settings → Network → Details → Proxies)`,
          );
        }
      }
      return { steps, notify: [], warnings, conflicts: [] };
    },
  };
}
