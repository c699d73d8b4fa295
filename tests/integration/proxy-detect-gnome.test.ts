import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, ProxyDetectResult } from '../../shared/contract';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';
import { startSessionBus, type SessionBus } from '../fixtures/session-bus';
import { startTinyproxy, type Tinyproxy } from '../fixtures/tinyproxy';
import { runBuiltCli } from '../harness/cli';

/**
 * Issue 17's acceptance under GNOME, through the built CLI: gsettings (dconf, a private session bus)
 * sets mode 'auto' with an autoconfig-url on a loopback server; the PAC sends the company's domain
 * direct, one host through a second proxy and the rest through tinyproxy. `proxy detect` reports each
 * decision and a suggestion that reproduces them (checked live through tinyproxy), `doctor --no-probe`
 * says go ignores the PAC.
 */

const run = promisify(execFile);
let sandbox: Sandbox;
let bus: SessionBus;
let env: NodeJS.ProcessEnv;
let pacServer: Server;
let proxy: Tinyproxy;
let mirror: Mirror;

beforeAll(async () => {
  sandbox = await createSandbox();
  const base: NodeJS.ProcessEnv = {
    ...sandbox.env,
    GSETTINGS_BACKEND: 'dconf',
    XDG_CURRENT_DESKTOP: 'ubuntu:GNOME',
    GOPROXY_DESK_HOME: path.join(sandbox.root, 'data'),
  };
  delete base.DCONF_PROFILE;
  delete base.KDE_FULL_SESSION;
  bus = await startSessionBus({ dir: sandbox.root, env: base });
  env = { ...base, ...bus.env };
  proxy = await startTinyproxy({ dir: sandbox.root });
  mirror = await startMirror();
  const pac = `function FindProxyForURL(url, host) {
    if (dnsDomainIs(host, ".corp.example") || shExpMatch(host, "*.cn")) return "DIRECT";
    if (host == "git.partner.example") return "PROXY 127.0.0.1:1; DIRECT";
    return "PROXY 127.0.0.1:${proxy.port}";
  }`;
  pacServer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/x-ns-proxy-autoconfig');
    res.end(pac);
  });
  await new Promise<void>((resolve) => pacServer.listen(0, '127.0.0.1', resolve));
  const pacUrl = `http://127.0.0.1:${(pacServer.address() as AddressInfo).port}/proxy.pac`;
  await run('gsettings', ['set', 'org.gnome.system.proxy', 'mode', 'auto'], { env });
  await run('gsettings', ['set', 'org.gnome.system.proxy', 'autoconfig-url', pacUrl], { env });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => pacServer?.close(resolve));
  await proxy?.close();
  await mirror?.close();
  await bus?.close();
  await sandbox?.cleanup();
});

describe('under GNOME with a PAC script', () => {
  it('proxy detect: mode pac, each decision, a suggestion that reproduces them, a warning for the rest', async () => {
    const result = await runBuiltCli(
      [
        'proxy',
        'detect',
        '--json',
        '--url',
        'https://git.corp.example/team/lib',
        '--url',
        'https://git.partner.example/x',
      ],
      env,
      { timeoutMs: 90_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const r = JSON.parse(result.stdout) as ProxyDetectResult;
    expect(r.mode).toBe('pac');
    expect(r.source).toContain('GNOME');
    const proxyOf = (url: string) => r.decisions.find((d) => d.url === url)?.proxy;
    expect(proxyOf('https://git.corp.example/team/lib')).toBeNull();
    expect(proxyOf('https://goproxy.cn')).toBeNull();
    expect(proxyOf('https://proxy.golang.org')).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(proxyOf('https://git.partner.example/x')).toBe('http://127.0.0.1:1');
    expect(r.suggestion?.https).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(r.suggestion?.noProxy?.split(',')).toEqual(
      expect.arrayContaining(['git.corp.example', 'goproxy.cn', 'sum.golang.google.cn']),
    );
    const warnings = r.warnings.join('\n');
    expect(warnings).toContain('git.partner.example goes through http://127.0.0.1:1');
    expect(warnings).toContain('do not fall back');

    // The suggested proxy is one go can use: a live check through it reaches a mirror.
    const before = proxy.requests().length;
    const test = await runBuiltCli(
      ['proxy', 'test', '--proxy', r.suggestion!.https!, '--mirror', mirror.url, '--json'],
      env,
      { timeoutMs: 60_000 },
    );
    // The fixture mirror speaks plain http: the forwarded request is served (the CONNECT+TLS check is not).
    const checks = (JSON.parse(test.stdout) as { checks: { mode: string; outcome: string }[] }).checks;
    expect(checks.find((c) => c.mode === 'forward')?.outcome).toBe('ok');
    expect(proxy.requests().slice(before).join('\n')).toContain(`GET ${mirror.url}`);
  }, 120_000);

  it("doctor --no-probe, with no proxy in go's environment, says go ignores the PAC", async () => {
    const result = await runBuiltCli(['doctor', '--no-probe', '--json'], env, { timeoutMs: 60_000 });
    const report = JSON.parse(result.stdout) as DoctorReport;
    const finding = report.findings.find((f) => f.id === 'os-proxy-ignored');
    expect(finding?.title).toBe('Your system uses a PAC script, and go ignores it');
    expect(finding?.evidence.join('\n')).toContain('/proxy.pac');
    // With HTTPS_PROXY set, it says nothing (the decisions are compared only with live checks).
    const withProxy = await runBuiltCli(
      ['doctor', '--no-probe', '--json'],
      { ...env, HTTPS_PROXY: proxy.url },
      {
        timeoutMs: 60_000,
      },
    );
    expect((JSON.parse(withProxy.stdout) as DoctorReport).findings.map((f) => f.id)).not.toContain(
      'os-proxy-ignored',
    );
  }, 120_000);
});
