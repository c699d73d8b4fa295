import type { NginxFacts, NginxHeader, NginxLocation, NginxServer, NginxValue, NginxWhere } from './nginx';
import type { Facts, Hit, Rule } from './types';

/**
 * Checks of the nginx configurations given with `doctor --nginx`: what a reverse proxy in front of a
 * Go module proxy does to go's requests. Pure functions of NginxFacts (nginx.ts has already worked
 * out inheritance and defaults). We never edit a server's configuration, so there are no automatic
 * fixes: each remedy shows the directives to add.
 */

/** A connect timeout above this keeps every go request waiting that long on an upstream that drops packets. */
export const LONG_CONNECT_SECONDS = 30;
/** A read or send timeout above this is how long go sits on a hung upstream: go sets no limit of its own. */
export const LONG_READ_SECONDS = 300;

/** What the remedies suggest for a missing or too long timeout; the texts explain the choice. */
const SUGGESTED = {
  proxy_connect_timeout: '5s',
  proxy_send_timeout: '30s',
  proxy_read_timeout: '120s',
} as const;

// Request headers that name the client, its credentials or the internal name it used.
const LEAKY_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-real-ip',
  'x-forwarded-for',
  'forwarded',
  'x-forwarded-host',
  'x-forwarded-server',
  'x-forwarded-user',
  'x-remote-user',
  'x-client-ip',
]);
const LEAKY_VARIABLE =
  /\$\{?(remote_addr|binary_remote_addr|realip_remote_addr|proxy_add_x_forwarded_for|proxy_protocol_addr|remote_user|server_addr|http_authorization|http_cookie|http_x_forwarded_for|http_x_real_ip|cookie_\w+|ssl_client_\w+)\b/;
// Host values that pass on the name the client used: right for an internal upstream, wrong for a public one.
const CLIENT_HOST = new Set([
  '$host',
  '$http_host',
  '$server_name',
  '${host}',
  '${http_host}',
  '${server_name}',
]);

function at(w: NginxWhere): string {
  return `${w.file}:${w.line}`;
}

/** An evidence line: where a directive is, and the directive as written. */
function line(w: NginxWhere, directive: string): string {
  return `${at(w)}: ${directive}`;
}

function setting(name: string, v: NginxValue): string {
  return v.at
    ? line(v.at, `${name} ${v.value};`)
    : `${name} not set at any level: nginx's default ${name} ${v.value} applies`;
}

function serverLabel(server: NginxServer | undefined): string {
  if (!server) return '?';
  const name = server.names.find((n) => n !== '' && n !== '_');
  return name ?? `listen ${server.listens[0]?.address ?? '*:80'}`;
}

function locationParams(n: NginxFacts, loc: NginxLocation): Record<string, string> {
  return {
    location: loc.match,
    server: serverLabel(n.servers[loc.server]),
    upstream: loc.proxyPass.value,
  };
}

function proxyPassLine(loc: NginxLocation): string {
  return line(loc.proxyPass.at, `proxy_pass ${loc.proxyPass.value}; (location ${loc.match})`);
}

function headerLine(h: NginxHeader): string {
  return line(h.at, `proxy_set_header ${h.name} ${h.value === '' ? '""' : h.value};`);
}

function perLocation(facts: Facts, check: (n: NginxFacts, loc: NginxLocation) => Hit | null): Hit[] {
  const n = facts.nginx;
  if (!n) return [];
  return n.locations.map((loc) => check(n, loc)).filter((h): h is Hit => h !== null);
}

const unreadable: Rule = {
  id: 'nginx-unreadable',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'nginx configuration {{file}} could not be read',
      detail:
        'GoProxy Desk could not read or parse {{where}} (the evidence quotes the problem, in nginx’s words where it is a syntax error). Whatever that file configures was not checked, so the other nginx findings may be incomplete — and where nginx itself reads this file, it will refuse to start or reload.',
      remedy:
        'Check the path and its permissions, fix the syntax or the include it names, and run `nginx -t` on the server that uses this configuration to see nginx’s own verdict. Then run the doctor again with --nginx pointing at the main nginx.conf (its includes are followed).',
    },
    'zh-CN': {
      title: '无法读取 nginx 配置 {{file}}',
      detail:
        'GoProxy Desk 无法读取或解析 {{where}}（证据中给出了具体问题；若是语法错误，则沿用 nginx 自己的说法）。该文件所配置的内容都没有检查到，因此其他 nginx 检查结果可能不完整；而 nginx 本身读取到这个文件时也会拒绝启动或重新加载。',
      remedy:
        '请检查路径和文件权限，修正语法或其中 include 指向的文件，并在使用该配置的服务器上运行 `nginx -t` 查看 nginx 自己的结论。然后用 --nginx 指向主配置 nginx.conf 重新运行体检（其中的 include 会被一并读取）。',
    },
  },
  check(facts) {
    const n = facts.nginx;
    if (!n) return [];
    return n.problems.map((p) => {
      const place = p.line === null ? p.file : `${p.file}:${p.line}`;
      return { params: { file: p.file, where: place }, evidence: [`${place}: ${p.message}`] };
    });
  },
};

