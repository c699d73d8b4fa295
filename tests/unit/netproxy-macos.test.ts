import { describe, expect, it } from 'vitest';
import type { Host, RunResult } from '../../electron/services/host';
import {
  LAUNCH_AGENT_LABEL,
  launchAgentPath,
  launchAgentPlist,
  launchctlDriver,
  macosSystemAdapter,
  networksetupDriver,
  parseBypassDomains,
  parseNetworkServices,
  parseScutilProxy,
  parseWebProxy,
  type NetworksetupAddress,
  type NetworksetupState,
  type WebProxyState,
} from '../../electron/services/netproxy/macos';
import { parseSettings } from '../../electron/services/netproxy/settings';
import { DriverError, type Step } from '../../electron/services/netproxy/types';

// ---------------------------------------------------------------------------------------------
// Real outputs (macOS 12-15).

const SERVICES =
  'An asterisk (*) denotes that a network service is disabled.\nUSB 10/100/1000 LAN\nWi-Fi\n*Bluetooth PAN\nThunderbolt Bridge\n';
const WEB_ON = 'Enabled: Yes\nServer: 127.0.0.1\nPort: 7890\nAuthenticated Proxy Enabled: 0\n';
const WEB_OFF = 'Enabled: No\nServer: \nPort: 0\nAuthenticated Proxy Enabled: 0\n';
const WEB_OFF_NO_SPACE = 'Enabled: No\nServer:\nPort: 0\nAuthenticated Proxy Enabled: 0\n';
const NO_BYPASS = "There aren't any bypass domains set on Wi-Fi.\n";
const ADMIN = '** Error: Command requires admin privileges.\n';
const UNKNOWN_SERVICE =
  'Wi-Fi 2 is not a recognized network service.\n** Error: The parameters were not valid.\n';

const SCUTIL_MANUAL = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 7890
  HTTPProxy : 127.0.0.1
  HTTPSEnable : 1
  HTTPSPort : 7890
  HTTPSProxy : 127.0.0.1
  SOCKSEnable : 1
  SOCKSPort : 7891
  SOCKSProxy : 127.0.0.1
  __SCOPED__ : <dictionary> {
    en0 : <dictionary> {
      ExceptionsList : <array> {
        0 : *.local
        1 : 169.254/16
      }
      FTPPassive : 1
      HTTPEnable : 1
      HTTPPort : 7890
      HTTPProxy : 127.0.0.1
    }
  }
}
`;
const SCUTIL_PAC = `<dictionary> {
  ProxyAutoConfigEnable : 1
  ProxyAutoConfigURLString : http://wpad.company.com/wpad.dat
}
`;
const SCUTIL_NONE = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  HTTPEnable : 0
  HTTPSEnable : 0
}
`;

