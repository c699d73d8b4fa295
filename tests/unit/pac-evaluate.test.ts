import { describe, expect, it } from 'vitest';
import { evaluatePac } from '../../electron/services/pac';

const corporate = `
function FindProxyForURL(url, host) {
  host = host.toLowerCase();
  if (isPlainHostName(host) || localHostOrDomainIs(host, "intranet.corp.example")) return "DIRECT";
  if (dnsDomainIs(host, ".corp.example") || shExpMatch(host, "*.internal.*")) return "DIRECT";
  if (isInNet(host, "10.0.0.0", "255.0.0.0") || isInNet(host, "192.168.0.0", "255.255.0.0")) return "DIRECT";
  if (shExpMatch(url, "https://proxy.golang.org/*")) return "PROXY gw1.corp.example:3128; PROXY gw2.corp.example:3128; DIRECT";
  if (shExpMatch(host, "*.socks.test")) return "SOCKS5 socks.corp.example:1080";
  if (isInNet(myIpAddress(), "172.16.0.0", "255.240.0.0")) return "PROXY branch.corp.example:8080";
  return "PROXY gw1.corp.example:3128";
}`;

const fakeDns: Record<string, string[]> = {
  'git.corp.example': ['10.1.2.3'],
  'build.lan': ['192.168.4.5'],
  'proxy.golang.org': ['142.250.0.1'],
  'ipv6only.test': ['2001:db8::1'],
};
const lookup = (host: string): Promise<string[]> =>
  fakeDns[host] ? Promise.resolve(fakeDns[host]) : Promise.reject(new Error('ENOTFOUND'));

function run(script: string, url: string, extra: Parameters<typeof evaluatePac>[2] = {}) {
  return evaluatePac(script, url, { lookup, myIp: '10.9.9.9', ...extra });
}

function body(code: string): string {
  return `function FindProxyForURL(url, host) { ${code} }`;
}

