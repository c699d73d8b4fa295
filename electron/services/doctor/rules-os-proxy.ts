import { redactUrl } from '../../../shared/go/goproxy';
import { useProxy } from '../../../shared/go/noproxy';
import type { Facts, Hit, Rule } from './types';

/**
 * The OS against go (issue 17): the OS — and so the browser — proxies by a manual setting, a PAC
 * script or auto-detection, while go and git read HTTPS_PROXY/NO_PROXY only. Where the two decide
 * differently for a mirror or the checksum database, go reaches it another way than the browser does;
 * an error when the live checks also found it unreachable, a warning otherwise. The fix applies
 * `proxy detect`'s suggestion through the journaled `proxy set`.
 */

const MAX_SHOWN = 20;

/** The proxy go uses for an https URL under its environment, or null for direct. */
function goProxyFor(facts: Facts, url: string): string | null {
  const config = facts.go.processProxy;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const proxy = u.protocol === 'http:' ? config.httpProxy : config.httpsProxy;
  if (!proxy) return null;
  const port = u.port || (u.protocol === 'http:' ? '80' : '443');
  return useProxy(config, `${u.hostname}:${port}`) ? proxy : null;
}

const sameProxy = (a: string | null, b: string | null): boolean => {
  if (a === null || b === null) return a === b;
  const bare = (p: string) =>
    p
      .replace(/^[a-z0-9]+:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(a) === bare(b);
};

/** URLs the live checks could not reach (a dead mirror, the checksum database). */
function unreachable(facts: Facts): Set<string> {
  const out = new Set<string>();
  for (const m of facts.network?.mirrors ?? []) {
    if (m.probe !== null && m.probe.status === 'dead') out.add(m.url.replace(/\/$/, ''));
  }
  const sumdb = facts.network?.sumdb;
  if (sumdb && !sumdb.direct.ok) out.add(sumdb.url.replace(/\/$/, ''));
  return out;
}

const osProxyMismatch: Rule = {
  id: 'os-proxy-mismatch',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'go reaches {{count}} address(es) another way than your system and browser do',
      detail:
        'Your system chooses proxies by {{mode}} ({{source}}); the browser follows it, but go and git read only HTTPS_PROXY, HTTP_PROXY and NO_PROXY. Where they decide differently, a mirror or the checksum database can work in the browser and fail for go (or go sends through a proxy what the company network expects direct).',
      remedy:
        'Set the proxy variables to what the system decides: goproxy-desk proxy detect shows the decisions and the values, and the fix writes them for the shell and git (journaled; goproxy-desk proxy restore takes it back).',
    },
    'zh-CN': {
      title: 'go 访问 {{count}} 个地址的方式与系统和浏览器不同',
      detail:
        '系统通过{{modeZh}}（{{source}}）选择代理，浏览器会遵循它，但 go 和 git 只读取 HTTPS_PROXY、HTTP_PROXY 和 NO_PROXY。两者决定不同时，镜像或校验和数据库可能在浏览器里能打开而 go 却访问失败（或者 go 把公司网络要求直连的请求发给了代理）。',
      remedy:
        '把代理变量设为系统的决定：goproxy-desk proxy detect 会列出各地址的决定和应设的值，修复会把它们写入 shell 和 git 的配置（记入日志；goproxy-desk proxy restore 可撤销）。',
    },
  },
  check(facts) {
    const os = facts.osProxy;
    if (os === null || os.mode === 'none') return [];
    const differ = os.decisions.filter((d) => !sameProxy(d.proxy, goProxyFor(facts, d.url)));
    if (differ.length === 0) return [];
    const dead = unreachable(facts);
    const severe = differ.some((d) => dead.has(d.url.replace(/\/$/, '')));
    const modeText: Record<string, { en: string; zh: string }> = {
      manual: { en: 'a manual proxy', zh: '手动代理' },
      pac: { en: 'a PAC script', zh: 'PAC 脚本' },
      wpad: { en: 'auto-detection (WPAD)', zh: '自动检测（WPAD）' },
    };
    const shown = (p: string | null) => (p === null ? 'direct' : redactUrl(p));
    const evidence = differ
      .slice(0, MAX_SHOWN)
      .map(
        (d) =>
          `${redactUrl(d.url)}: system → ${shown(d.proxy)}${d.pac ? ` (${d.pac})` : ''}; go → ${shown(goProxyFor(facts, d.url))}`,
      );
    if (differ.length > MAX_SHOWN) evidence.push(`… and ${differ.length - MAX_SHOWN} more`);
    for (const w of os.warnings.slice(0, 5)) evidence.push(w);
    const s = os.suggestion;
    const hit: Hit = {
      params: {
        count: String(differ.length),
        mode: modeText[os.mode]?.en ?? os.mode,
        modeZh: modeText[os.mode]?.zh ?? os.mode,
        source: os.source,
      },
      evidence,
      ...(severe ? { severity: 'error' as const } : {}),
    };
    if (s !== null && s.https !== null) {
      hit.fix = {
        id: 'os-proxy-mismatch',
        summary: {
          en: `Set HTTPS_PROXY=${redactUrl(s.https)}${s.noProxy ? ` and NO_PROXY=${s.noProxy}` : ''} for the shell and git`,
          'zh-CN': `为 shell 和 git 设置 HTTPS_PROXY=${redactUrl(s.https)}${s.noProxy ? `、NO_PROXY=${s.noProxy}` : ''}`,
        },
        action: {
          kind: 'netproxy',
          request: {
            https: s.https,
            ...(s.http ? { http: s.http } : {}),
            ...(s.noProxy ? { noProxy: s.noProxy } : {}),
            scopes: ['env', 'git'],
          },
        },
      };
    }
    return [hit];
  },
};