describe('parsers', () => {
  it('lists network services, skipping the note and marking disabled ones', () => {
    expect(parseNetworkServices(SERVICES)).toEqual([
      { name: 'USB 10/100/1000 LAN', enabled: true },
      { name: 'Wi-Fi', enabled: true },
      { name: 'Bluetooth PAN', enabled: false },
      { name: 'Thunderbolt Bridge', enabled: true },
    ]);
  });

  it('reads -getwebproxy, set or not', () => {
    expect(parseWebProxy(WEB_ON)).toEqual({
      enabled: true,
      host: '127.0.0.1',
      port: 7890,
      authenticated: false,
    });
    expect(parseWebProxy(WEB_OFF)).toEqual({ enabled: false, host: '', port: 0, authenticated: false });
    expect(parseWebProxy(WEB_OFF_NO_SPACE)).toEqual({
      enabled: false,
      host: '',
      port: 0,
      authenticated: false,
    });
    expect(
      parseWebProxy('Enabled: No\nServer: proxy.corp\nPort: 3128\nAuthenticated Proxy Enabled: 1\n'),
    ).toEqual({
      enabled: false,
      host: 'proxy.corp',
      port: 3128,
      authenticated: true,
    });
    expect(() => parseWebProxy(UNKNOWN_SERVICE)).toThrow(DriverError);
  });

  it('reads -getproxybypassdomains, including its sentence for an empty list', () => {
    expect(parseBypassDomains(NO_BYPASS)).toEqual([]);
    expect(parseBypassDomains("There aren't any bypass domains set on USB 10/100/1000 LAN.\n")).toEqual([]);
    expect(parseBypassDomains('*.local\n169.254/16\n')).toEqual(['*.local', '169.254/16']);
  });

  it('reads scutil --proxy with nested arrays and per-interface dictionaries', () => {
    const p = parseScutilProxy(SCUTIL_MANUAL);
    expect(p).toMatchObject({
      http: { host: '127.0.0.1', port: 7890 },
      https: { host: '127.0.0.1', port: 7890 },
      exceptions: ['*.local', '169.254/16'],
      excludeSimpleHostnames: false,
      autoConfigUrl: null,
      autoDiscovery: false,
    });
    expect(p.raw.__SCOPED__).toEqual({
      en0: {
        ExceptionsList: ['*.local', '169.254/16'],
        FTPPassive: '1',
        HTTPEnable: '1',
        HTTPPort: '7890',
        HTTPProxy: '127.0.0.1',
      },
    });
  });

  it('reads a PAC-only and a switched-off scutil --proxy', () => {
    expect(parseScutilProxy(SCUTIL_PAC)).toMatchObject({
      http: null,
      https: null,
      exceptions: [],
      autoConfigUrl: 'http://wpad.company.com/wpad.dat',
    });
    expect(parseScutilProxy(SCUTIL_NONE)).toMatchObject({
      http: null,
      https: null,
      exceptions: ['*.local', '169.254/16'],
    });
    expect(() => parseScutilProxy('No proxy\n')).toThrow(DriverError);
    expect(() => parseScutilProxy('<dictionary> {\n  A : <array> {\n')).toThrow('ended inside a block');
  });
});

// ---------------------------------------------------------------------------------------------
// A fake macOS: networksetup, launchctl and scutil over in-memory settings, answering as the real ones.

interface ServiceState {
  enabled: boolean;
  web: WebProxyState;
  secureweb: WebProxyState;
  bypass: string[];
}

const off = (): WebProxyState => ({ enabled: false, host: '', port: 0, authenticated: false });

class FakeMac {
  services = new Map<string, ServiceState>();
  launchd = new Map<string, string>();
  calls: string[][] = [];
  scutil = SCUTIL_NONE;
  /** networksetup refuses changes (the admin-password setting). */
  needsAdmin = false;
  /** networksetup ignores set commands silently (exit 0, no output). */
  ignoresSets = false;
  /** Answers for exact argv, before the emulation. */
  table = new Map<string, Partial<RunResult>>();

  constructor() {
    for (const name of ['USB 10/100/1000 LAN', 'Wi-Fi', 'Bluetooth PAN', 'Thunderbolt Bridge']) {
      this.services.set(name, {
        enabled: name !== 'Bluetooth PAN',
        web: off(),
        secureweb: off(),
        bypass: ['*.local', '169.254/16'],
      });
    }
  }

  snapshot(): string {
    return JSON.stringify([...this.services]);
  }

  host(): Host {
    return {
      platform: 'darwin',
      env: { HOME: '/Users/me' },
      homedir: '/Users/me',
      dataDir: '/Users/me/Library/Application Support/GoProxy Desk',
      run: async (file, args) => {
        const argv = [file, ...args];
        this.calls.push(argv);
        return {
          signal: null,
          timedOut: false,
          stdout: '',
          stderr: '',
          code: 0,
          ...(this.table.get(argv.join(' ')) ?? this.answer(file, [...args])),
        };
      },
      readText: async () => null,
      which: async () => null,
      now: () => 0,
      listDir: async () => null,
      lookup: async () => [],
    };
  }

