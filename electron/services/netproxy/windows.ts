import path from 'node:path';
import { z } from 'zod';
import type { Host } from '../host';
import { toEnvNoProxy, toWindowsOverride } from './bypass';
import { hasCredentials, redactor } from './settings';
import {
  DriverError,
  type Conflict,
  type Notifier,
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
 * Windows: the user environment (HKCU\Environment, the 'env' scope) and WinINet's per-user proxy
 * (Internet Settings, the 'system' scope) as registry values, read and written with reg.exe.
 *
 * reg.exe is fast but lossy at the edges: it prints data in the console's OEM code page (so anything
 * beyond ASCII comes back mangled, or as '?'), prints line breaks inside data raw, and its messages
 * are translated. So a value reg.exe cannot show exactly is read again through PowerShell's registry
 * API, which answers in base64; and a value whose command line would be unsafe or secret (quotes,
 * non-ASCII, a password) is written through PowerShell with the data in an environment variable,
 * never in the script or on a command line. setx is never used (it truncates at 1024 characters and
 * turns REG_EXPAND_SZ into REG_SZ).
 */

export const REG_TYPES = ['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_BINARY'] as const;
export type RegType = (typeof REG_TYPES)[number];

export interface RegAddress {
  /** Hive and path as reg.exe takes them: 'HKCU\\Environment'. */
  key: string;
  name: string;
}

/**
 * A value as it must be put back: strings as stored (REG_EXPAND_SZ unexpanded), REG_DWORD and
 * REG_QWORD in decimal, REG_BINARY in upper-case hex. null: no such value.
 */
export interface RegValue {
  type: RegType;
  data: string;
}
export type RegState = RegValue | null;

const HIVES: Readonly<Record<string, 'HKCU' | 'HKLM'>> = {
  HKCU: 'HKCU',
  HKEY_CURRENT_USER: 'HKCU',
  HKLM: 'HKLM',
  HKEY_LOCAL_MACHINE: 'HKLM',
};

function splitKey(key: string): { hive: 'HKCU' | 'HKLM'; subkey: string } {
  const slash = key.indexOf('\\');
  const hive = HIVES[key.slice(0, slash).toUpperCase()];
  if (slash === -1 || hive === undefined) throw new DriverError(`not a HKCU or HKLM registry key: ${key}`);
  return { hive, subkey: key.slice(slash + 1) };
}

// The journal is a file anyone could edit: keys stay in HKCU/HKLM, data stays what reg.exe can name.
const regAddress = z.object({
  key: z
    .string()
    .max(1024)
    .regex(/^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)\\[^\0\r\n]+$/i),
  name: z
    .string()
    .min(1)
    .max(16383)
    .regex(/^[^\0\r\n]+$/),
});
const MAX_QWORD = 2n ** 64n - 1n;
const regValue = z
  .object({ type: z.enum(REG_TYPES), data: z.string().max(1 << 20) })
  .refine(
    ({ type, data }) =>
      type === 'REG_DWORD'
        ? /^[0-9]{1,10}$/.test(data) && BigInt(data) <= 0xffffffffn
        : type === 'REG_QWORD'
          ? /^[0-9]{1,20}$/.test(data) && BigInt(data) <= MAX_QWORD
          : type === 'REG_BINARY'
            ? /^([0-9A-F]{2})*$/.test(data)
            : !data.includes('\0'),
    'data does not fit the value type',
  );

function systemDir(host: Host): string {
  const root = host.env.SystemRoot ?? host.env.SYSTEMROOT ?? host.env.windir;
  // Absolute, so that neither PATH nor the current folder can put another reg.exe in front.
  return path.win32.join(root && path.win32.isAbsolute(root) ? root : 'C:\\Windows', 'System32');
}
export const regExe = (host: Host): string => path.win32.join(systemDir(host), 'reg.exe');
export const powershellExe = (host: Host): string =>
  path.win32.join(systemDir(host), 'WindowsPowerShell', 'v1.0', 'powershell.exe');
const POWERSHELL_ARGS = ['-NoProfile', '-NonInteractive', '-Command'] as const;

