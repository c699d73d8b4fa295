import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Host, RunOptions, RunResult } from '../../electron/services/host';
import { parseSettings } from '../../electron/services/netproxy/settings';
import { DriverError, type Step } from '../../electron/services/netproxy/types';
import {
  ENV_BROADCAST_SCRIPT,
  INTERNET_SETTINGS,
  MACHINE_ENVIRONMENT,
  REG_READ_SCRIPT,
  REG_WRITE_SCRIPT,
  USER_ENVIRONMENT,
  WININET_REFRESH_SCRIPT,
  parseProxyServer,
  parseRegQuery,
  registryDriver,
  windowsEnvAdapter,
  windowsEnvBroadcast,
  windowsProxyServer,
  windowsSystemAdapter,
  wininetRefresh,
  type RegAddress,
  type RegState,
} from '../../electron/services/netproxy/windows';

// ---------------------------------------------------------------------------------------------
// Real outputs of reg.exe on Windows 10 / 11 (CRLF; values indented and separated by four spaces).

const QUERY_SZ =
  '\r\nHKEY_CURRENT_USER\\Environment\r\n    HTTP_PROXY    REG_SZ    http://127.0.0.1:7890\r\n\r\n';
const QUERY_PATH =
  '\r\nHKEY_CURRENT_USER\\Environment\r\n    Path    REG_EXPAND_SZ    %USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;C:\\Program Files\\Go\\bin\r\n\r\n';
const QUERY_EMPTY = '\r\nHKEY_CURRENT_USER\\Environment\r\n    NO_PROXY    REG_SZ    \r\n\r\n';
const QUERY_INTERNET_SETTINGS = [
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
  '    ProxyEnable    REG_DWORD    0x1',
  '    MigrateProxy    REG_DWORD    0x1',
  '    ProxyServer    REG_SZ    127.0.0.1:7890',
  '    ProxyOverride    REG_SZ    localhost;127.*;10.*;<local>',
  '',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\5.0',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections',
  'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap',
  '',
].join('\r\n');
const NOT_FOUND = 'ERROR: The system was unable to find the specified registry key or value.\r\n';
// The same message from a Chinese Windows (code page 936), as Node decodes it as UTF-8.
const NOT_FOUND_ZH =
  '\ufffd\ufffd\ufffd\ufffd: \u03f5\u0373\ufffd\u04b2\ufffd\ufffd\ufffd\u05b8\ufffd\ufffd\ufffd\ufffd\u05e2\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\u05b5\ufffd\ufffd\r\n';
const SUCCESS = 'The operation completed successfully.\r\n\r\n';

describe('parseRegQuery', () => {
  it('reads a value line of `reg query <key> /v <name>`', () => {
    expect(parseRegQuery(QUERY_SZ)).toEqual({
      key: 'HKEY_CURRENT_USER\\Environment',
      values: [{ name: 'HTTP_PROXY', type: 'REG_SZ', data: 'http://127.0.0.1:7890' }],
      subkeys: [],
      stray: [],
    });
  });

  it('keeps spaces, backslashes and %VAR% of the data as they are', () => {
    expect(parseRegQuery(QUERY_PATH).values).toEqual([
      {
        name: 'Path',
        type: 'REG_EXPAND_SZ',
        data: '%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;C:\\Program Files\\Go\\bin',
      },
    ]);
  });

  it('reads empty data (the separator is still printed)', () => {
    expect(parseRegQuery(QUERY_EMPTY).values).toEqual([{ name: 'NO_PROXY', type: 'REG_SZ', data: '' }]);
    expect(parseRegQuery('    NO_PROXY    REG_SZ\r\n').values).toEqual([
      { name: 'NO_PROXY', type: 'REG_SZ', data: '' },
    ]);
  });

  it('reads a whole key: names with spaces, numbers, binary, and subkeys apart', () => {
    const out = parseRegQuery(QUERY_INTERNET_SETTINGS);
    expect(out.key).toBe(
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
    );
    expect(out.values).toHaveLength(12);
    expect(out.values).toContainEqual({
      name: 'User Agent',
      type: 'REG_SZ',
      data: 'Mozilla/4.0 (compatible; MSIE 8.0; Win32)',
    });
    expect(out.values).toContainEqual({ name: 'SecureProtocols', type: 'REG_DWORD', data: '0xa80' });
    expect(out.values).toContainEqual({
      name: 'ProxyOverride',
      type: 'REG_SZ',
      data: 'localhost;127.*;10.*;<local>',
    });
    expect(out.subkeys).toHaveLength(3);
    expect(out.stray).toEqual([]);
  });

  it('sets apart the lines of data that held a line break', () => {
    const out = parseRegQuery(
      '\r\nHKEY_CURRENT_USER\\Environment\r\n    X    REG_SZ    first\r\nsecond\r\n\r\n',
    );
    expect(out.values).toEqual([{ name: 'X', type: 'REG_SZ', data: 'first' }]);
    expect(out.stray).toEqual(['second']);
  });
});

// ---------------------------------------------------------------------------------------------
// A fake reg.exe and PowerShell over an in-memory registry, answering as the real ones do.

