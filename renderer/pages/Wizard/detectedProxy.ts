import type { NetProxyReport, NetProxyScope } from '../../../shared/contract';

export interface DetectedScope {
  scope: NetProxyScope;
  source: string;
  /** `HTTPS_PROXY=...`-style pairs of what is set there. */
  values: string[];
}

const pairs = (p: { http: string | null; https: string | null; noProxy: string | null }): string[] =>
  [
    p.http !== null ? `HTTP_PROXY=${p.http}` : null,
    p.https !== null ? `HTTPS_PROXY=${p.https}` : null,
    p.noProxy !== null ? `NO_PROXY=${p.noProxy}` : null,
  ].filter((x): x is string => x !== null);

/** The proxies found: the app's own environment, and each scope that sets one. */
export function detectedProxies(report: NetProxyReport): { process: string[]; scopes: DetectedScope[] } {
  return {
    process: pairs(report.process),
    scopes: report.scopes
      .filter((s) => s.http !== null || s.https !== null)
      .map((s) => ({ scope: s.scope, source: s.source, values: pairs(s) })),
  };
}

/** Distinct proxy URLs found anywhere, for "use this one" buttons. */
export function proxyUrls(report: NetProxyReport): string[] {
  const all = [report.process.https, report.process.http, ...report.scopes.flatMap((s) => [s.https, s.http])];
  return [...new Set(all.filter((u): u is string => u !== null && u !== '' && !u.includes('xxxxx')))];
}
