import { afterAll, describe, expect, it } from 'vitest';
import { createNodeHost, type Host } from '../../electron/services/host';
import { parseSettings } from '../../electron/services/netproxy/settings';
import type { Step } from '../../electron/services/netproxy/types';
import {
  INTERNET_SETTINGS,
  USER_ENVIRONMENT,
  WINDOWS_ENV_NAMES,
  powershellExe,
  regExe,
  registryDriver,
  windowsEnvAdapter,
  windowsEnvBroadcast,
  windowsSystemAdapter,
  wininetRefresh,
  type RegAddress,
  type RegState,
  type RegValue,
} from '../../electron/services/netproxy/windows';

/**
 * The registry driver and both Windows adapters against the real reg.exe, PowerShell and registry of a
 * Windows machine (the Windows runner of .github/workflows/platforms.yml). Test values live under a
 * throw-away key; the adapters' round trips touch the runner's own HKCU\Environment and Internet
 * Settings and must leave them exactly as they were.
 */
describe.skipIf(process.platform !== 'win32')('Windows registry, for real', () => {
  const host = createNodeHost();
  const root = 'HKCU\\Software\\GoProxyDeskTest';
  const key = `${root}\\${process.pid}`;

  afterAll(async () => {
    await host.run(regExe(host), ['delete', root, '/f']);
  });

  /** The value as .NET sees it (Get-Item, base64 out): a reader that shares nothing with reg.exe. */
  async function dotnetRead(address: RegAddress): Promise<RegValue | null> {
    const script = [
      "$ErrorActionPreference = 'Stop'",
      "$item = Get-Item -LiteralPath ('Registry::HKEY_CURRENT_USER\\' + $env:T_KEY)",
      "if (-not ($item.GetValueNames() -contains $env:T_NAME)) { 'ABSENT'; exit 0 }",
      '$v = $item.GetValue($env:T_NAME, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)',
      "$item.GetValueKind($env:T_NAME).ToString() + ' ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$v))",
    ].join('; ');
    const result = await host.run(
      powershellExe(host),
      ['-NoProfile', '-NonInteractive', '-Command', script],
      {
        env: { ...host.env, T_KEY: address.key.replace(/^HKCU\\/, ''), T_NAME: address.name },
      },
    );
    expect(result.code).toBe(0);
    const out = result.stdout.trim();
    if (out === 'ABSENT') return null;
    const [kind, data] = out.split(' ') as [string, string];
    return {
      type: kind === 'ExpandString' ? 'REG_EXPAND_SZ' : 'REG_SZ',
      data: Buffer.from(data ?? '', 'base64').toString('utf8'),
    };
  }

  const strings: RegValue[] = [
    { type: 'REG_SZ', data: 'http://127.0.0.1:7890' },
    { type: 'REG_SZ', data: '' },
    { type: 'REG_SZ', data: '  padded  ' },
    { type: 'REG_SZ', data: 'C:\\Program Files\\Go\\' },
    { type: 'REG_SZ', data: 'C:\\trailing\\' },
    { type: 'REG_SZ', data: 'say "hi" and \\"escape\\"' },
    { type: 'REG_SZ', data: '内网.example,ü' },
    { type: 'REG_SZ', data: 'a\\0b' },
    { type: 'REG_SZ', data: 'http://u:p%40ss@h.example:1' },
    { type: 'REG_SZ', data: '/f' },
    { type: 'REG_SZ', data: 'what?' },
    { type: 'REG_SZ', data: 'line1\nline2' },
    { type: 'REG_SZ', data: '100% & <more> | ^caret' },
    { type: 'REG_EXPAND_SZ', data: '%USERPROFILE%\\go\\bin' },
  ];

  it.each(strings.map((s, i) => [i, s] as const))(
    'writes and reads back string #%i exactly',
    async (i, state) => {
      const address = { key, name: `s${i}` };
      await registryDriver.write(host, address, state);
      expect(await registryDriver.read(host, address)).toEqual(state);
      expect(await dotnetRead(address)).toEqual(state);
    },
  );

  const numbers: RegValue[] = [
    { type: 'REG_DWORD', data: '0' },
    { type: 'REG_DWORD', data: '4294967295' },
    { type: 'REG_QWORD', data: '18446744073709551615' },
    { type: 'REG_BINARY', data: '00FF10' },
    { type: 'REG_BINARY', data: '' },
  ];

  it.each(numbers.map((s, i) => [i, s] as const))(
    'writes and reads back number #%i exactly',
    async (i, state) => {
      const address = { key, name: `n${i}` };
      await registryDriver.write(host, address, state);
      expect(await registryDriver.read(host, address)).toEqual(state);
    },
  );

  it('deletes a value, and deleting it again is fine; a missing key reads as absent', async () => {
    const address = { key, name: 'gone' };
    await registryDriver.write(host, address, { type: 'REG_SZ', data: 'x' });
    await registryDriver.write(host, address, null);
    expect(await registryDriver.read(host, address)).toBeNull();
    await registryDriver.write(host, address, null);
    expect(await registryDriver.read(host, { key: `${root}\\missing-${process.pid}`, name: 'x' })).toBeNull();
  });

  it('matches names without regard to case', async () => {
    await registryDriver.write(host, { key, name: 'MixedCase' }, { type: 'REG_SZ', data: 'v' });
    expect(await registryDriver.read(host, { key, name: 'MIXEDCASE' })).toEqual({
      type: 'REG_SZ',
      data: 'v',
    });
  });

  async function readAll(addresses: readonly RegAddress[]): Promise<RegState[]> {
    const out: RegState[] = [];
    for (const address of addresses) out.push(await registryDriver.read(host, address));
    return out;
  }
  async function writeSteps(h: Host, steps: readonly Step[], which: 'before' | 'after'): Promise<void> {
    const ordered = which === 'after' ? steps : [...steps].reverse();
    for (const step of ordered)
      await registryDriver.write(h, step.place.address as RegAddress, step[which] as RegState);
  }

  it('sets the user environment, tells Windows, and restores it exactly', { timeout: 180_000 }, async () => {
    const places = WINDOWS_ENV_NAMES.map((name) => ({ key: USER_ENVIRONMENT, name }));
    const original = await readAll(places);
    const adapter = windowsEnvAdapter(host);
    expect(await adapter.unavailable()).toBeNull();
    const plan = await adapter.plan(
      parseSettings({ http: 'http://u:p%40ss@127.0.0.1:3128', noProxy: 'localhost,.corp.example' }),
    );
    try {
      await writeSteps(host, plan.steps, 'after');
      const reading = await adapter.read();
      expect(reading.http).toBe('http://u:xxxxx@127.0.0.1:3128');
      expect(reading.noProxy).toBe('localhost,.localhost,.corp.example');
      await windowsEnvBroadcast.run(host);
    } finally {
      await writeSteps(host, plan.steps, 'before');
    }
    expect(await readAll(places)).toEqual(original);
  });

  it('sets the WinINet proxy, refreshes it, and restores it exactly', { timeout: 180_000 }, async () => {
    const places = ['ProxyEnable', 'ProxyServer', 'ProxyOverride', 'AutoConfigURL'].map((name) => ({
      key: INTERNET_SETTINGS,
      name,
    }));
    const original = await readAll(places);
    const adapter = windowsSystemAdapter(host);
    const plan = await adapter.plan(
      parseSettings({ http: 'http://127.0.0.1:3128', noProxy: '*.corp.example,<local>' }),
    );
    try {
      await writeSteps(host, plan.steps, 'after');
      const reading = await adapter.read();
      expect(reading).toMatchObject({
        http: 'http://127.0.0.1:3128',
        https: 'http://127.0.0.1:3128',
        noProxy: '*.corp.example;<local>',
      });
      await wininetRefresh.run(host);
    } finally {
      await writeSteps(host, plan.steps, 'before');
      await wininetRefresh.run(host);
    }
    expect(await readAll(places)).toEqual(original);
  });
});
