import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import { maskUserinfo } from '../../electron/services/store/mirrors';
import { MIRRORS, type MirrorInfo } from '../../shared/mirrors';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

let sandbox: Sandbox;
let services: Services;
beforeEach(async () => {
  sandbox = await createSandbox();
  services = createServices(createNodeHost({ env: sandbox.env }));
});
afterEach(() => sandbox.cleanup());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code: string; message: string }) => error,
  );

describe('mirrors: the catalogue and the user’s own mirrors', () => {
  it('lists the catalogue with its regions, marked as not custom', async () => {
    const { mirrors } = await services.mirrors.list();
    expect(mirrors.map((m) => m.id)).toEqual(MIRRORS.map((m) => m.id));
    expect(mirrors.find((m) => m.id === 'goproxy.cn')).toEqual({
      id: 'goproxy.cn',
      name: 'Goproxy.cn (Qiniu)',
      url: 'https://goproxy.cn',
      region: 'cn',
      sumdbProxy: true,
      notes: expect.any(String),
      custom: false,
    });
  });

  it('adds a mirror the way go reads a GOPROXY entry, with an id from its host and path, after the catalogue', async () => {
    const { mirrors } = await services.mirrors.add({ url: 'goproxy.corp.example/go/' });
    expect(mirrors.at(-1)).toEqual({
      id: 'goproxy.corp.example/go',
      name: 'goproxy.corp.example/go',
      url: 'https://goproxy.corp.example/go',
      region: 'custom',
      notes: '',
      custom: true,
    });
    const named = await services.mirrors.add({ url: 'http://10.0.0.5:8081', name: '  Build farm ' });
    expect(named.mirrors.at(-1)).toMatchObject({ id: '10.0.0.5:8081', name: 'Build farm', custom: true });
    expect((await services.settings.read()).settings.customMirrors).toHaveLength(2);
  });

  it('refuses a mirror already listed, however it is written', async () => {
    for (const url of ['https://GOPROXY.CN/', 'goproxy.cn', 'https://goproxy.cn:443']) {
      const error = await failure(services.mirrors.add({ url }));
      expect(error).toMatchObject({
        code: 'invalid-input',
        message: expect.stringContaining('Goproxy.cn (Qiniu)'),
      });
    }
    await services.mirrors.add({ url: 'https://m.corp.example' });
    expect(await failure(services.mirrors.add({ url: 'https://m.corp.example/' }))).toMatchObject({
      code: 'invalid-input',
    });
  });

  it('gives another scheme of the same host and path an id of its own', async () => {
    await services.mirrors.add({ url: 'https://m.corp.example/go' });
    const { mirrors } = await services.mirrors.add({ url: 'http://m.corp.example/go' });
    expect(mirrors.filter((m) => m.custom).map((m) => m.id)).toEqual([
      'm.corp.example/go',
      'm.corp.example/go-2',
    ]);
  });

  it.each([
    ['a file:// mirror', 'file:///srv/goproxy'],
    ['an ftp mirror', 'ftp://m.corp.example'],
    ['a GOPROXY list', 'https://m.corp.example,direct'],
    ['direct', 'direct'],
    ['a word', 'mirror'],
  ])('refuses %s', async (_label, url) => {
    expect(await failure(services.mirrors.add({ url }))).toMatchObject({ code: 'invalid-input' });
    expect((await services.settings.read()).exists).toBe(false);
  });

  it('keeps a password in the URL but never shows it in a refusal', async () => {
    for (const url of [
      'ftp://builder:s3cret@m.corp.example',
      'https://builder:s3cret@goproxy.cn',
      'https://builder:s3cret@m.corp.example,direct',
      'builder:s3cret@m.corp.example|direct',
    ]) {
      const error = await failure(services.mirrors.add({ url }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).not.toContain('s3cret');
    }
    const { mirrors } = await services.mirrors.add({ url: 'https://builder:s3cret@m.corp.example' });
    expect(mirrors.at(-1)).toMatchObject({
      id: 'm.corp.example',
      url: 'https://builder:s3cret@m.corp.example',
    });
    const again = await failure(services.mirrors.add({ url: 'https://other:s3cret@m.corp.example' }));
    expect(again.message).not.toContain('s3cret');
  });

  it('removes a custom mirror, and refuses to remove a catalogue one or one that is not there', async () => {
    await services.mirrors.add({ url: 'https://m.corp.example' });
    expect((await services.mirrors.remove('m.corp.example')).mirrors.some((m) => m.custom)).toBe(false);
    expect(await failure(services.mirrors.remove('goproxy.cn'))).toMatchObject({ code: 'invalid-input' });
    expect(await failure(services.mirrors.remove('m.corp.example'))).toMatchObject({ code: 'invalid-input' });
    expect((await services.mirrors.list()).mirrors).toHaveLength(MIRRORS.length);
  });

  it('masks the password of every user:password@ in a message', () => {
    expect(maskUserinfo('https://u:p@a.example, u2:p2@b.example and "x:y@c"')).toBe(
      'https://u:xxxxx@a.example, u2:xxxxx@b.example and "x:xxxxx@c"',
    );
  });
});

describe('mirrors: an injected catalogue, and custom mirrors as probe and use targets', () => {
  let first: Mirror;
  let second: Mirror;
  let catalogue: MirrorInfo[];
  beforeAll(async () => {
    [first, second] = await Promise.all([startMirror(), startMirror()]);
    catalogue = [{ id: 'fixture', name: 'Fixture', url: first.url, region: 'cn', notes: 'local' }];
  });
  afterAll(() => Promise.all([first.close(), second.close()]));

  it('lists only the injected catalogue, and probes it and the custom mirrors by default', async () => {
    const app = createServices(createNodeHost({ env: sandbox.env }), { catalogue });
    await app.mirrors.add({ url: second.url, name: 'Second' });
    const customId = second.url.replace('http://', '');
    expect((await app.mirrors.list()).mirrors.map((m) => m.id)).toEqual(['fixture', customId]);
    const report = await app.probe.run({ samples: 1, timeoutMs: 5000 });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([
      ['fixture', 'ok'],
      [customId, 'ok'],
    ]);
    const byId = await app.probe.run({ mirrors: [customId], samples: 1 });
    expect(byId.results.map((r) => r.url)).toEqual([second.url]);
  });

  it('resolves catalogue and custom ids for `use`, and names the known ids when one is unknown', async () => {
    const app = createServices(createNodeHost({ env: sandbox.env }), { catalogue });
    await app.mirrors.add({ url: second.url });
    const customId = second.url.replace('http://', '');
    const fixture = await app.goenv.use({ target: 'fixture', dryRun: true });
    expect(fixture.changed).toEqual([{ key: 'GOPROXY', from: null, to: `${first.url},direct` }]);
    const custom = await app.goenv.use({ target: customId, fallback: 'fixture', dryRun: true });
    expect(custom.changed[0]?.to).toBe(`${second.url}|${first.url},direct`);
    const error = await failure(app.goenv.use({ target: 'no such mirror', dryRun: true }));
    expect(error.message).toContain(`fixture, ${customId}`);
  });
});