const missingTimeouts: Rule = {
  id: 'nginx-missing-timeouts',
  family: 'timeout',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} proxies without {{missing}}',
      detail:
        'Location {{location}} of server {{server}} passes go’s requests to {{upstream}}, but neither it nor its server or http block sets {{missing}}, so nginx’s default of 60 s applies. go sets no time limit of its own on module downloads: when the upstream stops answering, every request sits up to 60 s waiting to connect, and up to 60 s for each silent stretch of the answer, before nginx gives up with 504 — one request after another during `go mod download`. The connect default matters most: an upstream host that is down and drops packets costs 60 s per request, and delays any failover to another server by as much.',
      remedy:
        'Set them explicitly, once in the http block or in this location:\n{{directives}}\nA short connect timeout makes a dead upstream fail (or fail over) at once; the read timeout is the longest silence allowed between two reads of the answer — keep it long enough for the upstream to fetch a module it has not cached from its origin.',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 反向代理时没有设置 {{missing}}',
      detail:
        '服务器 {{server}} 的 location {{location}} 把 go 的请求转发给 {{upstream}}，但 location、server 和 http 各级都没有设置 {{missing}}，因此各自使用 nginx 的默认值 60 秒。go 下载模块时自身没有任何超时：上游不再应答时，每个请求最多要等 60 秒才能连上，应答中每一段沉默又最多等 60 秒，之后 nginx 才返回 504；`go mod download` 会一个请求接一个请求地等下去。连接超时的默认值影响最大：上游主机宕机且丢弃数据包时，每个请求要耗费 60 秒，切换到其他上游也会因此推迟同样长的时间。',
      remedy:
        '请显式设置它们，在 http 块中设置一次或者在该 location 中设置：\n{{directives}}\n较短的连接超时能让失效的上游立即报错（或立即切换）；读取超时是两次读取应答之间允许的最长沉默时间，应足够让上游从源站拉取尚未缓存的模块。',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      const entries = [
        ['proxy_connect_timeout', loc.timeouts.connect],
        ['proxy_read_timeout', loc.timeouts.read],
        ['proxy_send_timeout', loc.timeouts.send],
      ] as const;
      const missing = entries.filter(([, v]) => v.at === null);
      if (missing.length === 0) return null;
      return {
        params: {
          ...locationParams(n, loc),
          missing: missing.map(([name]) => name).join(', '),
          directives: missing.map(([name]) => `    ${name} ${SUGGESTED[name]};`).join('\n'),
        },
        evidence: [proxyPassLine(loc), ...entries.map(([name, v]) => setting(name, v))],
      };
    });
  },
};