  private answer(file: string, args: string[]): Partial<RunResult> {
    if (file === '/usr/sbin/scutil') return { stdout: this.scutil };
    if (file === '/bin/launchctl') {
      const [verb, name, value] = args as [string, string, string | undefined];
      if (verb === 'getenv') return { stdout: this.launchd.has(name) ? `${this.launchd.get(name)}\n` : '' };
      if (verb === 'setenv') this.launchd.set(name, value!);
      if (verb === 'unsetenv') this.launchd.delete(name);
      return {};
    }
    if (file !== '/usr/sbin/networksetup') throw new Error(`unexpected program ${file}`);
    const [verb, service, ...rest] = args as [string, string, ...string[]];
    if (verb === '-listallnetworkservices') {
      const names = [...this.services].map(([name, s]) => (s.enabled ? name : `*${name}`));
      return {
        stdout: ['An asterisk (*) denotes that a network service is disabled.', ...names, ''].join('\n'),
      };
    }
    const s = this.services.get(service);
    // The real tool says so on stdout, with exit status 4.
    if (!s)
      return {
        code: 4,
        stdout: `${service} is not a recognized network service.\n** Error: The parameters were not valid.\n`,
      };
    const kind = verb.includes('secureweb') ? 'secureweb' : 'web';
    if (verb === '-getwebproxy' || verb === '-getsecurewebproxy') {
      const p = s[kind];
      return {
        stdout: `Enabled: ${p.enabled ? 'Yes' : 'No'}\nServer: ${p.host}\nPort: ${p.port}\nAuthenticated Proxy Enabled: ${p.authenticated ? 1 : 0}\n`,
      };
    }
    if (verb === '-getproxybypassdomains') {
      return {
        stdout:
          s.bypass.length === 0
            ? `There aren't any bypass domains set on ${service}.\n`
            : `${s.bypass.join('\n')}\n`,
      };
    }
    if (this.needsAdmin) return { code: 14, stdout: ADMIN };
    if (this.ignoresSets) return {};
    if (verb === '-setwebproxy' || verb === '-setsecurewebproxy')
      s[kind] = { ...s[kind], enabled: true, host: rest[0]!, port: Number(rest[1]) };
    else if (verb === '-setwebproxystate' || verb === '-setsecurewebproxystate')
      s[kind] = { ...s[kind], enabled: rest[0] === 'on' };
    else if (verb === '-setproxybypassdomains') s.bypass = rest[0] === 'Empty' ? [] : rest;
    else throw new Error(`unexpected networksetup ${verb}`);
    return {};
  }

  /** Calls without the program's folder, networksetup's reads left out when `writes` is set. */
  shown(writes = false): string[][] {
    return this.calls
      .map(([file, ...args]) => [file!.split('/').pop()!, ...args])
      .filter((c) => !writes || !(c[0] === 'networksetup' && /^-get|^-list/.test(c[1]!)));
  }
}

const web = (service: string): NetworksetupAddress => ({ service, kind: 'web' });

async function apply(host: Host, steps: Step[]): Promise<void> {
  for (const s of steps)
    await networksetupDriver.write(
      host,
      s.place.address as NetworksetupAddress,
      s.after as NetworksetupState,
    );
}
async function restore(host: Host, steps: Step[]): Promise<void> {
  for (const s of [...steps].reverse()) {
    await networksetupDriver.write(
      host,
      s.place.address as NetworksetupAddress,
      s.before as NetworksetupState,
    );
  }
}

