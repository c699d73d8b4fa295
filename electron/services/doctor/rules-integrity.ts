import type { GoEnvSource } from '../../../shared/contract';
import { parseGoProxy } from '../../../shared/go/goproxy';
import { matchPrefixPatterns } from '../../../shared/go/patterns';
import { planRoute } from '../../../shared/go/route';
import { MIRRORS } from '../../../shared/mirrors';
import { MASK, maskSecrets, maskUrl, urlSecret } from './credentials';
import {
  isLoopback,
  isKnownPublicHost,
  isPublicMirrorHost,
  privateLook,
  PUBLIC_MODULE_SAMPLES,
} from './hosts';
import type { GitRemote, GoModFacts, ProjectFacts, SourceLine } from './projects';
import type { Facts, FixSpec, GoFacts, Hit, Rule } from './types';

/**
 * Integrity (is what go downloads checked?) and leaks (what goes where it should not: private module
 * paths to public services, passwords into logs). Pure functions of Facts; evidence never holds a
 * secret (credentials.ts masks them).
 */

// --- The settings as go applies them ------------------------------------------------------------------

const GO_DEFAULTS = { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: 'sum.golang.org' } as const;
type Key = 'GOPROXY' | 'GOPRIVATE' | 'GONOPROXY' | 'GONOSUMDB' | 'GOSUMDB' | 'GOINSECURE';
type Derived = 'GONOPROXY' | 'GONOSUMDB';

interface Settings {
  /** Effective values: GOPROXY and GOSUMDB defaulted, GONOPROXY and GONOSUMDB following GOPRIVATE when unset. */
  v: Record<Key, string>;
  /** Unset (or empty, which go 1.19's envOr treats the same): the variable takes GOPRIVATE's value. */
  follows(key: Derived): boolean;
  /** One evidence line, `GOSUMDB=off (env-file)`, as the syntax rules write them: secrets masked, CR visible. */
  show(key: Key): string;
  /** Whether a go env -w of this variable changes what go sees. */
  writable(key: Key): boolean;
}

/** Control characters made visible (a '\r' from a CRLF env file is the usual one). */
const visible = (s: string): string =>
  s.replace(/[\r\n\t]/g, (c) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : '\\t'));

function settings(go: GoFacts): Settings {
  const raw = (key: Key) => go.report.vars[key]?.value ?? '';
  const source = (key: Key): GoEnvSource => go.report.vars[key]?.source ?? 'default';
  const follows = (key: Derived) => source(key) === 'default' || raw(key) === '';
  const v: Record<Key, string> = {
    GOPROXY: raw('GOPROXY') || GO_DEFAULTS.GOPROXY,
    GOPRIVATE: raw('GOPRIVATE'),
    GONOPROXY: follows('GONOPROXY') ? raw('GOPRIVATE') : raw('GONOPROXY'),
    GONOSUMDB: follows('GONOSUMDB') ? raw('GOPRIVATE') : raw('GONOSUMDB'),
    GOSUMDB: raw('GOSUMDB') || GO_DEFAULTS.GOSUMDB,
    GOINSECURE: raw('GOINSECURE'),
  };
  const show = (key: Key): string => {
    const whole = visible(maskSecrets(v[key]));
    // A value of a megabyte is shown by its start and its length, not whole.
    const value = whole.length <= 400 ? whole : `${whole.slice(0, 400)}… (${whole.length} characters)`;
    if ((key === 'GONOPROXY' || key === 'GONOSUMDB') && follows(key))
      return `${key}=${value} (default, follows GOPRIVATE)`;
    return `${key}=${value} (${raw(key) === '' ? 'default' : source(key)})`;
  };
  // go env -w writes the env file: a non-empty OS variable hides it, and with GOENV=off there is none.
  const envFile = go.report.envFile;
  const writable = (key: Key) => source(key) !== 'os-env' && envFile !== null && envFile !== 'off';
  return { v, follows, show, writable };
}

/** Patterns of a GOPRIVATE-style list as go splits it: on commas, no trimming, empty ones skipped. */
const patternsOf = (list: string) => list.split(',').filter((p) => p !== '' && p !== '/');

/** The hostname of an http(s) URL as written in GOPROXY (no port, no brackets), or null. */
function urlHost(url: string): string | null {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#]*@)?(\[[^\]]*\]|[^/:?#]*)/.exec(url);
  return m ? m[1]!.replace(/^\[|\]$/g, '').toLowerCase() : null;
}

/** The GOPROXY entries go reads (up to `direct`/`off`), or none when go would reject the list. */
function proxyUrls(s: Settings): string[] {
  const parsed = parseGoProxy(s.v.GOPROXY);
  return parsed.ok ? parsed.value.flatMap((e) => (e.kind === 'proxy' && e.url ? [e.url] : [])) : [];
}

/** Every entry as written, with what follows `direct` too: `go env` prints those as well. */
function rawProxyEntries(s: Settings): string[] {
  return s.v.GOPROXY.split(/[,|]/)
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'direct' && e !== 'off');
}

/** `list` with more comma-separated patterns, keeping what is there (less the CRs the CRLF rule is about). */
function withPatterns(raw: string, added: readonly string[]): string {
  const list = raw.replace(/\r/g, '');
  const sep = list === '' || list.endsWith(',') ? '' : ',';
  return `${list}${sep}${added.join(',')}`;
}

const MAX_LINES = 20;