const longTimeouts: Rule = {
  id: 'nginx-long-timeouts',
  family: 'timeout',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} waits {{longest}} on a hung upstream',
      detail:
        'For location {{location}} of server {{server}} (upstream {{upstream}}), nginx is told to wait {{settings}}. go sets no time limit of its own on module downloads, so when the upstream accepts the connection and then stops answering, `go get` and builds hang for that long on each request before nginx answers 504 — and with a `,` after this GOPROXY entry, go then stops instead of trying the next one. Connect timeouts above {{connectLimit}} s and read or send timeouts above {{readLimit}} s are flagged.',
      remedy:
        'Lower them where they are set (the evidence names the lines), for example:\n{{directives}}\nA read timeout is the longest silence between two reads, not the length of the whole download: big zips that keep flowing are not cut off.',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 会在挂起的上游上等待 {{longest}}',
      detail:
        '对于服务器 {{server}} 的 location {{location}}（上游 {{upstream}}），nginx 被设置为等待 {{settings}}。go 下载模块时自身没有任何超时，因此上游接受连接后不再应答时，`go get` 和构建的每个请求都会卡住这么久，直到 nginx 返回 504；如果 GOPROXY 中该条目后面是 `,`，go 随后会直接停止，而不会尝试下一个代理。连接超时超过 {{connectLimit}} 秒、读取或发送超时超过 {{readLimit}} 秒时会提示。',
      remedy:
        '请在设置它们的地方（证据中给出了行号）调低，例如：\n{{directives}}\n读取超时指两次读取之间的最长沉默时间，而不是整个下载的时长：持续传输的大 zip 不会被中断。',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      const entries = [
        ['proxy_connect_timeout', loc.timeouts.connect, LONG_CONNECT_SECONDS],
        ['proxy_read_timeout', loc.timeouts.read, LONG_READ_SECONDS],
        ['proxy_send_timeout', loc.timeouts.send, LONG_READ_SECONDS],
      ] as const;
      // Defaults are nginx-missing-timeouts' business; this rule is about values someone chose.
      const long = entries.filter(([, v, limit]) => v.at !== null && v.seconds !== null && v.seconds > limit);
      if (long.length === 0) return null;
      const longest = long.reduce((a, b) => (b[1].seconds! > a[1].seconds! ? b : a));
      return {
        params: {
          ...locationParams(n, loc),
          longest: longest[1].value,
          settings: long.map(([name, v]) => `${name} ${v.value}`).join(', '),
          connectLimit: String(LONG_CONNECT_SECONDS),
          readLimit: String(LONG_READ_SECONDS),
          directives: long.map(([name]) => `    ${name} ${SUGGESTED[name]};`).join('\n'),
        },
        evidence: [proxyPassLine(loc), ...long.map(([name, v]) => setting(name, v))],
      };
    });
  },
};

const LOOPBACK_LISTEN = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

