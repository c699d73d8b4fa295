import type { GoEnvReport, NetProxyReport, ProfileList } from '../../../shared/contract';

type Profile = ProfileList['profiles'][number];

/** A proxy URL without its user name and password, and without a trailing slash: what identifies the proxy. */
function proxyKey(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === '') return null;
  return url
    .trim()
    .replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/@]*@/, '$1')
    .replace(/\/$/, '')
    .toLowerCase();
}

/**
 * Whether a profile's values are the ones in effect: every go env variable it sets has that value in
 * the env file, every one it unsets is absent from the file, and every place it sets the proxy for
 * uses that proxy (passwords are hidden on both sides, so the proxy is compared without them).
 */
export function isActive(profile: Profile, goenv: GoEnvReport, netproxy: NetProxyReport | null): boolean {
  for (const [key, value] of Object.entries(profile.goenv.set)) {
    if (goenv.vars[key]?.fileValue !== value) return false;
  }
  for (const key of profile.goenv.unset) {
    if (goenv.vars[key]?.fileValue !== undefined) return false;
  }
  if (!profile.proxy) return true;
  if (netproxy === null) return false;
  const wanted = proxyKey(profile.proxy.https ?? profile.proxy.http);
  for (const scope of profile.proxy.scopes) {
    const reading = netproxy.scopes.find((s) => s.scope === scope);
    if (!reading?.available) continue;
    if (proxyKey(reading.https ?? reading.http) !== wanted) return false;
  }
  return true;
}

/** The profiles in effect now; several can be, when they agree on everything that is set. */
export function activeProfiles(
  profiles: readonly Profile[],
  goenv: GoEnvReport | null,
  netproxy: NetProxyReport | null,
): Set<string> {
  if (goenv === null) return new Set();
  return new Set(profiles.filter((p) => isActive(p, goenv, netproxy)).map((p) => p.name));
}