/** A list for a title: the first MAX_LINES items, then how many more. */
const joinCapped = (items: string[]): string =>
  items.length <= MAX_LINES
    ? items.join(', ')
    : `${items.slice(0, MAX_LINES).join(', ')} … and ${items.length - MAX_LINES} more`;

function capped(lines: string[]): string[] {
  return lines.length <= MAX_LINES
    ? lines
    : [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`];
}

// --- GOSUMDB=off --------------------------------------------------------------------------------------

const gosumdbOff: Rule = {
  id: 'gosumdb-off',
  family: 'integrity',
  severity: 'error',
  text: {
    en: {
      title: 'Checksum verification is off (GOSUMDB=off)',
      detail:
        'With GOSUMDB=off go checks no new module or version against the checksum database: a mirror, an HTTP proxy or anyone on the network path can hand you altered code, and go records its hash in go.sum as if it were genuine. Only hashes already in go.sum still protect you.',
      remedy:
        'Turn verification back on: {{command}}. From mainland China sum.golang.org itself is blocked, but go reaches it through a mirror that proxies it (goproxy.cn, goproxy.io and proxy.golang.org do), or directly as sum.golang.google.cn, the same database with the same key. If you turned it off because private modules failed to verify, list them in GOPRIVATE instead. If GOSUMDB=off is set in your shell or system environment, remove it there too: it overrides go env -w.',
    },
    'zh-CN': {
      title: '校验和验证已关闭（GOSUMDB=off）',
      detail:
        'GOSUMDB=off 时，go 不会用校验和数据库核对任何新模块或新版本：镜像、HTTP 代理或网络路径上的任何人都可以交给你被篡改的代码，而 go 会把它的哈希当作真实的写入 go.sum。只有 go.sum 中已有的哈希仍在保护你。',
      remedy:
        '重新开启验证：{{command}}。在中国大陆，sum.golang.org 本身无法访问，但 go 可以通过代理它的镜像访问（goproxy.cn、goproxy.io 和 proxy.golang.org 都支持），或者直接使用 sum.golang.google.cn——同一个数据库、同一个公钥。如果你关闭它是因为私有模块无法通过验证，请改为把它们加入 GOPRIVATE。如果 GOSUMDB=off 设置在 shell 或系统环境变量中，也请在那里删除：它会覆盖 go env -w。',
    },
  },
  check({ go }) {
    const s = settings(go);
    if (s.v.GOSUMDB !== 'off') return [];
    // Unset GOSUMDB when a mirror in the chain serves sum.golang.org; otherwise name the database's
    // China-reachable address, which works from everywhere.
    const viaMirror = proxyUrls(s).find((url) =>
      MIRRORS.some((m) => m.sumdbProxy === true && urlHost(m.url) === urlHost(url)),
    );
    const evidence = [s.show('GOSUMDB')];
    let action: FixSpec['action'];
    let command: string;
    let summary: FixSpec['summary'];
    if (viaMirror !== undefined) {
      evidence.push(`${viaMirror} (in GOPROXY) proxies sum.golang.org`);
      action = { kind: 'goenv', unset: ['GOSUMDB'] };
      command = 'go env -u GOSUMDB';
      summary = {
        en: `Unset GOSUMDB: go then checks downloads against sum.golang.org, reached through ${viaMirror}`,
        'zh-CN': `取消设置 GOSUMDB：go 将通过 ${viaMirror} 访问 sum.golang.org 校验下载`,
      };
    } else {
      action = { kind: 'goenv', set: ['GOSUMDB=sum.golang.google.cn'] };
      command = 'go env -w GOSUMDB=sum.golang.google.cn';
      summary = {
        en: 'Set GOSUMDB=sum.golang.google.cn: the sum.golang.org database, reachable from mainland China',
        'zh-CN': '设置 GOSUMDB=sum.golang.google.cn：即 sum.golang.org 数据库，在中国大陆可以访问',
      };
    }
    const fixable = s.writable('GOSUMDB');
    return [
      { params: { command }, evidence, ...(fixable ? { fix: { id: 'gosumdb-off', summary, action } } : {}) },
    ];
  },
};

// --- GONOSUMDB and GOINSECURE: too broad ----------------------------------------------------------------

/** The public modules (samples) a pattern matches. */
const publicMatches = (pattern: string) =>
  PUBLIC_MODULE_SAMPLES.filter(([, module]) => matchPrefixPatterns(pattern, module)).map(
    ([, module]) => module,
  );

function describeMatches(pattern: string, modules: string[]): string {
  const shown = modules.slice(0, 3).join(', ');
  return modules.length === PUBLIC_MODULE_SAMPLES.length
    ? `pattern "${pattern}" matches every module path, e.g. ${shown}`
    : `pattern "${pattern}" matches public modules: ${shown}${modules.length > 3 ? ', …' : ''}`;
}

/** A hit for the patterns of `list` that cover public modules, or none. */
function publicPatternHit(s: Settings, list: string, showKeys: Key[], params: Record<string, string>): Hit[] {
  const offending = patternsOf(list).flatMap((pattern) => {
    const modules = publicMatches(pattern);
    return modules.length > 0 ? [{ pattern, modules }] : [];
  });
  if (offending.length === 0) return [];
  return [
    {
      params: {
        ...params,
        patterns: joinCapped(offending.map((o) => o.pattern)),
        examples: [...new Set(offending.flatMap((o) => o.modules))].slice(0, 3).join(', '),
      },
      evidence: [
        ...showKeys.map((k) => s.show(k)),
        ...capped(offending.map((o) => describeMatches(o.pattern, o.modules))),
      ],
    },
  ];
}

/**
 * One module path that a glob matches, made by filling its wildcards; checked against the glob, so a
 * witness is never wrong (a glob too odd to fill simply has none).
 */
function witness(glob: string): string | null {
  const g = glob.endsWith('/') ? glob.slice(0, -1) : glob;
  for (const fill of ['x', 'a', '0']) {
    const candidate = g.replace(/\[[^\]]*\]|\*|\?/g, fill).replace(/\\(.)/g, '$1');
    if (matchPrefixPatterns(glob, candidate)) return candidate;
  }
  return null;
}

/** A hit for the patterns of `list` (not public ones) that match something GOPRIVATE does not. */
function beyondPrivateHit(s: Settings, key: 'GONOSUMDB' | 'GOINSECURE'): Hit[] {
  const offending = patternsOf(s.v[key]).flatMap((pattern) => {
    if (publicMatches(pattern).length > 0) return [];
    const w = witness(pattern);
    return w !== null && !matchPrefixPatterns(s.v.GOPRIVATE, w) ? [{ pattern, w }] : [];
  });
  if (offending.length === 0) return [];
  return [
    {
      params: { patterns: joinCapped(offending.map((o) => o.pattern)) },
      evidence: [
        s.show(key),
        s.show('GOPRIVATE'),
        ...capped(offending.map((o) => `pattern "${o.pattern}" matches ${o.w}, which GOPRIVATE does not`)),
      ],
    },
  ];
}

const gonosumdbPublic: Rule = {
  id: 'gonosumdb-public',
  family: 'integrity',
  severity: 'error',
  text: {
    en: {
      title: 'Checksum checks are skipped for public modules ({{variable}}: {{patterns}})',
      detail:
        'go never checks modules matched by GONOSUMDB against the checksum database. {{patterns}} also matches public modules such as {{examples}}, so their downloads are trusted blindly: a tampered mirror or proxy would go unnoticed. (GONOSUMDB follows GOPRIVATE when it is not set.)',
      remedy:
        'Narrow the pattern in {{variable}} to your private hosts or organisations, for example git.corp.example or github.com/your-org, so that public modules are verified again.',
    },
    'zh-CN': {
      title: '公共模块跳过了校验和检查（{{variable}}：{{patterns}}）',
      detail:
        'go 从不用校验和数据库核对 GONOSUMDB 匹配的模块。{{patterns}} 也匹配了 {{examples}} 等公共模块，它们的下载会被无条件信任：被篡改的镜像或代理不会被发现。（GONOSUMDB 未设置时取 GOPRIVATE 的值。）',
      remedy:
        '把 {{variable}} 中的模式收窄到你的私有主机或组织，例如 git.corp.example 或 github.com/your-org，让公共模块重新得到验证。',
    },
  },
  check({ go }) {
    const s = settings(go);
    if (s.v.GOSUMDB === 'off') return [];
    const variable = s.follows('GONOSUMDB') ? 'GOPRIVATE' : 'GONOSUMDB';
    const shown: Key[] = variable === 'GOPRIVATE' ? ['GOPRIVATE', 'GONOSUMDB'] : ['GONOSUMDB'];
    return publicPatternHit(s, s.v.GONOSUMDB, shown, { variable });
  },
};

const gonosumdbBeyondPrivate: Rule = {
  id: 'gonosumdb-beyond-private',
  family: 'integrity',
  severity: 'warning',
  text: {
    en: {
      title: 'GONOSUMDB covers modules that GOPRIVATE does not ({{patterns}})',
      detail:
        'GONOSUMDB turns off checksum checks for {{patterns}}, but GOPRIVATE does not declare these modules private. If they are public, their downloads lose the protection of the checksum database; if they are private, go may still send their paths to public mirrors.',
      remedy:
        'If these modules are private, add the patterns to GOPRIVATE (GONOSUMDB can then stay unset: it follows GOPRIVATE). If they are public, remove them from GONOSUMDB.',
    },
    'zh-CN': {
      title: 'GONOSUMDB 覆盖了 GOPRIVATE 之外的模块（{{patterns}}）',
      detail:
        'GONOSUMDB 对 {{patterns}} 关闭了校验和检查，但 GOPRIVATE 并未声明这些模块为私有。如果它们是公共模块，下载就失去了校验和数据库的保护；如果它们是私有模块，go 仍可能把它们的路径发送给公共镜像。',
      remedy:
        '如果这些模块是私有的，请把这些模式加入 GOPRIVATE（之后 GONOSUMDB 可以不设置：它会沿用 GOPRIVATE）。如果它们是公共模块，请从 GONOSUMDB 中删除。',
    },
  },
  check({ go }) {
    const s = settings(go);
    if (s.v.GOSUMDB === 'off' || s.follows('GONOSUMDB')) return [];
    return beyondPrivateHit(s, 'GONOSUMDB');
  },
};

const goinsecurePublic: Rule = {
  id: 'goinsecure-public',
  family: 'integrity',
  severity: 'error',
  text: {
    en: {
      title: 'GOINSECURE allows unprotected downloads of public modules ({{patterns}})',
      detail:
        'For modules matched by GOINSECURE go accepts plain HTTP and invalid certificates when it fetches them directly (GOPROXY "direct", or falling back to it). {{patterns}} also matches public modules such as {{examples}}: anyone on the network path can redirect or alter those fetches. The checksum database still catches altered versions, except for modules in GONOSUMDB or with GOSUMDB=off.',
      remedy:
        'Remove the public patterns from GOINSECURE; keep only internal servers that cannot offer HTTPS, each named exactly (for example git.corp.example).',
    },
    'zh-CN': {
      title: 'GOINSECURE 允许不受保护地下载公共模块（{{patterns}}）',
      detail:
        '对于 GOINSECURE 匹配的模块，go 在直接获取时（GOPROXY 为 "direct" 或回退到它）接受明文 HTTP 和无效证书。{{patterns}} 也匹配了 {{examples}} 等公共模块：网络路径上的任何人都可以重定向或篡改这些请求。校验和数据库仍能发现被篡改的版本，但 GONOSUMDB 中的模块或 GOSUMDB=off 时除外。',
      remedy:
        '从 GOINSECURE 中删除这些公共模式；只保留无法提供 HTTPS 的内部服务器，并逐个写出准确的主机名（例如 git.corp.example）。',
    },
  },
  check({ go }) {
    const s = settings(go);
    return publicPatternHit(s, s.v.GOINSECURE, ['GOINSECURE'], {});
  },
};

const goinsecureBeyondPrivate: Rule = {
  id: 'goinsecure-beyond-private',
  family: 'integrity',
  severity: 'warning',
  text: {
    en: {
      title: 'GOINSECURE covers modules that GOPRIVATE does not ({{patterns}})',
      detail:
        'GOINSECURE lets go fetch {{patterns}} over plain HTTP or without checking certificates, but GOPRIVATE does not list them. If these are internal servers, go still sends their module paths to the public mirror and checksum database first; if they are public, nothing justifies giving up TLS.',
      remedy:
        'For internal hosts, add the same patterns to GOPRIVATE; otherwise remove them from GOINSECURE.',
    },
    'zh-CN': {
      title: 'GOINSECURE 覆盖了 GOPRIVATE 之外的模块（{{patterns}}）',
      detail:
        'GOINSECURE 允许 go 通过明文 HTTP 或不校验证书获取 {{patterns}}，但 GOPRIVATE 没有列出它们。如果这些是内部服务器，go 仍会先把模块路径发送给公共镜像和校验和数据库；如果是公共服务器，就没有理由放弃 TLS。',
      remedy: '如果是内部主机，请把同样的模式加入 GOPRIVATE；否则请从 GOINSECURE 中删除。',
    },
  },
  check({ go }) {
    return beyondPrivateHit(settings(go), 'GOINSECURE');
  },
};

// --- GOPROXY over plain HTTP, with passwords --------------------------------------------------------------

const goproxyPlainHttp: Rule = {
  id: 'goproxy-plain-http',
  family: 'integrity',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY uses plain HTTP ({{urls}})',
      detail:
        'Downloads from {{urls}} travel unencrypted: anyone on the network path can see which modules you fetch and alter what you receive. go still verifies each download against the checksum database, except modules in GONOSUMDB (private ones) or everything when GOSUMDB=off: for those nothing would notice.',
      remedy:
        'Use the https:// address: every public mirror offers one. For an internal proxy without TLS, put it behind HTTPS (for example nginx with a certificate), and keep GOSUMDB on.',
    },
    'zh-CN': {
      title: 'GOPROXY 使用明文 HTTP（{{urls}}）',
      detail:
        '从 {{urls}} 下载的内容未经加密：网络路径上的任何人都能看到你获取了哪些模块，并篡改你收到的内容。go 仍会用校验和数据库核对每个下载，但 GONOSUMDB 中的模块（私有模块）或 GOSUMDB=off 时的所有模块除外：对它们而言，篡改不会被发现。',
      remedy:
        '请使用 https:// 地址：所有公共镜像都提供。对于没有 TLS 的内部代理，请在前面加上 HTTPS（例如带证书的 nginx），并保持 GOSUMDB 开启。',
    },
  },
  check({ go }) {
    const s = settings(go);
    const plain = proxyUrls(s).filter((url) => /^http:\/\//i.test(url) && !isLoopback(urlHost(url) ?? ''));
    if (plain.length === 0) return [];
    const unchecked = s.v.GOSUMDB === 'off';
    const evidence = [
      s.show('GOPROXY'),
      ...plain.map((url) => `${maskUrl(url)} is plain HTTP`),
      ...(unchecked ? [s.show('GOSUMDB')] : []),
    ];
    // Catalogued mirrors all serve HTTPS, so switching them is safe; other hosts may not have it.
    const switchable = plain.filter((url) => isPublicMirrorHost(urlHost(url) ?? ''));
    let fix: FixSpec | undefined;
    if (switchable.length > 0 && s.writable('GOPROXY')) {
      const hosts = new Set(switchable.map((url) => urlHost(url)));
      const value = s.v.GOPROXY.split(/([,|])/)
        .map((part) =>
          hosts.has(urlHost(part.trim())) ? part.replace(/^(\s*)http:\/\//i, '$1https://') : part,
        )
        .join('');
      const names = [...hosts].join(', ');
      fix = {
        id: 'goproxy-plain-http',
        summary: {
          en: `Use https:// for ${names} in GOPROXY`,
          'zh-CN': `GOPROXY 中的 ${names} 改用 https://`,
        },
        action: { kind: 'goenv', set: [`GOPROXY=${value}`] },
      };
    }
    return [
      {
        params: { urls: joinCapped(plain.map(maskUrl)) },
        evidence,
        ...(unchecked ? { severity: 'error' as const } : {}),
        ...(fix ? { fix } : {}),
      },
    ];
  },
};