const serverTokens: Rule = {
  id: 'nginx-server-tokens',
  family: 'leak',
  severity: 'info',
  text: {
    en: {
      title: 'nginx server {{server}} announces its version',
      detail:
        'server_tokens is {{value}} for server {{server}}, so nginx names itself and its exact version in the Server header of every answer and at the bottom of its own error pages — the 502 and 504 pages go shows when a download fails included. Anyone who can reach it learns which nginx release, with which known vulnerabilities, runs in front of the team’s modules. It is flagged as a warning when the server listens beyond this machine’s loopback.',
      remedy: 'Add to the http block (or to this server block):\n    server_tokens off;',
    },
    'zh-CN': {
      title: 'nginx 服务器 {{server}} 暴露了版本号',
      detail:
        '服务器 {{server}} 的 server_tokens 为 {{value}}，因此 nginx 会在每个应答的 Server 头以及它自己的错误页底部写出名称和确切版本——包括 go 下载失败时显示的 502、504 页面。任何能访问它的人都能得知团队模块前面运行的是哪个 nginx 版本、有哪些已知漏洞。当该服务器监听的地址不只是本机回环地址时，会作为警告提示。',
      remedy: '请在 http 块（或该 server 块）中加入：\n    server_tokens off;',
    },
  },
  check(facts) {
    const n = facts.nginx;
    if (!n) return [];
    const hits: Hit[] = [];
    n.servers.forEach((server, index) => {
      if (server.serverTokens.value === 'off') return;
      const exposed = server.listens.some(
        (l) => l.port !== null && (l.host === null || !LOOPBACK_LISTEN.test(l.host)),
      );
      const seen = (n.probes ?? [])
        .filter((p) => p.serverHeader !== null && n.locations[p.location]?.server === index)
        .map((p) => `${p.url}: Server: ${p.serverHeader}`);
      hits.push({
        params: { server: serverLabel(server), value: server.serverTokens.value },
        evidence: [
          line(server.at, `server { (server_name ${server.names.join(' ') || '""'})`),
          ...server.listens.map((l) =>
            l.at ? line(l.at, `listen ${l.address};`) : `listen not set: nginx's default ${l.address}`,
          ),
          setting('server_tokens', server.serverTokens),
          ...[...new Set(seen)],
        ],
        ...(exposed ? { severity: 'warning' as const } : {}),
      });
    });
    return hits;
  },
};

const noHostHeader: Rule = {
  id: 'nginx-no-host-header',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} sends the wrong Host to {{upstream}}',
      detail:
        'Requests that location {{location}} of server {{server}} passes to {{upstream}} carry Host: {{sent}}, which is not a name that upstream serves. A module proxy, a CDN or another virtual host picks the site, the certificate and the absolute URLs of its answers by Host, so it answers 400, 404 or 421, or redirects go to a name go cannot reach. A common cause: a level that has proxy_set_header lines of its own does not inherit any from its server or http block, so a Host set there is silently lost (the evidence shows which lines apply).',
      remedy:
        'Add to location {{location}}:\n    {{directive}}\nand repeat there any other proxy_set_header line of the outer level that you rely on: none of them is inherited by a level with its own.',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 向 {{upstream}} 发送了错误的 Host',
      detail:
        '服务器 {{server}} 的 location {{location}} 转发给 {{upstream}} 的请求带有 Host: {{sent}}，而这不是该上游所服务的名称。模块代理、CDN 或其他虚拟主机根据 Host 选择站点、证书以及应答中的绝对 URL，因此会返回 400、404 或 421，或把 go 重定向到 go 无法访问的名称。常见原因：某一级只要有自己的 proxy_set_header，就不会继承 server 或 http 块中的任何 proxy_set_header，在那里设置的 Host 会悄悄丢失（证据中列出了实际生效的行）。',
      remedy:
        '请在 location {{location}} 中加入：\n    {{directive}}\n并把外层中你依赖的其他 proxy_set_header 也复制过来：一个级别只要有自己的 proxy_set_header，就不会继承外层的任何一条。',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      const t = loc.target;
      if (t.dynamic || t.host === null) return null;
      const host = loc.headers.find((h) => h.name.toLowerCase() === 'host');
      const external = t.scope === 'external';
      const publicName = t.servers.find((s) => s.scope === 'external' && s.host !== null)?.host ?? t.host;
      const hit = (sent: string, directive: string, evidence: string[], internalOnly = false): Hit => ({
        params: { ...locationParams(n, loc), sent, directive },
        evidence: [proxyPassLine(loc), ...evidence],
        ...(internalOnly ? { severity: 'info' as const } : {}),
      });
      if (host) {
        if (host.value === '') {
          return hit('""', `proxy_set_header Host ${external ? '$proxy_host' : '$host'};`, [
            `${headerLine(host)} (sends no Host header at all)`,
          ]);
        }
        if (external && CLIENT_HOST.has(host.value)) {
          return hit(host.value, 'proxy_set_header Host $proxy_host;', [
            `${headerLine(host)} (the name clients used for this nginx, sent to a public upstream)`,
          ]);
        }
        return null;
      }
      const dropped = loc.droppedHeaders.find((h) => h.name.toLowerCase() === 'host');
      const own = loc.headers.map((h) => `${headerLine(h)} (in force here)`);
      const sent = t.upstream ?? t.host;
      // Losing `Host $host` on the way to a public mirror is a blessing: $proxy_host is its real name.
      if (dropped && dropped.value !== sent && !(external && CLIENT_HOST.has(dropped.value))) {
        return hit(sent, `proxy_set_header Host ${dropped.value};`, [
          `${headerLine(dropped)} (not inherited: this location has proxy_set_header lines of its own)`,
          ...own,
        ]);
      }
      if (t.upstream !== null) {
        // nginx's default Host is $proxy_host: here the upstream block's name, not a real host name.
        const directive = external ? `proxy_set_header Host ${publicName};` : 'proxy_set_header Host $host;';
        return hit(
          t.upstream,
          directive,
          [
            `no proxy_set_header Host applies: nginx sends Host: $proxy_host, the upstream block's name "${t.upstream}"`,
          ],
          !external,
        );
      }
      return null;
    });
  },
};