describe('networksetupDriver', () => {
  it('reads with the exact argv', async () => {
    const mac = new FakeMac();
    const host = mac.host();
    expect(await networksetupDriver.read(host, web('Wi-Fi'))).toEqual(off());
    expect(await networksetupDriver.read(host, { service: 'Wi-Fi', kind: 'bypass' })).toEqual({
      domains: ['*.local', '169.254/16'],
    });
    expect(mac.calls).toEqual([
      ['/usr/sbin/networksetup', '-getwebproxy', 'Wi-Fi'],
      ['/usr/sbin/networksetup', '-getproxybypassdomains', 'Wi-Fi'],
    ]);
  });

  it('sets a server (which switches it on) and restore switches it off again', async () => {
    const mac = new FakeMac();
    const host = mac.host();
    await networksetupDriver.write(host, web('Wi-Fi'), { enabled: true, host: '127.0.0.1', port: 7890 });
    await networksetupDriver.write(host, web('Wi-Fi'), off());
    expect(mac.shown()).toEqual([
      ['networksetup', '-getwebproxy', 'Wi-Fi'],
      ['networksetup', '-setwebproxy', 'Wi-Fi', '127.0.0.1', '7890'],
      ['networksetup', '-getwebproxy', 'Wi-Fi'],
      ['networksetup', '-getwebproxy', 'Wi-Fi'],
      ['networksetup', '-setwebproxystate', 'Wi-Fi', 'off'],
      ['networksetup', '-getwebproxy', 'Wi-Fi'],
    ]);
    // networksetup cannot clear a server name: switched off, it means no proxy all the same.
    expect(mac.services.get('Wi-Fi')!.web).toEqual({
      enabled: false,
      host: '127.0.0.1',
      port: 7890,
      authenticated: false,
    });
    expect(networksetupDriver.equal(await networksetupDriver.read(host, web('Wi-Fi')), off())).toBe(true);
  });

  it('restores a switched-off proxy with its old server', async () => {
    const mac = new FakeMac();
    mac.services.get('Wi-Fi')!.secureweb = {
      enabled: false,
      host: 'proxy.corp',
      port: 3128,
      authenticated: false,
    };
    const host = mac.host();
    const address: NetworksetupAddress = { service: 'Wi-Fi', kind: 'secureweb' };
    const before = await networksetupDriver.read(host, address);
    await networksetupDriver.write(host, address, { enabled: true, host: '127.0.0.1', port: 7890 });
    mac.calls = [];
    await networksetupDriver.write(host, address, before);
    expect(mac.shown(true)).toEqual([
      ['networksetup', '-setsecurewebproxy', 'Wi-Fi', 'proxy.corp', '3128'],
      ['networksetup', '-setsecurewebproxystate', 'Wi-Fi', 'off'],
    ]);
    expect(mac.services.get('Wi-Fi')!.secureweb).toEqual(before);
  });

  it('writes and clears bypass domains ("Empty")', async () => {
    const mac = new FakeMac();
    const host = mac.host();
    await networksetupDriver.write(host, { service: 'Wi-Fi', kind: 'bypass' }, { domains: [] });
    await networksetupDriver.write(
      host,
      { service: 'Wi-Fi', kind: 'bypass' },
      { domains: ['*.local', '169.254/16'] },
    );
    expect(mac.shown(true)).toEqual([
      ['networksetup', '-setproxybypassdomains', 'Wi-Fi', 'Empty'],
      ['networksetup', '-setproxybypassdomains', 'Wi-Fi', '*.local', '169.254/16'],
    ]);
  });

  it('tells the user what to do when macOS wants an administrator (exit 14)', async () => {
    const mac = new FakeMac();
    mac.needsAdmin = true;
    const error = await networksetupDriver
      .write(mac.host(), web('Wi-Fi'), { enabled: true, host: 'p', port: 1 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect(error.message).toContain('administrator');
    expect(error.message).toContain('Require an administrator password to access system-wide settings');
    expect(error.argv).toEqual(['networksetup', '-setwebproxy', 'Wi-Fi', 'p', '1']);
  });

  it('recognises the admin message even with exit status 0', async () => {
    const mac = new FakeMac();
    mac.table.set('/usr/sbin/networksetup -setwebproxystate Wi-Fi off', { code: 0, stdout: ADMIN });
    mac.services.get('Wi-Fi')!.web = { enabled: true, host: 'p', port: 1, authenticated: false };
    await expect(
      networksetupDriver.write(mac.host(), web('Wi-Fi'), { enabled: false, host: 'p', port: 1 }),
    ).rejects.toThrow('administrator');
  });

  it('fails on "** Error" printed with exit status 0, and on an unknown service', async () => {
    const mac = new FakeMac();
    mac.table.set('/usr/sbin/networksetup -getwebproxy Wi-Fi', {
      code: 0,
      stdout: '** Error: Unable to get proxy settings.\n',
    });
    const zero = await networksetupDriver.read(mac.host(), web('Wi-Fi')).catch((e) => e);
    expect(zero).toBeInstanceOf(DriverError);
    expect(zero.message).toBe(
      'networksetup -getwebproxy Wi-Fi failed: ** Error: Unable to get proxy settings.',
    );
    const unknown = await networksetupDriver.read(mac.host(), web('Wi-Fi 2')).catch((e) => e);
    expect(unknown.message).toBe(
      'networksetup -getwebproxy Wi-Fi 2 failed: Wi-Fi 2 is not a recognized network service. ** Error: The parameters were not valid.',
    );
    expect(unknown.argv).toEqual(['networksetup', '-getwebproxy', 'Wi-Fi 2']);
  });

  it('notices a change networksetup did not make although it said nothing', async () => {
    const mac = new FakeMac();
    mac.ignoresSets = true;
    await expect(
      networksetupDriver.write(mac.host(), web('Wi-Fi'), { enabled: true, host: 'p', port: 1 }),
    ).rejects.toThrow('macOS did not keep the change to networksetup "Wi-Fi" Web proxy (HTTP)');
  });

  it('previews the commands, and checks journal data', () => {
    const host = new FakeMac().host();
    expect(
      networksetupDriver.preview(host, web('Wi-Fi'), off(), { enabled: true, host: 'p', port: 1 }, (t) => t),
    ).toEqual({
      action: 'set',
      commands: [['networksetup', '-setwebproxy', 'Wi-Fi', 'p', '1']],
    });
    expect(
      networksetupDriver.preview(
        host,
        { service: 'Wi-Fi', kind: 'bypass' },
        { domains: ['a'] },
        { domains: [] },
        (t) => t,
      ),
    ).toEqual({
      action: 'set',
      commands: [['networksetup', '-setproxybypassdomains', 'Wi-Fi', 'Empty']],
    });
    expect(networksetupDriver.parseState({ enabled: true, host: 'p', port: 1 })).toEqual({
      enabled: true,
      host: 'p',
      port: 1,
    });
    expect(() => networksetupDriver.parseState({ enabled: true, host: 'p q', port: 1 })).toThrow();
    expect(() => networksetupDriver.parseAddress({ service: 'Wi-Fi', kind: 'socks' })).toThrow();
  });
});

describe('macosSystemAdapter', () => {
  const settings = parseSettings({
    http: 'http://127.0.0.1:7890',
    noProxy: 'localhost,*.corp.example,10.0.0.0/8',
  });

  it('plans every enabled service (not only Wi-Fi), and restore runs the inverse commands', async () => {
    const mac = new FakeMac();
    mac.services.get('Wi-Fi')!.secureweb = {
      enabled: false,
      host: 'old.corp',
      port: 3128,
      authenticated: false,
    };
    const original = mac.snapshot();
    const host = mac.host();
    const plan = await macosSystemAdapter(host).plan(settings);
    const enabled = ['USB 10/100/1000 LAN', 'Wi-Fi', 'Thunderbolt Bridge'];
    expect(
      plan.steps.map((s) => [
        (s.place.address as NetworksetupAddress).service,
        (s.place.address as NetworksetupAddress).kind,
      ]),
    ).toEqual(
      enabled.flatMap((svc) => [
        [svc, 'web'],
        [svc, 'secureweb'],
        [svc, 'bypass'],
      ]),
    );
    expect(plan.steps[4]).toEqual({
      scope: 'system',
      place: { driver: 'networksetup', address: { service: 'Wi-Fi', kind: 'secureweb' } },
      before: { enabled: false, host: 'old.corp', port: 3128, authenticated: false },
      after: { enabled: true, host: '127.0.0.1', port: 7890, authenticated: false },
    });
    expect(plan.steps[2]!.after).toEqual({
      domains: ['localhost', '*.localhost', '*.corp.example', '10.0.0.0/8'],
    });
    expect(plan.notify).toEqual([]);
    expect(mac.shown()).toEqual([
      ['networksetup', '-listallnetworkservices'],
      ...enabled.flatMap((svc) => [
        ['networksetup', '-getwebproxy', svc],
        ['networksetup', '-getsecurewebproxy', svc],
        ['networksetup', '-getproxybypassdomains', svc],
      ]),
      ['scutil', '--proxy'],
    ]);

    mac.calls = [];
    await apply(host, plan.steps);
    expect(mac.shown(true).filter((c) => c.includes('Wi-Fi'))).toEqual([
      ['networksetup', '-setwebproxy', 'Wi-Fi', '127.0.0.1', '7890'],
      ['networksetup', '-setsecurewebproxy', 'Wi-Fi', '127.0.0.1', '7890'],
      [
        'networksetup',
        '-setproxybypassdomains',
        'Wi-Fi',
        'localhost',
        '*.localhost',
        '*.corp.example',
        '10.0.0.0/8',
      ],
    ]);
    mac.calls = [];
    await restore(host, plan.steps);
    expect(mac.shown(true).filter((c) => c.includes('Wi-Fi'))).toEqual([
      ['networksetup', '-setproxybypassdomains', 'Wi-Fi', '*.local', '169.254/16'],
      ['networksetup', '-setsecurewebproxy', 'Wi-Fi', 'old.corp', '3128'],
      ['networksetup', '-setsecurewebproxystate', 'Wi-Fi', 'off'],
      ['networksetup', '-setwebproxystate', 'Wi-Fi', 'off'],
    ]);
    // Every place holds its old state again; only server names that were never set stay written (switched off).
    for (const step of plan.steps) {
      const now = await networksetupDriver.read(host, step.place.address as NetworksetupAddress);
      expect(networksetupDriver.equal(now, step.before as NetworksetupState)).toBe(true);
    }
    expect(mac.services.get('Wi-Fi')!.secureweb).toEqual({
      enabled: false,
      host: 'old.corp',
      port: 3128,
      authenticated: false,
    });
    const written = (p: WebProxyState) => (p.host === '' ? { ...p, host: '127.0.0.1', port: 7890 } : p);
    expect(JSON.parse(mac.snapshot())).toEqual(
      JSON.parse(original).map(([name, s]: [string, ServiceState]) =>
        s.enabled ? [name, { ...s, web: written(s.web), secureweb: written(s.secureweb) }] : [name, s],
      ),
    );
  });

  it('leaves the bypass list alone when none is given, and warns about credentials and https proxies', async () => {
    const mac = new FakeMac();
    const plan = await macosSystemAdapter(mac.host()).plan(
      parseSettings({ https: 'https://u:s3cret@p.example:8443' }),
    );
    expect(plan.steps.every((s) => (s.place.address as NetworksetupAddress).kind !== 'bypass')).toBe(true);
    expect(plan.steps[0]!.after).toEqual({
      enabled: true,
      host: 'p.example',
      port: 8443,
      authenticated: false,
    });
    expect(plan.warnings[0]).toContain('without the user name and password');
    expect(plan.warnings[1]).toBe(
      'macOS talks plain HTTP to a proxy: https://u:xxxxx@p.example:8443 is set as p.example:8443 there',
    );
    expect(JSON.stringify(plan)).not.toContain('s3cret');
    expect(mac.calls.flat().join(' ')).not.toContain('s3cret');
  });

  it('unset switches the proxies off and keeps server, port and bypass list', async () => {
    const mac = new FakeMac();
    mac.services.get('Wi-Fi')!.web = { enabled: true, host: 'p', port: 1, authenticated: false };
    const host = mac.host();
    const plan = await macosSystemAdapter(host).plan(null);
    expect(plan.steps.map((s) => [s.place.address, s.after])).toEqual([
      [web('Wi-Fi'), { enabled: false, host: 'p', port: 1, authenticated: false }],
    ]);
    mac.calls = [];
    await apply(host, plan.steps);
    expect(mac.shown(true)).toEqual([['networksetup', '-setwebproxystate', 'Wi-Fi', 'off']]);
  });

  it('warns when a PAC is on, and reads the proxy in effect from scutil', async () => {
    const mac = new FakeMac();
    mac.scutil = SCUTIL_PAC;
    const plan = await macosSystemAdapter(mac.host()).plan(parseSettings({ http: 'http://p:1' }));
    expect(plan.warnings.at(-1)).toContain(
      'automatic proxy configuration (PAC, http://wpad.company.com/wpad.dat) is on',
    );
    mac.scutil = SCUTIL_MANUAL;
    expect(await macosSystemAdapter(mac.host()).read()).toEqual({
      scope: 'system',
      source: 'networksetup: USB 10/100/1000 LAN, Wi-Fi, Thunderbolt Bridge (in effect: scutil --proxy)',
      http: 'http://127.0.0.1:7890',
      https: 'http://127.0.0.1:7890',
      noProxy: '*.local,169.254/16',
      available: true,
      conflicts: [],
    });
  });

  it('is unavailable elsewhere than macOS', async () => {
    expect(await macosSystemAdapter({ ...new FakeMac().host(), platform: 'win32' }).unavailable()).toMatch(
      /only on macOS/,
    );
  });
});

describe('launchctlDriver', () => {
  it('gets, sets and unsets with the exact argv, reading back each change', async () => {
    const mac = new FakeMac();
    const host = mac.host();
    expect(await launchctlDriver.read(host, { name: 'HTTP_PROXY' })).toEqual({ value: null });
    await launchctlDriver.write(host, { name: 'HTTP_PROXY' }, { value: 'http://127.0.0.1:7890' });
    expect(await launchctlDriver.read(host, { name: 'HTTP_PROXY' })).toEqual({
      value: 'http://127.0.0.1:7890',
    });
    await launchctlDriver.write(host, { name: 'HTTP_PROXY' }, { value: null });
    expect(mac.shown()).toEqual([
      ['launchctl', 'getenv', 'HTTP_PROXY'],
      ['launchctl', 'setenv', 'HTTP_PROXY', 'http://127.0.0.1:7890'],
      ['launchctl', 'getenv', 'HTTP_PROXY'],
      ['launchctl', 'getenv', 'HTTP_PROXY'],
      ['launchctl', 'unsetenv', 'HTTP_PROXY'],
      ['launchctl', 'getenv', 'HTTP_PROXY'],
    ]);
    expect(mac.launchd.size).toBe(0);
  });

  it('hides passwords in errors and previews', async () => {
    const mac = new FakeMac();
    mac.table.set('/bin/launchctl setenv HTTP_PROXY http://u:s3cret@p:1', {
      code: 1,
      stderr:
        'Could not set environment: 150: Operation not permitted while System Integrity Protection is engaged\n',
    });
    const error = await launchctlDriver
      .write(mac.host(), { name: 'HTTP_PROXY' }, { value: 'http://u:s3cret@p:1' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect(error.message).toContain(
      'launchctl setenv HTTP_PROXY http://u:xxxxx@p:1 failed: Could not set environment',
    );
    expect(JSON.stringify(error.argv)).not.toContain('s3cret');
    const preview = launchctlDriver.preview(
      mac.host(),
      { name: 'HTTP_PROXY' },
      { value: null },
      { value: 'http://u:s3cret@p:1' },
      (t) => t.replace('s3cret', 'xxxxx'),
    );
    expect(preview).toEqual({
      action: 'set',
      commands: [['launchctl', 'setenv', 'HTTP_PROXY', 'http://u:xxxxx@p:1']],
    });
  });

  it('refuses names that are not variable names', () => {
    expect(() => launchctlDriver.parseAddress({ name: 'A B' })).toThrow();
    expect(launchctlDriver.parseState({ value: null })).toEqual({ value: null });
  });
});

describe('launch agent', () => {
  it('runs launchctl setenv with every pair at load, values XML-escaped', () => {
    expect(LAUNCH_AGENT_LABEL).toBe('io.github.goproxy-desk.env');
    expect(launchAgentPath({ homedir: '/Users/me' })).toBe(
      '/Users/me/Library/LaunchAgents/io.github.goproxy-desk.env.plist',
    );
    expect(launchAgentPlist({ http_proxy: 'http://127.0.0.1:7890', no_proxy: 'a&b,<c>' })).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
        '<plist version="1.0">',
        '<dict>',
        '\t<key>Label</key>',
        '\t<string>io.github.goproxy-desk.env</string>',
        '\t<key>ProgramArguments</key>',
        '\t<array>',
        '\t\t<string>/bin/launchctl</string>',
        '\t\t<string>setenv</string>',
        '\t\t<string>http_proxy</string>',
        '\t\t<string>http://127.0.0.1:7890</string>',
        '\t\t<string>no_proxy</string>',
        '\t\t<string>a&amp;b,&lt;c&gt;</string>',
        '\t</array>',
        '\t<key>RunAtLoad</key>',
        '\t<true/>',
        '</dict>',
        '</plist>',
        '',
      ].join('\n'),
    );
  });
});