const goproxyCredentials: Rule = {
  id: 'goproxy-credentials',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY contains a password ({{host}})',
      detail:
        'The GOPROXY entry {{url}} carries a user name and password. go prints GOPROXY as it is in `go env`, so the password ends up in terminal output, bug reports, CI logs and screenshots; it is also stored in plain text in the go env file.',
      remedy:
        'Remove the credentials from GOPROXY and put them in ~/.netrc (%USERPROFILE%\\_netrc on Windows, or the file named by $NETRC), which go reads for requests to that host: `{{netrc}}`, with the real password, in a file only you can read (chmod 600). Then change the password: it has been exposed.',
    },
    'zh-CN': {
      title: 'GOPROXY 中包含密码（{{host}}）',
      detail:
        'GOPROXY 条目 {{url}} 带有用户名和密码。`go env` 会原样打印 GOPROXY，因此密码会出现在终端输出、问题报告、CI 日志和截图中；它还以明文保存在 go env 文件里。',
      remedy:
        '从 GOPROXY 中删除凭据，改写到 ~/.netrc（Windows 上为 %USERPROFILE%\\_netrc，或 $NETRC 指定的文件），go 访问该主机时会读取它：`{{netrc}}`，换成真实密码，并让该文件只有你自己可读（chmod 600）。然后修改密码：它已经暴露。',
    },
  },
  check({ go }) {
    const s = settings(go);
    return rawProxyEntries(s).flatMap((entry): Hit[] => {
      const secret = urlSecret(entry);
      if (secret === null || !secret.password) return [];
      // go's netrc lookup compares URL.Hostname(): the machine line has no port.
      const machine = secret.host.replace(/:\d*$/, '').replace(/^\[|\]$/g, '');
      return [
        {
          params: {
            host: machine,
            url: maskUrl(entry),
            netrc: `machine ${machine} login ${secret.login ?? MASK} password ${MASK}`,
          },
          evidence: [s.show('GOPROXY'), `${maskUrl(entry)} has a password`],
        },
      ];
    });
  },
};

