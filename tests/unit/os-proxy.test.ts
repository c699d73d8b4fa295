import { describe, expect, it } from 'vitest';
import type { Host, RunOptions, RunResult } from '../../electron/services/host';
import {
  CONNECTIONS,
  SOURCES,
  connectionFlags,
  gnomeConfig,
  kdeConfig,
  kdeEntries,
  macosConfig,
  parseGsettingsList,
  readOsProxyConfig,
  windowsConfig,
} from '../../electron/services/netproxy/os-proxy';
import { INTERNET_SETTINGS, parseRegQuery } from '../../electron/services/netproxy/windows';

// ---------------------------------------------------------------------------------------------
// Real output texts

/** `gsettings list-recursively org.gnome.system.proxy` (GLib 2.74, gsettings-desktop-schemas 43). */
const gsettingsList = (over: Record<string, string> = {}) =>
  Object.entries({
    'org.gnome.system.proxy autoconfig-url': "''",
    'org.gnome.system.proxy ignore-hosts': "['localhost', '127.0.0.0/8', '::1']",
    'org.gnome.system.proxy mode': "'none'",
    'org.gnome.system.proxy use-same-proxy': 'true',
    'org.gnome.system.proxy.ftp host': "''",
    'org.gnome.system.proxy.ftp port': '0',
    'org.gnome.system.proxy.http authentication-password': "''",
    'org.gnome.system.proxy.http authentication-user': "''",
    'org.gnome.system.proxy.http enabled': 'false',
    'org.gnome.system.proxy.http host': "''",
    'org.gnome.system.proxy.http port': '8080',
    'org.gnome.system.proxy.http use-authentication': 'false',
    'org.gnome.system.proxy.https host': "''",
    'org.gnome.system.proxy.https port': '0',
    'org.gnome.system.proxy.socks host': "''",
    'org.gnome.system.proxy.socks port': '0',
    ...over,
  })
    .map(([k, v]) => `${k} ${v}\n`)
    .join('');

/** kioslaverc as kwriteconfig5 writes it (keys sorted, an empty value escaped as \s). */
const KIOSLAVERC = [
  '[Proxy Settings]',
  'NoProxyFor=localhost,127.0.0.1,.corp.example',
  'Proxy Config Script=http://wpad.corp.example/proxy.pac',
  'ProxyType=1',
  'httpProxy=http://proxy.corp.example 3128',
  'httpsProxy=\\s',
  'socksProxy=socks://socks.corp.example 1080',
  '',
].join('\n');

const withType = (type: string) => KIOSLAVERC.replace('ProxyType=1', `ProxyType=${type}`);

/** reg.exe on Windows 11 (CRLF; values indented and separated by four spaces). */
const internetSettings = (...values: string[]) =>
  [
    '',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
    '    CertificateRevocation    REG_DWORD    0x1',
    '    DisableCachingOfSSLPages    REG_DWORD    0x0',
    '    IE5_UA_Backup_Flag    REG_SZ    5.0',
    '    PrivacyAdvanced    REG_DWORD    0x1',
    '    SecureProtocols    REG_DWORD    0xa80',
    '    User Agent    REG_SZ    Mozilla/4.0 (compatible; MSIE 8.0; Win32)',
    '    ZonesSecurityUpgrade    REG_BINARY    1E5E8C5A2F3ED601',
    '    EnableNegotiate    REG_DWORD    0x1',
    ...values.map((v) => `    ${v}`),
    '',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\5.0',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap',
    '',
  ].join('\r\n');

/** DefaultConnectionSettings: version 0x46, a counter, the flags DWORD, then lengths and strings. */
const blob = (flags: string) =>
  `46000000 0E000000 ${flags}000000 00000000 00000000 00000000 04000000 00000000 C0A80164 02000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000`.replace(
    / /g,
    '',
  );
const connections = (flags: string) =>
  `\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections\r\n    DefaultConnectionSettings    REG_BINARY    ${blob(flags)}\r\n\r\n`;
const NOT_FOUND = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

/** scutil --proxy on macOS 14. */
const SCUTIL_NONE = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
}
`;
const SCUTIL_ALL = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
    2 : intranet.corp.example
  }
  ExcludeSimpleHostnames : 1
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.corp.example
  HTTPSEnable : 1
  HTTPSPort : 3128
  HTTPSProxy : proxy.corp.example
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.corp.example/proxy.pac
  ProxyAutoDiscoveryEnable : 1
  SOCKSEnable : 1
  SOCKSPort : 1080
  SOCKSProxy : socks.corp.example
  __SCOPED__ : <dictionary> {
    en0 : <dictionary> {
      ExceptionsList : <array> {
        0 : *.local
        1 : 169.254/16
      }
      FTPPassive : 1
      HTTPEnable : 1
      HTTPPort : 3128
      HTTPProxy : proxy.corp.example
    }
  }
}
`;
const SCUTIL_PAC = `<dictionary> {
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.company.com/wpad.dat
}
`;

