import type { ProbeError, ProbeResult } from '../../../shared/contract';
import { parseGoProxy, redactUrl, type ProxyEntry } from '../../../shared/go/goproxy';
import { formatDuration } from '../probe/classification';
import type { HeaderLine, MirrorFacts, NetworkFacts } from './network';
import { downloads } from './rules-toolchain';
import type { Facts, FixSpec, Hit, Rule } from './types';
import { trimEnd } from '../../../shared/text';

/**
 * The rules over the live checks (network.ts) and the two that need only the go settings
 * (single-mirror-no-fallback, git-proxy-mismatch). Each explains what go itself would do with what was
 * observed, since that is what the user meets: go stops on a non-404 error after ',', waits without a
 * deadline for an answer, and goes to the checksum database itself when no mirror proxies it.
 */

// --- Reading the facts ----------------------------------------------------------------------------

function goproxyValue(facts: Facts): string {
  return facts.go.report.vars.GOPROXY?.value ?? '';
}

function goproxyEntries(facts: Facts): ProxyEntry[] | null {
  const parsed = parseGoProxy(goproxyValue(facts));
  return parsed.ok ? parsed.value : null;
}

function goproxyEvidence(facts: Facts, value = goproxyValue(facts)): string {
  const source = facts.go.report.vars.GOPROXY?.source ?? 'default';
  return `GOPROXY=${redactGoProxy(value)} (${source})`;
}

/** GOPROXY's text cut into entries, each with the separator after it, so that a fix changes only what it must. */
interface Token {
  text: string;
  sep: string;
}

function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  for (const match of value.matchAll(/[,|]/g)) {
    tokens.push({ text: value.slice(start, match.index), sep: match[0] });
    start = match.index + 1;
  }
  tokens.push({ text: value.slice(start), sep: '' });
  return tokens;
}

const join = (tokens: readonly Token[]): string => tokens.map((t) => t.text + t.sep).join('');

/** The token of parsed entry `entry`: parseGoProxy skips empty ones. */
function tokenOf(tokens: readonly Token[], entry: number): number {
  let seen = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text.trim() !== '' && ++seen === entry) return i;
  }
  return -1;
}

function redactGoProxy(value: string): string {
  return join(
    tokenize(value).map((t) => ({ ...t, text: t.text.includes('@') ? redactUrl(t.text) : t.text })),
  );
}

function goproxyFix(id: string, value: string, en: string, zh: string): FixSpec {
  const shown = redactGoProxy(value);
  return {
    id,
    summary: { en: `${en}: GOPROXY=${shown}`, 'zh-CN': `${zh}：GOPROXY=${shown}` },
    action: { kind: 'goenv', set: [`GOPROXY=${value}`] },
  };
}

const sampleErrors = (probe: ProbeResult): ProbeError[] =>
  probe.samples.flatMap((s) => (s.error ? [s.error] : []));

/** Connected (and for https, past TLS), asked, and no answer or an answer that stopped: go has no deadline there. */
const isHang = (e: ProbeError): boolean => e.kind === 'timeout' && (e.phase === 'ttfb' || e.phase === 'body');

/** A failure on the way through the HTTP proxy: the proxy rules tell about it. */
const isProxyFailure = (e: ProbeError): boolean => e.kind === 'proxy';

/** Failures that make go stop after ',': everything except "not found". */
const stopsGo = (e: ProbeError): boolean =>
  !(e.kind === 'http-status' && (e.status === 404 || e.status === 410));

function answered(probe: ProbeResult): string {
  return `${Math.round(probe.successRate * probe.samples.length)}/${probe.samples.length}`;
}

function probed(facts: Facts): MirrorFacts[] {
  return facts.network?.mirrors.filter((m) => m.probe !== null) ?? [];
}

function errorWord(e: ProbeError | undefined): string {
  if (e === undefined) return 'error';
  return e.status !== undefined ? `${e.kind} ${e.status}` : e.kind;
}

// --- Rules ----------------------------------------------------------------------------------------