describe('evaluatePac: scripts companies deploy', () => {
  it.each([
    ['http://wiki/', 'DIRECT'],
    ['http://intranet/', 'DIRECT'],
    ['https://intranet.corp.example/', 'DIRECT'],
    ['https://git.corp.example/x', 'DIRECT'],
    ['https://a.internal.net/', 'DIRECT'],
    ['https://10.20.30.40/', 'DIRECT'],
    ['https://build.lan/', 'DIRECT'],
    [
      'https://proxy.golang.org/github.com/x/y/@v/list',
      'PROXY gw1.corp.example:3128; PROXY gw2.corp.example:3128; DIRECT',
    ],
    ['https://a.socks.test/', 'SOCKS5 socks.corp.example:1080'],
    ['https://unknown.example/', 'PROXY gw1.corp.example:3128'],
  ])('%s → %s', async (url, expected) => {
    expect(await run(corporate, url)).toEqual({ ok: true, result: expected });
  });

  it('gives myIpAddress() the injected address', async () => {
    expect(await run(corporate, 'https://unknown.example/', { myIp: '172.20.1.1' })).toEqual({
      ok: true,
      result: 'PROXY branch.corp.example:8080',
    });
  });

  it('defaults myIpAddress() to an IPv4 address of this machine', async () => {
    const r = await evaluatePac(body('return myIpAddress();'), 'http://x/');
    expect(r.ok && /^\d+\.\d+\.\d+\.\d+$/.test(r.result)).toBe(true);
  });

  it('resolves through the injected lookup: dnsResolve gives an IPv4 address, isResolvable a boolean', async () => {
    const script = body(`
      var a = dnsResolve("git.corp.example");
      var b = dnsResolve("nope.test");
      var c = dnsResolve("ipv6only.test");
      var d = isResolvable("build.lan");
      var e = isResolvable("nope.test");
      var f = isInNet(dnsResolve(host), "10.0.0.0", "255.0.0.0");
      return [a, b, c, d, e, f].join(",");`);
    expect(await run(script, 'http://git.corp.example/')).toEqual({
      ok: true,
      result: '10.1.2.3,,,true,false,true',
    });
  });

  it('reads a lookup that does not answer in time as "does not resolve", as browsers do', async () => {
    const slow = (): Promise<string[]> =>
      new Promise((resolve) => setTimeout(() => resolve(['10.0.0.1']), 5000));
    const started = Date.now();
    const r = await run(
      body('return isResolvable("slow.test") ? "PROXY a:1" : String(dnsResolve("slow.test"));'),
      'http://x/',
      {
        lookup: slow,
        dnsTimeoutMs: 100,
      },
    );
    expect(r).toEqual({ ok: true, result: 'null' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('bounds the whole evaluation even when each lookup is within its own limit', async () => {
    const slow = (): Promise<string[]> => new Promise(() => undefined);
    const r = await run(
      body('for (var i = 0; i < 100; i++) dnsResolve("h" + i); return "DIRECT";'),
      'http://x/',
      {
        lookup: slow,
        dnsTimeoutMs: 100,
        timeoutMs: 400,
      },
    );
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('offers weekdayRange and timeRange (checked where the answer does not depend on today)', async () => {
    const script = body(
      'return [weekdayRange("SUN", "SAT"), timeRange(0, 24), dnsDomainLevels("a.b.c")].join(",");',
    );
    expect(await run(script, 'http://x/')).toEqual({ ok: true, result: 'true,true,2' });
  });

  it('matches shell patterns without turning them into regular expressions', async () => {
    const script = body(
      'return [shExpMatch("a.b.c", "a.?.c"), shExpMatch("abc", "a*"), shExpMatch("(a)", "(a)"), shExpMatch("aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")].join(",");',
    );
    expect(await run(script, 'http://x/')).toEqual({ ok: true, result: 'true,true,true,false' });
  });

  it('evaluates a normal script well under the time limit', async () => {
    await run(corporate, 'http://warm-up/');
    const started = performance.now();
    const rounds = 10;
    for (let i = 0; i < rounds; i++) await run(corporate, 'https://proxy.golang.org/x');
    const each = (performance.now() - started) / rounds;
    console.log(`PAC evaluation: ${each.toFixed(1)} ms each`);
    expect(each).toBeLessThan(200);
  });
});

describe('evaluatePac: hostile and broken scripts', () => {
  it('stops an endless loop at the deadline', async () => {
    const started = Date.now();
    const r = await run(body('while (true) {}'), 'http://x/', { timeoutMs: 300 });
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
  });

  it('stops an endless loop at the top level of the script too', async () => {
    const r = await run(`for (;;) {} ${body('return "DIRECT";')}`, 'http://x/', { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('stops a loop of host calls at the deadline', async () => {
    const r = await run(body('while (true) shExpMatch(host, "*.x");'), 'http://x/', { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('stops a script that allocates without end', async () => {
    const r = await run(
      body('var a = []; while (true) a.push(new Array(1000).join("x") + a.length);'),
      'http://x/',
      {
        memoryBytes: 8 * 1024 * 1024,
      },
    );
    expect(r).toMatchObject({ ok: false, code: 'memory' });
  });

  it('stops a string that doubles without end (QuickJS caps strings before the heap fills)', async () => {
    const r = await run(body('var s = "x"; while (true) s += s;'), 'http://x/');
    expect(r).toMatchObject({
      ok: false,
      code: 'script-error',
      error: expect.stringContaining('string too long'),
    });
  });

  it('turns endless recursion into an error', async () => {
    const r = await run(body('function f() { return f() + 1; } return f();'), 'http://x/');
    expect(r).toMatchObject({ ok: false, code: 'script-error' });
  });

  it.each([
    [
      'the constructor chain',
      'var F = this.constructor.constructor; var g = F("return process"); return g().pid + "";',
    ],
    ['Function to the global object', 'var g = Function("return globalThis"); return typeof g().process;'],
    [
      "a sandbox function's constructor",
      'var F = dnsResolve.constructor.constructor; var g = F("return typeof process + typeof require"); return g();',
    ],
    ['require', 'return require("child_process").execSync("id") + "";'],
    ['import()', 'return import("node:fs");'],
    [
      'the constructor chain in one expression',
      'return this.constructor.constructor("return process")().pid;',
    ],
  ])('gives no access to Node through %s', async (_name, code) => {
    const r = await run(body(code), 'http://x/');
    if (r.ok) expect(r.result).toMatch(/^(undefined)+$/);
    else expect(r.error).toBeTruthy();
    expect(typeof process.pid).toBe('number');
  });

  it('explains a script that throws', async () => {
    expect(await run(body('throw new Error("boom");'), 'http://x/')).toEqual({
      ok: false,
      code: 'script-error',
      error: 'The PAC script failed: Error: boom.',
    });
  });

  it.each([
    ['a number', 'return 42;', 'a number'],
    ['nothing', 'return;', 'nothing'],
    ['null', 'return null;', 'null'],
    ['an object', 'return { a: 1 };', 'a object'],
  ])('refuses a result that is %s', async (_name, code, said) => {
    const r = await run(body(code), 'http://x/');
    expect(r).toMatchObject({ ok: false, code: 'not-a-string' });
    expect(!r.ok && r.error).toContain(`returned ${said}`);
  });

  it('explains a script without FindProxyForURL and one that does not parse', async () => {
    expect(await run('var x = 1;', 'http://x/')).toMatchObject({
      ok: false,
      code: 'script-error',
      error: expect.stringContaining('does not define FindProxyForURL'),
    });
    expect(await run('function FindProxyForURL(url, host) {', 'http://x/')).toMatchObject({
      ok: false,
      code: 'script-error',
      error: expect.stringContaining('not valid JavaScript'),
    });
  });

  it('refuses a URL that is not one', async () => {
    expect(await run(corporate, 'not a url')).toMatchObject({ ok: false, code: 'invalid-input' });
  });

  it('runs a 1 MB script', async () => {
    const filler = Array.from(
      { length: 20_000 },
      (_, i) => `  if (host === "h${i}.example") return "PROXY p${i}:${(i % 60000) + 1}";`,
    ).join('\n');
    const script = `function FindProxyForURL(url, host) {\n${filler}\n  return "DIRECT";\n}`;
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(await run(script, 'http://h19999.example/', { timeoutMs: 10_000 })).toEqual({
      ok: true,
      result: 'PROXY p19999:20000',
    });
  });

  it('leaves the process able to evaluate again after hostile scripts', async () => {
    await run(body('while (true) {}'), 'http://x/', { timeoutMs: 100 });
    await run(body('var s = "x"; while (true) s += s;'), 'http://x/');
    expect(await run(corporate, 'http://wiki/')).toEqual({ ok: true, result: 'DIRECT' });
  });
});

describe('what the script sees of an https URL', () => {
  it('only the scheme and host, as browsers do: a module path never reaches it (nor its DNS queries)', async () => {
    const script = 'function FindProxyForURL(url, host) { return "PROXY " + url.length + ".example:1"; }';
    const https = await evaluatePac(script, 'https://git.corp.example/team/secret-lib/@v/list');
    expect(https).toEqual({ ok: true, result: `PROXY ${'https://git.corp.example/'.length}.example:1` });
    const echo = 'function FindProxyForURL(url, host) { return url; }';
    expect(await evaluatePac(echo, 'https://git.corp.example:8443/a/b?c')).toEqual({
      ok: true,
      result: 'https://git.corp.example:8443/',
    });
    // Plain http goes over the wire as it is: the script sees the whole URL, as in browsers.
    expect(await evaluatePac(echo, 'http://mirror.corp.example/a/b')).toEqual({
      ok: true,
      result: 'http://mirror.corp.example/a/b',
    });
  });
});