const proxyUrlCredentials: Rule = {
  id: 'proxy-url-credentials',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'The HTTP proxy setting contains a password ({{places}})',
      detail:
        'The proxy URL in {{places}} includes a user name and password. Environment variables are readable by every program you start and get copied into logs, crash reports and `env` output; git keeps http.proxy in plain text in ~/.gitconfig.',
      remedy:
        'Prefer a proxy that does not need a password in the URL (IP allow-listing, or Kerberos/NTLM through a local helper such as cntlm or px, which go and git then use without credentials). If a password is unavoidable, keep it out of shared start-up files and dotfile repositories, make those files readable only by you, and change the password if it was exposed.',
    },
    'zh-CN': {
      title: 'HTTP 代理设置中包含密码（{{places}}）',
      detail:
        '{{places}} 中的代理 URL 包含用户名和密码。环境变量可以被你启动的每个程序读取，并会被复制到日志、崩溃报告和 `env` 输出中；git 把 http.proxy 以明文保存在 ~/.gitconfig 中。',
      remedy:
        '尽量使用不需要在 URL 中写密码的代理（IP 白名单，或通过 cntlm、px 等本地助手进行 Kerberos/NTLM 认证，go 和 git 就可以不带凭据地使用它）。如果必须使用密码，请不要把它写进共享的启动文件或 dotfile 仓库，让这些文件只有你自己可读，并在泄露后修改密码。',
    },
  },
  check({ go }) {
    const places: Array<[label: string, evidence: string, url: string]> = [
      ['HTTPS_PROXY', 'HTTPS_PROXY (or https_proxy)', go.processProxy.httpsProxy],
      ['HTTP_PROXY', 'HTTP_PROXY (or http_proxy)', go.processProxy.httpProxy],
      ['git http.proxy', 'git config --global http.proxy', go.gitProxy ?? ''],
    ];
    const found = places.filter(([, , url]) => url !== '' && urlSecret(url) !== null);
    if (found.length === 0) return [];
    return [
      {
        params: { places: found.map(([label]) => label).join(', ') },
        evidence: found.map(([, where, url]) => `${where}: ${maskUrl(url)}`),
      },
    ];
  },
};