const mirrorDead: Rule = {
  id: 'mirror-dead',
  family: 'upstream',
  severity: 'error',
  text: {
    en: {
      title: 'GOPROXY entry {{urls}} does not answer',
      detail:
        'Every request the doctor sent to {{urls}} failed ({{error}}), so go cannot download modules through it. ' +
        "After a '|' go then tries the next GOPROXY entry; after a ',' it stops with an error.",
      remedy:
        'Check the address, or take it out of GOPROXY (the fix does that) and use a mirror that answers; ' +
        '`goproxy-desk probe` compares them.',
    },
    'zh-CN': {
      title: 'GOPROXY 中的 {{urls}} 无法访问',
      detail:
        '诊断发往 {{urls}} 的所有请求都失败了（{{error}}），go 无法通过它下载模块。' +
        "其后若是 '|'，go 会改试下一项；若是 ','，go 会直接报错停止。",
      remedy:
        '检查地址是否正确，或将其从 GOPROXY 中移除（自动修复即执行此操作），改用可访问的镜像；可用 `goproxy-desk probe` 比较各镜像。',
    },
  },
  check(facts) {
    // A proxy that is down or a mirror that hangs has rules of its own, which say more.
    const dead = probed(facts).filter((m) => {
      const errors = sampleErrors(m.probe!);
      return m.probe!.status === 'dead' && !errors.some(isProxyFailure) && !errors.every(isHang);
    });
    if (dead.length === 0) return [];
    const value = goproxyValue(facts);
    const tokens = tokenize(value);
    const entries = goproxyEntries(facts) ?? [];
    // Removed from the last to the first, so that the earlier tokens' positions stay right.
    for (const m of [...dead].sort((a, b) => b.entry - a.entry)) {
      const at = tokenOf(tokens, m.entry);
      if (at < 0) continue;
      if (at === tokens.length - 1 && at > 0) tokens[at - 1]!.sep = '';
      tokens.splice(at, 1);
    }
    const deadEntries = new Set(dead.map((m) => m.entry));
    const left = entries.filter((e, i) => !deadEntries.has(i) && e.kind !== 'off');
    return [
      {
        params: { urls: dead.map((m) => m.url).join(', '), error: errorWord(dead[0]!.probe!.error) },
        evidence: [
          goproxyEvidence(facts),
          ...dead.map(
            (m) =>
              `${m.url}: ${answered(m.probe!)} requests answered; ${m.probe!.error?.message ?? 'no answer'}`,
          ),
        ],
        ...(left.length > 0
          ? { fix: goproxyFix('mirror-dead', join(tokens), 'Remove the dead entries', '移除无法访问的条目') }
          : {}),
      },
    ];
  },
};

const mirrorUnreliable: Rule = {
  id: 'mirror-unreliable',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY entry {{url}} fails now and then',
      detail:
        'Only {{answered}} of the requests the doctor sent to {{url}} succeeded ({{error}}). go commands through it ' +
        'fail at random, which looks like a problem with the module rather than with the mirror.',
      remedy:
        'Run `goproxy-desk probe` again with more samples; if it stays so, put a steadier mirror first.',
    },
    'zh-CN': {
      title: 'GOPROXY 中的 {{url}} 时好时坏',
      detail:
        '诊断发往 {{url}} 的请求只有 {{answered}} 成功（{{error}}）。通过它的 go 命令会随机失败，看起来像模块的问题，实际是镜像的问题。',
      remedy: '用更多样本再运行一次 `goproxy-desk probe`；若情况持续，请把更稳定的镜像放在前面。',
    },
  },
  check(facts) {
    return probed(facts)
      .filter(
        (m) =>
          m.probe!.status === 'degraded' &&
          !sampleErrors(m.probe!).some((e) => isProxyFailure(e) || isHang(e)),
      )
      .map((m) => ({
        params: { url: m.url, answered: answered(m.probe!), error: errorWord(m.probe!.error) },
        evidence: [
          `${m.url}: ${answered(m.probe!)} requests answered; ${m.probe!.error?.message ?? ''}`.trim(),
        ],
      }));
  },
};

const mirrorSlow: Rule = {
  id: 'mirror-slow',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY entry {{url}} is slow',
      detail:
        'Its median answer time for a file of a few dozen bytes was {{p50}}. go asks for several files per module ' +
        '(.info, .mod, .zip), and every one of them waits this long.',
      remedy:
        'Put a faster mirror first: `goproxy-desk probe` measures them, `goproxy-desk use fastest` switches to the fastest.',
    },
    'zh-CN': {
      title: 'GOPROXY 中的 {{url}} 响应缓慢',
      detail:
        '请求一个只有几十字节的文件，中位响应时间为 {{p50}}。go 每个模块要请求多个文件（.info、.mod、.zip），每次都要等这么久。',
      remedy:
        '把更快的镜像放在前面：`goproxy-desk probe` 可测速，`goproxy-desk use fastest` 可切换到最快的镜像。',
    },
  },
  check(facts) {
    return probed(facts)
      .filter((m) => m.probe!.status === 'slow' && m.probe!.latency.p50 !== null)
      .map((m) => {
        const { latency, phases } = m.probe!;
        return {
          params: { url: m.url, p50: formatDuration(Math.round(latency.p50!)) },
          evidence: [
            `${m.url}: median ${latency.p50} ms, p95 ${latency.p95} ms ` +
              `(DNS ${phases.dns ?? '-'} ms, connect ${phases.connect ?? '-'} ms, TLS ${phases.tls ?? '-'} ms, first byte ${phases.ttfb ?? '-'} ms)`,
          ],
        };
      });
  },
};