const forwardsInternalHeaders: Rule = {
  id: 'nginx-forwards-internal-headers',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} forwards {{headers}} to a public upstream',
      detail:
        'Location {{location}} of server {{server}} passes go’s requests to {{upstream}}, which is outside the private network, together with {{headers}}. Those headers carry the developers’ addresses, their credentials for this nginx, or internal host names: the public mirror (and anything between it and nginx) learns who inside the company fetches which modules, and credentials meant for the team’s proxy reach a third party.',
      remedy:
        'Remove the proxy_set_header lines that add these headers for this location, and clear what clients send, in the location itself:\n{{directives}}\n(A location with proxy_set_header lines of its own inherits none from its server or http block: repeat the ones you need, such as Host.)',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 把 {{headers}} 转发给了公共上游',
      detail:
        '服务器 {{server}} 的 location {{location}} 把 go 的请求转发给私有网络之外的 {{upstream}}，同时带上了 {{headers}}。这些请求头包含开发者的地址、访问此 nginx 的凭据或内部主机名：公共镜像（以及它与 nginx 之间的任何环节）会知道公司内部是谁在获取哪些模块，而发给团队代理的凭据也会落到第三方手中。',
      remedy:
        '请删除该 location 中添加这些请求头的 proxy_set_header，并在该 location 中清除客户端发送的这些请求头：\n{{directives}}\n（一个 location 只要有自己的 proxy_set_header，就不会继承 server 或 http 块中的任何一条：请把需要的那些，例如 Host，也复制过来。）',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      if (loc.target.scope !== 'external') return null;
      const leaks = loc.headers.filter(
        (h) => h.value !== '' && (LEAKY_HEADERS.has(h.name.toLowerCase()) || LEAKY_VARIABLE.test(h.value)),
      );
      const evidence = leaks.map(headerLine);
      const names = leaks.map((h) => h.name);
      // nginx passes every request header on unless told otherwise: behind auth_basic or
      // auth_request, that includes the credentials clients send to this nginx.
      const setsAuthorization = loc.headers.some((h) => h.name.toLowerCase() === 'authorization');
      if (loc.auth && loc.passRequestHeaders.value === 'on' && !setsAuthorization) {
        names.push('Authorization');
        evidence.push(
          `${line(loc.auth.at, `${loc.auth.directive} ${loc.auth.value};`)} (clients send credentials to this nginx; nothing clears their Authorization header before proxy_pass)`,
        );
      }
      if (names.length === 0) return null;
      return {
        params: {
          ...locationParams(n, loc),
          headers: names.join(', '),
          directives: names.map((name) => `    proxy_set_header ${name} "";`).join('\n'),
        },
        evidence: [proxyPassLine(loc), ...evidence],
      };
    });
  },
};