// ---------------------------------------------------------------------------------------------

describe('GNOME', () => {
  it('reads the defaults as no proxy', () => {
    expect(gnomeConfig(parseGsettingsList(gsettingsList()))).toEqual({ source: SOURCES.gnome, mode: 'none' });
  });

  it("reads 'auto' with a URL as PAC and without one as WPAD", () => {
    const auto = { 'org.gnome.system.proxy mode': "'auto'" };
    expect(
      gnomeConfig(
        parseGsettingsList(
          gsettingsList({
            ...auto,
            'org.gnome.system.proxy autoconfig-url': "'http://wpad.corp.example/proxy.pac'",
          }),
        ),
      ),
    ).toEqual({ source: SOURCES.gnome, mode: 'pac', pacUrl: 'http://wpad.corp.example/proxy.pac' });
    expect(gnomeConfig(parseGsettingsList(gsettingsList(auto)))).toEqual({
      source: SOURCES.gnome,
      mode: 'wpad',
    });
  });

  it("reads 'manual' per protocol, skipping a protocol without a host, with ignore-hosts", () => {
    const config = gnomeConfig(
      parseGsettingsList(
        gsettingsList({
          'org.gnome.system.proxy mode': "'manual'",
          'org.gnome.system.proxy ignore-hosts': "['localhost', '.corp.example', '10.0.0.0/8']",
          'org.gnome.system.proxy.http host': "'proxy.corp.example'",
          'org.gnome.system.proxy.http port': '3128',
          'org.gnome.system.proxy.socks host': "'::1'",
          'org.gnome.system.proxy.socks port': '1080',
        }),
      ),
    );
    expect(config).toMatchObject({
      source: SOURCES.gnome,
      mode: 'manual',
      manual: {
        http: 'http://proxy.corp.example:3128',
        https: null,
        socks: 'socks5://[::1]:1080',
        noProxy: ['localhost', '.corp.example', '10.0.0.0/8'],
      },
    });
    expect(config.pacUrl).toBeUndefined();
    expect(config.also).toEqual([
      'use-same-proxy=true: Chromium-based browsers use http://proxy.corp.example:3128 for every protocol',
    ]);
  });
});

describe('KDE', () => {
  const read = (text: string | null, env: Host['env'] = {}) => kdeConfig(kdeEntries([text]), env);

  it('reads a missing file and ProxyType=0 as no proxy', () => {
    expect(read(null)).toEqual({ source: SOURCES.kde, mode: 'none' });
    expect(read(withType('0'))).toEqual({ source: SOURCES.kde, mode: 'none' });
  });

  it('reads manual proxies in the "URL port" form, with NoProxyFor', () => {
    expect(read(KIOSLAVERC)).toEqual({
      source: SOURCES.kde,
      mode: 'manual',
      manual: {
        http: 'http://proxy.corp.example:3128',
        https: null,
        socks: 'socks://socks.corp.example:1080',
        noProxy: ['localhost', '127.0.0.1', '.corp.example'],
      },
    });
    // KDE 4 wrote "host:port" without a scheme.
    expect(read('[Proxy Settings]\nProxyType=1\nhttpProxy=proxy:8080\n').manual?.http).toBe(
      'http://proxy:8080',
    );
  });

  it('reads ProxyType=2 as PAC, 3 as WPAD and 4 from the environment variables it names', () => {
    expect(read(withType('2'))).toEqual({
      source: SOURCES.kde,
      mode: 'pac',
      pacUrl: 'http://wpad.corp.example/proxy.pac',
    });
    expect(read('[Proxy Settings]\nProxyType=2\n')).toMatchObject({
      mode: 'none',
      also: [expect.stringMatching(/empty/)],
    });
    expect(read(withType('3'))).toEqual({ source: SOURCES.kde, mode: 'wpad' });
    const env = read(
      '[Proxy Settings]\nProxyType=4\nhttpProxy=HTTP_PROXY\nhttpsProxy=HTTPS_PROXY\nNoProxyFor=NO_PROXY\n',
      {
        HTTP_PROXY: 'http://proxy.corp.example:3128',
        NO_PROXY: 'localhost,.corp.example',
      },
    );
    expect(env).toMatchObject({
      mode: 'manual',
      manual: {
        http: 'http://proxy.corp.example:3128',
        https: null,
        socks: null,
        noProxy: ['localhost', '.corp.example'],
      },
      also: [
        'ProxyType=4: KDE takes the proxies from the environment variables HTTP_PROXY, HTTPS_PROXY, NO_PROXY',
      ],
    });
  });

  it("lets the user's file override /etc/xdg, unless the administrator locked the group", () => {
    const system = '[Proxy Settings]\nProxyType=3\n';
    expect(kdeConfig(kdeEntries([system, KIOSLAVERC]), {}).mode).toBe('manual');
    expect(kdeConfig(kdeEntries([system, null]), {}).mode).toBe('wpad');
    expect(kdeConfig(kdeEntries(['[Proxy Settings][$i]\nProxyType=3\n', KIOSLAVERC]), {}).mode).toBe('wpad');
  });
});