/** How far behind the freshest mirror is too far: mirrors cache @latest for minutes to hours, not days. */
const STALE_MS = 24 * 60 * 60 * 1000;
const STALE_VERSIONS = 3;

function age(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48 ? `${Math.round(hours / 24)} d` : `${Math.max(1, Math.round(hours))} h`;
}

const mirrorStale: Rule = {
  id: 'mirror-stale',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY entry {{url}} serves outdated versions',
      detail:
        'Its @latest of {{module}} is {{latest}}, {{behind}} version(s) behind the freshest mirror probed ({{age}} older). ' +
        '`go get -u` and `go get module@latest` through it miss newer releases.',
      remedy:
        'Put a fresher mirror first, or wait for its cache to expire; asking for an exact version (module@vX.Y.Z) still works.',
    },
    'zh-CN': {
      title: 'GOPROXY 中的 {{url}} 提供的版本过旧',
      detail:
        '它给出的 {{module}} 的 @latest 是 {{latest}}，比最新的镜像落后 {{behind}} 个版本（旧了 {{age}}）。' +
        '通过它执行 `go get -u` 或 `go get module@latest` 会拿不到新版本。',
      remedy: '把更新及时的镜像放在前面，或等待它的缓存过期；指定确切版本（module@vX.Y.Z）仍然可用。',
    },
  },
  check(facts) {
    return probed(facts).flatMap((m) => {
      const f = m.probe!.freshness;
      if (!f?.latest || !f.behind) return [];
      const stale = f.behindMs !== undefined ? f.behindMs >= STALE_MS : f.behind >= STALE_VERSIONS;
      if (!stale) return [];
      const older = f.behindMs !== undefined ? age(f.behindMs) : '?';
      return [
        {
          params: { url: m.url, module: f.module, latest: f.latest, behind: String(f.behind), age: older },
          evidence: [
            `${m.url}: ${f.module}@latest = ${f.latest}${f.time ? ` (${f.time})` : ''}, ${f.behind} version(s) behind` +
              (f.behindMs !== undefined ? `, ${older} older than the freshest mirror` : ''),
          ],
        },
      ];
    });
  },
};

const chainStopsOnError: Rule = {
  id: 'chain-stops-on-error',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'GOPROXY stops at a failing entry instead of falling back',
      detail:
        "{{urls}} failed with an error other than 404/410, and a ',' follows it in GOPROXY. After ',' go moves on to " +
        'the next entry only when a module is not found; on any other error it stops, so the entries after it are never tried.',
      remedy: "Put '|' after it so that go falls back on any error: GOPROXY={{value}} (the fix sets this).",
    },
    'zh-CN': {
      title: 'GOPROXY 在出错的条目处停止，而不会回退',
      detail:
        "{{urls}} 返回了 404/410 以外的错误，而 GOPROXY 中它后面是 ','。遇到 ',' 时，go 只在模块不存在时才尝试下一项；" +
        '遇到其他错误会直接停止，后面的条目根本不会被尝试。',
      remedy: "在它后面改用 '|'，让 go 在任何错误时都回退：GOPROXY={{value}}（自动修复即设置此值）。",
    },
  },
  check(facts) {
    const entries = goproxyEntries(facts);
    if (entries === null) return [];
    const failing = probed(facts).filter((m) => {
      const entry = entries[m.entry];
      const next = entries[m.entry + 1];
      if (entry?.fallback !== 'notfound' || next === undefined || next.kind === 'off') return false;
      const errors = sampleErrors(m.probe!);
      // A hang is no error to go, and a proxy failure is the proxy's: '|' helps with neither.
      return errors.some((e) => stopsGo(e) && !isHang(e)) && !errors.some(isProxyFailure);
    });
    if (failing.length === 0) return [];
    const value = goproxyValue(facts);
    const tokens = tokenize(value);
    for (const m of failing) {
      const at = tokenOf(tokens, m.entry);
      if (at >= 0 && tokens[at]!.sep === ',') tokens[at]!.sep = '|';
    }
    const fixed = join(tokens);
    return [
      {
        params: { urls: failing.map((m) => m.url).join(', '), value: redactGoProxy(fixed) },
        evidence: [
          goproxyEvidence(facts),
          ...failing.map((m) => {
            const e = sampleErrors(m.probe!).find((x) => stopsGo(x) && !isHang(x));
            return `${m.url}: ${answered(m.probe!)} requests answered; ${e?.message ?? ''}`.trim();
          }),
        ],
        fix: goproxyFix('chain-stops-on-error', fixed, 'Fall back on any error', '任何错误时都回退'),
      },
    ];
  },
};