function upstreamLines(loc: NginxLocation): string[] {
  // A server named directly by proxy_pass has no line of its own: only what its name resolves to is news.
  if (loc.target.upstream === null) {
    return loc.target.servers
      .filter((s) => s.resolved !== null)
      .map((s) => `${s.host} resolves to ${s.resolved!.join(', ')}`);
  }
  return loc.target.servers.map((s) => {
    const flags = [s.backup ? 'backup' : '', s.down ? 'down' : '', `max_fails=${s.maxFails}`].filter(Boolean);
    const resolved = s.resolved ? ` (resolves to ${s.resolved.join(', ')})` : '';
    return line(s.at, `server ${s.address} ${flags.join(' ')};${resolved}`);
  });
}

/** How many servers nginx can send a location's requests to; nginx uses each address of a name as one. */
function usableServers(loc: NginxLocation): number {
  return loc.target.servers.filter((s) => !s.down).reduce((sum, s) => sum + (s.resolved?.length ?? 1), 0);
}

/** The URI part of a proxy_pass URL (`/` in `https://goproxy.cn/`), kept when the host is replaced. */
function proxyPassUri(url: string): string {
  const rest = url.replace(/^https?:\/\//i, '');
  if (rest.startsWith('unix:')) {
    const colon = rest.indexOf(':', 5);
    return colon === -1 ? '' : rest.slice(colon + 1);
  }
  const slash = rest.indexOf('/');
  return slash === -1 ? '' : rest.slice(slash);
}

const RETRY =
  '    proxy_next_upstream error timeout http_502 http_503 http_504;\n    proxy_next_upstream_tries 2;';

const singleUpstream: Rule = {
  id: 'nginx-single-upstream',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} has nowhere else to go when {{upstream}} fails',
      detail:
        'Location {{location}} of server {{server}} passes go’s requests to {{upstream}}: one server, with no second server and no backup. When it is down or answers an error, nginx answers go with 502 or 504 — and go treats that as a hard error: with a `,` after this GOPROXY entry it stops instead of trying the next entry (only `|` falls back on any error). One failing server stops every `go get` of the team.',
      remedy:
        'Give nginx a second server and let it retry there, for example:\n{{example}}\nmax_fails/fail_timeout take a failing server out of rotation for a while; `backup` is only used when the others are down. Developers can also list a second mirror after this one in GOPROXY, separated by `|`.',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 在 {{upstream}} 故障时无处可转',
      detail:
        '服务器 {{server}} 的 location {{location}} 把 go 的请求转发给 {{upstream}}：只有一台服务器，既没有第二台，也没有 backup。它宕机或返回错误时，nginx 会向 go 返回 502 或 504，go 将其视为硬错误：如果 GOPROXY 中该条目后面是 `,`，go 会直接停止，而不会尝试下一个条目（只有 `|` 才会在任何错误时回退）。一台服务器故障，团队所有的 `go get` 都会失败。',
      remedy:
        '请为 nginx 配置第二台服务器并允许它在那里重试，例如：\n{{example}}\nmax_fails/fail_timeout 会让失败的服务器暂时退出轮换；`backup` 只在其他服务器都不可用时使用。开发者也可以在 GOPROXY 中该镜像之后用 `|` 再列一个镜像。',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      const t = loc.target;
      if (t.dynamic || t.servers.length === 0 || usableServers(loc) > 1) return null;
      const first = t.servers.find((s) => !s.down) ?? t.servers[0]!;
      const example = [
        '    upstream goproxy_backends {',
        `        server ${first.address} max_fails=2 fail_timeout=10s;`,
        '        server SECOND_HOST:PORT max_fails=2 fail_timeout=10s;',
        '        server STANDBY_HOST:PORT backup;',
        '    }',
        `    location ${loc.match} {`,
        `        proxy_pass ${t.scheme ?? 'http'}://goproxy_backends${proxyPassUri(loc.proxyPass.value)};`,
        '        proxy_next_upstream error timeout http_502 http_503 http_504;',
        '        proxy_next_upstream_tries 2;',
        '    }',
      ].join('\n');
      const unresolved = t.servers.some(
        (s) => s.host !== null && s.resolved === null && !/^[\d.]+$|:/.test(s.host),
      );
      return {
        params: { ...locationParams(n, loc), example },
        evidence: [
          proxyPassLine(loc),
          ...upstreamLines(loc),
          ...(unresolved
            ? ['(names not resolved: with live checks, every address a name resolves to counts)']
            : []),
        ],
      };
    });
  },
};

