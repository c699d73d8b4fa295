import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

let sandbox: Sandbox;
let mirror: Mirror;
beforeAll(async () => {
  sandbox = await createSandbox();
  mirror = await startMirror();
});
afterAll(async () => {
  await mirror.close();
  await sandbox.cleanup();
});

const route = (...args: string[]) => runBuiltCli(['route', ...args], sandbox.env);

describe('goproxy-desk route (built bin)', () => {
  it("explains go's default route as the JSON of DESIGN §5", async () => {
    const run = await route('rsc.io/quote', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      module: 'rsc.io/quote',
      steps: [
        { kind: 'proxy', url: 'https://proxy.golang.org', fallback: 'notfound' },
        { kind: 'direct', fallback: 'notfound' },
      ],
      checksum: { verified: true, db: 'sum.golang.org', url: 'https://sum.golang.org', reason: 'checked' },
    });
  });

  it('applies --set overrides, with GONOPROXY and GONOSUMDB following GOPRIVATE', async () => {
    const run = await route('git.corp.example/team/lib', '--set', 'GOPRIVATE=*.corp.example', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({
      steps: [{ kind: 'noproxy', pattern: '*.corp.example' }],
      checksum: { verified: false, reason: 'gonosumdb', pattern: '*.corp.example' },
    });
  });

  it("exits 1 with go's own message when the settings are invalid", async () => {
    const run = await route('rsc.io/quote', '--set', 'GOPROXY=https://goproxy.cn,ftp://x', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      steps: [],
      error: 'invalid proxy URL scheme (must be https, http, file): ftp://x',
    });
  });

  it('walks the chain live and names the entry that served every file', async () => {
    const goproxy = `http://127.0.0.1:1|${mirror.url},direct`;
    const run = await route('rsc.io/quote@v1.5.2', '--live', '--set', `GOPROXY=${goproxy}`, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.live).toMatchObject({ servedBy: 1, files: { info: 1, mod: 1, zip: 1 } });
    expect(report.live.attempts[0]).toMatchObject({ file: 'info', index: 0, outcome: 'error' });
  });

  it('says in Chinese where the checksum is checked', async () => {
    const run = await route('rsc.io/quote', '--lang', 'zh-CN');
    expect(run.stdout).toContain('校验和：通过 sum.golang.org 校验');
  });

  it.each([
    [['not a module path!'], /malformed module path/],
    [['rsc.io/quote@master'], /full semantic version/],
    [['rsc.io/quote', '--set', 'HTTP_PROXY=x'], /KEY one of GOPROXY/],
    [[], /needs more arguments/],
  ])('%j exits 2 with a message', async (args, message) => {
    const run = await route(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("explains a 401 from a mirror by the installed go's credential rules", async () => {
    mirror.setFaults({ status: 401 });
    try {
      const url = mirror.url.replace('http://', 'http://gopher:secret@');
      const run = await route('rsc.io/quote@v1.5.2', '--set', `GOPROXY=${url}`, '--live', '--json');
      const report = JSON.parse(run.stdout) as {
        live: { auth: { index: number; status: number; code: string }[] };
      };
      // Over http go sends the URL's user in clear text; the server said no.
      expect(report.live.auth).toEqual([
        expect.objectContaining({ index: 0, status: 401, code: 'http-url' }),
      ]);
      expect(JSON.stringify(report.live.auth)).not.toContain('secret');
      const text = await route('rsc.io/quote@v1.5.2', '--set', `GOPROXY=${url}`, '--live');
      expect(text.stdout).toContain('go sent the user gopher from the GOPROXY URL in clear text');
    } finally {
      mirror.clearFaults();
    }
  });
});
