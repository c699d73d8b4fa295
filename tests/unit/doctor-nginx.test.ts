import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate, render } from '../../electron/services/doctor/engine';
import {
  addressScope,
  gatherNginx,
  nameScope,
  NGINX_LIMITS,
  type NginxFacts,
} from '../../electron/services/doctor/nginx';
import {
  parseNginxConfig,
  parseNginxTime,
  type NginxDirective,
} from '../../electron/services/doctor/nginx-config';
import { nginxRules } from '../../electron/services/doctor/rules-nginx';
import type { Hit } from '../../electron/services/doctor/types';
import { createNodeHost } from '../../electron/services/host';
import { LANGUAGES } from '../../shared/i18n';
import { facts } from '../fixtures/doctor-facts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes the files into a fresh folder and gathers `entry` (default nginx.conf) from it, without live checks. */
async function gather(
  files: Record<string, string>,
  entry: string | string[] = 'nginx.conf',
): Promise<{ dir: string; nginx: NginxFacts }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-nginx-unit-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const entries = (Array.isArray(entry) ? entry : [entry]).map((e) => path.join(dir, e));
  return { dir, nginx: await gatherNginx(createNodeHost(), entries, { live: false }) };
}

/** A main config whose http block holds `http`. */
function main(http: string): string {
  return `events {}\nhttp {\n${http}\n}\n`;
}

function hits(id: string, nginx: NginxFacts): Hit[] {
  const rule = nginxRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(facts({ nginx }));
}

function ok(text: string): NginxDirective[] {
  const result = parseNginxConfig(text, 'test.conf');
  if (!result.ok) throw new Error(`${result.message} at line ${result.line}`);
  return result.directives;
}

function failure(text: string): { line: number; message: string } {
  const result = parseNginxConfig(text, 'test.conf');
  if (result.ok) throw new Error('parsed');
  return { line: result.line, message: result.message };
}

const TIMEOUTS = 'proxy_connect_timeout 5s;\nproxy_send_timeout 30s;\nproxy_read_timeout 120s;';

describe('parseNginxConfig (ngx_conf_read_token)', () => {
  it('reads directives, arguments, blocks and the line each starts on', () => {
    const [events, http] = ok('events {}\nhttp {\n  server {\n    listen 8080;\n  }\n}\n');
    expect(events).toMatchObject({ name: 'events', args: [], line: 1, block: [] });
    expect(http!.line).toBe(2);
    expect(http!.block![0]).toMatchObject({ name: 'server', line: 3 });
    expect(http!.block![0]!.block![0]).toMatchObject({
      name: 'listen',
      args: ['8080'],
      line: 4,
      block: null,
    });
  });

  it('starts a comment only where a word could start', () => {
    const directives = ok('# a comment; {\nreturn 200 a#b; # trailing\nadd_header X "#not a comment";');
    expect(directives.map((d) => [d.name, ...d.args])).toEqual([
      ['return', '200', 'a#b'],
      ['add_header', 'X', '#not a comment'],
    ]);
  });

  it('reads quoted words with blanks, semicolons, braces and escapes, and empty quotes', () => {
    const [a, b, c] = ok(
      `proxy_set_header Authorization "";\nreturn 200 "a b; {c}\\n\\"d\\" \\\\ \\x";\nadd_header X 'it\\'s';`,
    );
    expect(a!.args).toEqual(['Authorization', '']);
    expect(b!.args).toEqual(['200', 'a b; {c}\n"d" \\ \\x']);
    expect(c!.args).toEqual(['X', "it's"]);
  });

  it('counts lines inside quoted words', () => {
    const [, second] = ok('return 200 "a\nb\nc";\nlisten 80;');
    expect(second!.line).toBe(4);
  });

  it('does not open a block at ${variable}', () => {
    const [location] = ok('location ~ ^/x${uri}$ { return 200 "${host}x"; }');
    expect(location!.args).toEqual(['~', '^/x${uri}$']);
    expect(location!.block![0]!.args).toEqual(['200', '${host}x']);
  });

  it('lets a closing parenthesis follow a quoted word, as a word of its own', () => {
    const [ifBlock] = ok('if ($request_method = "POST") { return 405; }');
    expect(ifBlock!.args).toEqual(['($request_method', '=', 'POST', ')']);
  });

  it('keeps a brace inside an unquoted word and escapes a blank outside quotes', () => {
    const [d] = ok('add_header X a}b\\ c;');
    expect(d!.args).toEqual(['X', 'a}b\\ c']);
  });

  it('reports errors in nginx’s words, at nginx’s line', () => {
    expect(failure('http {\n  server { listen 80 }\n}')).toEqual({ line: 2, message: 'unexpected "}"' });
    expect(failure('return 200 "x"y;')).toEqual({ line: 1, message: 'unexpected "y"' });
    expect(failure('http {\n server {\n')).toEqual({
      line: 3,
      message: 'unexpected end of file, expecting "}"',
    });
    expect(failure('\n;')).toEqual({ line: 2, message: 'unexpected ";"' });
    expect(failure('listen 80')).toEqual({
      line: 1,
      message: 'unexpected end of file, expecting ";" or "}"',
    });
    expect(failure('return 200 "open\n')).toEqual({
      line: 2,
      message: 'unexpected end of file, expecting ";" or "}"',
    });
    expect(failure('events {}\n}')).toEqual({ line: 2, message: 'unexpected "}"' });
    expect(failure('{ }')).toEqual({ line: 1, message: 'unexpected "{"' });
  });
});

