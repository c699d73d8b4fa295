import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, render } from '../../electron/services/doctor/engine';
import { gatherNginx, type NginxFacts } from '../../electron/services/doctor/nginx';
import { nginxRules } from '../../electron/services/doctor/rules-nginx';
import { createNodeHost, type Host } from '../../electron/services/host';
import { facts } from '../fixtures/doctor-facts';
import { startMirror, type Mirror } from '../fixtures/mirror';
import { createNginxPrefix, type NginxPrefix } from '../fixtures/nginx';
import { closedPort, refusedPort } from '../fixtures/raw-peers';

/**
 * The nginx checks against Debian's real nginx: every config written here is first judged by
 * `nginx -t`, so the parser is held to what nginx accepts; the good and the dead-upstream configs then
 * run on loopback ports in front of the fixture mirror, and the live probe sees what go would see.
 */

const INFO = '/rsc.io/quote/@v/v1.5.2.info';

let prefix: NginxPrefix;
let host: Host;
let mirrorA: Mirror;
let mirrorB: Mirror;
let goodPort: number;
let deadPort: number;
let badPort: number;
let goodConf: string;
let deadConf: string;
let badConf: string;

function get(port: number, urlPath: string, hostHeader: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: urlPath, headers: { Host: hostHeader }, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from 127.0.0.1:${port}${urlPath}`)));
    req.on('error', reject);
  });
}

async function gather(file: string, live: boolean): Promise<NginxFacts> {
  return gatherNginx(host, [file], { live, timeoutMs: 3_000 });
}

function findings(nginx: NginxFacts): { id: string; severity: string; evidence: string[] }[] {
  const { raw, failures } = evaluate(nginxRules, facts({ nginx }));
  expect(failures).toEqual([]);
  return raw.map((r) => {
    const shown = render(r, 'en');
    return { id: shown.id, severity: shown.severity, evidence: shown.evidence };
  });
}

beforeAll(async () => {
  prefix = await createNginxPrefix();
  host = createNodeHost();
  [mirrorA, mirrorB] = await Promise.all([startMirror(), startMirror()]);
  [goodPort, deadPort, badPort] = [await closedPort(), await closedPort(), await closedPort()];
  const portOf = (m: Mirror): string => new URL(m.url).port;

  // A team's nginx done right: explicit timeouts, two mirrors with failover, Host passed on, no version.
  await prefix.write(
    'conf.d/goproxy.conf',
    [
      'server {',
      `    listen 127.0.0.1:${goodPort};`,
      '    server_name goproxy.test;',
      '    location / {',
      '        proxy_set_header Host $host;',
      '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '        proxy_pass http://goproxy_backends;',
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  goodConf = await prefix.config(
    'good.conf',
    [
      '    server_tokens off;',
      '    proxy_connect_timeout 5s;',
      '    proxy_send_timeout 30s;',
      '    proxy_read_timeout 120s;',
      '    proxy_next_upstream error timeout http_502 http_503 http_504;',
      '    proxy_next_upstream_tries 2;',
      '    upstream goproxy_backends {',
      `        server 127.0.0.1:${portOf(mirrorA)} max_fails=2 fail_timeout=10s;`,
      `        server 127.0.0.1:${portOf(mirrorB)} backup;`,
      '    }',
      // Relative to the main config's folder, as nginx reads it.
      '    include conf.d/*.conf;',
    ].join('\n'),
  );

  // The same, but its only upstream is a closed port.
  deadConf = await prefix.config(
    'dead.conf',
    [
      '    server_tokens off;',
      '    proxy_connect_timeout 5s;',
      '    proxy_send_timeout 30s;',
      '    proxy_read_timeout 120s;',
      '    server {',
      `        listen 127.0.0.1:${deadPort};`,
      '        server_name dead.test;',
      '        location / {',
      `            proxy_pass http://127.0.0.1:${await refusedPort()};`,
      '        }',
      '    }',
    ].join('\n'),
  );

  // Most of what can go wrong, in a config nginx accepts without a word.
  badConf = await prefix.config(
    'bad.conf',
    [
      '    upstream athens {',
      `        server 127.0.0.1:${portOf(mirrorA)};`,
      '    }',
      '    server {',
      `        listen 127.0.0.1:${badPort};`,
      '        server_name bad.test;',
      '        proxy_set_header Host $host;',
      '        location / {',
      '            proxy_set_header X-Request-Id $request_id;',
      '            proxy_pass http://athens;',
      '        }',
      // A regex location is not probed: this test sends nothing beyond loopback.
      '        location ~ ^/public/ {',
      '            proxy_set_header X-Real-IP $remote_addr;',
      '            proxy_pass http://203.0.113.10;',
      '        }',
      '        location /tls/ {',
      '            proxy_connect_timeout 2s;',
      '            proxy_send_timeout 30s;',
      '            proxy_read_timeout 3600s;',
      `            proxy_pass https://localhost:${portOf(mirrorA)}/;`,
      '        }',
      '    }',
    ].join('\n'),
  );
});