const pacUnusable: Rule = {
  id: 'os-proxy-pac-failed',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: "Your system's proxy script could not be used",
      detail:
        'The system is set to choose proxies by a PAC script or auto-detection, and GoProxy Desk could not fetch or run it, so what the browser does could not be compared with what go does.',
      remedy:
        'Open the PAC URL in a browser (or ask the network administrators for it); if the script is gone, switch the system proxy setting to what the network needs. goproxy-desk proxy detect shows the details.',
    },
    'zh-CN': {
      title: '无法使用系统的代理脚本',
      detail:
        '系统设置为通过 PAC 脚本或自动检测选择代理，但 GoProxy Desk 无法获取或运行该脚本，因此无法比较浏览器与 go 的行为。',
      remedy:
        '在浏览器中打开该 PAC 地址（或向网络管理员索取）；如果脚本已不存在，请把系统代理设置改为网络实际需要的方式。goproxy-desk proxy detect 会显示详细信息。',
    },
  },
  check(facts) {
    const os = facts.osProxy;
    if (os === null || (os.mode !== 'pac' && os.mode !== 'wpad')) return [];
    const failures = os.warnings.filter((w) => /could not be fetched|failed for|found no wpad\.dat/.test(w));
    if (failures.length === 0) return [];
    return [{ evidence: [...(os.pacUrl ? [`PAC: ${os.pacUrl}`] : []), ...failures.slice(0, MAX_SHOWN)] }];
  },
};

const osProxyIgnored: Rule = {
  id: 'os-proxy-ignored',
  family: 'upstream',
  severity: 'warning',
  text: {
    en: {
      title: 'Your system uses {{what}}, and go ignores it',
      detail:
        'The system (and the browser) send requests through {{what}} ({{source}}), but go and git read only HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and none is set: go connects directly to every mirror and the checksum database. On a network that only lets the proxy out, every download fails while the browser works.',
      remedy:
        'Run goproxy-desk proxy detect (or the checklist with live checks) to see what the system decides for the mirrors go uses, then apply the HTTPS_PROXY and NO_PROXY it suggests.',
    },
    'zh-CN': {
      title: '系统使用{{whatZh}}，而 go 忽略了它',
      detail:
        '系统（以及浏览器）通过{{whatZh}}（{{source}}）发出请求，但 go 和 git 只读取 HTTPS_PROXY、HTTP_PROXY 和 NO_PROXY，而这些都没有设置：go 会直接连接每个镜像和校验和数据库。在只允许经代理出网的网络中，浏览器能用，go 的每次下载却都会失败。',
      remedy:
        '运行 goproxy-desk proxy detect（或带在线检查运行检查清单），查看系统对 go 所用镜像的决定，然后应用它建议的 HTTPS_PROXY 和 NO_PROXY。',
    },
  },
  check(facts) {
    // With live checks the decisions are compared one by one (os-proxy-mismatch).
    const os = facts.osProxyConfig;
    if (facts.osProxy !== null || os === null || os === undefined || os.mode === 'none') return [];
    const { httpProxy, httpsProxy } = facts.go.processProxy;
    if (httpProxy || httpsProxy) return [];
    const what: Record<string, { en: string; zh: string }> = {
      manual: { en: 'a manual proxy', zh: '手动代理' },
      pac: { en: 'a PAC script', zh: 'PAC 脚本' },
      wpad: { en: 'proxy auto-detection (WPAD)', zh: '代理自动检测（WPAD）' },
    };
    const manual = os.manual;
    return [
      {
        params: {
          what: what[os.mode]?.en ?? os.mode,
          whatZh: what[os.mode]?.zh ?? os.mode,
          source: os.source,
        },
        evidence: [
          `${os.source}: ${os.mode}${os.pacUrl ? ` ${redactUrl(os.pacUrl)}` : ''}`,
          ...(manual?.https ? [`system HTTPS proxy: ${redactUrl(manual.https)}`] : []),
          "HTTPS_PROXY, HTTP_PROXY: not set in go's environment",
        ],
      },
    ];
  },
};

export const osProxyRules: Rule[] = [osProxyMismatch, pacUnusable, osProxyIgnored];