const noRetry: Rule = {
  id: 'nginx-no-retry',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} does not retry another server of {{upstream}}',
      detail:
        'Location {{location}} of server {{server}} has {{servers}} servers to send go’s requests to, but proxy_next_upstream is {{nextUpstream}} (tries: {{tries}}), so a request that meets a failing server is not retried on another: nginx answers go with 502 or 504 at once. go treats that as a hard error — with a `,` after this GOPROXY entry it stops — so a download fails although a healthy server was there.',
      remedy:
        'Let nginx retry on another server, in location {{location}} (or the server or http block):\n{{example}}',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 不会改用 {{upstream}} 中的其他服务器重试',
      detail:
        '服务器 {{server}} 的 location {{location}} 有 {{servers}} 台服务器可以转发 go 的请求，但 proxy_next_upstream 为 {{nextUpstream}}（重试次数：{{tries}}），因此遇到故障服务器的请求不会改到另一台重试：nginx 立即向 go 返回 502 或 504。go 将其视为硬错误——如果 GOPROXY 中该条目后面是 `,`，go 会直接停止——于是明明有健康的服务器，下载仍然失败。',
      remedy:
        '请让 nginx 改用其他服务器重试，写在 location {{location}}（或 server、http 块）中：\n{{example}}',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      if (loc.target.dynamic || usableServers(loc) <= 1) return null;
      if (loc.nextUpstream.value !== 'off' && loc.nextUpstreamTries.value !== '1') return null;
      return {
        params: {
          ...locationParams(n, loc),
          servers: String(usableServers(loc)),
          nextUpstream: loc.nextUpstream.value,
          tries: loc.nextUpstreamTries.value,
          example: RETRY,
        },
        evidence: [
          proxyPassLine(loc),
          ...upstreamLines(loc),
          setting('proxy_next_upstream', loc.nextUpstream),
          setting('proxy_next_upstream_tries', loc.nextUpstreamTries),
        ],
      };
    });
  },
};

const upstreamNoSni: Rule = {
  id: 'nginx-upstream-no-sni',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'nginx location {{location}} connects to {{host}} over TLS without its name',
      detail:
        'Location {{location}} of server {{server}} passes go’s requests to {{upstream}} over HTTPS, but nginx does not send {{host}} as the TLS server name (SNI): proxy_ssl_server_name is off by default, and with an upstream block the name sent is the block’s. CDNs and shared front ends — where the public Go mirrors live — then refuse the handshake or present another site’s certificate, and nginx answers go with 502.',
      remedy: 'Add to location {{location}}:\n    proxy_ssl_server_name on;\n    proxy_ssl_name {{host}};',
    },
    'zh-CN': {
      title: 'nginx location {{location}} 通过 TLS 连接 {{host}} 时没有发送其名称',
      detail:
        '服务器 {{server}} 的 location {{location}} 通过 HTTPS 把 go 的请求转发给 {{upstream}}，但 nginx 没有把 {{host}} 作为 TLS 服务器名称（SNI）发送：proxy_ssl_server_name 默认关闭，而使用 upstream 块时发送的是该块的名称。公共 Go 镜像所在的 CDN 和共享前端会因此拒绝握手或返回其他站点的证书，nginx 随即向 go 返回 502。',
      remedy:
        '请在 location {{location}} 中加入：\n    proxy_ssl_server_name on;\n    proxy_ssl_name {{host}};',
    },
  },
  check(facts) {
    return perLocation(facts, (n, loc) => {
      const t = loc.target;
      if (t.dynamic || t.scheme !== 'https') return null;
      const named = t.servers.find((s) => s.host !== null && !/^[\d.]+$|:/.test(s.host));
      if (!named) return null;
      const noSni = loc.sslServerName.value !== 'on';
      const wrongName = t.upstream !== null && loc.sslName.at === null;
      if (!noSni && !wrongName) return null;
      return {
        params: { ...locationParams(n, loc), host: named.host! },
        evidence: [
          proxyPassLine(loc),
          setting('proxy_ssl_server_name', loc.sslServerName),
          ...(t.upstream !== null ? [setting('proxy_ssl_name', loc.sslName)] : []),
        ],
      };
    });
  },
};