afterAll(async () => {
  await prefix?.cleanup();
  await Promise.all([mirrorA?.close(), mirrorB?.close()]);
});

describe('nginx -t agrees with the configs', () => {
  it('accepts the good, dead-upstream and bad configs', async () => {
    for (const file of [goodConf, deadConf, badConf]) {
      const result = await prefix.test(file);
      expect(result, `${path.basename(file)}: ${result.output}`).toMatchObject({ ok: true });
    }
  });

  it('rejects broken syntax with the message and line our parser reports', async () => {
    const broken = [
      'server { listen 80 }',
      'server { location / { return 200 "x"y; } }',
      'server {\n    listen 80;',
      ';',
      "server { return 200 'open",
      'server { listen 80; } }',
      'server {\n  location / {\n    return 200 "a\nb"z;\n  }\n}',
    ];
    for (const [i, body] of broken.entries()) {
      const file = await prefix.config(`broken-${i}.conf`, body);
      const verdict = await prefix.test(file);
      expect(verdict.ok, body).toBe(false);
      const nginx = await gather(file, false);
      expect(nginx.problems, body).toHaveLength(1);
      const problem = nginx.problems[0]!;
      expect(problem.kind).toBe('syntax');
      expect(verdict.output, body).toContain(`${problem.message} in ${file}:${problem.line}`);
      const [finding] = findings(nginx);
      expect(finding).toMatchObject({ id: 'nginx-unreadable', severity: 'error' });
      expect(finding!.evidence).toEqual([`${file}:${problem.line}: ${problem.message}`]);
    }
  });

  it('accepts tricky tokens we read the same way: quotes, escapes, ${var}, comments, if ( "x")', async () => {
    const file = await prefix.config(
      'tokens.conf',
      [
        '    # a comment { with braces ;',
        `    server { listen 127.0.0.1:${await closedPort()}; server_name "tokens.test";`,
        '        location ~ ^/v${uri}x$ { return 200 "a;b {c} \\"d\\" #e"; }',
        "        location /q { add_header X-A 'it\\'s' always; return 204; }",
        '        location /if/ { if ($request_method = "POST") { return 405; } proxy_pass http://127.0.0.1:1; }',
        '    }',
      ].join('\n'),
    );
    expect(await prefix.test(file)).toMatchObject({ ok: true });
    const nginx = await gather(file, false);
    expect(nginx.problems).toEqual([]);
    expect(nginx.servers[0]!.names).toEqual(['tokens.test']);
    expect(nginx.locations.map((l) => l.match)).toEqual(['/if/']);
  });
});