const singleMirrorNoFallback: Rule = {
  id: 'single-mirror-no-fallback',
  family: 'upstream',
  severity: 'info',
  text: {
    en: {
      title: 'GOPROXY has one mirror and nothing to fall back on',
      detail:
        "GOPROXY lists only {{url}}: no second mirror and no 'direct'. When that mirror is down, or does not have a " +
        'module (a release it has not fetched yet, a module it refuses), go fails instead of trying elsewhere.',
      remedy:
        "Add ',direct' (GOPROXY={{value}}; the fix sets this) or a second mirror. Keep it as it is only if modules must " +
        'come from this mirror alone (for example a company proxy that vets them).',
    },
    'zh-CN': {
      title: 'GOPROXY 只有一个镜像，没有后备',
      detail:
        "GOPROXY 只列出了 {{url}}：没有第二个镜像，也没有 'direct'。该镜像宕机或没有某个模块（尚未抓取的新版本、被它拒绝的模块）时，" +
        'go 会直接失败，而不会尝试其他来源。',
      remedy:
        "加上 ',direct'（GOPROXY={{value}}；自动修复即设置此值）或第二个镜像。只有在模块必须只从这个镜像获取时（例如公司审核过的代理）才保持现状。",
    },
  },
  check(facts) {
    const entries = goproxyEntries(facts);
    const only = entries?.length === 1 ? entries[0] : undefined;
    if (only?.kind !== 'proxy' || !/^https?:\/\//i.test(only.url ?? '')) return [];
    const value = `${trimEnd(goproxyValue(facts), (c) => c === ',' || c === '|' || c.trim() === '')},direct`;
    return [
      {
        params: { url: redactUrl(only.url!), value: redactGoProxy(value) },
        evidence: [goproxyEvidence(facts)],
        fix: goproxyFix(
          'single-mirror-no-fallback',
          value,
          "Add 'direct' as a fallback",
          "添加 'direct' 作为后备",
        ),
      },
    ];
  },
};

const httpProxyDead: Rule = {
  id: 'http-proxy-dead',
  family: 'upstream',
  severity: 'error',
  text: {
    en: {
      title: 'The HTTP proxy {{url}} cannot be reached',
      detail:
        'go sends its downloads through {{url}} ({{variables}}), but the proxy could not be reached, or closed the ' +
        'connection without answering. Every download through it fails.',
      remedy:
        'Start the proxy or correct its address. If this network needs no proxy, unset {{variables}} (`goproxy-desk proxy unset`).',
    },
    'zh-CN': {
      title: '无法连接 HTTP 代理 {{url}}',
      detail:
        'go 通过 {{url}}（{{variables}}）下载，但无法连接该代理，或它未作应答就关闭了连接。经由它的所有下载都会失败。',
      remedy:
        '启动该代理或更正其地址。若当前网络不需要代理，请取消设置 {{variables}}（`goproxy-desk proxy unset`）。',
    },
  },
  check(facts) {
    return (facts.network?.proxies ?? [])
      .filter((p) => p.state === 'unreachable')
      .map((p) => ({ params: { url: p.url, variables: p.variables.join(', ') }, evidence: p.observations }));
  },
};

const httpProxyAuth: Rule = {
  id: 'http-proxy-auth',
  family: 'upstream',
  severity: 'error',
  text: {
    en: {
      title: 'The HTTP proxy {{url}} asks for credentials',
      detail:
        'The proxy answered HTTP {{status}} (proxy authentication required): go sent no user name and password, or ' +
        'wrong ones. Every download through it fails.',
      remedy:
        'Put the user name and password in the proxy URL (http://user:password@host:port), for example with ' +
        '`goproxy-desk proxy set --https URL`; if they are there, check them.',
    },
    'zh-CN': {
      title: 'HTTP 代理 {{url}} 要求身份验证',
      detail:
        '代理返回 HTTP {{status}}（需要代理身份验证）：go 没有提供用户名和密码，或者提供的不正确。经由它的所有下载都会失败。',
      remedy:
        '把用户名和密码写进代理 URL（http://user:password@host:port），例如使用 `goproxy-desk proxy set --https URL`；若已写入，请核对是否正确。',
    },
  },
  check(facts) {
    return (facts.network?.proxies ?? [])
      .filter((p) => p.state === 'auth-required')
      .map((p) => ({
        params: { url: p.url, status: String(p.status ?? 407) },
        evidence: [
          `${p.variables.join(', ')}=${p.url} (${p.credentials ? 'with a user name' : 'without credentials'})`,
          ...p.observations,
        ],
      }));
  },
};

const hangsNoTimeout: Rule = {
  id: 'hangs-no-timeout',
  family: 'timeout',
  severity: 'error',
  text: {
    en: {
      title: '{{url}} accepts connections but never answers',
      detail:
        '{{url}} accepted the connection and sent no answer within {{timeout}}. go sets no deadline on waiting for an ' +
        "answer (only on connecting, the TLS handshake and a proxy's CONNECT, at most a minute), so a go command that " +
        'uses it hangs, or stalls for minutes, instead of failing over to the next entry.',
      remedy:
        'Stop using it until it is fixed: take it out of GOPROXY, or unset the proxy variable. If you run it, give it ' +
        'upstream timeouts (nginx: proxy_connect_timeout, proxy_read_timeout).',
    },
    'zh-CN': {
      title: '{{url}} 接受连接却始终不响应',
      detail:
        '{{url}} 接受了连接，但在 {{timeout}} 内没有任何响应。go 对等待响应不设时限（只限制建立连接、TLS 握手和代理的 CONNECT，最多一分钟），' +
        '因此使用它的 go 命令会卡住或停滞数分钟，而不会转向下一项。',
      remedy:
        '在修好之前停止使用它：将其从 GOPROXY 中移除，或取消代理变量。若由你维护，请为其设置上游超时（nginx：proxy_connect_timeout、proxy_read_timeout）。',
    },
  },
  check(facts) {
    const network = facts.network;
    if (network === null) return [];
    const timeout = formatDuration(network.timeoutMs);
    const mirrors = probed(facts).flatMap((m) => {
      const hangs = sampleErrors(m.probe!).filter(isHang);
      if (hangs.length === 0) return [];
      return [
        {
          params: { url: m.url, timeout },
          evidence: [
            `${m.url}: ${hangs.length}/${m.probe!.samples.length} requests hung; ${hangs[0]!.message}`,
          ],
        },
      ];
    });
    const proxies = network.proxies
      .filter((p) => p.state === 'hangs')
      .map((p) => ({
        params: { url: p.url, timeout },
        evidence: [`${p.variables.join(', ')}=${p.url}`, ...p.observations],
      }));
    return [...mirrors, ...proxies];
  },
};

/** Headers a proxy adds that identify the client, the proxy or its software, or pass credentials on. */
const IDENTIFYING = new Set([
  'via',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-server',
  'x-real-ip',
  'x-tinyproxy',
  'client-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'x-originating-ip',
  'x-proxy-id',
  'x-bluecoat-via',
  'x-authenticated-user',
  'x-authenticated-groups',
  'x-forwarded-user',
  'x-imforwards',
  'authorization',
  'proxy-authorization',
  'cookie',
]);

const PRIVATE_ADDRESS =
  /\b(?:10\.\d{1,3}|127\.\d{1,3}|169\.254|192\.168|172\.(?:1[6-9]|2\d|3[01])|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7]))\.\d{1,3}\.\d{1,3}\b|\b(?:f[cd][0-9a-f]{2}|fe80):[0-9a-f:]*/i;