// --- Private module paths sent to public services --------------------------------------------------------

interface PrivateHost {
  /** Why the host is taken for private: one evidence line. */
  reason: string;
  /** False when only the look of the name suggests it (gitlab.acme.com): a warning, not an error. */
  certain: boolean;
}

interface PrivatePath {
  path: string;
  host: string;
  /** The evidence line naming file, line and statement. */
  where: string;
  /** Required or used as a replacement (go downloads it), rather than a project's own module. */
  dependency: boolean;
}

/** The first element of a module path when go could fetch it: lower-case letters, digits, dots, and a dot. */
function moduleHost(modulePath: string): string | null {
  const first = modulePath.split('/')[0] ?? '';
  return first.includes('.') && !isKnownPublicHost(first) && !isPublicMirrorHost(first) ? first : null;
}

const LOOK_REASON = {
  ip: (h: string) => `${h} is an IP address`,
  'internal-name': (h: string) => `${h} is an internal host name`,
  'single-label': (h: string) => `${h} is a host name without a domain`,
  'self-hosted-forge': (h: string) => `${h} looks like a self-hosted git server`,
} as const;

const at = (ref: SourceLine) => `${ref.file}:${ref.line}`;

/** The remote that says where a repository lives: origin when there is one. */
const mainRemote = (remotes: GitRemote[]) => remotes.find((r) => r.name === 'origin') ?? remotes[0];