describe('parseNginxTime (ngx_parse_time for millisecond directives)', () => {
  it('reads bare seconds, units, combinations and milliseconds', () => {
    expect(parseNginxTime('60')).toBe(60);
    expect(parseNginxTime('75s')).toBe(75);
    expect(parseNginxTime('1m30s')).toBe(90);
    expect(parseNginxTime('1h 30m')).toBe(5400);
    expect(parseNginxTime('1d')).toBe(86400);
    expect(parseNginxTime('1w')).toBe(604800);
    expect(parseNginxTime('500ms')).toBe(0.5);
    expect(parseNginxTime('1s500')).toBe(501);
  });

  it('rejects what nginx rejects', () => {
    for (const bad of ['', 'abc', '30s1m', '1s1s', '1y', '5M', '10 s', '1.5s', '$var']) {
      expect(parseNginxTime(bad), bad).toBeNull();
    }
  });
});

describe('gatherNginx: files and includes', () => {
  it('follows includes with globs from the main config’s folder, sorted, without hidden files', async () => {
    const { dir, nginx } = await gather({
      'nginx.conf': main('include conf.d/*.conf;\ninclude empty.d/*.conf;'),
      'conf.d/b.conf': 'server { listen 8082; location / { proxy_pass http://127.0.0.1:3002; } }',
      'conf.d/a.conf': 'server { listen 8081; location / { proxy_pass http://127.0.0.1:3001; } }',
      'conf.d/.hidden.conf': 'server { listen 8083; }',
      'conf.d/notes.txt': 'not nginx {',
    });
    expect(nginx.problems).toEqual([]);
    expect(nginx.files).toEqual([
      path.join(dir, 'nginx.conf'),
      path.join(dir, 'conf.d/a.conf'),
      path.join(dir, 'conf.d/b.conf'),
    ]);
    expect(nginx.servers.map((s) => s.listens[0]!.port)).toEqual([8081, 8082]);
    expect(nginx.locations[0]!.proxyPass.at).toEqual({ file: path.join(dir, 'conf.d/a.conf'), line: 1 });
  });

  it('takes a fragment’s relative includes from the folder holding nginx.conf, then from its own', async () => {
    const { nginx } = await gather(
      {
        'nginx.conf': main('include sites-enabled/*;'),
        'snippets/timeouts.conf': TIMEOUTS,
        'sites-enabled/goproxy': [
          'server {',
          '  include snippets/timeouts.conf;',
          '  include local.conf;',
          '  location / { proxy_pass http://127.0.0.1:3000; }',
          '}',
        ].join('\n'),
        'sites-enabled/local.conf': 'server_tokens off;',
      },
      'sites-enabled/goproxy',
    );
    expect(nginx.problems).toEqual([]);
    const [loc] = nginx.locations;
    expect(loc!.timeouts.read).toMatchObject({ value: '120s', seconds: 120 });
    expect(loc!.timeouts.read.at!.file).toMatch(/snippets[/\\]timeouts\.conf$/);
    expect(nginx.servers[0]!.serverTokens.value).toBe('off');
  });

  it('reports an include that names a missing file, at the include, and goes on', async () => {
    const { dir, nginx } = await gather({
      'nginx.conf': main(
        'include missing.conf;\nserver { location / { proxy_pass http://127.0.0.1:3000; } }',
      ),
    });
    expect(nginx.problems).toEqual([
      expect.objectContaining({ kind: 'missing', file: path.join(dir, 'nginx.conf'), line: 3 }),
    ]);
    expect(nginx.locations).toHaveLength(1);
  });

  it('stops an include cycle instead of recursing, but reads a snippet included twice', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        'include a.conf;\nserver { location /x/ { include proxy.conf; } location /y/ { include proxy.conf; } }',
      ),
      'a.conf': 'include b.conf;',
      'b.conf': 'include a.conf;',
      'proxy.conf': 'proxy_pass http://127.0.0.1:3000;',
    });
    expect(nginx.problems).toHaveLength(1);
    expect(nginx.problems[0]).toMatchObject({ kind: 'include-cycle', line: 1 });
    expect(nginx.problems[0]!.message).toMatch(/a\.conf includes itself/);
    expect(nginx.locations.map((l) => l.match)).toEqual(['/x/', '/y/']);
  });

  it('records unreadable, missing, oversized and unparsable files as problems, not crashes', async () => {
    const big = `# ${'x'.repeat(NGINX_LIMITS.fileBytes)}\n`;
    const { dir, nginx } = await gather(
      {
        'broken.conf': main('server {\n  listen 80\n}'),
        'big.conf': big,
        'good.conf': main('server { location / { proxy_pass http://127.0.0.1:3000; } }'),
        'folder/x': '',
      },
      ['broken.conf', 'big.conf', 'absent.conf', 'folder', 'good.conf'],
    );
    const kinds = nginx.problems.map((p) => [p.kind, path.relative(dir, p.file), p.line]);
    expect(kinds).toEqual([
      ['syntax', 'broken.conf', 5],
      ['too-large', 'big.conf', null],
      ['missing', 'absent.conf', null],
      ['unreadable', 'folder', null],
    ]);
    expect(nginx.problems[0]!.message).toBe('unexpected "}"');
    expect(nginx.locations).toHaveLength(1);
  });

  it('does not read a device or a pipe given by mistake', async () => {
    const nginx = await gatherNginx(createNodeHost(), ['/dev/zero'], { live: false });
    expect(nginx.problems).toEqual([
      {
        kind: 'unreadable',
        file: '/dev/zero',
        line: null,
        message: 'not a regular file (a directory, device or pipe)',
      },
    ]);
  });

  // root reads everything, whatever the mode says.
  it.skipIf(process.getuid?.() === 0)('reads a file it has no permission for as a problem', async () => {
    const { dir } = await gather({ 'locked.conf': 'events {}' });
    await chmod(path.join(dir, 'locked.conf'), 0o000);
    const nginx = await gatherNginx(createNodeHost(), [path.join(dir, 'locked.conf')], { live: false });
    expect(nginx.problems[0]).toMatchObject({ kind: 'unreadable' });
  });

  it('reads a file given twice (or already included) once', async () => {
    const { nginx } = await gather(
      {
        'nginx.conf': main('include site.conf;'),
        'site.conf': 'server { location / { proxy_pass http://127.0.0.1:3000; } }',
      },
      ['nginx.conf', 'site.conf', 'nginx.conf'],
    );
    expect(nginx.servers).toHaveLength(1);
    expect(nginx.locations).toHaveLength(1);
  });
});

