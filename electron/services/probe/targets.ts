import { fromBytes, toBytes } from '../../../shared/go/gostrings';
import { escapePath, escapeVersion, splitPathVersion } from '../../../shared/go/modpath';
import { parseUrl, urlRedacted, urlString, type GoUrl } from '../../../shared/go/neturl';
import { urlHostname, urlPort } from '../../../shared/go/noproxy';
import { MIRRORS, type MirrorInfo } from '../../../shared/mirrors';
import { withoutTrailingSlashes } from '../../../shared/text';

/**
 * What the probe talks to, read the way go reads it: mirror URLs are parsed with Go's url.Parse (so
 * that the proxy decision and the request line are go's), the module's path and version escaped as in
 * the proxy protocol.
 */

/** One URL to request. */
export interface Endpoint {
  scheme: 'http' | 'https';
  /** For DNS and TLS: no brackets around IPv6. */
  hostname: string;
  port: number;
  /** host[:port] as written in the URL: how messages name the server. */
  subject: string;
  /** Escaped path and query for the request line; the path has no trailing slash. */
  path: string;
  /** Go's parse of the URL, for go's proxy decision. */
  goUrl: GoUrl;
  /** Basic credentials from the URL's user info, which go sends with each request. */
  authorization?: string;
  /** The URL with any password as xxxxx. */
  display: string;
}

/** A mirror the probe knows by id: the catalogue's, or one the user added. */
export type KnownMirror = Pick<MirrorInfo, 'id' | 'url'>;

export interface MirrorTarget {
  id: string;
  base: Endpoint;
}

export interface ModuleVersion {
  path: string;
  version: string;
  /** `<escaped path>/@v/<escaped version>.info`, relative to a mirror's base. */
  infoPath: string;
  /** `<escaped path>/@v/<escaped version>.zip` */
  zipPath: string;
  /** Only for a canonical semantic version does go insist that .info names the same version. */
  canonical: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A URL given to the probe (a mirror base, a redirect target); only http and https are probed. */
export function parseEndpoint(raw: string): Parsed<Endpoint> {
  const parsed = parseUrl(toBytes(raw));
  if (!parsed.ok) return { ok: false, error: fromBytes(parsed.error) };
  const u = parsed.value;
  if (u.scheme !== 'http' && u.scheme !== 'https') {
    return { ok: false, error: `the scheme must be http or https, not "${u.scheme || '(none)'}"` };
  }
  const hostname = fromBytes(urlHostname(u));
  if (hostname === '') return { ok: false, error: 'the URL has no host' };
  const portText = urlPort(u);
  const port = portText === '' ? (u.scheme === 'https' ? 443 : 80) : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, error: `the port ${portText || '(empty)'} is not between 1 and 65535` };
  }
  // The path and query exactly as URL.String writes them: only those, without scheme and host.
  const rel = fromBytes(
    urlString({ ...u, scheme: '', user: null, host: '', opaque: '', fragment: '', rawFragment: '' }),
  );
  const [pathPart, ...query] = rel.split('?');
  const path = withoutTrailingSlashes(pathPart ?? '') + (query.length > 0 ? `?${query.join('?')}` : '');
  const user = u.user;
  return {
    ok: true,
    value: {
      scheme: u.scheme,
      hostname,
      port,
      subject: fromBytes(u.host),
      path,
      goUrl: u,
      ...(user !== null
        ? {
            authorization: `Basic ${Buffer.from(
              `${fromBytes(user.username)}:${fromBytes(user.password)}`,
            ).toString('base64')}`,
          }
        : {}),
      display: withoutTrailingSlashes(fromBytes(urlRedacted({ ...u, fragment: '', rawFragment: '' }))),
    },
  };
}

/** The same endpoint with `rel` (an escaped path below the base) appended, as go joins proxy paths. */
export function below(base: Endpoint, rel: string): Endpoint {
  const q = base.path.indexOf('?');
  const path = q < 0 ? `${base.path}/${rel}` : `${base.path.slice(0, q)}/${rel}${base.path.slice(q)}`;
  return { ...base, path };
}

/** The URL an endpoint requests, for messages and for resolving redirects. */
export function endpointHref(e: Endpoint): string {
  const host = e.hostname.includes(':') ? `[${e.hostname}]` : e.hostname;
  const defaultPort = e.scheme === 'https' ? 443 : 80;
  return `${e.scheme}://${host}${e.port === defaultPort ? '' : `:${e.port}`}${e.path || '/'}`;
}

/**
 * Catalogue ids or URLs, as a user types them: a catalogue id names its mirror; anything else is a URL,
 * with go's GOPROXY convenience that a scheme-less entry containing '.', ':' or '/' means https://.
 * No list means every known mirror. Repeated mirrors are probed once.
 */
export function resolveMirrors(
  args: readonly string[] | undefined,
  mirrors: readonly KnownMirror[] = MIRRORS,
): Parsed<MirrorTarget[]> {
  const wanted = args ?? mirrors.map((m) => m.id);
  const targets: MirrorTarget[] = [];
  for (const arg of wanted) {
    const known = mirrors.find((m) => m.id === arg);
    let raw = known?.url ?? arg;
    if (!known && !raw.includes(':/') && /[.:/]/.test(raw) && !raw.startsWith('/')) raw = `https://${raw}`;
    const parsed = parseEndpoint(raw);
    if (!parsed.ok) {
      return {
        ok: false,
        error: `"${arg}" is neither a mirror id nor an http(s) URL (${parsed.error}). Known ids: ${mirrors.map((m) => m.id).join(', ')}.`,
      };
    }
    const base = parsed.value;
    if (targets.some((t) => t.base.display === base.display)) continue;
    const catalogued = known ?? mirrors.find((m) => withoutTrailingSlashes(m.url) === base.display);
    targets.push({ id: catalogued?.id ?? base.display.replace(/^https?:\/\//, ''), base });
  }
  return { ok: true, value: targets };
}

const CANONICAL_SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** PATH@VERSION, both checked and escaped as go does for proxy requests. */
export function parseModuleVersion(spec: string): Parsed<ModuleVersion> {
  const { path, version } = splitPathVersion(spec);
  if (version === undefined || version === '') {
    return { ok: false, error: `"${spec}" is not PATH@VERSION (for example rsc.io/quote@v1.5.2)` };
  }
  const escapedPath = escapePath(path);
  if (!escapedPath.ok) return { ok: false, error: `"${spec}": ${escapedPath.error}` };
  const escapedVersion = escapeVersion(version);
  if (!escapedVersion.ok) return { ok: false, error: `"${spec}": ${escapedVersion.error}` };
  const prefix = `${escapedPath.value}/@v/${escapedVersion.value}`;
  return {
    ok: true,
    value: {
      path,
      version,
      infoPath: `${prefix}.info`,
      zipPath: `${prefix}.zip`,
      canonical: CANONICAL_SEMVER.test(version),
    },
  };
}

/** A module path alone, escaped (for @latest and @v/list). */
export function escapeModulePath(path: string): Parsed<string> {
  const escaped = escapePath(path);
  return escaped.ok ? escaped : { ok: false, error: `"${path}": ${escaped.error}` };
}