/**
 * The module paths of the user's projects that look private, and why. A host is private when its
 * name says so (an IP address, an internal name), when it is the host of one of the user's git
 * remotes that is not a public code host, or when a project's own module lives in such a repository;
 * a dependency is private when its host is. Public code hosts are never judged: a repository on
 * github.com may be private, but nothing offline can tell.
 */
/** The module paths of the projects whose hosts look private, with the evidence (also used by projects:scan). */
export function privatePaths(projects: ProjectFacts): {
  hosts: Map<string, PrivateHost>;
  paths: PrivatePath[];
} {
  const remoteHosts = new Map<string, PrivateHost>();
  for (const module of projects.modules) {
    for (const remote of module.remotes) {
      if (remote.host === null || isKnownPublicHost(remote.host) || remoteHosts.has(remote.host)) continue;
      remoteHosts.set(remote.host, {
        reason: `${remote.host} is the host of git remote ${remote.name} of ${module.dir} (${remote.url})`,
        certain: true,
      });
    }
  }
  const hosts = new Map<string, PrivateHost>();
  const judge = (host: string): PrivateHost | undefined => {
    const known = hosts.get(host);
    if (known) return known;
    // The user's own remote is the strongest evidence, so it is the one shown.
    const look = privateLook(host);
    const found =
      remoteHosts.get(host.toLowerCase()) ??
      (look ? { reason: LOOK_REASON[look](host), certain: look !== 'self-hosted-forge' } : undefined);
    if (found) hosts.set(host, found);
    return found;
  };

  const paths: PrivatePath[] = [];
  // A set, not a search of paths: a go.mod may require 100 000 modules of a private host.
  const added = new Set<string>();
  const add = (path: string, where: string, dependency: boolean) => {
    const host = moduleHost(path);
    const key = `${path}\n${where}`;
    if (host !== null && !added.has(key) && judge(host)) {
      added.add(key);
      paths.push({ path, host, where, dependency });
    }
  };

  // Own modules first: a module kept in a private repository makes its host private for the dependencies.
  for (const module of projects.modules) {
    if (module.module === null) continue;
    const host = moduleHost(module.module.path);
    const remote = mainRemote(module.remotes);
    if (host !== null && !judge(host) && remote?.host && !isKnownPublicHost(remote.host)) {
      hosts.set(host, {
        reason: `${host}: module ${module.module.path} is kept in the repository ${remote.url} (git remote ${remote.name})`,
        certain: true,
      });
    }
    const via = module.usedBy ? ` (used by ${at(module.usedBy)})` : '';
    add(module.module.path, `${at(module.module)}: module ${module.module.path}${via}`, false);
  }

  const workspaceReplaces = projects.workspaces.flatMap((w) => w.replaces);
  for (const module of projects.modules) {
    // Indexed by path: a lookup per require, not a scan of every replace.
    const replaced = new Map<string, Array<string | undefined>>();
    for (const r of [...module.replaces, ...workspaceReplaces]) {
      const versions = replaced.get(r.from.path) ?? [];
      versions.push(r.from.version);
      replaced.set(r.from.path, versions);
    }
    for (const req of module.requires) {
      // A require replaced by a folder is never downloaded; one replaced by a module is, under the new path.
      const versions = replaced.get(req.path);
      const isReplaced = versions?.some((v) => v === undefined || v === req.version) ?? false;
      if (!isReplaced) add(req.path, `${at(req)}: require ${req.path} ${req.version}`, true);
    }
  }
  for (const r of [...projects.modules.flatMap((m: GoModFacts) => m.replaces), ...workspaceReplaces]) {
    if (!r.local)
      add(
        r.to.path,
        `${at(r)}: replace ${r.from.path} => ${r.to.path} ${r.to.version ?? ''}`.trimEnd(),
        true,
      );
  }
  return { hosts, paths };
}

interface Leak extends PrivatePath {
  /** Public mirrors go would ask for the module (every proxy entry before direct/off). */
  mirrors: string[];
  /** go would look its checksum up in sum.golang.org. */
  sumdb: boolean;
}

interface LeakAnalysis {
  s: Settings;
  hosts: Map<string, PrivateHost>;
  leaks: Leak[];
  /** The one fix both leak rules offer, so that choosing both never conflicts; null when not safe. */
  fixAction: FixSpec['action'] | null;
  command: string;
  patterns: string[];
}