describe('gatherNginx: what each location really uses', () => {
  it('inherits timeouts http → server → location → nested location, and knows the defaults', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'proxy_read_timeout 90s;',
          'server {',
          '  proxy_connect_timeout 4s;',
          '  location / { proxy_pass http://127.0.0.1:3000; }',
          '  location /a/ {',
          '    proxy_read_timeout 10m;',
          '    location /a/b/ { proxy_connect_timeout 2s; proxy_pass http://127.0.0.1:3001; }',
          '  }',
          '}',
        ].join('\n'),
      ),
    });
    const [root, nested] = nginx.locations;
    expect(root!.timeouts.read).toMatchObject({ value: '90s', seconds: 90, at: { line: 3 } });
    expect(root!.timeouts.connect).toMatchObject({ value: '4s', at: { line: 5 } });
    expect(root!.timeouts.send).toEqual({ value: '60s', seconds: 60, at: null });
    expect(nested!.match).toBe('/a/b/');
    expect(nested!.timeouts.read).toMatchObject({ seconds: 600, at: { line: 8 } });
    expect(nested!.timeouts.connect).toMatchObject({ seconds: 2, at: { line: 9 } });
  });

  it('inherits proxy_set_header only into a level that has none of its own', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'proxy_set_header X-From-Http 1;',
          'server {',
          '  proxy_set_header Host $host;',
          '  proxy_set_header X-Real-IP $remote_addr;',
          '  location /inherits/ { proxy_pass http://127.0.0.1:3000; }',
          '  location /own/ {',
          '    proxy_set_header X-Real-IP $remote_addr;',
          '    proxy_pass http://127.0.0.1:3000;',
          '  }',
          '}',
          'server { location / { proxy_pass http://127.0.0.1:3000; } }',
        ].join('\n'),
      ),
    });
    const [inherits, own, other] = nginx.locations;
    expect(inherits!.headers.map((h) => h.name)).toEqual(['Host', 'X-Real-IP']);
    expect(inherits!.droppedHeaders).toEqual([]);
    expect(own!.headers.map((h) => h.name)).toEqual(['X-Real-IP']);
    expect(own!.droppedHeaders.map((h) => `${h.name} ${h.value}`)).toEqual(['Host $host']);
    expect(other!.headers.map((h) => h.name)).toEqual(['X-From-Http']);
  });

  it('describes if blocks inside a location after their location, with its path', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        'server { location /x/ { if ($arg_a = "1") { proxy_pass http://127.0.0.1:3001; } proxy_pass http://127.0.0.1:3000; } }',
      ),
    });
    expect(nginx.locations.map((l) => [l.match, l.path])).toEqual([
      ['/x/', '/x/'],
      ['/x/ if ($arg_a = 1 )', '/x/'],
    ]);
  });

  it('reads upstream blocks and the proxy_pass that names them, case-insensitively', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'upstream Athens {',
          '  server 10.0.0.5:3000 max_fails=3 fail_timeout=30s;',
          '  server athens-b:3000 backup;',
          '  server [fd00::7] down;',
          '  keepalive 8;',
          '}',
          'server {',
          '  location / { proxy_pass http://athens; }',
          '  location /u/ { proxy_pass http://unix:/run/athens.sock:/u/; }',
          '  location /v/ { proxy_pass http://$backend; }',
          '}',
        ].join('\n'),
      ),
    });
    expect(nginx.upstreams).toHaveLength(1);
    const [byName, unix, dynamic] = nginx.locations;
    expect(byName!.target).toMatchObject({
      scheme: 'http',
      upstream: 'Athens',
      scope: 'internal',
      dynamic: false,
    });
    expect(byName!.target.servers.map((s) => [s.host, s.port, s.backup, s.down, s.maxFails])).toEqual([
      ['10.0.0.5', 3000, false, false, 3],
      ['athens-b', 3000, true, false, 1],
      ['fd00::7', 80, false, true, 1],
    ]);
    expect(unix!.target.servers[0]).toMatchObject({
      address: 'unix:/run/athens.sock',
      host: null,
      scope: 'internal',
    });
    expect(dynamic!.target).toMatchObject({ dynamic: true, servers: [], scope: 'unknown' });
  });

  it('reads listen addresses, ssl and nginx’s default listen', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'server { listen 127.0.0.1:8080; listen [::1]:8443 ssl http2; listen unix:/run/x.sock; server_name a b; }',
          'server { server_name _; }',
        ].join('\n'),
      ),
    });
    expect(nginx.servers[0]!.names).toEqual(['a', 'b']);
    expect(nginx.servers[0]!.listens.map((l) => [l.host, l.port, l.ssl])).toEqual([
      ['127.0.0.1', 8080, false],
      ['::1', 8443, true],
      [null, null, false],
    ]);
    expect(nginx.servers[1]!.listens).toEqual([
      { address: '*:80', host: null, port: 80, ssl: false, at: null },
    ]);
  });
});