interface Stored {
  name: string;
  type: string;
  /** Strings as stored, numbers in decimal, binary in hex, REG_MULTI_SZ items joined by NUL. */
  data: string;
}
interface Call {
  file: string;
  args: string[];
  env?: RunOptions['env'];
}

const LONG: Record<string, string> = { HKCU: 'HKEY_CURRENT_USER', HKLM: 'HKEY_LOCAL_MACHINE' };
const longKey = (key: string) => key.replace(/^(HKCU|HKLM)(?=\\)/i, (h) => LONG[h.toUpperCase()]!);

class FakeWindows {
  keys = new Map<string, { name: string; values: Map<string, Stored> }>();
  calls: Call[] = [];
  /** reg.exe's messages in another language. */
  localized = false;
  /** What the next PowerShell call answers, when set (a failing notifier, say). */
  powershellFails = false;

  set(key: string, name: string, type: string, data: string): this {
    const full = longKey(key);
    const entry = this.keys.get(full.toLowerCase()) ?? { name: full, values: new Map<string, Stored>() };
    const existing = entry.values.get(name.toLowerCase());
    // Like RegSetValueEx: an existing value keeps the case of its name.
    entry.values.set(name.toLowerCase(), { name: existing?.name ?? name, type, data });
    this.keys.set(full.toLowerCase(), entry);
    return this;
  }
  get(key: string, name: string): Stored | undefined {
    return this.keys.get(longKey(key).toLowerCase())?.values.get(name.toLowerCase());
  }
  snapshot(): string {
    return JSON.stringify([...this.keys].map(([k, v]) => [k, [...v.values]]));
  }

  host(): Host {
    return {
      platform: 'win32',
      env: { SystemRoot: 'C:\\Windows', USERPROFILE: 'C:\\Users\\me' },
      homedir: 'C:\\Users\\me',
      dataDir: 'C:\\Users\\me\\AppData\\Roaming\\GoProxy Desk',
      run: async (file, args, options) => {
        this.calls.push({ file, args: [...args], ...(options?.env ? { env: options.env } : {}) });
        const answer = this.answer(file, [...args], options?.env ?? {});
        return { signal: null, timedOut: false, stdout: '', stderr: '', ...answer, code: answer.code ?? 0 };
      },
      readText: async () => null,
      which: async () => null,
      now: () => 0,
      listDir: async () => null,
      lookup: async () => [],
    };
  }

  private print(value: Stored): string {
    switch (value.type) {
      case 'REG_DWORD':
      case 'REG_QWORD':
        return `0x${BigInt(value.data).toString(16)}`;
      case 'REG_MULTI_SZ':
        return value.data.replace(/\0/g, '\\0');
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        // The OEM code page (437 here) has no CJK: those characters come out as '?'.
        return [...value.data].map((c) => (c.charCodeAt(0) > 0x7e ? '?' : c)).join('');
      default:
        return value.data;
    }
  }

  private line(value: Stored): string {
    return `    ${value.name}    ${value.type}    ${this.print(value)}`;
  }

  private notFound(): Pick<RunResult, 'code' | 'stderr'> {
    return { code: 1, stderr: this.localized ? NOT_FOUND_ZH : NOT_FOUND };
  }