function analyseLeaks(facts: Facts): LeakAnalysis | null {
  if (facts.projects === null) return null;
  const s = settings(facts.go);
  const { hosts, paths } = privatePaths(facts.projects);
  const leaks: Leak[] = [];
  for (const p of paths) {
    const route = planRoute(p.path, s.v);
    const mirrors = route.steps.flatMap((step) =>
      step.kind === 'proxy' && step.url && isPublicMirrorHost(urlHost(step.url) ?? '')
        ? [maskUrl(step.url)]
        : [],
    );
    const sumdb = route.checksum.verified && route.checksum.db === 'sum.golang.org';
    if (mirrors.length > 0 || sumdb) leaks.push({ ...p, mirrors, sumdb });
  }
  if (leaks.length === 0) return null;

  // GOPRIVATE gets every host; GONOPROXY and GONOSUMDB only where the user set them apart from
  // GOPRIVATE (then GOPRIVATE alone would not reach them) and only for the leak each one stops.
  const need = (key: Key, which: (l: Leak) => boolean) => [
    ...new Set(leaks.filter((l) => which(l) && !matchPrefixPatterns(s.v[key], l.path)).map((l) => l.host)),
  ];
  const changes: Array<[Key, string[]]> = [['GOPRIVATE', need('GOPRIVATE', () => true)]];
  if (!s.follows('GONOPROXY')) changes.push(['GONOPROXY', need('GONOPROXY', (l) => l.mirrors.length > 0)]);
  if (!s.follows('GONOSUMDB')) changes.push(['GONOSUMDB', need('GONOSUMDB', (l) => l.sumdb)]);
  const set = changes
    .filter(([, added]) => added.length > 0)
    .map(([key, added]) => `${key}=${withPatterns(s.v[key], added)}`);
  const patterns = [...new Set(leaks.map((l) => l.host))];
  const fixable = set.length > 0 && changes.every(([key, added]) => added.length === 0 || s.writable(key));
  return {
    s,
    hosts,
    leaks,
    fixAction: fixable ? { kind: 'goenv', set } : null,
    command:
      set.length > 0
        ? `go env -w ${set.join(' ')}`
        : `go env -w GOPRIVATE=${withPatterns(s.v.GOPRIVATE, patterns)}`,
    patterns,
  };
}

function leakEvidence(a: LeakAnalysis, leaks: Leak[], tail: string[]): string[] {
  const hostLines = [...new Set(leaks.map((l) => l.host))].map((h) => a.hosts.get(h)!.reason);
  return [...hostLines, ...capped(leaks.map((l) => l.where)), a.s.show('GOPRIVATE'), ...tail];
}

function leakFix(a: LeakAnalysis, id: string): FixSpec | undefined {
  if (a.fixAction === null) return undefined;
  const hosts = joinCapped(a.patterns);
  const vars = (a.fixAction.kind === 'goenv' ? (a.fixAction.set ?? []) : [])
    .map((x) => x.slice(0, x.indexOf('=')))
    .join(', ');
  return {
    id,
    summary: { en: `Add ${hosts} to ${vars}`, 'zh-CN': `将 ${hosts} 加入 ${vars}` },
    action: a.fixAction,
  };
}

const privateModuleLeak: Rule = {
  id: 'private-module-leak',
  family: 'leak',
  severity: 'error',
  text: {
    en: {
      title: 'Private module paths would be sent to public mirrors ({{hosts}})',
      detail:
        'These module paths look private and GOPRIVATE does not cover them, so whenever go downloads or looks them up it asks {{services}}. That discloses internal host and repository names, and the requests fail (a public mirror cannot read your private repositories), which breaks go get and go mod tidy with "not found" or "verifying module" errors.',
      remedy:
        'Add {{patterns}} to GOPRIVATE, keeping its current patterns: {{command}}. go then fetches these modules directly with git and does not look them up in the public checksum database. A wider pattern such as *.corp.example covers all of a company domain at once.',
    },
    'zh-CN': {
      title: '私有模块路径会被发送给公共镜像（{{hosts}}）',
      detail:
        '这些模块路径看起来是私有的，而 GOPRIVATE 没有覆盖它们，因此 go 每次下载或查询它们时都会询问 {{services}}。这会泄露内部主机名和仓库名，而且请求会失败（公共镜像无法读取你的私有仓库），导致 go get 和 go mod tidy 报出“not found”或“verifying module”错误。',
      remedy:
        '把 {{patterns}} 加入 GOPRIVATE，并保留现有的模式：{{command}}。之后 go 会直接用 git 获取这些模块，也不会在公共校验和数据库中查询它们。使用 *.corp.example 这样更宽的模式可以一次覆盖整个公司域名。',
    },
  },
  check(facts) {
    const a = analyseLeaks(facts);
    const leaks = a?.leaks.filter((l) => l.mirrors.length > 0) ?? [];
    if (a === null || leaks.length === 0) return [];
    const mirrors = [...new Set(leaks.flatMap((l) => l.mirrors))];
    const sumdb = leaks.some((l) => l.sumdb);
    const tail = [
      `${a.s.show('GOPROXY')}: go asks ${mirrors.join(', ')} for these modules`,
      ...(sumdb ? [`${a.s.show('GOSUMDB')}: go looks up their checksums in sum.golang.org`] : []),
    ];
    // Nothing downloads a project's own module yet: only dependencies on private paths leak now.
    const now = leaks.some((l) => l.dependency && a.hosts.get(l.host)!.certain);
    const fix = leakFix(a, 'private-module-leak');
    return [
      {
        params: {
          hosts: joinCapped([...new Set(leaks.map((l) => l.host))]),
          services: [...mirrors, ...(sumdb ? ['sum.golang.org'] : [])].join(', '),
          patterns: a.patterns.join(','),
          command: a.command,
        },
        evidence: leakEvidence(a, leaks, tail),
        ...(now ? {} : { severity: 'warning' as const }),
        ...(fix ? { fix } : {}),
      },
    ];
  },
};