describe('Windows', () => {
  const read = (settings: string, conn: string | null = null) =>
    windowsConfig(parseRegQuery(settings), conn === null ? null : parseRegQuery(conn));

  it('reads the flags byte of DefaultConnectionSettings', () => {
    expect(connectionFlags(blob('09'))).toBe(0x09);
    expect(connectionFlags('4600')).toBeNull();
  });

  it('reads a single ProxyServer for http and https, with ProxyOverride', () => {
    expect(
      read(
        internetSettings(
          'ProxyEnable    REG_DWORD    0x1',
          'MigrateProxy    REG_DWORD    0x1',
          'ProxyServer    REG_SZ    127.0.0.1:7890',
          'ProxyOverride    REG_SZ    localhost;127.*;10.*;<local>',
        ),
        connections('03'),
      ),
    ).toEqual({
      source: SOURCES.windows,
      mode: 'manual',
      manual: {
        http: 'http://127.0.0.1:7890',
        https: 'http://127.0.0.1:7890',
        socks: null,
        noProxy: ['localhost', '127.*', '10.*', '<local>'],
      },
    });
  });

  it('reads per-protocol ProxyServer, and a switched-off one as nothing', () => {
    const server = 'ProxyServer    REG_SZ    http=a.corp:1;https=b.corp:2;socks=c.corp:3';
    expect(read(internetSettings('ProxyEnable    REG_DWORD    0x1', server)).manual).toEqual({
      http: 'http://a.corp:1',
      https: 'http://b.corp:2',
      socks: 'socks4://c.corp:3',
      noProxy: [],
    });
    expect(read(internetSettings('ProxyEnable    REG_DWORD    0x0', server), connections('01'))).toEqual({
      source: SOURCES.windows,
      mode: 'none',
    });
  });

  it('puts auto-detect before the PAC URL before the manual proxy, noting the others', () => {
    const all = internetSettings(
      'ProxyEnable    REG_DWORD    0x1',
      'ProxyServer    REG_SZ    proxy.corp:8080',
      'AutoConfigURL    REG_SZ    http://wpad.corp.example/proxy.pac',
    );
    expect(read(all, connections('0F'))).toEqual({
      source: SOURCES.windows,
      mode: 'wpad',
      pacUrl: 'http://wpad.corp.example/proxy.pac',
      manual: { http: 'http://proxy.corp:8080', https: 'http://proxy.corp:8080', socks: null, noProxy: [] },
      also: [
        'if that fails: the proxy auto-config script http://wpad.corp.example/proxy.pac',
        'if that fails: the manual proxies (http http://proxy.corp:8080, https http://proxy.corp:8080)',
      ],
    });
    expect(read(all, connections('07')).mode).toBe('pac');
    expect(read(internetSettings(), connections('09'))).toEqual({ source: SOURCES.windows, mode: 'wpad' });
  });

  it('runs exactly these reg.exe queries', async () => {
    const calls: string[][] = [];
    const host = fakeHost('win32', (file, args) => {
      calls.push([file, ...args]);
      if (args[1] === INTERNET_SETTINGS)
        return ok(internetSettings('AutoConfigURL    REG_SZ    http://pac/x.pac'));
      return { ...ok(''), code: 1, stderr: NOT_FOUND };
    });
    expect(await readOsProxyConfig(host)).toEqual({
      source: SOURCES.windows,
      mode: 'pac',
      pacUrl: 'http://pac/x.pac',
    });
    expect(calls).toEqual([
      ['C:\\Windows\\System32\\reg.exe', 'query', INTERNET_SETTINGS],
      ['C:\\Windows\\System32\\reg.exe', 'query', CONNECTIONS, '/v', 'DefaultConnectionSettings'],
    ]);
  });
});

