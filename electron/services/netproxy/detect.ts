import { parseGoProxy } from '../../../shared/go/goproxy';
import { proxyConfigFromEnv, useProxy } from '../../../shared/go/noproxy';
import { CHECKSUM_DATABASES, MIRRORS } from '../../../shared/mirrors';
import type { DetectWarning, ProxyDetectResult } from '../../../shared/contract';
import type { Host } from '../host';
import { evaluatePac, fetchPac, parsePacResult, readSearchDomains, wpadCandidates } from '../pac';
import { SOURCES, type OsProxyConfig } from './os-proxy';

/**
 * `proxy detect` (issue 17): what the OS — and so the browser — decides for each URL go and git
 * will need, and the HTTP(S)_PROXY/NO_PROXY that make go and git decide the same, with a warning for
 * every decision those variables cannot express. The PAC script is untrusted code from the network:
 * it runs in the pac capability's QuickJS sandbox, bounded in time and memory.
 */

/** One URL: what the PAC script returned ("PROXY a:1; DIRECT"), and the one proxy go would use (null: direct). */
type ProxyDecision = ProxyDetectResult['decisions'][number];

export interface DetectDependencies {
  readOs: () => Promise<OsProxyConfig>;
  /** The GOPROXY list go uses now, for its mirrors' URLs. */
  goproxy: () => Promise<string>;
  timeoutMs?: number;
}

/** The URLs go and git reach for modules: catalogue mirrors, the GOPROXY list, the checksum databases. */
async function urlsToDecide(deps: DetectDependencies, extra: readonly string[]): Promise<string[]> {
  const urls = new Set<string>();
  const parsed = parseGoProxy(await deps.goproxy().catch(() => ''));
  if (parsed.ok) for (const e of parsed.value) if (e.kind === 'proxy' && e.url) urls.add(e.url);
  for (const m of MIRRORS) urls.add(m.url);
  for (const db of CHECKSUM_DATABASES) urls.add(db.url);
  for (const u of extra) urls.add(u);
  return [...urls];
}