const INTERNAL_NAME = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:internal|local|lan|corp|intranet|localdomain)\b/i;
const VERSION = /\/\s*v?\d+(?:\.\d+)+|\(\s*(?:ubuntu|debian|centos|red hat|win32|win64|unix|fedora)/i;

function identifying(h: HeaderLine): boolean {
  return IDENTIFYING.has(h.name) || PRIVATE_ADDRESS.test(h.value);
}

const proxyAddsHeaders: Rule = {
  id: 'proxy-adds-headers',
  family: 'leak',
  severity: 'warning',
  text: {
    en: {
      title: 'The HTTP proxy {{url}} adds identifying headers',
      detail:
        'A request sent through it to a local test server arrived with {{headers}} added. Every plain-http request ' +
        "through it (http:// mirrors, go-get lookups over http) tells the server your address, the proxy's name or " +
        'its software version.',
      remedy:
        'Have the proxy stop adding them (tinyproxy: DisableViaHeader Yes, XTinyproxy No; squid: via off, ' +
        'forwarded_for delete), and use https:// mirrors, whose traffic the proxy only tunnels.',
    },
    'zh-CN': {
      title: 'HTTP 代理 {{url}} 会添加可识别身份的请求头',
      detail:
        '经它发往本地测试服务器的请求多出了 {{headers}}。经由它的每个明文 http 请求（http:// 镜像、基于 http 的 go-get 查询）' +
        '都会向服务器透露你的地址、代理的名称或其软件版本。',
      remedy:
        '让代理停止添加这些头（tinyproxy：DisableViaHeader Yes、XTinyproxy No；squid：via off、forwarded_for delete），并使用 https:// 镜像，代理对其流量只做隧道转发。',
    },
  },
  check(facts) {
    return (facts.network?.proxies ?? []).flatMap((p) => {
      const found = (p.addedHeaders ?? []).filter(identifying);
      if (found.length === 0) return [];
      return [
        {
          params: { url: p.url, headers: found.map((h) => h.name).join(', ') },
          evidence: found.map(
            (h) =>
              `${h.name}: ${h.value}` +
              (h.name === 'proxy-authorization'
                ? ' (the proxy passes your proxy credentials on to the server)'
                : ''),
          ),
        },
      ];
    });
  },
};

/** The header lines of an answer that tell software versions, internal addresses or internal names. */
function disclosures(headers: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const internal = PRIVATE_ADDRESS.test(value) || INTERNAL_NAME.test(value);
    let discloses: boolean;
    switch (name) {
      case 'server':
      case 'via':
        discloses = internal || VERSION.test(value);
        break;
      case 'x-powered-by':
      case 'x-aspnet-version':
      case 'x-aspnetmvc-version':
      case 'x-generator':
      case 'x-backend-server':
      case 'x-backend':
      case 'x-upstream':
      case 'x-real-server':
        discloses = value.trim() !== '';
        break;
      default:
        discloses = internal;
    }
    if (discloses) out.push(`${name}: ${value}`);
  }
  return out;
}