export interface RegQueryValue {
  name: string;
  /** As printed: REG_SZ, REG_EXPAND_SZ, REG_DWORD... */
  type: string;
  /** As printed: strings as stored, REG_DWORD as 0x1, binary as hex, REG_MULTI_SZ with literal \0 between items. */
  data: string;
}

export interface RegQueryOutput {
  /** The key line ("HKEY_CURRENT_USER\\Environment"), or null. */
  key: string | null;
  values: RegQueryValue[];
  /** Subkey lines of a whole-key query. */
  subkeys: string[];
  /** Lines that are none of these: the rest of a value whose data holds a line break. */
  stray: string[];
}

/**
 * Parses what `reg query <key> [/v <name>]` prints: a blank line, the key's full name, then one line
 * per value, "    <name>    <type>    <data>" (four spaces each; empty data leaves the separator or
 * nothing), then subkeys of a whole-key query, each on a line of its own.
 */
export function parseRegQuery(stdout: string): RegQueryOutput {
  const out: RegQueryOutput = { key: null, values: [], subkeys: [], stray: [] };
  for (const line of stdout.split(/\r?\n/)) {
    if (line === '') continue;
    const value = /^ {4}(.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/.exec(line);
    if (value) out.values.push({ name: value[1]!, type: value[2]!, data: value[3] ?? '' });
    else if (/^HKEY_[A-Z_]+(\\|$)/.test(line)) {
      if (out.key === null) out.key = line;
      else out.subkeys.push(line);
    } else out.stray.push(line);
  }
  return out;
}

/** The exact value, when what reg.exe printed cannot have been changed by its output encoding; else null. */
function exactFromQuery(value: RegQueryValue): RegValue | null {
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      // Printable ASCII survives every OEM code page; '?' may be what a character became.
      return /^[\x20-\x7e]*$/.test(value.data) && !value.data.includes('?')
        ? { type: value.type, data: value.data }
        : null;
    case 'REG_DWORD':
    case 'REG_QWORD':
      return /^0x[0-9a-f]+$/i.test(value.data)
        ? { type: value.type, data: BigInt(value.data).toString() }
        : null;
    case 'REG_BINARY':
      return /^([0-9A-F]{2})*$/.test(value.data) ? { type: 'REG_BINARY', data: value.data } : null;
    default:
      return null;
  }
}

const NOT_FOUND = /unable to find the specified registry key or value/i;
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

// Stop at the first error (exit 1, message on stderr); no progress records on a redirected stderr.
const PRELUDE = "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'";
// Values in environment variables, base64 out: no quoting, code page or line break can touch them.
const REG_ROOT =
  "$root = if ($env:GOPROXY_DESK_REG_HIVE -eq 'HKLM') { [Microsoft.Win32.Registry]::LocalMachine } else { [Microsoft.Win32.Registry]::CurrentUser }";
export const REG_READ_SCRIPT = [
  PRELUDE,
  REG_ROOT,
  '$key = $root.OpenSubKey($env:GOPROXY_DESK_REG_KEY)',
  '$name = $env:GOPROXY_DESK_REG_NAME',
  "if ($null -eq $key -or -not ($key.GetValueNames() -contains $name)) { 'ABSENT'; exit 0 }",
  '$kind = $key.GetValueKind($name)',
  "$value = $key.GetValue($name, $null, 'DoNotExpandEnvironmentNames')",
  "$text = switch ($kind) { 'String' { $value } 'ExpandString' { $value } 'DWord' { [BitConverter]::ToUInt32([BitConverter]::GetBytes([int]$value), 0) } 'QWord' { [BitConverter]::ToUInt64([BitConverter]::GetBytes([long]$value), 0) } 'Binary' { -join ($value | ForEach-Object { $_.ToString('X2') }) } default { '' } }",
  '[string]$kind',
  '[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$text))',
].join('; ');

export const REG_WRITE_SCRIPT = [
  PRELUDE,
  REG_ROOT,
  '$key = $root.CreateSubKey($env:GOPROXY_DESK_REG_KEY)',
  "$kind = if ($env:GOPROXY_DESK_REG_TYPE -eq 'REG_EXPAND_SZ') { [Microsoft.Win32.RegistryValueKind]::ExpandString } else { [Microsoft.Win32.RegistryValueKind]::String }",
  '$key.SetValue($env:GOPROXY_DESK_REG_NAME, [string]$env:GOPROXY_DESK_REG_DATA, $kind)',
  '$key.Close()',
].join('; ');

