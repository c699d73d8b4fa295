import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services, type StateArea } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/** state:changed comes from one wrapper around the services; these calls are the real ones. */

let sandbox: Sandbox;
let services: Services;
let heard: StateArea[];
let stop: () => void;

beforeEach(async () => {
  sandbox = await createSandbox();
  services = createServices(createNodeHost({ env: sandbox.env, homedir: sandbox.home }), { catalogue: [] });
  heard = [];
  stop = services.events.onStateChanged((area) => heard.push(area));
});
afterEach(async () => {
  stop();
  await sandbox.cleanup();
});

/** What the call announced, and nothing left over for the next one. */
async function announced(call: () => Promise<unknown>): Promise<StateArea[]> {
  heard = [];
  await call();
  return [...heard];
}

describe('state:changed', () => {
  it('announces go env changes, and neither dry runs nor writes that change nothing', async () => {
    expect(await announced(() => services.goenv.write({ set: ['GOPROXY=off'] }))).toEqual(['goenv']);
    expect(await announced(() => services.goenv.write({ set: ['GOPROXY=direct'], dryRun: true }))).toEqual(
      [],
    );
    expect(await announced(() => services.goenv.set(['GOPROXY=off']))).toEqual([]);
    expect(await announced(() => services.goenv.use({ target: 'https://m.example', dryRun: true }))).toEqual(
      [],
    );
    expect(await announced(() => services.goenv.use({ target: 'https://m.example' }))).toEqual(['goenv']);
    expect(await announced(() => services.goenv.undo())).toEqual(['goenv']);
    expect(await announced(() => services.goenv.unset(['GOPROXY']))).toEqual(['goenv']);
  });

  it('announces nothing when a change fails', async () => {
    await expect(services.goenv.write({ set: ['NOT_A_GO_VARIABLE=1'] })).rejects.toBeDefined();
    await expect(services.mirrors.remove('nothing-here')).rejects.toBeDefined();
    await expect(services.settings.write({ theme: 'neon' as never })).rejects.toBeDefined();
    expect(heard).toEqual([]);
  });

  it('announces the settings, and the mirror list as both mirrors and settings', async () => {
    expect(await announced(() => services.settings.write({ theme: 'dark' }))).toEqual(['settings']);
    expect(await announced(() => services.mirrors.add({ url: 'https://m.corp.example' }))).toEqual([
      'mirrors',
      'settings',
    ]);
    expect(await announced(() => services.mirrors.remove('m.corp.example'))).toEqual(['mirrors', 'settings']);
    expect(await announced(() => services.settings.read())).toEqual([]);
  });

  it('announces proxy changes, profiles, and a profile applied as the go env and the proxy too', async () => {
    expect(
      await announced(() =>
        services.netproxy.apply({ http: 'http://proxy.corp.example:3128', scopes: ['git'] }),
      ),
    ).toEqual(['netproxy']);
    expect(
      await announced(() =>
        services.netproxy.apply({ http: 'http://other.example:3128', scopes: ['git'], dryRun: true }),
      ),
    ).toEqual([]);
    expect(await announced(() => services.netproxy.restore({}))).toEqual(['netproxy']);
    const profile = {
      name: 'Office',
      goenv: { set: { GOPROXY: 'https://m.corp.example,direct' }, unset: [] },
    };
    expect(await announced(() => services.profiles.save(profile))).toEqual(['profiles']);
    expect(await announced(() => services.profiles.apply('Office', { dryRun: true }))).toEqual([]);
    expect(await announced(() => services.profiles.apply('Office'))).toEqual([
      'profiles',
      'goenv',
      'netproxy',
    ]);
    expect(await announced(() => services.profiles.remove('Office'))).toEqual(['profiles']);
  });

  it('announces a doctor fix as a go env change', async () => {
    await mkdir(path.dirname(sandbox.goEnvFile), { recursive: true });
    await writeFile(sandbox.goEnvFile, 'GOPROXY=https://a.example,https://a.example,direct\n');
    const request = { probe: false, ids: ['goproxy-duplicate'] };
    expect(await announced(() => services.doctor.fix({ ...request, dryRun: true }))).toEqual([]);
    expect(await announced(() => services.doctor.fix(request))).toEqual(['goenv']);
  });

  it('stops telling a listener once it unsubscribed', async () => {
    stop();
    await services.settings.write({ theme: 'light' });
    expect(heard).toEqual([]);
  });
});