describe('nameScope and addressScope', () => {
  it('tells private networks from the Internet without a lookup where it can', () => {
    for (const internal of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '::1',
      'fd12::1',
    ]) {
      expect(addressScope(internal), internal).toBe('internal');
    }
    for (const external of ['8.8.8.8', '203.0.113.10', '2001:4860::8888', '172.32.0.1']) {
      expect(addressScope(external), external).toBe('external');
    }
    expect(nameScope('athens')).toBe('internal');
    expect(nameScope('goproxy.corp')).toBe('internal');
    expect(nameScope('athens.svc')).toBe('internal');
    expect(nameScope('goproxy.cn')).toBe('external');
    expect(nameScope('proxy.golang.org')).toBe('external');
    expect(nameScope('goproxy.example.com')).toBe('unknown');
  });
});

describe('nginx rules', () => {
  const GOOD = main(
    [
      'server_tokens off;',
      TIMEOUTS,
      'upstream backends { server 127.0.0.1:3000; server 127.0.0.1:3001 backup; }',
      'server {',
      '  listen 8080;',
      '  server_name goproxy.corp.example;',
      '  location / {',
      '    proxy_set_header Host $host;',
      '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '    proxy_pass http://backends;',
      '  }',
      '}',
    ].join('\n'),
  );

  it('find nothing in a well-configured nginx, and nothing without nginx facts', async () => {
    const { nginx } = await gather({ 'nginx.conf': GOOD });
    expect(evaluate(nginxRules, facts({ nginx })).raw).toEqual([]);
    expect(evaluate(nginxRules, facts()).raw).toEqual([]);
  });

  it('nginx-unreadable names the file and line of the problem', async () => {
    const { dir, nginx } = await gather({ 'nginx.conf': main('server {\n  listen 80\n}') });
    const [hit] = hits('nginx-unreadable', nginx);
    expect(hit!.evidence).toEqual([`${path.join(dir, 'nginx.conf')}:5: unexpected "}"`]);
    expect(hits('nginx-unreadable', (await gather({ 'nginx.conf': GOOD })).nginx)).toEqual([]);
  });

  it('nginx-missing-timeouts lists only the timeouts left to nginx’s 60 s default', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        'proxy_read_timeout 120s;\nserver { location / { proxy_pass http://127.0.0.1:3000; } }',
      ),
    });
    const [hit] = hits('nginx-missing-timeouts', nginx);
    expect(hit!.params).toMatchObject({
      missing: 'proxy_connect_timeout, proxy_send_timeout',
      location: '/',
    });
    expect(hit!.params!.directives).toBe('    proxy_connect_timeout 5s;\n    proxy_send_timeout 30s;');
    expect(hit!.evidence).toContain(
      "proxy_connect_timeout not set at any level: nginx's default proxy_connect_timeout 60s applies",
    );
    expect(hit!.evidence.some((e) => /nginx\.conf:3: proxy_read_timeout 120s;$/.test(e))).toBe(true);
  });

  it('nginx-long-timeouts flags hour-long waits where they are set, and not the defaults', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        'proxy_read_timeout 3600s;\nproxy_send_timeout 1h;\nserver { location / { proxy_pass http://127.0.0.1:3000; } }',
      ),
    });
    const [hit] = hits('nginx-long-timeouts', nginx);
    expect(hit!.params).toMatchObject({
      longest: '3600s',
      settings: 'proxy_read_timeout 3600s, proxy_send_timeout 1h',
    });
    expect(hit!.evidence.slice(1).map((e) => e.replace(/^.*nginx\.conf:/, ''))).toEqual([
      '3: proxy_read_timeout 3600s;',
      '4: proxy_send_timeout 1h;',
    ]);
    const defaults = await gather({
      'nginx.conf': main('server { location / { proxy_pass http://127.0.0.1:3000; } }'),
    });
    expect(hits('nginx-long-timeouts', defaults.nginx)).toEqual([]);
    expect(hits('nginx-long-timeouts', (await gather({ 'nginx.conf': GOOD })).nginx)).toEqual([]);
  });

  it('nginx-server-tokens warns for a server reachable from outside, informs for loopback-only ones', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'server { location / { proxy_pass http://127.0.0.1:3000; } }',
          'server { listen 127.0.0.1:8080; server_tokens build; }',
          'server { listen 8081; server_tokens off; }',
        ].join('\n'),
      ),
    });
    const found = hits('nginx-server-tokens', nginx);
    expect(found.map((h) => [h.params!.value, h.severity ?? 'info'])).toEqual([
      ['on', 'warning'],
      ['build', 'info'],
    ]);
    expect(found[0]!.evidence).toContain("listen not set: nginx's default *:80");
  });

  it('nginx-no-host-header catches a Host lost to inheritance', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'upstream athens { server 127.0.0.1:3000; }',
          'server {',
          '  proxy_set_header Host $host;',
          '  location / { proxy_set_header X-Request-Id $request_id; proxy_pass http://athens; }',
          '  location /ok/ { proxy_pass http://athens; }',
          '}',
        ].join('\n'),
      ),
    });
    const found = hits('nginx-no-host-header', nginx);
    expect(found).toHaveLength(1);
    expect(found[0]!.params).toMatchObject({
      location: '/',
      sent: 'athens',
      directive: 'proxy_set_header Host $host;',
    });
    expect(found[0]!.severity).toBeUndefined();
    expect(found[0]!.evidence[1]).toMatch(/nginx\.conf:5: proxy_set_header Host \$host; \(not inherited/);
  });

  it('nginx-no-host-header: an upstream block’s name as Host (warning when public), an empty Host, $host to a public mirror', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'upstream internal { server 10.0.0.5:3000; }',
          'upstream public { server 203.0.113.10:443; }',
          'server {',
          '  location /a/ { proxy_pass http://internal; }',
          '  location /b/ { proxy_pass https://public; }',
          '  location /c/ { proxy_set_header Host ""; proxy_pass http://10.0.0.5:3000; }',
          '  location /d/ { proxy_set_header Host $host; proxy_pass https://goproxy.cn; }',
          '  location /e/ { proxy_pass https://goproxy.cn; }',
          '  location /f/ { proxy_pass http://10.0.0.5:3000; }',
          '}',
        ].join('\n'),
      ),
    });
    const found = hits('nginx-no-host-header', nginx);
    expect(
      found.map((h) => [h.params!.location, h.params!.sent, h.severity ?? 'warning', h.params!.directive]),
    ).toEqual([
      ['/a/', 'internal', 'info', 'proxy_set_header Host $host;'],
      ['/b/', 'public', 'warning', 'proxy_set_header Host 203.0.113.10;'],
      ['/c/', '""', 'warning', 'proxy_set_header Host $host;'],
      ['/d/', '$host', 'warning', 'proxy_set_header Host $proxy_host;'],
    ]);
  });

  it('nginx-no-host-header stays quiet when losing `Host $host` on the way to a public mirror', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        'server { proxy_set_header Host $host; location / { proxy_set_header X-A 1; proxy_pass https://goproxy.cn; } }',
      ),
    });
    expect(hits('nginx-no-host-header', nginx)).toEqual([]);
  });

  it('nginx-forwards-internal-headers: client identity and credentials to a public upstream only', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'server {',
          '  location /public/ {',
          '    proxy_set_header X-Real-IP $remote_addr;',
          '    proxy_set_header X-Trace $proxy_add_x_forwarded_for;',
          '    proxy_set_header X-Forwarded-For "";',
          '    proxy_pass https://goproxy.cn/;',
          '  }',
          '  location /auth/ { auth_basic "team"; auth_basic_user_file /etc/nginx/htpasswd; proxy_pass https://203.0.113.10/; }',
          '  location /cleared/ { auth_basic "team"; proxy_set_header Authorization ""; proxy_pass https://203.0.113.10/; }',
          '  location /internal/ { proxy_set_header X-Real-IP $remote_addr; proxy_pass http://10.0.0.5:3000; }',
          '  location /unknown/ { proxy_set_header X-Real-IP $remote_addr; proxy_pass https://goproxy.example.com; }',
          '}',
        ].join('\n'),
      ),
    });
    const found = hits('nginx-forwards-internal-headers', nginx);
    expect(found.map((h) => [h.params!.location, h.params!.headers])).toEqual([
      ['/public/', 'X-Real-IP, X-Trace'],
      ['/auth/', 'Authorization'],
    ]);
    expect(found[0]!.params!.directives).toBe(
      '    proxy_set_header X-Real-IP "";\n    proxy_set_header X-Trace "";',
    );
    expect(found[1]!.evidence[1]).toMatch(/nginx\.conf:10: auth_basic team;/);
  });

  it('nginx-single-upstream fires for one server, not with a backup or several addresses', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'upstream one { server 10.0.0.5:3000; server 10.0.0.6:3000 down; }',
          'upstream two { server 10.0.0.5:3000; server 10.0.0.6:3000 backup; }',
          'server {',
          '  location /one/ { proxy_pass http://one; }',
          '  location /two/ { proxy_pass http://two; }',
          '  location /name/ { proxy_pass https://goproxy.cn/; }',
          '}',
        ].join('\n'),
      ),
    });
    const found = hits('nginx-single-upstream', nginx);
    expect(found.map((h) => h.params!.location)).toEqual(['/one/', '/name/']);
    expect(found[0]!.params!.example).toContain('server 10.0.0.5:3000 max_fails=2 fail_timeout=10s;');
    expect(found[0]!.params!.example).toContain('proxy_pass http://goproxy_backends;');
    expect(found[1]!.params!.example).toContain('proxy_pass https://goproxy_backends/;');
    expect(found[0]!.evidence.some((e) => /server 10\.0\.0\.6:3000 down max_fails=1;/.test(e))).toBe(true);
    // With live checks nginx's own view is known: every address of a name is a server.
    nginx.locations[2]!.target.servers[0]!.resolved = ['203.0.113.1', '203.0.113.2'];
    expect(hits('nginx-single-upstream', nginx).map((h) => h.params!.location)).toEqual(['/one/']);
  });

  it('nginx-no-retry fires when several servers are there but nginx may not retry', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'upstream two { server 10.0.0.5:3000; server 10.0.0.6:3000; }',
          'server {',
          '  location /off/ { proxy_next_upstream off; proxy_pass http://two; }',
          '  location /once/ { proxy_next_upstream_tries 1; proxy_pass http://two; }',
          '  location /default/ { proxy_pass http://two; }',
          '}',
        ].join('\n'),
      ),
    });
    expect(
      hits('nginx-no-retry', nginx).map((h) => [h.params!.location, h.params!.nextUpstream, h.params!.tries]),
    ).toEqual([
      ['/off/', 'off', '0'],
      ['/once/', 'error timeout', '1'],
    ]);
  });

  it('nginx-upstream-no-sni fires for HTTPS to a name without proxy_ssl_server_name (or proxy_ssl_name behind an upstream)', async () => {
    const { nginx } = await gather({
      'nginx.conf': main(
        [
          'upstream mirror { server goproxy.cn:443; }',
          'server {',
          '  location /a/ { proxy_pass https://goproxy.cn/; }',
          '  location /b/ { proxy_ssl_server_name on; proxy_pass https://goproxy.cn/; }',
          '  location /c/ { proxy_ssl_server_name on; proxy_pass https://mirror/; }',
          '  location /d/ { proxy_ssl_server_name on; proxy_ssl_name goproxy.cn; proxy_pass https://mirror/; }',
          '  location /e/ { proxy_pass https://203.0.113.10/; }',
          '  location /f/ { proxy_pass http://goproxy.cn/; }',
          '}',
        ].join('\n'),
      ),
    });
    expect(hits('nginx-upstream-no-sni', nginx).map((h) => [h.params!.location, h.params!.host])).toEqual([
      ['/a/', 'goproxy.cn'],
      ['/c/', 'goproxy.cn'],
    ]);
  });

  it('nginx-upstream-502 reports 502 and 504 seen live, nothing else', async () => {
    const { nginx } = await gather({ 'nginx.conf': GOOD });
    const probe = { location: 0, hostHeader: 'goproxy.corp.example', serverHeader: 'nginx', error: null };
    expect(hits('nginx-upstream-502', nginx)).toEqual([]);
    nginx.probes = [
      { ...probe, url: 'http://127.0.0.1:8080/a', status: 200 },
      { ...probe, url: 'http://127.0.0.1:8080/b', status: null, error: 'ECONNREFUSED' },
    ];
    expect(hits('nginx-upstream-502', nginx)).toEqual([]);
    nginx.probes.push(
      { ...probe, url: 'http://127.0.0.1:8080/c', status: 502 },
      { ...probe, url: 'http://x/d', status: 504 },
    );
    const found = hits('nginx-upstream-502', nginx);
    expect(found.map((h) => h.params!.status)).toEqual(['502', '504']);
    expect(found[0]!.evidence[0]).toBe(
      'GET http://127.0.0.1:8080/c (Host: goproxy.corp.example) → 502 (Server: nginx)',
    );
  });
});

