import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SumdbVerifyResult } from '../../shared/contract';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSumdb, type Sumdb } from '../fixtures/sumdb';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { runBuiltCli } from '../harness/cli';

/**
 * `route --live` and `verify` take the network path go would: through the HTTP proxy that
 * HTTPS_PROXY/HTTP_PROXY/NO_PROXY choose (a real tinyproxy, with and without Basic credentials).
 * The mirror and the database are named "127.1", which go does not treat as loopback, so go's rules
 * send them through the proxy, and the resolver still maps the name to 127.0.0.1.
 */
let sandbox: Sandbox;
let mirror: Mirror;
let db: Sumdb;
let open: Tinyproxy;
let locked: Tinyproxy;
const AUTH = { user: 'gopher', password: 's3cret' };

beforeAll(async () => {
  sandbox = await createSandbox();
  [mirror, db, open, locked] = await Promise.all([
    startMirror(),
    startSumdb(),
    startTinyproxy({ dir: sandbox.root }),
    startTinyproxy({ dir: sandbox.root, basicAuth: AUTH }),
  ]);
});
afterAll(async () => {
  await Promise.all([mirror?.close(), db?.close(), open?.close(), locked?.close()]);
  await sandbox?.cleanup();
});

const via127 = (url: string) => url.replace('127.0.0.1', '127.1');
const env = (proxy: string, extra: NodeJS.ProcessEnv = {}) => ({
  ...sandbox.env,
  GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'),
  HTTP_PROXY: proxy,
  HTTPS_PROXY: proxy,
  ...extra,
});

describe('live network paths go through the proxy go would use', () => {
  it('route --live fetches every file through HTTP_PROXY', async () => {
    const goproxy = via127(mirror.url);
    const run = await runBuiltCli(
      ['route', 'rsc.io/quote@v1.5.2', '--live', '--set', `GOPROXY=${goproxy}`, '--json'],
      env(open.url),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ live: { servedBy: 0 } });
    // undici's ProxyAgent tunnels plain http too (CONNECT), where go would send absolute-form GETs:
    // the same proxy either way.
    const port = new URL(mirror.url).port;
    expect(open.requests().some((r) => r.includes(`:${port}`))).toBe(true);
  });

  it('NO_PROXY sends it direct', async () => {
    const before = open.requests().length;
    const goproxy = via127(mirror.url);
    const run = await runBuiltCli(
      ['route', 'rsc.io/quote@v1.5.2', '--live', '--set', `GOPROXY=${goproxy}`, '--json'],
      env(open.url, { NO_PROXY: '127.1' }),
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ live: { servedBy: 0 } });
    expect(open.requests().length).toBe(before);
    expect(before).toBeGreaterThan(0);
  });

  it('verify goes through a proxy that wants credentials, with them; is refused without', async () => {
    const args = [
      'verify',
      'rsc.io/quote@v1.5.2',
      '--mirror',
      via127(mirror.url),
      '--sumdb',
      `${db.vkey} ${via127(db.url)}`,
      '--json',
    ];
    // The fixture's URL carries the credentials.
    const ok = await runBuiltCli(args, env(locked.url));
    expect(JSON.parse(ok.stdout)).toMatchObject({ zip: { ok: true }, sumdb: { verified: true } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain(AUTH.password);

    const refused = await runBuiltCli(args, env(locked.url.replace(`${AUTH.user}:${AUTH.password}@`, '')));
    expect(refused.code).toBe(1);
    const result = JSON.parse(refused.stdout) as SumdbVerifyResult;
    expect(result.error).toMatch(/407|proxy/i);
  });
});