const KINDS: Readonly<Record<string, RegType>> = {
  String: 'REG_SZ',
  ExpandString: 'REG_EXPAND_SZ',
  DWord: 'REG_DWORD',
  QWord: 'REG_QWORD',
  Binary: 'REG_BINARY',
};

function regEnv(
  host: Host,
  address: RegAddress,
  extra: Record<string, string> = {},
): Record<string, string | undefined> {
  const { hive, subkey } = splitKey(address.key);
  return {
    ...host.env,
    GOPROXY_DESK_REG_HIVE: hive,
    GOPROXY_DESK_REG_KEY: subkey,
    GOPROXY_DESK_REG_NAME: address.name,
    ...extra,
  };
}

const describeReg = (address: RegAddress) => `${address.key}\\${address.name}`;

/** The authoritative read, through .NET's registry API. */
async function readWithPowerShell(host: Host, address: RegAddress): Promise<RegState> {
  const result = await host.run(powershellExe(host), [...POWERSHELL_ARGS, REG_READ_SCRIPT], {
    env: regEnv(host, address),
  });
  const lines = result.stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (result.code !== 0 || lines.length === 0) {
    throw new DriverError(
      `Could not read ${describeReg(address)}: ${result.stderr.trim() || `PowerShell exited with ${result.code}`}`,
      ['powershell.exe', ...POWERSHELL_ARGS, '<registry read>'],
    );
  }
  if (lines[0] === 'ABSENT') return null;
  const type = KINDS[lines[0]!];
  if (type === undefined || lines.length < 2) {
    throw new DriverError(
      `${describeReg(address)} holds a ${lines[0]} value, which GoProxy Desk cannot keep an exact copy of; change or remove it (regedit) and try again`,
    );
  }
  return { type, data: Buffer.from(lines[1]!, 'base64').toString('utf8') };
}

async function readValue(host: Host, address: RegAddress): Promise<RegState> {
  const reg = regExe(host);
  const result = await host.run(reg, ['query', address.key, '/v', address.name]);
  if (result.code === 0) {
    const parsed = parseRegQuery(result.stdout);
    const found = parsed.values.filter((v) => sameName(v.name, address.name));
    const exact = found.length === 1 && parsed.stray.length === 0 ? exactFromQuery(found[0]!) : null;
    return exact ?? readWithPowerShell(host, address);
  }
  if (result.code === 1 && NOT_FOUND.test(result.stderr + result.stdout)) return null;
  // reg.exe speaks the system's language, so a message we cannot read may still mean "no such value":
  // listing the whole key tells without words.
  const key = await host.run(reg, ['query', address.key]);
  if (key.code === 0) {
    const listed = parseRegQuery(key.stdout).values.some((v) => sameName(v.name, address.name));
    if (!listed) return null;
  }
  return readWithPowerShell(host, address);
}

const CREDENTIALS = /:\/\/[^/@\s]*@/;

/**
 * Whether `reg add ... /d <data>` stores exactly `data`: Node quotes argv for Windows' C runtime
 * rules, which reg.exe follows, but quotes, "\0" (a separator to some reg.exe versions), leading
 * '/' or '-' and non-ASCII are left to PowerShell rather than trusted; a password never goes on a
 * command line, where other programs can read it.
 */