const responseDisclosesInternals: Rule = {
  id: 'response-discloses-internals',
  family: 'leak',
  severity: 'info',
  text: {
    en: {
      title: '{{url}} discloses internal details in its response headers',
      detail:
        'Its answers carry {{headers}}: software versions, internal addresses or host names, which help an attacker ' +
        'and mean nothing to go.',
      remedy:
        'If you run this mirror, remove them (nginx: server_tokens off; proxy_hide_header X-Powered-By). If not, ' +
        'nothing needs doing on your side.',
    },
    'zh-CN': {
      title: '{{url}} 在响应头中泄露内部信息',
      detail: '它的响应带有 {{headers}}：软件版本、内部地址或主机名。这些对 go 毫无用处，却能帮助攻击者。',
      remedy:
        '若该镜像由你维护，请去掉这些头（nginx：server_tokens off；proxy_hide_header X-Powered-By）。否则你这边无需处理。',
    },
  },
  check(facts) {
    return (facts.network?.mirrors ?? []).flatMap((m) => {
      const lines = m.headers ? disclosures(m.headers) : [];
      if (lines.length === 0) return [];
      return [
        {
          params: { url: m.url, headers: lines.map((l) => l.slice(0, l.indexOf(':'))).join(', ') },
          evidence: lines.map((l) => `${m.url}: ${l}`),
        },
      ];
    });
  },
};

/**
 * Where go's checksum client gets the database (modfetch/sumdb.go initBase): an explicit URL in
 * GOSUMDB bypasses the mirrors; otherwise each GOPROXY entry is asked `<entry>/sumdb/<name>/supported`
 * in turn, 404/410 moving on as in downloads, and 'direct', 'off' or the end of the list mean the
 * database itself. A mirror whose answer is unknown (it failed) stops go after ',' and is passed after '|'.
 */
function sumdbRoute(
  entries: readonly ProxyEntry[],
  network: NetworkFacts,
): { via: 'mirror' | 'stuck'; url: string } | { via: 'direct' } {
  if (network.sumdb?.explicit) return { via: 'direct' };
  for (const [index, entry] of entries.entries()) {
    if (entry.kind !== 'proxy') return { via: 'direct' };
    const mirror = network.mirrors.find((m) => m.entry === index);
    // file:// entries and mirrors the probe could not look at answer as not supported would.
    const supported = mirror?.probe ? mirror.probe.sumdb : false;
    if (supported === true) return { via: 'mirror', url: mirror!.url };
    if (supported === false || entry.fallback === 'any') continue;
    return { via: 'stuck', url: mirror!.url };
  }
  return { via: 'direct' };
}