/** A PAC entry as the proxy URL go understands (HTTPS_PROXY takes http, https and socks5 URLs). */
function goProxyOf(entry: ReturnType<typeof parsePacResult>[number]): string | null {
  switch (entry.kind) {
    case 'DIRECT':
      return null;
    case 'PROXY':
      return `http://${entry.host}:${entry.port}`;
    case 'HTTPS':
      return `https://${entry.host}:${entry.port}`;
    default:
      return `socks5://${entry.host}:${entry.port}`;
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
};

/** The usual sources as codes the UI translates; `source` itself stays English (CLI, logs). */
function sourceCodeOf(source: string): Pick<ProxyDetectResult, 'sourceCode'> {
  const named = (Object.keys(SOURCES) as (keyof typeof SOURCES)[]).find((k) => SOURCES[k] === source);
  if (named !== undefined) return { sourceCode: { code: named } };
  if (source.startsWith('none: no desktop session')) return { sourceCode: { code: 'no-desktop' } };
  const desktop = /^none: the desktop (\S+) has no proxy settings/.exec(source)?.[1];
  if (desktop !== undefined) return { sourceCode: { code: 'desktop-without-proxy', params: { desktop } } };
  return {};
}

export async function detectProxy(
  host: Host,
  deps: DetectDependencies,
  extraUrls: readonly string[] = [],
): Promise<ProxyDetectResult> {
  const os = await deps.readOs();
  const urls = await urlsToDecide(deps, extraUrls);
  const warnings: string[] = [];
  const warningCodes: (DetectWarning | null)[] = [];
  const warn = (english: string, code: DetectWarning | null) => {
    warnings.push(english);
    warningCodes.push(code);
  };
  for (const note of os.also ?? []) warn(note, alsoCode(note));
  const base = {
    source: os.source,
    ...sourceCodeOf(os.source),
    mode: os.mode,
    ...(os.pacUrl ? { pacUrl: os.pacUrl } : {}),
  };

  if (os.mode === 'none') {
    return {
      ...base,
      decisions: urls.map((url) => ({ url, proxy: null })),
      suggestion: null,
      warnings,
      warningCodes,
    };
  }
  if (os.mode === 'manual') {
    const manual = os.manual ?? { http: null, https: null, socks: null, noProxy: [] };
    const config = proxyConfigFromEnv({
      HTTP_PROXY: manual.http ?? '',
      HTTPS_PROXY: manual.https ?? manual.http ?? '',
      NO_PROXY: manual.noProxy.join(','),
    });
    const decisions = urls.map((url) => {
      const u = new URL(url);
      const proxy = u.protocol === 'http:' ? manual.http : (manual.https ?? manual.http);
      return { url, proxy: proxy && useProxy(config, u.host) ? proxy : null };
    });
    if (manual.socks && !manual.http && !manual.https)
      warn(`the OS uses a SOCKS proxy (${manual.socks}); go and git take it as socks5:// in HTTPS_PROXY`, {
        code: 'socks',
        params: { proxy: manual.socks },
      });
    return { ...base, decisions, suggestion: suggest(decisions, warn), warnings, warningCodes };
  }

  // pac or wpad: find the script, then ask it about every URL.
  let script: string | null = null;
  let pacUrl = os.pacUrl;
  if (os.mode === 'pac' && pacUrl) {
    const fetched = await fetchPac(pacUrl, { timeoutMs: deps.timeoutMs ?? 5000 });
    if (fetched.ok) script = fetched.script;
    else
      warn(`the PAC script ${pacUrl} could not be fetched: ${fetched.error}`, {
        code: 'pac-fetch-failed',
        params: { url: pacUrl, error: fetched.error },
      });
  } else if (os.mode === 'wpad') {
    const resolv = await host.readText('/etc/resolv.conf').catch(() => null);
    for (const candidate of wpadCandidates(readSearchDomains(resolv ?? ''))) {
      const fetched = await fetchPac(candidate, { timeoutMs: Math.min(deps.timeoutMs ?? 5000, 2000) });
      if (fetched.ok) {
        script = fetched.script;
        pacUrl = candidate;
        break;
      }
    }
    if (script === null)
      warn('auto-detection (WPAD) found no wpad.dat in the DNS search domains', { code: 'wpad-none' });
  }
  if (script === null) {
    return {
      ...base,
      ...(pacUrl ? { pacUrl } : {}),
      decisions: urls.map((url) => ({ url, proxy: null })),
      suggestion: null,
      warnings,
      warningCodes,
    };
  }
  if (/\b(weekdayRange|dateRange|timeRange)\s*\(/.test(script))
    warn('the PAC script decides by the day or time: environment variables cannot follow that', {
      code: 'pac-time',
    });
  if (/\bmyIpAddress\s*\(/.test(script))
    warn("the PAC script decides by this machine's address: the suggestion holds on this network only", {
      code: 'pac-address',
    });

  const decisions: ProxyDecision[] = [];
  const failover: string[] = [];
  for (const url of urls) {
    const evaluated = await evaluatePac(script, url, { timeoutMs: 2000 });
    if (!evaluated.ok) {
      warn(`the PAC script failed for ${url}: ${evaluated.error}`, {
        code: 'pac-failed',
        params: { url, error: evaluated.error },
      });
      decisions.push({ url, proxy: null });
      continue;
    }
    const entries = parsePacResult(evaluated.result);
    const first = entries[0];
    if (entries.length > 1) failover.push(hostOf(url));
    decisions.push({ url, pac: evaluated.result, proxy: first === undefined ? null : goProxyOf(first) });
  }
  if (failover.length > 0) {
    warn(
      `for ${failover.join(', ')} the PAC script gives a list to try in turn; go and git take only its first proxy and do not fall back`,
      { code: 'pac-failover', params: { hosts: failover.join(', ') } },
    );
  }
  return {
    ...base,
    ...(pacUrl ? { pacUrl } : {}),
    decisions,
    suggestion: suggest(decisions, warn),
    warnings,
    warningCodes,
  };
}

/** The code of a note the OS reader adds (os-proxy.ts's own sentences); null for the others. */
function alsoCode(note: string): DetectWarning | null {
  if (note.startsWith('browsers then use the environment variables')) return { code: 'env-vars' };
  if (note === 'if that fails: automatic proxy detection (WPAD)') return { code: 'fallback-wpad' };
  const pac = /^if that fails: the proxy auto-config script (\S+)$/.exec(note)?.[1];
  if (pac !== undefined) return { code: 'fallback-pac', params: { url: pac } };
  if (note.startsWith('if that fails: the manual proxies (') && note.endsWith(')'))
    return {
      code: 'fallback-manual',
      params: { proxies: note.slice('if that fails: the manual proxies ('.length, -1) },
    };
  return null;
}

/**
 * The HTTP(S)_PROXY and NO_PROXY that reproduce the decisions: the proxy most URLs use, NO_PROXY for
 * the hosts that go direct; a host that needs another proxy is a warning (one variable, one proxy).
 */
function suggest(
  decisions: readonly ProxyDecision[],
  warn: (english: string, code: DetectWarning) => void,
): { http: string | null; https: string | null; noProxy: string | null } {
  const counts = new Map<string, number>();
  for (const d of decisions) if (d.proxy !== null) counts.set(d.proxy, (counts.get(d.proxy) ?? 0) + 1);
  if (counts.size === 0) return { http: null, https: null, noProxy: null };
  const [proxy] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  for (const d of decisions) {
    if (d.proxy !== null && d.proxy !== proxy)
      warn(
        `${hostOf(d.url)} goes through ${d.proxy}, the others through ${proxy}: one HTTPS_PROXY cannot say that`,
        { code: 'two-proxies', params: { host: hostOf(d.url), proxy: d.proxy, main: proxy } },
      );
  }
  const direct = [...new Set(decisions.filter((d) => d.proxy === null).map((d) => hostOf(d.url)))];
  return { http: proxy, https: proxy, noProxy: direct.length > 0 ? direct.join(',') : null };
}