const upstream502: Rule = {
  id: 'nginx-upstream-502',
  family: 'upstream',
  severity: 'error',
  text: {
    en: {
      title:
        'nginx answered {{status}} for location {{location}}: its upstream {{upstream}} is not answering',
      detail:
        'A request through the running nginx, {{url}}, was answered {{status}}: nginx could not get an answer from {{upstream}} (502: the connection was refused or reset, or the answer was not valid HTTP; 504: it timed out). Every go request through location {{location}} of server {{server}} fails the same way, and go treats 502 and 504 as hard errors: with a `,` after this GOPROXY entry it stops instead of trying the next one.',
      remedy:
        'Start (or fix) the upstream and check that the nginx host can reach it: nginx’s error_log names the reason (for instance "connect() failed (111: Connection refused) while connecting to upstream"). Then give nginx somewhere else to go: a second server or a backup in an upstream block, with\n    proxy_next_upstream error timeout http_502 http_503 http_504;',
    },
    'zh-CN': {
      title: 'nginx 对 location {{location}} 返回了 {{status}}：上游 {{upstream}} 没有应答',
      detail:
        '通过正在运行的 nginx 发出的请求 {{url}} 得到了 {{status}}：nginx 无法从 {{upstream}} 获得应答（502：连接被拒绝或重置，或应答不是有效的 HTTP；504：超时）。经服务器 {{server}} 的 location {{location}} 的每个 go 请求都会同样失败，而 go 把 502 和 504 视为硬错误：如果 GOPROXY 中该条目后面是 `,`，go 会直接停止，而不会尝试下一个条目。',
      remedy:
        '请启动（或修复）上游，并确认 nginx 所在主机能够访问它：nginx 的 error_log 会写明原因（例如 "connect() failed (111: Connection refused) while connecting to upstream"）。然后为 nginx 准备退路：在 upstream 块中加入第二台服务器或 backup，并设置\n    proxy_next_upstream error timeout http_502 http_503 http_504;',
    },
  },
  check(facts) {
    const n = facts.nginx;
    if (!n || n.probes === null) return [];
    return n.probes
      .filter((p) => p.status === 502 || p.status === 504)
      .flatMap((p) => {
        const loc = n.locations[p.location];
        if (!loc) return [];
        return [
          {
            params: { ...locationParams(n, loc), url: p.url, status: String(p.status) },
            evidence: [
              `GET ${p.url} (Host: ${p.hostHeader}) → ${p.status}${p.serverHeader ? ` (Server: ${p.serverHeader})` : ''}`,
              proxyPassLine(loc),
              ...upstreamLines(loc),
            ],
          },
        ];
      });
  },
};

export const nginxRules: Rule[] = [
  unreadable,
  missingTimeouts,
  longTimeouts,
  serverTokens,
  noHostHeader,
  forwardsInternalHeaders,
  singleUpstream,
  noRetry,
  upstreamNoSni,
  upstream502,
];