const privateModuleSumdbLeak: Rule = {
  id: 'private-module-sumdb-leak',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'Private module paths would be looked up in the public checksum database ({{hosts}})',
      detail:
        'These module paths look private. No public mirror is asked for them, but GONOSUMDB does not cover them, so go asks sum.golang.org for their checksums: that discloses the paths, and since sum.golang.org cannot read your repositories the lookups fail with "verifying module" errors.',
      remedy:
        'Add {{patterns}} to GOPRIVATE (or to GONOSUMDB where you set it apart from GOPRIVATE): {{command}}.',
    },
    'zh-CN': {
      title: '私有模块路径会在公共校验和数据库中查询（{{hosts}}）',
      detail:
        '这些模块路径看起来是私有的。虽然不会询问公共镜像，但 GONOSUMDB 没有覆盖它们，因此 go 会向 sum.golang.org 查询它们的校验和：这会泄露路径，而且 sum.golang.org 无法读取你的仓库，查询会以“verifying module”错误失败。',
      remedy: '把 {{patterns}} 加入 GOPRIVATE（如果你单独设置了 GONOSUMDB，则加入 GONOSUMDB）：{{command}}。',
    },
  },
  check(facts) {
    const a = analyseLeaks(facts);
    const leaks = a?.leaks.filter((l) => l.mirrors.length === 0) ?? [];
    if (a === null || leaks.length === 0) return [];
    const fix = leakFix(a, 'private-module-sumdb-leak');
    return [
      {
        params: {
          hosts: joinCapped([...new Set(leaks.map((l) => l.host))]),
          patterns: a.patterns.join(','),
          command: a.command,
        },
        evidence: leakEvidence(a, leaks, [
          a.s.show('GONOSUMDB'),
          `${a.s.show('GOSUMDB')}: go looks up their checksums in sum.golang.org`,
        ]),
        ...(fix ? { fix } : {}),
      },
    ];
  },
};

const gitRemoteCredentials: Rule = {
  id: 'git-remote-credentials',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'A git remote URL contains a password or token ({{name}} in {{dir}})',
      detail:
        'git keeps remote URLs in plain text in .git/config and shows them in `git remote -v`, error messages and CI logs; a token there is readable by anyone or anything that can read the project folder, and travels with copies of it.',
      remedy:
        'Remove it with `git -C {{dir}} remote set-url {{name}} <URL without credentials>` and let a credential helper keep the token (git config --global credential.helper manager, osxkeychain or libsecret). Revoke the token if the folder was ever shared.',
    },
    'zh-CN': {
      title: 'git 远程地址中包含密码或令牌（{{dir}} 中的 {{name}}）',
      detail:
        'git 把远程地址以明文保存在 .git/config 中，并在 `git remote -v`、错误信息和 CI 日志中显示；其中的令牌可被任何能读取项目目录的人或程序看到，并会随目录的副本一起流传。',
      remedy:
        '用 `git -C {{dir}} remote set-url {{name}} <不含凭据的 URL>` 删除它，并交给凭据助手保存令牌（git config --global credential.helper manager、osxkeychain 或 libsecret）。如果该目录曾被分享，请吊销这个令牌。',
    },
  },
  check({ projects }) {
    if (projects === null) return [];
    const seen = new Set<string>();
    return projects.modules.flatMap((module) =>
      module.remotes.flatMap((remote): Hit[] => {
        const key = `${remote.name}\n${remote.url}`;
        if (!remote.credentials || seen.has(key)) return [];
        seen.add(key);
        return [
          {
            params: { name: remote.name, dir: module.dir },
            evidence: [`git remote ${remote.name} of ${module.dir}: ${remote.url}`],
          },
        ];
      }),
    );
  },
};

const goModInvalid: Rule = {
  id: 'gomod-invalid',
  family: 'syntax',
  severity: 'error',
  text: {
    en: {
      title: 'go rejects {{file}}',
      detail: "Every go command in this project stops with go's own message: {{error}}",
      remedy: 'Fix the line named (go mod edit or an editor), then run the checklist again.',
    },
    'zh-CN': {
      title: 'go 无法接受 {{file}}',
      detail: '这个项目里的每个 go 命令都会报出 go 自己的错误并停止：{{error}}',
      remedy: '修正报错中指出的那一行（用 go mod edit 或编辑器），然后重新检查。',
    },
  },
  check(facts) {
    const projects = facts.projects;
    if (!projects) return [];
    return [...projects.modules, ...projects.workspaces].flatMap((m) =>
      m.problems.length === 0
        ? []
        : [{ params: { file: m.file, error: m.problems[0]! }, evidence: capped(m.problems) }],
    );
  },
};

const projectNotRead: Rule = {
  id: 'project-not-read',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'Part of {{dir}} could not be looked at',
      detail:
        '{{message}}. The checks for private modules sent to public mirrors did not cover it, so "no problems" says nothing about it.',
      remedy:
        'Check the folder and its permissions (or the go.work line that names it), then run the checklist again.',
    },
    'zh-CN': {
      title: '{{dir}} 有部分内容无法查看',
      detail: '{{message}}。检查私有模块是否被发往公共镜像时没有覆盖到它，所以“没有问题”并不包括它。',
      remedy: '检查该文件夹及其权限（或 go.work 中指向它的那一行），然后重新检查。',
    },
  },
  check(facts) {
    const notes = facts.projects?.notes.filter((n) => n.code !== 'parent') ?? [];
    return notes.map((n) => ({
      params: { dir: n.dir, message: n.message },
      evidence: [`${n.dir}: ${n.message}`],
    }));
  },
};

export const integrityRules: Rule[] = [
  goModInvalid,
  projectNotRead,
  gosumdbOff,
  gonosumdbPublic,
  gonosumdbBeyondPrivate,
  goinsecurePublic,
  goinsecureBeyondPrivate,
  goproxyPlainHttp,
  goproxyCredentials,
  proxyUrlCredentials,
  privateModuleLeak,
  privateModuleSumdbLeak,
  gitRemoteCredentials,
];