  private answer(file: string, args: string[], env: RunOptions['env'] & object): Partial<RunResult> {
    if (file === 'C:\\Windows\\System32\\reg.exe') return this.reg(args);
    if (file === 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe') {
      expect(args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
      if (this.powershellFails)
        return { code: 1, stderr: 'Add-Type : Cannot add type. Compilation errors occurred.\r\n' };
      const key = `${env.GOPROXY_DESK_REG_HIVE}\\${env.GOPROXY_DESK_REG_KEY}`;
      const name = env.GOPROXY_DESK_REG_NAME!;
      if (args[3] === REG_READ_SCRIPT) {
        const value = this.get(key, name);
        if (!value) return { code: 0, stdout: 'ABSENT\r\n' };
        const kind = {
          REG_SZ: 'String',
          REG_EXPAND_SZ: 'ExpandString',
          REG_DWORD: 'DWord',
          REG_MULTI_SZ: 'MultiString',
        }[value.type];
        const text = value.type === 'REG_MULTI_SZ' ? '' : value.data;
        return { code: 0, stdout: `${kind}\r\n${Buffer.from(text, 'utf8').toString('base64')}\r\n` };
      }
      if (args[3] === REG_WRITE_SCRIPT) {
        this.set(key, name, env.GOPROXY_DESK_REG_TYPE!, env.GOPROXY_DESK_REG_DATA!);
        return { code: 0 };
      }
      return { code: 0 };
    }
    throw new Error(`unexpected program ${file}`);
  }

  private reg(args: string[]): Partial<RunResult> {
    const [verb, key] = args as [string, string];
    const flag = (f: string) => {
      const i = args.findIndex((a) => a.toLowerCase() === f);
      return i === -1 ? undefined : args[i + 1];
    };
    const entry = this.keys.get(longKey(key).toLowerCase());
    if (verb === 'query') {
      const name = flag('/v');
      if (name === undefined) {
        if (!entry) return this.notFound();
        const lines = ['', entry.name, ...[...entry.values.values()].map((v) => this.line(v)), '', ''];
        return { code: 0, stdout: lines.join('\r\n') };
      }
      const value = entry?.values.get(name.toLowerCase());
      if (!value) return this.notFound();
      return { code: 0, stdout: `\r\n${entry!.name}\r\n${this.line(value)}\r\n\r\n` };
    }
    if (verb === 'add') {
      const type = flag('/t')!;
      const data = flag('/d')!;
      this.set(key, flag('/v')!, type, /^REG_[DQ]WORD$/.test(type) ? BigInt(data).toString() : data);
      return { code: 0, stdout: SUCCESS };
    }
    if (verb === 'delete') {
      const name = flag('/v')!;
      if (!entry?.values.delete(name.toLowerCase())) return this.notFound();
      return { code: 0, stdout: SUCCESS };
    }
    throw new Error(`unexpected reg ${verb}`);
  }

  /** The calls as short argv: 'reg ...' and 'powershell <read|write|script> KEY\NAME[=TYPE:DATA]'. */
  shown(): string[][] {
    return this.calls.map(({ file, args, env }) => {
      const exe = path.win32.basename(file, '.exe');
      if (exe === 'reg') return [exe, ...args];
      const script = args[3];
      const place = env
        ? `${env.GOPROXY_DESK_REG_HIVE}\\${env.GOPROXY_DESK_REG_KEY}\\${env.GOPROXY_DESK_REG_NAME}`
        : '';
      if (script === REG_READ_SCRIPT) return [exe, '<read>', place];
      if (script === REG_WRITE_SCRIPT) {
        return [exe, '<write>', place, `${env!.GOPROXY_DESK_REG_TYPE}`, `${env!.GOPROXY_DESK_REG_DATA}`];
      }
      return [
        exe,
        script === ENV_BROADCAST_SCRIPT
          ? '<broadcast>'
          : script === WININET_REFRESH_SCRIPT
            ? '<wininet>'
            : '?',
      ];
    });
  }
}

const env = (name: string): RegAddress => ({ key: USER_ENVIRONMENT, name });
const sz = (data: string): RegState => ({ type: 'REG_SZ', data });

async function apply(host: Host, steps: Step[]): Promise<void> {
  for (const step of steps)
    await registryDriver.write(host, step.place.address as RegAddress, step.after as RegState);
}
async function restore(host: Host, steps: Step[]): Promise<void> {
  for (const step of [...steps].reverse()) {
    await registryDriver.write(host, step.place.address as RegAddress, step.before as RegState);
  }
}

describe('registryDriver.read', () => {
  it('takes a plain value from one `reg query /v`', async () => {
    const w = new FakeWindows().set(USER_ENVIRONMENT, 'HTTP_PROXY', 'REG_SZ', 'http://127.0.0.1:7890');
    expect(await registryDriver.read(w.host(), env('HTTP_PROXY'))).toEqual(sz('http://127.0.0.1:7890'));
    expect(w.calls).toEqual([
      { file: 'C:\\Windows\\System32\\reg.exe', args: ['query', 'HKCU\\Environment', '/v', 'HTTP_PROXY'] },
    ]);
  });

  it('matches the name without regard to case, as Windows does', async () => {
    const w = new FakeWindows().set(USER_ENVIRONMENT, 'http_proxy', 'REG_SZ', 'http://p:1');
    expect(await registryDriver.read(w.host(), env('HTTP_PROXY'))).toEqual(sz('http://p:1'));
  });

  it('keeps the type and the unexpanded text of REG_EXPAND_SZ, and empty data', async () => {
    const w = new FakeWindows()
      .set(USER_ENVIRONMENT, 'HTTPS_PROXY', 'REG_EXPAND_SZ', '%CORP_PROXY%')
      .set(USER_ENVIRONMENT, 'NO_PROXY', 'REG_SZ', '');
    expect(await registryDriver.read(w.host(), env('HTTPS_PROXY'))).toEqual({
      type: 'REG_EXPAND_SZ',
      data: '%CORP_PROXY%',
    });
    expect(await registryDriver.read(w.host(), env('NO_PROXY'))).toEqual(sz(''));
    expect(w.calls).toHaveLength(2);
  });

  it('gives numbers in decimal', async () => {
    const w = new FakeWindows().set(INTERNET_SETTINGS, 'SecureProtocols', 'REG_DWORD', '2688');
    expect(await registryDriver.read(w.host(), { key: INTERNET_SETTINGS, name: 'SecureProtocols' })).toEqual({
      type: 'REG_DWORD',
      data: '2688',
    });
  });

  it('reads a missing value as absent from the English message alone', async () => {
    const w = new FakeWindows();
    expect(await registryDriver.read(w.host(), env('HTTP_PROXY'))).toBeNull();
    expect(w.shown()).toEqual([['reg', 'query', 'HKCU\\Environment', '/v', 'HTTP_PROXY']]);
  });

  it('tells a missing value from another error in any language by listing the key', async () => {
    const w = new FakeWindows().set(USER_ENVIRONMENT, 'Path', 'REG_EXPAND_SZ', '%USERPROFILE%\\bin');
    w.localized = true;
    expect(await registryDriver.read(w.host(), env('HTTP_PROXY'))).toBeNull();
    expect(w.shown()).toEqual([
      ['reg', 'query', 'HKCU\\Environment', '/v', 'HTTP_PROXY'],
      ['reg', 'query', 'HKCU\\Environment'],
    ]);
  });

  it('asks PowerShell when the key itself is missing and the message is not English', async () => {
    const w = new FakeWindows();
    w.localized = true;
    expect(
      await registryDriver.read(w.host(), { key: 'HKCU\\Software\\GoProxyDeskTest', name: 'x' }),
    ).toBeNull();
    expect(w.shown().map((c) => c.slice(0, 2))).toEqual([
      ['reg', 'query'],
      ['reg', 'query'],
      ['powershell', '<read>'],
    ]);
  });

  it('reads data that reg.exe would mangle (non-ASCII, "?", line breaks) through PowerShell, exactly', async () => {
    const w = new FakeWindows()
      .set(USER_ENVIRONMENT, 'NO_PROXY', 'REG_SZ', '内网.example,*.corp')
      .set(USER_ENVIRONMENT, 'HTTP_PROXY', 'REG_SZ', 'http://p:1/?x')
      .set(USER_ENVIRONMENT, 'HTTPS_PROXY', 'REG_SZ', 'line1\nline2');
    const host = w.host();
    expect(await registryDriver.read(host, env('NO_PROXY'))).toEqual(sz('内网.example,*.corp'));
    expect(await registryDriver.read(host, env('HTTP_PROXY'))).toEqual(sz('http://p:1/?x'));
    expect(await registryDriver.read(host, env('HTTPS_PROXY'))).toEqual(sz('line1\nline2'));
    const ps = w.calls.filter((c) => c.file.endsWith('powershell.exe'));
    expect(ps).toHaveLength(3);
    // The place travels in environment variables; the script is fixed.
    expect(ps[0]!.env).toMatchObject({
      GOPROXY_DESK_REG_HIVE: 'HKCU',
      GOPROXY_DESK_REG_KEY: 'Environment',
      GOPROXY_DESK_REG_NAME: 'NO_PROXY',
    });
    expect(ps.every((c) => c.args[3] === REG_READ_SCRIPT)).toBe(true);
  });

  it('refuses a value type it could not put back exactly', async () => {
    const w = new FakeWindows().set(USER_ENVIRONMENT, 'NO_PROXY', 'REG_MULTI_SZ', 'a\0b');
    await expect(registryDriver.read(w.host(), env('NO_PROXY'))).rejects.toThrow(
      'HKCU\\Environment\\NO_PROXY holds a MultiString value, which GoProxy Desk cannot keep an exact copy of',
    );
  });
});

describe('registryDriver.write', () => {
  it('writes strings and numbers with reg add, and deletes with reg delete', async () => {
    const w = new FakeWindows();
    const host = w.host();
    await registryDriver.write(host, env('HTTP_PROXY'), sz('http://127.0.0.1:7890'));
    await registryDriver.write(
      host,
      { key: INTERNET_SETTINGS, name: 'ProxyEnable' },
      { type: 'REG_DWORD', data: '1' },
    );
    await registryDriver.write(host, env('EMPTY'), sz(''));
    await registryDriver.write(host, env('P'), { type: 'REG_EXPAND_SZ', data: '%USERPROFILE%\\go\\bin\\' });
    await registryDriver.write(host, env('HTTP_PROXY'), null);
    expect(w.shown()).toEqual([
      [
        'reg',
        'add',
        'HKCU\\Environment',
        '/v',
        'HTTP_PROXY',
        '/t',
        'REG_SZ',
        '/d',
        'http://127.0.0.1:7890',
        '/f',
      ],
      ['reg', 'add', INTERNET_SETTINGS, '/v', 'ProxyEnable', '/t', 'REG_DWORD', '/d', '0x1', '/f'],
      ['reg', 'add', 'HKCU\\Environment', '/v', 'EMPTY', '/t', 'REG_SZ', '/d', '', '/f'],
      [
        'reg',
        'add',
        'HKCU\\Environment',
        '/v',
        'P',
        '/t',
        'REG_EXPAND_SZ',
        '/d',
        '%USERPROFILE%\\go\\bin\\',
        '/f',
      ],
      ['reg', 'delete', 'HKCU\\Environment', '/v', 'HTTP_PROXY', '/f'],
    ]);
    expect(w.get(USER_ENVIRONMENT, 'P')).toEqual({
      name: 'P',
      type: 'REG_EXPAND_SZ',
      data: '%USERPROFILE%\\go\\bin\\',
    });
  });

  it('deleting a value that is not there is done, not an error', async () => {
    const w = new FakeWindows();
    await registryDriver.write(w.host(), env('HTTP_PROXY'), null);
    expect(w.shown()).toEqual([
      ['reg', 'delete', 'HKCU\\Environment', '/v', 'HTTP_PROXY', '/f'],
      ['reg', 'query', 'HKCU\\Environment', '/v', 'HTTP_PROXY'],
    ]);
  });

  it('puts passwords, quotes and non-ASCII through PowerShell in environment variables, never on a command line', async () => {
    const w = new FakeWindows();
    const host = w.host();
    for (const data of ['http://u:s3cret@p.example:1', 'say "hi"', '代理', 'a\\0b', '/f']) {
      await registryDriver.write(host, env('X'), sz(data));
      expect(w.get(USER_ENVIRONMENT, 'X')?.data).toBe(data);
    }
    expect(w.shown().map((c) => c.slice(0, 2))).toEqual(Array(5).fill(['powershell', '<write>']));
    expect(w.calls.some((c) => c.args.some((a) => a.includes('s3cret')))).toBe(false);
  });

  it('shows the command it would run, with the password hidden', () => {
    const preview = registryDriver.preview(
      w0(),
      env('HTTP_PROXY'),
      null,
      sz('http://u:s3cret@p.example:1'),
      (t) => t.replace('s3cret', 'xxxxx'),
    );
    expect(preview.action).toBe('set');
    expect(preview.commands![0]).toContain('GOPROXY_DESK_REG_DATA=http://u:xxxxx@p.example:1');
    expect(JSON.stringify(preview)).not.toContain('s3cret');
    expect(registryDriver.preview(w0(), env('HTTP_PROXY'), sz('x'), null, (t) => t)).toEqual({
      action: 'reset',
      commands: [['reg', 'delete', 'HKCU\\Environment', '/v', 'HTTP_PROXY', '/f']],
    });
  });

  it('reports a failing reg add with its argv', async () => {
    const w = new FakeWindows();
    const host = w.host();
    host.run = async () => ({
      code: 1,
      signal: null,
      stdout: '',
      stderr: 'ERROR: Access is denied.\r\n',
      timedOut: false,
    });
    const error = await registryDriver
      .write(host, { key: MACHINE_ENVIRONMENT, name: 'HTTP_PROXY' }, sz('http://p:1'))
      .catch((e) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect(error.message).toBe(
      `reg add ${MACHINE_ENVIRONMENT} /v HTTP_PROXY /t REG_SZ /d http://p:1 /f failed: ERROR: Access is denied.`,
    );
    expect(error.argv).toEqual([
      'reg',
      'add',
      MACHINE_ENVIRONMENT,
      '/v',
      'HTTP_PROXY',
      '/t',
      'REG_SZ',
      '/d',
      'http://p:1',
      '/f',
    ]);
  });

  it('checks addresses and states read back from the journal', () => {
    expect(registryDriver.parseAddress({ key: 'HKCU\\Environment', name: 'HTTP_PROXY' })).toEqual(
      env('HTTP_PROXY'),
    );
    expect(() => registryDriver.parseAddress({ key: 'HKCR\\x', name: 'y' })).toThrow();
    expect(registryDriver.parseState(null)).toBeNull();
    expect(registryDriver.parseState({ type: 'REG_DWORD', data: '4294967295' })).toEqual({
      type: 'REG_DWORD',
      data: '4294967295',
    });
    expect(() => registryDriver.parseState({ type: 'REG_DWORD', data: '4294967296' })).toThrow();
    expect(() => registryDriver.parseState({ type: 'REG_BINARY', data: 'xyz' })).toThrow();
    expect(() => registryDriver.parseState({ type: 'REG_MULTI_SZ', data: 'a' })).toThrow();
  });
});

function w0(): Host {
  return new FakeWindows().host();
}

describe('windowsEnvAdapter', () => {
  const settings = parseSettings({ http: 'http://127.0.0.1:7890', noProxy: 'localhost,.corp.example' });

  it('plans the three variables as REG_SZ in HKCU\\Environment, and restore runs the inverse commands', async () => {
    const w = new FakeWindows().set(USER_ENVIRONMENT, 'Path', 'REG_EXPAND_SZ', '%USERPROFILE%\\bin');
    const original = w.snapshot();
    const host = w.host();
    const plan = await windowsEnvAdapter(host).plan(settings);
    expect(plan.steps.map((s) => [s.place, s.before, s.after])).toEqual([
      [{ driver: 'registry', address: env('HTTP_PROXY') }, null, sz('http://127.0.0.1:7890')],
      [{ driver: 'registry', address: env('HTTPS_PROXY') }, null, sz('http://127.0.0.1:7890')],
      [{ driver: 'registry', address: env('NO_PROXY') }, null, sz('localhost,.localhost,.corp.example')],
    ]);
    expect(plan.steps.every((s) => s.scope === 'env')).toBe(true);
    expect(plan.notify).toEqual(['windows-env-broadcast']);
    expect(plan.conflicts).toEqual([]);

    w.calls = [];
    await apply(host, plan.steps);
    await restore(host, plan.steps);
    expect(w.shown()).toEqual([
      [
        'reg',
        'add',
        'HKCU\\Environment',
        '/v',
        'HTTP_PROXY',
        '/t',
        'REG_SZ',
        '/d',
        'http://127.0.0.1:7890',
        '/f',
      ],
      [
        'reg',
        'add',
        'HKCU\\Environment',
        '/v',
        'HTTPS_PROXY',
        '/t',
        'REG_SZ',
        '/d',
        'http://127.0.0.1:7890',
        '/f',
      ],
      [
        'reg',
        'add',
        'HKCU\\Environment',
        '/v',
        'NO_PROXY',
        '/t',
        'REG_SZ',
        '/d',
        'localhost,.localhost,.corp.example',
        '/f',
      ],
      ['reg', 'delete', 'HKCU\\Environment', '/v', 'NO_PROXY', '/f'],
      ['reg', 'delete', 'HKCU\\Environment', '/v', 'HTTPS_PROXY', '/f'],
      ['reg', 'delete', 'HKCU\\Environment', '/v', 'HTTP_PROXY', '/f'],
    ]);
    expect(w.snapshot()).toBe(original);
  });

  it('journals values it replaces with their type, and puts them back as they were', async () => {
    const w = new FakeWindows()
      .set(USER_ENVIRONMENT, 'http_proxy', 'REG_EXPAND_SZ', '%CORP_PROXY%')
      .set(USER_ENVIRONMENT, 'NO_PROXY', 'REG_SZ', '内网.example');
    const original = w.snapshot();
    const host = w.host();
    const plan = await windowsEnvAdapter(host).plan(settings);
    expect(plan.steps.map((s) => s.before)).toEqual([
      { type: 'REG_EXPAND_SZ', data: '%CORP_PROXY%' },
      null,
      sz('内网.example'),
    ]);
    await apply(host, plan.steps);
    w.calls = [];
    await restore(host, plan.steps);
    expect(w.shown()).toEqual([
      ['powershell', '<write>', 'HKCU\\Environment\\NO_PROXY', 'REG_SZ', '内网.example'],
      ['reg', 'delete', 'HKCU\\Environment', '/v', 'HTTPS_PROXY', '/f'],
      [
        'reg',
        'add',
        'HKCU\\Environment',
        '/v',
        'HTTP_PROXY',
        '/t',
        'REG_EXPAND_SZ',
        '/d',
        '%CORP_PROXY%',
        '/f',
      ],
    ]);
    expect(w.snapshot()).toBe(original);
  });

  it('leaves out variables that already hold the value', async () => {
    const w = new FakeWindows()
      .set(USER_ENVIRONMENT, 'HTTP_PROXY', 'REG_SZ', 'http://127.0.0.1:7890')
      .set(USER_ENVIRONMENT, 'HTTPS_PROXY', 'REG_EXPAND_SZ', 'http://127.0.0.1:7890');
    const plan = await windowsEnvAdapter(w.host()).plan(settings);
    expect(plan.steps.map((s) => (s.place.address as RegAddress).name)).toEqual(['NO_PROXY']);
  });

  it('unset removes only the values that are there', async () => {
    const w = new FakeWindows().set(USER_ENVIRONMENT, 'HTTPS_PROXY', 'REG_SZ', 'http://old:1');
    const plan = await windowsEnvAdapter(w.host()).plan(null);
    expect(plan.steps.map((s) => [s.place.address, s.before, s.after])).toEqual([
      [env('HTTPS_PROXY'), sz('http://old:1'), null],
    ]);
    expect(plan.warnings).toContain(
      'programs already running (open terminals, editors) keep their old environment: start them again',
    );
  });

  it('reports machine-wide values, with passwords hidden, and says which still apply', async () => {
    const w = new FakeWindows()
      .set(MACHINE_ENVIRONMENT, 'HTTP_PROXY', 'REG_SZ', 'http://corp:hunter2@proxy.corp:8080')
      .set(MACHINE_ENVIRONMENT, 'NO_PROXY', 'REG_SZ', '.corp');
    const plan = await windowsEnvAdapter(w.host()).plan(parseSettings({ http: 'http://127.0.0.1:7890' }));
    expect(plan.conflicts).toEqual([
      { file: MACHINE_ENVIRONMENT, line: 0, text: 'HTTP_PROXY=http://corp:xxxxx@proxy.corp:8080' },
      { file: MACHINE_ENVIRONMENT, line: 0, text: 'NO_PROXY=.corp' },
    ]);
    expect(plan.warnings.join('\n')).toContain(
      'HTTP_PROXY=http://corp:xxxxx@proxy.corp:8080 is also set for all users',
    );
    expect(plan.warnings.join('\n')).toContain('overrides it for you');
    expect(plan.warnings.join('\n')).toContain('NO_PROXY=.corp is set for all users');
    expect(plan.warnings.join('\n')).toContain('still applies');
    expect(JSON.stringify(plan)).not.toContain('hunter2');
  });

  it('warns that a password would sit in the registry, and points to _netrc', async () => {
    const w = new FakeWindows();
    const plan = await windowsEnvAdapter(w.host()).plan(parseSettings({ http: 'http://u:pw@p.example:1' }));
    expect(plan.warnings[0]).toContain('plain text in the registry');
    expect(plan.warnings[0]).toContain('%USERPROFILE%\\_netrc');
    expect(plan.steps[0]!.after).toEqual(sz('http://u:pw@p.example:1'));
  });

  it('reads the user values, passwords hidden, and the machine ones as conflicts', async () => {
    const w = new FakeWindows()
      .set(USER_ENVIRONMENT, 'HTTP_PROXY', 'REG_SZ', 'http://u:pw@p.example:1')
      .set(MACHINE_ENVIRONMENT, 'HTTPS_PROXY', 'REG_SZ', 'http://corp:8080');
    const reading = await windowsEnvAdapter(w.host()).read();
    expect(reading).toEqual({
      scope: 'env',
      source: 'HKCU\\Environment',
      http: 'http://u:xxxxx@p.example:1',
      https: null,
      noProxy: null,
      available: true,
      conflicts: [{ file: MACHINE_ENVIRONMENT, line: 0, text: 'HTTPS_PROXY=http://corp:8080' }],
    });
  });

  it('is unavailable elsewhere than Windows', async () => {
    const host = { ...w0(), platform: 'linux' as const };
    expect(await windowsEnvAdapter(host).unavailable()).toMatch(/only on Windows/);
    expect(await windowsEnvAdapter(w0()).unavailable()).toBeNull();
  });
});

describe('windowsSystemAdapter', () => {
  const is = (name: string): RegAddress => ({ key: INTERNET_SETTINGS, name });
  const dword = (data: string): RegState => ({ type: 'REG_DWORD', data });

  it('writes server, bypass list and switch (last), removes a setup script, and restore undoes each', async () => {
    const w = new FakeWindows()
      .set(INTERNET_SETTINGS, 'ProxyEnable', 'REG_DWORD', '0')
      .set(INTERNET_SETTINGS, 'ProxyOverride', 'REG_SZ', '<local>')
      .set(INTERNET_SETTINGS, 'AutoConfigURL', 'REG_SZ', 'http://wpad.corp/proxy.pac');
    const original = w.snapshot();
    const host = w.host();
    const plan = await windowsSystemAdapter(host).plan(
      parseSettings({ http: 'http://127.0.0.1:7890', noProxy: '*.corp.example,<local>' }),
    );
    expect(plan.steps.map((s) => [(s.place.address as RegAddress).name, s.before, s.after])).toEqual([
      ['ProxyServer', null, sz('127.0.0.1:7890')],
      ['ProxyOverride', sz('<local>'), sz('*.corp.example;<local>')],
      ['AutoConfigURL', sz('http://wpad.corp/proxy.pac'), null],
      ['ProxyEnable', dword('0'), dword('1')],
    ]);
    expect(plan.notify).toEqual(['wininet-refresh']);
    expect(plan.warnings.join('\n')).toContain(
      'setup script (AutoConfigURL=http://wpad.corp/proxy.pac) is removed',
    );

    w.calls = [];
    await apply(host, plan.steps);
    await restore(host, plan.steps);
    expect(w.shown()).toEqual([
      ['reg', 'add', INTERNET_SETTINGS, '/v', 'ProxyServer', '/t', 'REG_SZ', '/d', '127.0.0.1:7890', '/f'],
      [
        'reg',
        'add',
        INTERNET_SETTINGS,
        '/v',
        'ProxyOverride',
        '/t',
        'REG_SZ',
        '/d',
        '*.corp.example;<local>',
        '/f',
      ],
      ['reg', 'delete', INTERNET_SETTINGS, '/v', 'AutoConfigURL', '/f'],
      ['reg', 'add', INTERNET_SETTINGS, '/v', 'ProxyEnable', '/t', 'REG_DWORD', '/d', '0x1', '/f'],
      ['reg', 'add', INTERNET_SETTINGS, '/v', 'ProxyEnable', '/t', 'REG_DWORD', '/d', '0x0', '/f'],
      [
        'reg',
        'add',
        INTERNET_SETTINGS,
        '/v',
        'AutoConfigURL',
        '/t',
        'REG_SZ',
        '/d',
        'http://wpad.corp/proxy.pac',
        '/f',
      ],
      ['reg', 'add', INTERNET_SETTINGS, '/v', 'ProxyOverride', '/t', 'REG_SZ', '/d', '<local>', '/f'],
      ['reg', 'delete', INTERNET_SETTINGS, '/v', 'ProxyServer', '/f'],
    ]);
    expect(w.snapshot()).toBe(original);
  });

  it('strips credentials (WinINet keeps none) and warns', async () => {
    const w = new FakeWindows();
    const plan = await windowsSystemAdapter(w.host()).plan(
      parseSettings({ http: 'http://u:s3cret@p.example:3128' }),
    );
    expect(plan.steps[0]!.after).toEqual(sz('p.example:3128'));
    expect(plan.warnings[0]).toContain('without them');
    expect(JSON.stringify(plan)).not.toContain('s3cret');
  });

  it('writes per-protocol servers when http and https differ, and leaves the bypass list alone when none is given', async () => {
    const w = new FakeWindows().set(INTERNET_SETTINGS, 'ProxyOverride', 'REG_SZ', '<local>');
    const plan = await windowsSystemAdapter(w.host()).plan(
      parseSettings({ http: 'http://a.example:1', https: 'https://[::1]:2' }),
    );
    expect(plan.steps.map((s) => [(s.place.address as RegAddress).name, s.after])).toEqual([
      ['ProxyServer', sz('http=a.example:1;https=[::1]:2')],
      ['ProxyEnable', dword('1')],
    ]);
    expect(plan.warnings).toContain(
      'Windows talks plain HTTP to a proxy: https://[::1]:2 is set as [::1]:2 there',
    );
  });

  it('unset switches the proxy off and leaves the rest; nothing when it is off already', async () => {
    const on = new FakeWindows()
      .set(INTERNET_SETTINGS, 'ProxyEnable', 'REG_DWORD', '1')
      .set(INTERNET_SETTINGS, 'ProxyServer', 'REG_SZ', 'p:1');
    const plan = await windowsSystemAdapter(on.host()).plan(null);
    expect(plan.steps.map((s) => [s.place.address, s.before, s.after])).toEqual([
      [is('ProxyEnable'), dword('1'), dword('0')],
    ]);
    expect((await windowsSystemAdapter(new FakeWindows().host()).plan(null)).steps).toEqual([]);
    const off = new FakeWindows().set(INTERNET_SETTINGS, 'ProxyEnable', 'REG_DWORD', '0');
    expect((await windowsSystemAdapter(off.host()).plan(null)).steps).toEqual([]);
  });

  it('reports a per-machine proxy policy', async () => {
    const w = new FakeWindows().set(
      'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
      'ProxySettingsPerUser',
      'REG_DWORD',
      '0',
    );
    const plan = await windowsSystemAdapter(w.host()).plan(parseSettings({ http: 'http://p:1' }));
    expect(plan.conflicts).toEqual([
      {
        file: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings',
        line: 0,
        text: 'ProxySettingsPerUser=0',
      },
    ]);
    expect(plan.warnings.at(-1)).toContain('per-user settings are ignored');
  });

  it('reads what WinINet uses', async () => {
    const w = new FakeWindows()
      .set(INTERNET_SETTINGS, 'ProxyEnable', 'REG_DWORD', '1')
      .set(
        INTERNET_SETTINGS,
        'ProxyServer',
        'REG_SZ',
        'http=127.0.0.1:7890;https=127.0.0.1:7891;socks=127.0.0.1:7892',
      )
      .set(INTERNET_SETTINGS, 'ProxyOverride', 'REG_SZ', 'localhost;127.*;<local>');
    expect(await windowsSystemAdapter(w.host()).read()).toEqual({
      scope: 'system',
      source: `${INTERNET_SETTINGS} (WinINet)`,
      http: 'http://127.0.0.1:7890',
      https: 'http://127.0.0.1:7891',
      noProxy: 'localhost;127.*;<local>',
      available: true,
      conflicts: [],
    });
    const off = await windowsSystemAdapter(new FakeWindows().host()).read();
    expect(off).toMatchObject({
      http: null,
      https: null,
      note: 'the manual proxy is switched off (ProxyEnable=0)',
    });
  });
});

describe('ProxyServer text', () => {
  it.each([
    ['127.0.0.1:7890', { http: '127.0.0.1:7890', https: '127.0.0.1:7890' }],
    ['http=a:1;https=b:2', { http: 'a:1', https: 'b:2' }],
    ['https=b:2', { http: null, https: 'b:2' }],
    ['socks=s:1080', { http: null, https: null }],
    ['', { http: null, https: null }],
  ])('%j', (text, expected) => {
    expect(parseProxyServer(text)).toEqual(expected);
  });

  it('writes one host:port when both are the same', () => {
    const s = parseSettings({ http: 'http://p:1' });
    expect(windowsProxyServer(s.http, s.https)).toBe('p:1');
    expect(windowsProxyServer(null, s.https)).toBe('https=p:1');
  });
});

describe('notifiers', () => {
  it('broadcast WM_SETTINGCHANGE and refresh WinINet through fixed PowerShell scripts', async () => {
    const w = new FakeWindows();
    const host = w.host();
    expect(windowsEnvBroadcast.name).toBe('windows-env-broadcast');
    expect(wininetRefresh.name).toBe('wininet-refresh');
    expect(windowsEnvBroadcast.commands(host)).toEqual([
      [
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        ENV_BROADCAST_SCRIPT,
      ],
    ]);
    await windowsEnvBroadcast.run(host);
    await wininetRefresh.run(host);
    expect(w.shown()).toEqual([
      ['powershell', '<broadcast>'],
      ['powershell', '<wininet>'],
    ]);
    expect(ENV_BROADCAST_SCRIPT).toContain(
      "SendMessageTimeout([IntPtr]0xffff, 0x1A, [UIntPtr]::Zero, 'Environment'",
    );
    expect(WININET_REFRESH_SCRIPT).toContain('foreach ($option in 39, 37)');
  });

  it('fail with what PowerShell said', async () => {
    const w = new FakeWindows();
    w.powershellFails = true;
    await expect(wininetRefresh.run(w.host())).rejects.toThrow('Compilation errors occurred');
  });
});