const sumdbUnreachable: Rule = {
  id: 'sumdb-unreachable',
  family: 'integrity',
  severity: 'error',
  text: {
    en: {
      title: 'The checksum database {{name}} cannot be reached',
      detail:
        'go checks every module it downloads for the first time against {{name}}. No GOPROXY entry proxies it, so go ' +
        "goes to {{url}} itself, which did not answer ({{error}}). Downloads then fail with 'verifying module' errors, " +
        'often after a long wait: the usual situation in mainland China with the default settings.',
      remedy:
        'Set GOSUMDB=sum.golang.google.cn, the same database at an address reachable from mainland China (the fix sets ' +
        'it when that address answered), or put first in GOPROXY a mirror that proxies the checksum database ' +
        '(goproxy.cn does). Do not set GOSUMDB=off: that turns the integrity check off.',
    },
    'zh-CN': {
      title: '无法访问校验和数据库 {{name}}',
      detail:
        'go 首次下载每个模块时都会到 {{name}} 核对校验和。GOPROXY 中没有条目代理它，因此 go 会直接访问 {{url}}，而它没有响应（{{error}}）。' +
        "下载随即以 'verifying module' 错误失败，且往往要等很久——这正是中国大陆使用默认设置时的常见情况。",
      remedy:
        '设置 GOSUMDB=sum.golang.google.cn，这是同一个数据库在中国大陆可访问的地址（该地址有响应时，自动修复即设置此值）；' +
        '或在 GOPROXY 最前面放一个代理校验和数据库的镜像（goproxy.cn 即可）。不要设置 GOSUMDB=off：那会关闭完整性校验。',
    },
  },
  check(facts) {
    const network = facts.network;
    const entries = goproxyEntries(facts);
    const sumdb = network?.sumdb;
    if (!network || !sumdb || entries === null || sumdb.direct.ok) return [];
    if (sumdbRoute(entries, network).via !== 'direct') return [];
    const alternative = sumdb.alternative;
    return [
      {
        params: { name: sumdb.name, url: sumdb.url, error: errorWord(sumdb.direct.error) },
        evidence: [
          `GOSUMDB=${facts.go.report.vars.GOSUMDB?.value ?? ''}`,
          `${sumdb.url}/latest: ${sumdb.direct.error?.message ?? `HTTP ${sumdb.direct.status}`}`,
          ...(sumdb.explicit
            ? ['GOSUMDB names its URL, so go does not ask the GOPROXY mirrors for it']
            : network.mirrors.map(
                (m) =>
                  `${m.url}/sumdb/${sumdb.name}/supported: ${
                    m.probe?.sumdb === false
                      ? 'not supported'
                      : m.probe?.sumdb === true
                        ? 'supported'
                        : 'no answer'
                  }`,
              )),
          // A toolchain download is checked against the database even where GONOSUMDB says otherwise.
          ...downloads(facts).map(
            (p) => `${p.file} needs ${p.decision.run}: go checks toolchains against ${sumdb.name} always`,
          ),
          ...(alternative
            ? [
                `${alternative.url}/latest: ${alternative.ok ? `answered in ${alternative.ms} ms` : (alternative.error?.message ?? 'no answer')}`,
              ]
            : []),
        ],
        ...(alternative?.ok
          ? {
              fix: {
                id: 'sumdb-unreachable',
                summary: {
                  en: 'Reach the checksum database through sum.golang.google.cn: GOSUMDB=sum.golang.google.cn',
                  'zh-CN': '通过 sum.golang.google.cn 访问校验和数据库：GOSUMDB=sum.golang.google.cn',
                },
                action: { kind: 'goenv', set: ['GOSUMDB=sum.golang.google.cn'] },
              },
            }
          : {}),
      },
    ];
  },
};

