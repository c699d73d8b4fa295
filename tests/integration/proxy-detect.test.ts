import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProxyDetectResult } from '../../shared/contract';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { runBuiltCli } from '../harness/cli';

/**
 * `proxy detect` through the built CLI, with KDE's own kwriteconfig5 setting the system proxy to a PAC
 * script (a file and one served over HTTP): the decisions for the URLs go needs as the script makes
 * them, the single proxy go would use, the HTTPS_PROXY/NO_PROXY that reproduce them, and a hostile
 * script that loops forever answered within seconds.
 */

const run = promisify(execFile);
let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;
let server: Server | null = null;
beforeEach(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env, XDG_CURRENT_DESKTOP: 'KDE', XDG_CONFIG_DIRS: path.join(sandbox.root, 'xdg') };
});
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
  await sandbox.cleanup();
});

const PAC = `function FindProxyForURL(url, host) {
  // the company's mirrors and China's go direct; the rest through the proxy, falling back to direct
  if (shExpMatch(host, "*.cn") || dnsDomainIs(host, "goproxy.io")) return "DIRECT";
  if (host == "git.corp.example") return "PROXY 10.9.9.9:8080";
  return "PROXY 10.0.0.1:3128; DIRECT";
}`;

async function kde(type: number, script: string): Promise<void> {
  const file = path.join(sandbox.configHome, 'kioslaverc');
  const set = (key: string, value: string) =>
    run('kwriteconfig5', ['--file', file, '--group', 'Proxy Settings', '--key', key, value], { env });
  await set('ProxyType', String(type));
  await set('Proxy Config Script', script);
}

async function detect(args: string[] = []): Promise<ProxyDetectResult> {
  const result = await runBuiltCli(['proxy', 'detect', '--json', ...args], env, { timeoutMs: 90_000 });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ProxyDetectResult;
}

describe('proxy detect with a PAC script set by KDE', () => {
  it('gives the PAC decisions, the proxy go would use, and the variables that reproduce them', async () => {
    const pac = path.join(sandbox.root, 'proxy.pac');
    await writeFile(pac, PAC);
    await kde(2, `file://${pac}`);
    const r = await detect(['--url', 'https://git.corp.example/team/lib']);
    expect(r).toMatchObject({ mode: 'pac', pacUrl: `file://${pac}`, source: 'KDE (kioslaverc)' });
    const decision = (url: string) => r.decisions.find((d) => d.url === url);
    expect(decision('https://proxy.golang.org')).toEqual({
      url: 'https://proxy.golang.org',
      pac: 'PROXY 10.0.0.1:3128; DIRECT',
      proxy: 'http://10.0.0.1:3128',
    });
    expect(decision('https://goproxy.cn')).toEqual({ url: 'https://goproxy.cn', pac: 'DIRECT', proxy: null });
    expect(decision('https://sum.golang.google.cn')?.proxy).toBeNull();
    expect(decision('https://git.corp.example/team/lib')?.proxy).toBe('http://10.9.9.9:8080');
    expect(r.suggestion).toEqual({
      http: 'http://10.0.0.1:3128',
      https: 'http://10.0.0.1:3128',
      noProxy: 'goproxy.cn,goproxy.io,proxy.golang.com.cn,sum.golang.google.cn',
    });
    // What the variables cannot say: the failover, and the one host with another proxy.
    expect(r.warnings.join('\n')).toContain('go and git take only its first proxy and do not fall back');
    expect(r.warnings.join('\n')).toContain(
      'git.corp.example goes through http://10.9.9.9:8080, the others through http://10.0.0.1:3128',
    );
    // The same notes as codes, one per warning in the same order, for the UI to say in its language.
    expect(r.warningCodes).toHaveLength(r.warnings.length);
    expect(r.warningCodes).toContainEqual({
      code: 'two-proxies',
      params: { host: 'git.corp.example', proxy: 'http://10.9.9.9:8080', main: 'http://10.0.0.1:3128' },
    });
    expect(r.warningCodes?.find((w) => w?.code === 'pac-failover')?.params?.hosts).toContain(
      'proxy.golang.org',
    );
  });

  it('fetches the script over HTTP, and a script that loops forever is reported within seconds', async () => {
    let body = PAC;
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/x-ns-proxy-autoconfig');
      res.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/proxy.pac`;
    await kde(2, url);
    expect((await detect()).decisions.find((d) => d.url === 'https://goproxy.io')?.pac).toBe('DIRECT');

    body = 'function FindProxyForURL(url, host) { for (;;) {} }';
    const started = Date.now();
    const r = await detect(['--url', 'https://example.com/']);
    // Every URL is asked with a 2 s deadline; nothing hangs and nothing is proxied by guess.
    expect(Date.now() - started).toBeLessThan(80_000);
    expect(r.decisions.every((d) => d.proxy === null)).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('the PAC script failed for https://example.com/'))).toBe(true);
  }, 120_000);

  it('a PAC URL that cannot be fetched is a warning, and nothing is suggested', async () => {
    await kde(2, 'http://127.0.0.1:9/none.pac');
    const r = await detect();
    expect(r.mode).toBe('pac');
    expect(r.suggestion).toBeNull();
    expect(r.warnings.some((w) => w.includes('could not be fetched'))).toBe(true);
    expect(r.warningCodes?.map((w) => w?.code)).toContain('pac-fetch-failed');
  });
});