function regAddCarries(value: RegValue): boolean {
  if (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ') return true;
  const data = value.data;
  return (
    /^[\x20-\x7e]*$/.test(data) && !/["]|\\0/.test(data) && !/^[-/]/.test(data) && !CREDENTIALS.test(data)
  );
}

function regAddData(value: RegValue): string {
  // reg.exe reads numbers with a 0x prefix as hex, whatever their size.
  return value.type === 'REG_DWORD' || value.type === 'REG_QWORD'
    ? `0x${BigInt(value.data).toString(16)}`
    : value.data;
}

function regArgs(address: RegAddress, state: RegState): string[] {
  return state === null
    ? ['delete', address.key, '/v', address.name, '/f']
    : ['add', address.key, '/v', address.name, '/t', state.type, '/d', regAddData(state), '/f'];
}

function regFailure(args: readonly string[], stderr: string, code: number | null): DriverError {
  return new DriverError(`reg ${args.join(' ')} failed: ${stderr.trim() || `exit ${code}`}`, [
    'reg',
    ...args,
  ]);
}

export const registryDriver: PlaceDriver<RegAddress, RegState> = {
  name: 'registry',
  parseAddress: (value) => regAddress.parse(value),
  parseState: (value) => (value === null ? null : (regValue.parse(value) as RegValue)),
  describe: describeReg,
  read: readValue,
  async write(host, address, state) {
    if (state === null || regAddCarries(state)) {
      const args = regArgs(address, state);
      const result = await host.run(regExe(host), args);
      if (result.code === 0) return;
      // Deleting what is not there is done: writes are idempotent.
      if (state === null && (await readValue(host, address)) === null) return;
      throw regFailure(args, result.stderr, result.code);
    }
    const result = await host.run(powershellExe(host), [...POWERSHELL_ARGS, REG_WRITE_SCRIPT], {
      env: regEnv(host, address, { GOPROXY_DESK_REG_TYPE: state.type, GOPROXY_DESK_REG_DATA: state.data }),
    });
    if (result.code !== 0) {
      throw new DriverError(
        `Could not write ${describeReg(address)}: ${result.stderr.trim() || `PowerShell exited with ${result.code}`}`,
        ['powershell.exe', ...POWERSHELL_ARGS, '<registry write>'],
      );
    }
  },
  equal: (a, b) => (a === null || b === null ? a === b : a.type === b.type && a.data === b.data),
  preview(_host, address, _before, after, redact): Preview {
    const action = after === null ? 'reset' : 'set';
    if (after === null || regAddCarries(after))
      return { action, commands: [['reg', ...regArgs(address, after)]] };
    const { hive, subkey } = splitKey(address.key);
    return {
      action,
      commands: [
        [
          `GOPROXY_DESK_REG_HIVE=${hive}`,
          `GOPROXY_DESK_REG_KEY=${subkey}`,
          `GOPROXY_DESK_REG_NAME=${address.name}`,
          `GOPROXY_DESK_REG_TYPE=${after.type}`,
          `GOPROXY_DESK_REG_DATA=${redact(after.data)}`,
          'powershell.exe',
          ...POWERSHELL_ARGS,
          REG_WRITE_SCRIPT,
        ],
      ],
    };
  },
};

function powershellNotifier(name: string, script: string, what: string): Notifier {
  return {
    name,
    commands: (host) => [[powershellExe(host), ...POWERSHELL_ARGS, script]],
    async run(host) {
      // Add-Type compiles C#, which can take a while on a cold machine.
      const result = await host.run(powershellExe(host), [...POWERSHELL_ARGS, script], { timeoutMs: 60_000 });
      if (result.code !== 0) {
        throw new DriverError(
          `${what} failed: ${result.stderr.trim() || `PowerShell exited with ${result.code}`}`,
        );
      }
    },
  };
}

/**
 * Explorer (and so every program started from it) rereads HKCU\Environment when told by
 * WM_SETTINGCHANGE "Environment", sent to all top-level windows; SMTO_ABORTIFHUNG and a 5 s timeout
 * per window keep a hung program from blocking us. A timeout (1460) is not a failure.
 */
export const ENV_BROADCAST_SCRIPT = [
  PRELUDE,
  `Add-Type -Namespace GoProxyDesk -Name Broadcast -MemberDefinition '[DllImport("user32.dll", SetLastError = true, CharSet = CharSet.Unicode)] public static extern IntPtr SendMessageTimeout(IntPtr hWnd, uint Msg, UIntPtr wParam, string lParam, uint fuFlags, uint uTimeout, out UIntPtr lpdwResult);'`,
  '$result = [UIntPtr]::Zero',
  "$sent = [GoProxyDesk.Broadcast]::SendMessageTimeout([IntPtr]0xffff, 0x1A, [UIntPtr]::Zero, 'Environment', 2, 5000, [ref]$result)",
  '$err = [Runtime.InteropServices.Marshal]::GetLastWin32Error()',
  "if ($sent -eq [IntPtr]::Zero -and $err -ne 0 -and $err -ne 1460) { throw ('SendMessageTimeout failed with error ' + $err) }",
].join('; ');

/**
 * WinINet caches the proxy per process: INTERNET_OPTION_SETTINGS_CHANGED (39) marks the registry
 * settings as changed and INTERNET_OPTION_REFRESH (37) makes running programs reread them.
 */
export const WININET_REFRESH_SCRIPT = [
  PRELUDE,
  `Add-Type -Namespace GoProxyDesk -Name WinInet -MemberDefinition '[DllImport("wininet.dll", SetLastError = true)] public static extern bool InternetSetOption(IntPtr hInternet, int dwOption, IntPtr lpBuffer, int dwBufferLength);'`,
  "foreach ($option in 39, 37) { if (-not [GoProxyDesk.WinInet]::InternetSetOption([IntPtr]::Zero, $option, [IntPtr]::Zero, 0)) { throw ('InternetSetOption ' + $option + ' failed with error ' + [Runtime.InteropServices.Marshal]::GetLastWin32Error()) } }",
].join('; ');

export const windowsEnvBroadcast = powershellNotifier(
  'windows-env-broadcast',
  ENV_BROADCAST_SCRIPT,
  'Telling Windows that the environment changed (WM_SETTINGCHANGE)',
);
export const wininetRefresh = powershellNotifier(
  'wininet-refresh',
  WININET_REFRESH_SCRIPT,
  'Telling Windows that the proxy settings changed (InternetSetOption)',
);

const notWindows = async (host: Host, what: string) =>
  host.platform === 'win32' ? null : `${what} exists only on Windows`;

// ---------------------------------------------------------------------------------------------
// 'env': the user environment

export const USER_ENVIRONMENT = 'HKCU\\Environment';
export const MACHINE_ENVIRONMENT = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';
/** Windows' variable names ignore case, so one name serves go (HTTP_PROXY) and curl (http_proxy) alike. */
export const WINDOWS_ENV_NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'] as const;
type EnvName = (typeof WINDOWS_ENV_NAMES)[number];

function envValues(desired: ProxySettings | null): Record<EnvName, string | null> {
  const noProxy = desired ? toEnvNoProxy(desired.noProxy).value : '';
  return {
    HTTP_PROXY: desired?.http?.href ?? null,
    HTTPS_PROXY: desired?.https?.href ?? null,
    NO_PROXY: noProxy === '' ? null : noProxy,
  };
}

/** Already what we want: the same text, as REG_SZ or as a REG_EXPAND_SZ with nothing to expand. */
function holds(before: RegState, after: RegState): boolean {
  if (registryDriver.equal(before, after)) return true;
  return (
    before !== null &&
    after !== null &&
    before.type === 'REG_EXPAND_SZ' &&
    after.type === 'REG_SZ' &&
    before.data === after.data &&
    !after.data.includes('%')
  );
}

async function readNames(host: Host, key: string): Promise<Record<EnvName, RegState>> {
  const out = {} as Record<EnvName, RegState>;
  for (const name of WINDOWS_ENV_NAMES) out[name] = await readValue(host, { key, name });
  return out;
}

function machineConflicts(machine: Record<EnvName, RegState>): Conflict[] {
  const redact = redactor(null);
  return WINDOWS_ENV_NAMES.flatMap((name) => {
    const value = machine[name];
    return value === null
      ? []
      : [{ file: MACHINE_ENVIRONMENT, line: 0, text: redact(`${name}=${value.data}`) }];
  });
}

export function windowsEnvAdapter(host: Host): ScopeAdapter {
  return {
    scope: 'env',
    variant: 'windows',
    unavailable: () => notWindows(host, 'the Windows user environment (HKCU\\Environment)'),

    async read(): Promise<ScopeReading> {
      const user = await readNames(host, USER_ENVIRONMENT);
      const machine = await readNames(host, MACHINE_ENVIRONMENT);
      const redact = redactor(null);
      const shown = (value: RegState) => (value === null ? null : redact(value.data));
      return {
        scope: 'env',
        source: USER_ENVIRONMENT,
        http: shown(user.HTTP_PROXY),
        https: shown(user.HTTPS_PROXY),
        noProxy: shown(user.NO_PROXY),
        available: true,
        conflicts: machineConflicts(machine),
      };
    },

    async plan(desired): Promise<ScopePlan> {
      const wanted = envValues(desired);
      const steps: Step[] = [];
      for (const name of WINDOWS_ENV_NAMES) {
        const address: RegAddress = { key: USER_ENVIRONMENT, name };
        const before = await readValue(host, address);
        const value = wanted[name];
        const after: RegState = value === null ? null : { type: 'REG_SZ', data: value };
        if (!holds(before, after))
          steps.push({ scope: 'env', place: { driver: 'registry', address }, before, after });
      }
      const machine = await readNames(host, MACHINE_ENVIRONMENT);
      const warnings: string[] = [];
      if (hasCredentials(desired)) {
        warnings.push(
          'the proxy password will be stored in plain text in the registry (HKCU\\Environment), where every program you run can read it; for a GOPROXY that needs a login, prefer %USERPROFILE%\\_netrc, which go reads',
        );
      }
      if (desired) warnings.push(...toEnvNoProxy(desired.noProxy).warnings);
      const redact = redactor(null);
      for (const name of WINDOWS_ENV_NAMES) {
        const value = machine[name];
        if (value === null) continue;
        const shown = redact(`${name}=${value.data}`);
        // Windows builds a program's environment from the machine's variables, then the user's on top.
        warnings.push(
          wanted[name] !== null
            ? `${shown} is also set for all users (${MACHINE_ENVIRONMENT}); the user value written here overrides it for you`
            : `${shown} is set for all users (${MACHINE_ENVIRONMENT}) and still applies, since no user value overrides it; removing it needs an administrator (System Properties → Environment Variables → System variables)`,
        );
      }
      if (steps.length > 0) {
        warnings.push(
          'programs already running (open terminals, editors) keep their old environment: start them again',
        );
      }
      return { steps, notify: ['windows-env-broadcast'], warnings, conflicts: machineConflicts(machine) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 'system': WinINet's per-user proxy, which Edge, Chrome, .NET and most Windows programs follow

export const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
export const PROXY_POLICY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

const hostPort = (url: ProxyUrl) => `${url.host.includes(':') ? `[${url.host}]` : url.host}:${url.port}`;

/** ProxyServer: "host:port" for every protocol, or "http=host:port;https=host:port" when they differ. */
export function windowsProxyServer(http: ProxyUrl | null, https: ProxyUrl | null): string {
  if (http && https && hostPort(http) === hostPort(https)) return hostPort(http);
  return [http ? `http=${hostPort(http)}` : null, https ? `https=${hostPort(https)}` : null]
    .filter(Boolean)
    .join(';');
}

/** Reads ProxyServer as WinINet does: a bare "host:port" serves every protocol, "proto=host:port" one. */
export function parseProxyServer(text: string): { http: string | null; https: string | null } {
  let all: string | null = null;
  const by = new Map<string, string>();
  for (const part of text.split(';')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq === -1) all ??= entry;
    else by.set(entry.slice(0, eq).trim().toLowerCase(), entry.slice(eq + 1).trim());
  }
  return { http: by.get('http') ?? all, https: by.get('https') ?? all };
}

const at = (name: string): RegAddress => ({ key: INTERNET_SETTINGS, name });
const PLACES = {
  enable: at('ProxyEnable'),
  server: at('ProxyServer'),
  override: at('ProxyOverride'),
  autoConfig: at('AutoConfigURL'),
} as const;

function cachedReader(host: Host): (address: RegAddress) => Promise<RegState> {
  const seen = new Map<string, Promise<RegState>>();
  return (address) => {
    const id = describeReg(address).toLowerCase();
    if (!seen.has(id)) seen.set(id, readValue(host, address));
    return seen.get(id)!;
  };
}

async function perMachinePolicy(host: Host): Promise<Conflict[]> {
  const value = await readValue(host, { key: PROXY_POLICY, name: 'ProxySettingsPerUser' });
  return value?.type === 'REG_DWORD' && value.data === '0'
    ? [{ file: PROXY_POLICY, line: 0, text: 'ProxySettingsPerUser=0' }]
    : [];
}

const POLICY_WARNING = `a policy (${PROXY_POLICY}, ProxySettingsPerUser=0) makes Windows use one proxy setting for all users, so these per-user settings are ignored; an administrator has to change the machine's proxy`;

export function windowsSystemAdapter(host: Host): ScopeAdapter {
  return {
    scope: 'system',
    variant: 'windows',
    unavailable: () => notWindows(host, "WinINet's proxy settings (Internet Settings)"),

    async read(): Promise<ScopeReading> {
      const enable = await readValue(host, PLACES.enable);
      const server = await readValue(host, PLACES.server);
      const override = await readValue(host, PLACES.override);
      const autoConfig = await readValue(host, PLACES.autoConfig);
      const conflicts = await perMachinePolicy(host);
      const on = enable !== null && enable.data !== '0';
      const proxies = on && server ? parseProxyServer(server.data) : { http: null, https: null };
      const notes: string[] = [];
      if (!on) notes.push('the manual proxy is switched off (ProxyEnable=0)');
      if (autoConfig)
        notes.push(
          `a setup script is set (AutoConfigURL=${autoConfig.data}); Windows uses it ahead of the manual proxy`,
        );
      if (conflicts.length > 0) notes.push(POLICY_WARNING);
      return {
        scope: 'system',
        source: `${INTERNET_SETTINGS} (WinINet)`,
        http: proxies.http ? `http://${proxies.http}` : null,
        https: proxies.https ? `http://${proxies.https}` : null,
        noProxy: on && override ? override.data : null,
        available: true,
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
        conflicts,
      };
    },

    async plan(desired): Promise<ScopePlan> {
      const read = cachedReader(host);
      const wanted: [RegAddress, RegState][] = [];
      const warnings: string[] = [];
      if (desired === null) {
        // Server, bypass list and setup script stay, as when the user switches the proxy off in Settings.
        const enable = await read(PLACES.enable);
        if (enable !== null && enable.data !== '0')
          wanted.push([PLACES.enable, { type: 'REG_DWORD', data: '0' }]);
      } else {
        if (hasCredentials(desired)) {
          warnings.push(
            "Windows' system proxy has no place for a user name and password, so it is set without them; programs will ask for them (Windows can keep them in Credential Manager)",
          );
        }
        for (const url of new Map(
          [desired.http, desired.https].filter((u): u is ProxyUrl => u !== null).map((u) => [u.href, u]),
        ).values()) {
          if (url.scheme === 'https') {
            warnings.push(
              `Windows talks plain HTTP to a proxy: ${url.display} is set as ${hostPort(url)} there`,
            );
          }
        }
        wanted.push([
          PLACES.server,
          { type: 'REG_SZ', data: windowsProxyServer(desired.http, desired.https) },
        ]);
        // An empty list leaves Windows' own (often "<local>").
        if (desired.noProxy.length > 0) {
          const override = toWindowsOverride(desired.noProxy);
          warnings.push(...override.warnings);
          if (override.value !== '') wanted.push([PLACES.override, { type: 'REG_SZ', data: override.value }]);
        }
        const autoConfig = await read(PLACES.autoConfig);
        if (autoConfig !== null) {
          warnings.push(
            `the setup script (AutoConfigURL=${autoConfig.data}) is removed, since Windows would use it instead of the manual proxy; \`proxy restore\` brings it back`,
          );
          wanted.push([PLACES.autoConfig, null]);
        }
        // Last, so that nothing sees the proxy switched on before its server is in place.
        wanted.push([PLACES.enable, { type: 'REG_DWORD', data: '1' }]);
      }
      const steps: Step[] = [];
      for (const [address, after] of wanted) {
        const before = await read(address);
        if (!registryDriver.equal(before, after))
          steps.push({ scope: 'system', place: { driver: 'registry', address }, before, after });
      }
      const conflicts = await perMachinePolicy(host);
      if (conflicts.length > 0) warnings.push(POLICY_WARNING);
      return { steps, notify: ['wininet-refresh'], warnings, conflicts };
    },
  };
}