describe('nginx rule texts', () => {
  const placeholders = (text: string): string[] =>
    [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

  it('have unique, stable, kebab-case ids and a known family', () => {
    const ids = nginxRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^nginx-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(ids).toEqual(
      expect.arrayContaining([
        'nginx-unreadable',
        'nginx-missing-timeouts',
        'nginx-server-tokens',
        'nginx-no-host-header',
        'nginx-forwards-internal-headers',
        'nginx-single-upstream',
        'nginx-upstream-502',
      ]),
    );
  });

  it('are complete in English and Chinese, with the same placeholders', () => {
    for (const rule of nginxRules) {
      for (const language of LANGUAGES) {
        const text = rule.text[language];
        for (const part of ['title', 'detail', 'remedy'] as const) {
          expect(text[part].trim().length, `${rule.id} ${language} ${part}`).toBeGreaterThan(10);
          expect(placeholders(text[part]), `${rule.id} ${part}`).toEqual(placeholders(rule.text.en[part]));
        }
      }
      expect(rule.text['zh-CN'].detail, rule.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('get every placeholder filled by the hits of a badly configured nginx', async () => {
    const { nginx } = await gather(
      {
        'nginx.conf': main(
          [
            'proxy_read_timeout 3600s;',
            'upstream two { server 10.0.0.5:3000; server 10.0.0.6:3000; }',
            'server {',
            '  proxy_set_header Host $host;',
            '  location / { auth_basic "x"; proxy_set_header X-Real-IP $remote_addr; proxy_pass https://goproxy.cn/; }',
            '  location /two/ { proxy_next_upstream off; proxy_pass http://two; }',
            '}',
          ].join('\n'),
        ),
        'other.conf': main(
          'upstream u { server 10.0.0.5:3000; }\nserver { location / { proxy_pass http://u; } }',
        ),
        'broken.conf': main('server {\n  listen 80\n}'),
      },
      ['nginx.conf', 'other.conf', 'broken.conf'],
    );
    nginx.probes = [
      {
        location: 0,
        url: 'http://127.0.0.1/',
        hostHeader: 'h',
        status: 502,
        serverHeader: null,
        error: null,
      },
    ];
    const { raw, failures } = evaluate(nginxRules, facts({ nginx }));
    expect(failures).toEqual([]);
    const fired = new Set(raw.map((r) => r.rule.id));
    expect([...nginxRules.map((r) => r.id)].filter((id) => !fired.has(id))).toEqual([]);
    for (const finding of raw) {
      for (const language of LANGUAGES) {
        const shown = render(finding, language);
        for (const part of [shown.title, shown.detail, shown.remedy])
          expect(part, finding.rule.id).not.toMatch(/\{\{/);
        expect(shown.evidence.length).toBeGreaterThan(0);
      }
    }
  });
});
