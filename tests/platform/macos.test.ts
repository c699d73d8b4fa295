import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeHost, type Host } from '../../electron/services/host';
import {
  NETWORKSETUP,
  SCUTIL,
  launchAgentPlist,
  launchctlDriver,
  listNetworkServices,
  macosSystemAdapter,
  networksetupDriver,
  parseScutilProxy,
  type NetworksetupAddress,
  type NetworksetupState,
} from '../../electron/services/netproxy/macos';
import { parseSettings } from '../../electron/services/netproxy/settings';

/**
 * The macOS parts against the real networksetup, scutil, launchctl and plutil (the macOS runner of
 * .github/workflows/platforms.yml). Reading needs nothing; changing a network service needs an
 * administrator, so that test runs networksetup through `sudo -n` when sudo needs no password and
 * reports itself skipped otherwise. It puts every place back and checks that it did.
 */
describe.skipIf(process.platform !== 'darwin')('macOS, for real', () => {
  const host = createNodeHost();

  it('lists the network services and reads every proxy setting of the enabled ones', async () => {
    const services = await listNetworkServices(host);
    expect(services.length).toBeGreaterThan(0);
    expect(services.some((s) => /asterisk/i.test(s.name))).toBe(false);
    for (const service of services.filter((s) => s.enabled)) {
      for (const kind of ['web', 'secureweb'] as const) {
        const state = await networksetupDriver.read(host, { service: service.name, kind });
        expect(state).toMatchObject({
          enabled: expect.any(Boolean),
          host: expect.any(String),
          port: expect.any(Number),
        });
      }
      const bypass = await networksetupDriver.read(host, { service: service.name, kind: 'bypass' });
      expect(Array.isArray((bypass as { domains: string[] }).domains)).toBe(true);
      expect((bypass as { domains: string[] }).domains.join(' ')).not.toMatch(/There aren't/);
    }
  });

  it('parses scutil --proxy and reads the system scope', async () => {
    const result = await host.run(SCUTIL, ['--proxy']);
    expect(result.code).toBe(0);
    const proxy = parseScutilProxy(result.stdout);
    expect(proxy.raw).toBeTypeOf('object');
    const reading = await macosSystemAdapter(host).read();
    expect(reading).toMatchObject({ scope: 'system', available: true });
    expect(reading.source).toMatch(/^networksetup: /);
  });

  it('sets, reads and unsets a launchd variable', async () => {
    const name = `GOPROXY_DESK_TEST_${process.pid}`;
    try {
      await launchctlDriver.write(host, { name }, { value: 'http://127.0.0.1:3128' });
      expect(await launchctlDriver.read(host, { name })).toEqual({ value: 'http://127.0.0.1:3128' });
    } finally {
      await launchctlDriver.write(host, { name }, { value: null });
    }
    expect(await launchctlDriver.read(host, { name })).toEqual({ value: null });
  });

  it('writes a LaunchAgent plist that plutil accepts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'goproxy-desk-plist-'));
    try {
      const file = path.join(dir, 'agent.plist');
      await writeFile(
        file,
        launchAgentPlist({ http_proxy: 'http://u:p%40ss@127.0.0.1:3128', no_proxy: 'a&b,<c>' }),
      );
      const lint = await host.run('/usr/bin/plutil', ['-lint', file]);
      expect(lint.stdout).toContain('OK');
      const json = await host.run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file]);
      expect(JSON.parse(json.stdout).ProgramArguments).toEqual([
        '/bin/launchctl',
        'setenv',
        'http_proxy',
        'http://u:p%40ss@127.0.0.1:3128',
        'no_proxy',
        'a&b,<c>',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it(
    'sets the system proxy on every enabled service and restores it (administrator)',
    { timeout: 180_000 },
    async (ctx) => {
      const sudo = await host.run('/usr/bin/sudo', ['-n', 'true']);
      if (sudo.code !== 0) ctx.skip('networksetup needs an administrator, and sudo asks for a password here');
      const admin: Host = {
        ...host,
        run: (file, args, options) =>
          file === NETWORKSETUP
            ? host.run('/usr/bin/sudo', ['-n', file, ...args], options)
            : host.run(file, args, options),
      };
      const plan = await macosSystemAdapter(admin).plan(
        parseSettings({ http: 'http://127.0.0.1:3128', noProxy: '*.corp.example' }),
      );
      expect(plan.steps.length).toBeGreaterThan(0);
      try {
        for (const step of plan.steps) {
          const address = step.place.address as NetworksetupAddress;
          await networksetupDriver.write(admin, address, step.after as NetworksetupState);
          expect(
            networksetupDriver.equal(
              await networksetupDriver.read(admin, address),
              step.after as NetworksetupState,
            ),
          ).toBe(true);
        }
      } finally {
        for (const step of [...plan.steps].reverse()) {
          await networksetupDriver.write(
            admin,
            step.place.address as NetworksetupAddress,
            step.before as NetworksetupState,
          );
        }
      }
      for (const step of plan.steps) {
        const now = await networksetupDriver.read(admin, step.place.address as NetworksetupAddress);
        expect(networksetupDriver.equal(now, step.before as NetworksetupState)).toBe(true);
      }
    },
  );
});