describe('macOS', () => {
  it('reads nothing switched on as no proxy', () => {
    expect(macosConfig(SCUTIL_NONE)).toEqual({ source: SOURCES.macos, mode: 'none' });
    expect(macosConfig(SCUTIL_PAC)).toEqual({
      source: SOURCES.macos,
      mode: 'pac',
      pacUrl: 'http://wpad.company.com/wpad.dat',
    });
  });

  it('reads discovery, PAC and manual proxies in the order they are tried', () => {
    expect(macosConfig(SCUTIL_ALL)).toEqual({
      source: SOURCES.macos,
      mode: 'wpad',
      pacUrl: 'http://wpad.corp.example/proxy.pac',
      manual: {
        http: 'http://proxy.corp.example:3128',
        https: 'http://proxy.corp.example:3128',
        socks: 'socks5://socks.corp.example:1080',
        noProxy: ['*.local', '169.254/16', 'intranet.corp.example'],
      },
      also: [
        'if that fails: the proxy auto-config script http://wpad.corp.example/proxy.pac',
        'if that fails: the manual proxies (http http://proxy.corp.example:3128, https http://proxy.corp.example:3128, socks socks5://socks.corp.example:1080)',
        'ExcludeSimpleHostnames: host names without a dot bypass the proxies',
      ],
    });
  });

  it('runs exactly scutil --proxy, and says so when it cannot', async () => {
    const calls: string[][] = [];
    const host = fakeHost('darwin', (file, args) => {
      calls.push([file, ...args]);
      return ok(SCUTIL_PAC);
    });
    expect((await readOsProxyConfig(host)).mode).toBe('pac');
    expect(calls).toEqual([['/usr/sbin/scutil', '--proxy']]);
    const failing = fakeHost('darwin', () => ({ ...ok(''), code: 1, stderr: 'scutil: no store' }));
    expect(await readOsProxyConfig(failing)).toEqual({
      source: 'macOS (scutil --proxy): scutil --proxy failed (scutil: no store)',
      mode: 'none',
    });
  });
});

describe('readOsProxyConfig on Linux', () => {
  it('says why there is nothing without a desktop, or without gsettings', async () => {
    expect(await readOsProxyConfig(fakeHost('linux', () => ok(''), {}))).toMatchObject({
      source: 'none: no desktop session (XDG_CURRENT_DESKTOP is not set)',
      mode: 'none',
    });
    expect(
      await readOsProxyConfig(fakeHost('linux', () => ok(''), { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })),
    ).toEqual({
      source: `${SOURCES.gnome}: gsettings is not installed (package libglib2.0-bin)`,
      mode: 'none',
    });
  });

  it('runs gsettings list-recursively on GNOME and reads kioslaverc on KDE', async () => {
    const calls: string[][] = [];
    const gnome = fakeHost(
      'linux',
      (file, args) => {
        calls.push([file, ...args]);
        return ok(gsettingsList({ 'org.gnome.system.proxy mode': "'auto'" }));
      },
      { XDG_CURRENT_DESKTOP: 'GNOME' },
      { gsettings: '/usr/bin/gsettings' },
    );
    expect((await readOsProxyConfig(gnome)).mode).toBe('wpad');
    expect(calls).toEqual([['/usr/bin/gsettings', 'list-recursively', 'org.gnome.system.proxy']]);
    const kde = fakeHost('linux', () => ok(''), {
      XDG_CURRENT_DESKTOP: 'KDE',
      XDG_CONFIG_HOME: '/home/u/.config',
    });
    kde.readText = async (file) => (file === '/home/u/.config/kioslaverc' ? withType('3') : null);
    expect(await readOsProxyConfig(kde)).toEqual({ source: SOURCES.kde, mode: 'wpad' });
  });
});

function ok(stdout: string): RunResult {
  return { code: 0, signal: null, stdout, stderr: '', timedOut: false };
}

function fakeHost(
  platform: NodeJS.Platform,
  run: (file: string, args: readonly string[], options?: RunOptions) => RunResult,
  env: Host['env'] = {},
  programs: Record<string, string> = {},
): Host {
  return {
    platform,
    env,
    homedir: '/home/u',
    dataDir: '/home/u/.data',
    run: async (file, args, options) => run(file, args, options),
    readText: async () => null,
    which: async (program) => programs[program] ?? null,
    now: () => 0,
    listDir: async () => null,
    lookup: async () => [],
  };
}