const tlsInterception: Rule = {
  id: 'tls-interception',
  family: 'integrity',
  severity: 'warning',
  text: {
    en: {
      title: 'TLS connections to {{host}} are intercepted',
      detail:
        '{{host}} is a public service, but the certificate it presented chains up to "{{issuer}}", which is not a ' +
        'public root: a proxy, antivirus or firewall on the way decrypts this traffic and can read or change it. If go ' +
        "does not trust that authority, every download fails with 'x509: certificate signed by unknown authority'; if " +
        'it does, downloads work but are inspected.',
      remedy:
        "If this is your company's inspection, install its CA where go looks (SSL_CERT_FILE or the system store) and " +
        'keep GOSUMDB on, which catches modules changed on the way. Otherwise treat this network as hostile.',
    },
    'zh-CN': {
      title: '到 {{host}} 的 TLS 连接被拦截',
      detail:
        '{{host}} 是公共服务，但它出示的证书链指向“{{issuer}}”，这不是公共根证书：途中的代理、杀毒软件或防火墙在解密这些流量，可以读取或篡改内容。' +
        "若 go 不信任该证书颁发机构，每次下载都会以 'x509: certificate signed by unknown authority' 失败；若信任，下载能成功，但内容被检查。",
      remedy:
        '若这是公司的流量检查，请把它的 CA 证书安装到 go 读取的位置（SSL_CERT_FILE 或系统证书库），并保持 GOSUMDB 开启，以发现途中被篡改的模块。否则请将该网络视为不可信。',
    },
  },
  check(facts) {
    return (facts.network?.tls ?? []).flatMap((t) => {
      const chain = t.chain;
      if (!t.publicService || chain === null || chain.publicRoot) return [];
      return [
        {
          params: { host: t.host, issuer: chain.issuer },
          severity: chain.goTrusts ? 'warning' : 'error',
          evidence: [
            `${t.host}${t.proxy ? ` (through ${t.proxy})` : ''}: chain ends at "${chain.issuer}", SHA-256 ${chain.topFingerprint}`,
            chain.goTrusts
              ? "go's trusted roots accept it"
              : `go's trusted roots reject it${chain.goError ? ` (${chain.goError})` : ''}`,
          ],
        } satisfies Hit,
      ];
    });
  },
};

/**
 * A proxy URL as the address a tool connects to: go reads "host:port" as http:// with the scheme's
 * default port; git hands http.proxy to curl, whose default proxy port is 1080. null when empty.
 */
function proxyAddress(raw: string, tool: 'go' | 'git'): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(?:([^@/]*)@)?(\[[^\]]*\]|[^:/]*)(?::(\d*))?\/?$/.exec(text);
  if (!m) return text;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const user = m[2] === undefined ? '' : `${m[2].split(':')[0] ?? ''}@`;
  const defaultPort = scheme === 'https' ? '443' : tool === 'git' ? '1080' : '80';
  return `${scheme}://${user}${m[3]!.toLowerCase()}:${m[4] || defaultPort}`;
}

const gitProxyMismatch: Rule = {
  id: 'git-proxy-mismatch',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'git and go use different HTTP proxies',
      detail:
        "git's http.proxy is {{git}}, HTTPS_PROXY is {{env}}. go fetches from mirrors through HTTPS_PROXY, but runs " +
        "git for 'direct' and private modules, and git goes through its own setting, so a module can download one " +
        'way and fail the other.',
      remedy:
        "Use one proxy for both: `goproxy-desk proxy set --https URL --scope env,git`, or unset git's http.proxy " +
        '(`git config --global --unset http.proxy`) so that git follows the environment.',
    },
    'zh-CN': {
      title: 'git 与 go 使用的 HTTP 代理不同',
      detail:
        "git 的 http.proxy 是 {{git}}，而 HTTPS_PROXY 是 {{env}}。go 通过 HTTPS_PROXY 访问镜像，但对 'direct' 和私有模块会调用 git，" +
        '而 git 使用自己的设置，于是同一个模块可能一种方式能下载、另一种方式失败。',
      remedy:
        '两者使用同一个代理：`goproxy-desk proxy set --https URL --scope env,git`；或取消 git 的 http.proxy（`git config --global --unset http.proxy`），让 git 跟随环境变量。',
    },
  },
  check(facts) {
    const { gitProxy, processProxy } = facts.go;
    const git = gitProxy === null ? null : proxyAddress(gitProxy, 'git');
    // Without http.proxy, git's curl reads HTTPS_PROXY itself.
    if (git === null) return [];
    const env = proxyAddress(processProxy.httpsProxy, 'go');
    if (git === env) return [];
    const gitShown = redactUrl(gitProxy!.trim());
    const envShown = processProxy.httpsProxy ? redactUrl(processProxy.httpsProxy) : '""';
    return [
      {
        params: { git: gitShown, env: envShown },
        evidence: [
          `git config --global http.proxy = ${gitShown} (git connects to ${redactUrl(git)})`,
          env === null
            ? 'HTTPS_PROXY is not set'
            : `HTTPS_PROXY=${envShown} (go connects to ${redactUrl(env)})`,
        ],
      },
    ];
  },
};

export const networkRules: Rule[] = [
  mirrorDead,
  mirrorUnreliable,
  mirrorSlow,
  mirrorStale,
  chainStopsOnError,
  singleMirrorNoFallback,
  httpProxyDead,
  httpProxyAuth,
  hangsNoTimeout,
  proxyAddsHeaders,
  responseDisclosesInternals,
  sumdbUnreachable,
  tlsInterception,
  gitProxyMismatch,
];