describe('nginx in front of the fixture mirror', () => {
  it('a good config serves the mirror and yields no findings, live probe included', async () => {
    await prefix.start(goodConf, [goodPort]);
    const answer = await get(goodPort, INFO, 'goproxy.test');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ Version: 'v1.5.2' });

    const nginx = await gather(goodConf, true);
    expect(nginx.problems).toEqual([]);
    expect(nginx.files).toEqual([goodConf, path.join(prefix.dir, 'conf.d', 'goproxy.conf')]);
    expect(nginx.probes).toHaveLength(1);
    expect(nginx.probes![0]).toMatchObject({
      url: `http://127.0.0.1:${goodPort}/sumdb/sum.golang.org/supported`,
      hostHeader: 'goproxy.test',
      serverHeader: 'nginx',
      error: null,
    });
    expect([502, 504]).not.toContain(nginx.probes![0]!.status);
    expect(findings(nginx)).toEqual([]);
  });

  it('a good config fails over to the backup mirror when the first one dies', async () => {
    const cut = await startMirror();
    const spare = await startMirror();
    const port = await closedPort();
    const file = await prefix.config(
      'failover.conf',
      [
        '    server_tokens off;',
        '    proxy_connect_timeout 5s;',
        '    proxy_send_timeout 30s;',
        '    proxy_read_timeout 120s;',
        '    upstream pair {',
        `        server 127.0.0.1:${new URL(cut.url).port} max_fails=2 fail_timeout=10s;`,
        `        server 127.0.0.1:${new URL(spare.url).port} backup;`,
        '    }',
        `    server { listen 127.0.0.1:${port}; server_name failover.test;`,
        '        location / { proxy_set_header Host $host; proxy_pass http://pair; } }',
      ].join('\n'),
    );
    expect(await prefix.test(file)).toMatchObject({ ok: true });
    await prefix.start(file, [port]);
    await cut.close();
    try {
      expect((await get(port, INFO, 'failover.test')).status).toBe(200);
      expect(spare.requests.map((r) => r.path)).toContain(INFO);
      expect(findings(await gather(file, true))).toEqual([]);
    } finally {
      await spare.close();
    }
  });

  it('a dead upstream really gives 502, and nginx-upstream-502 reports it', async () => {
    await prefix.start(deadConf, [deadPort]);
    expect((await get(deadPort, INFO, 'dead.test')).status).toBe(502);
    expect(await prefix.errorLog()).toMatch(
      /connect\(\) failed \(111: Connection refused\) while connecting to upstream/,
    );

    const nginx = await gather(deadConf, true);
    expect(nginx.probes).toEqual([expect.objectContaining({ status: 502, hostHeader: 'dead.test' })]);
    const found = findings(nginx);
    expect(found.map((f) => [f.id, f.severity])).toEqual([
      ['nginx-upstream-502', 'error'],
      ['nginx-single-upstream', 'warning'],
    ]);
    expect(found[0]!.evidence[0]).toBe(
      `GET http://127.0.0.1:${deadPort}/sumdb/sum.golang.org/supported (Host: dead.test) → 502 (Server: nginx)`,
    );
    expect(found[0]!.evidence[1]).toMatch(
      new RegExp(`^${deadConf}:\\d+: proxy_pass http://127\\.0\\.0\\.1:\\d+; \\(location /\\)$`),
    );
  });

  it('without live checks, the dead upstream is only a single-server warning', async () => {
    expect(findings(await gather(deadConf, false)).map((f) => f.id)).toEqual(['nginx-single-upstream']);
  });

  it('a bad config nginx accepts gets every finding it deserves, with the version nginx really shows', async () => {
    await prefix.start(badConf, [badPort]);
    // The upstream block's name reaches the mirror as Host: nginx itself sends "athens".
    expect((await get(badPort, INFO, 'bad.test')).status).toBe(200);
    const nginx = await gather(badConf, true);
    const found = findings(nginx);
    const ids = found.map((f) => `${f.id}:${f.severity}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'nginx-missing-timeouts:warning',
        'nginx-long-timeouts:warning',
        'nginx-server-tokens:info',
        'nginx-no-host-header:warning',
        'nginx-forwards-internal-headers:warning',
        'nginx-single-upstream:warning',
        'nginx-upstream-no-sni:warning',
        // TLS spoken to the plain-HTTP mirror: nginx's handshake fails and it answers 502.
        'nginx-upstream-502:error',
      ]),
    );
    const tokens = found.find((f) => f.id === 'nginx-server-tokens')!;
    expect(tokens.evidence.some((e) => /Server: nginx\/\d+\.\d+\.\d+$/.test(e))).toBe(true);
    const lost = found.find((f) => f.id === 'nginx-no-host-header')!;
    expect(lost.evidence.join('\n')).toMatch(/bad\.conf:\d+: proxy_set_header Host \$host; \(not inherited/);
    const leak = found.find((f) => f.id === 'nginx-forwards-internal-headers')!;
    expect(leak.evidence.join('\n')).toMatch(/proxy_set_header X-Real-IP \$remote_addr;/);
    expect(nginx.probes!.map((p) => p.url.replace(/^http:\/\/[^/]+/, ''))).toEqual([
      '/sumdb/sum.golang.org/supported',
      '/tls/sumdb/sum.golang.org/supported',
    ]);
    const dead = found.filter((f) => f.id === 'nginx-upstream-502');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.evidence[0]).toContain(`/tls/sumdb/sum.golang.org/supported (Host: bad.test) → 502`);
  });
});
