import { quote } from './gostrings';

/**
 * A port of the parts of Go 1.19's net/url that cmd/go's GOPROXY and GOSUMDB checks depend on: Parse
 * (with its exact error texts), String, Redacted and the struct as `%+v` prints it. Everything here
 * works on byte strings (see gostrings.ts), as Go does.
 */
export interface GoUrl {
  scheme: string;
  opaque: string;
  user: GoUserinfo | null;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

export interface GoUserinfo {
  username: string;
  password: string;
  passwordSet: boolean;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const enum Mode {
  Path,
  Host,
  Zone,
  UserPassword,
  Fragment,
}

const isAlnum = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.Host || mode === Mode.Zone) && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case Mode.Path:
        return ch === '?';
      case Mode.UserPassword:
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case Mode.Fragment:
        return false;
    }
  }
  if (mode === Mode.Fragment && '!()*'.includes(ch)) return false;
  return true;
}

function escapeError(s: string): string {
  return 'invalid URL escape ' + quote(s);
}

function unescape(s: string, mode: Mode): Parsed<string> {
  let n = 0;
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      n++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        return { ok: false, error: escapeError(s.slice(i, i + 3)) };
      }
      const esc = s.slice(i, i + 3);
      // RFC 3986: a host may %-encode only non-ASCII bytes, except %25 before an IPv6 zone.
      if (mode === Mode.Host && unhex(s.charCodeAt(i + 1)) < 8 && esc !== '%25') {
        return { ok: false, error: escapeError(esc) };
      }
      if (mode === Mode.Zone) {
        const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
        if (esc !== '%25' && v !== 0x20 && shouldEscape(v, Mode.Host)) {
          return { ok: false, error: escapeError(esc) };
        }
      }
      i += 3;
    } else {
      if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && shouldEscape(c, mode)) {
        return { ok: false, error: 'invalid character ' + quote(s[i]!) + ' in host name' };
      }
      i++;
    }
  }
  if (n === 0) return { ok: true, value: s };
  let t = '';
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x25) {
      t += String.fromCharCode((unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2)));
      i += 2;
    } else {
      t += s[i];
    }
  }
  return { ok: true, value: t };
}

function escape(s: string, mode: Mode): string {
  let t = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    t += shouldEscape(c, mode) ? '%' + c.toString(16).toUpperCase().padStart(2, '0') : s[i];
  }
  return t;
}

function getScheme(raw: string): Parsed<[scheme: string, rest: string]> {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { ok: true, value: ['', raw] };
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) return { ok: false, error: 'missing protocol scheme' };
      return { ok: true, value: [raw.slice(0, i), raw.slice(i + 1)] };
    }
    return { ok: true, value: ['', raw] };
  }
  return { ok: true, value: ['', raw] };
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^:[0-9]*$/.test(port);
}

function parseHost(host: string): Parsed<string> {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return { ok: false, error: "missing ']' in host" };
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      return { ok: false, error: `invalid port ${quote(colonPort)} after host` };
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      const host1 = unescape(host.slice(0, zone), Mode.Host);
      if (!host1.ok) return host1;
      const host2 = unescape(host.slice(zone, i), Mode.Zone);
      if (!host2.ok) return host2;
      const host3 = unescape(host.slice(i), Mode.Host);
      if (!host3.ok) return host3;
      return { ok: true, value: host1.value + host2.value + host3.value };
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort))
        return { ok: false, error: `invalid port ${quote(colonPort)} after host` };
    }
  }
  return unescape(host, Mode.Host);
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseAuthority(authority: string): Parsed<[GoUserinfo | null, string]> {
  const i = authority.lastIndexOf('@');
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (!host.ok) return host;
  if (i < 0) return { ok: true, value: [null, host.value] };
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) return { ok: false, error: 'net/url: invalid userinfo' };
  const colon = userinfo.indexOf(':');
  const username = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon), Mode.UserPassword);
  if (!username.ok) return username;
  if (colon < 0)
    return { ok: true, value: [{ username: username.value, password: '', passwordSet: false }, host.value] };
  const password = unescape(userinfo.slice(colon + 1), Mode.UserPassword);
  if (!password.ok) return password;
  return {
    ok: true,
    value: [{ username: username.value, password: password.value, passwordSet: true }, host.value],
  };
}

function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    if (`!$&'()*+,;=:@[]%`.includes(s[i]!)) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}

/** Path and RawPath as setPath stores them: RawPath only when it differs from the default encoding. */
function pathFields(p: string): Parsed<[path: string, rawPath: string]> {
  const path = unescape(p, Mode.Path);
  if (!path.ok) return path;
  return { ok: true, value: [path.value, escape(path.value, Mode.Path) === p ? '' : p] };
}

function emptyUrl(): GoUrl {
  return {
    scheme: '',
    opaque: '',
    user: null,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
}

function parseWithoutFragment(raw: string): Parsed<GoUrl> {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return { ok: false, error: 'net/url: invalid control character in URL' };
  }
  const url = emptyUrl();
  if (raw === '*') {
    url.path = '*';
    return { ok: true, value: url };
  }
  const scheme = getScheme(raw);
  if (!scheme.ok) return scheme;
  let rest: string;
  [url.scheme, rest] = scheme.value;
  url.scheme = url.scheme.toLowerCase();

  const q = rest.indexOf('?');
  if (rest.endsWith('?') && q === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (q >= 0) {
    url.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }

  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      // RFC 3986 rootless paths are opaque.
      url.opaque = rest;
      return { ok: true, value: url };
    }
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) {
      return { ok: false, error: 'first path segment in URL cannot contain colon' };
    }
  }

  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const parsed = parseAuthority(authority);
    if (!parsed.ok) return parsed;
    [url.user, url.host] = parsed.value;
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }

  const path = pathFields(rest);
  if (!path.ok) return path;
  [url.path, url.rawPath] = path.value;
  return { ok: true, value: url };
}

/** url.Parse; the error is the whole message, `parse "…": …`. */
export function parseUrl(raw: string): Parsed<GoUrl> {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const parsed = parseWithoutFragment(u);
  if (!parsed.ok) return { ok: false, error: `parse ${quote(u)}: ${parsed.error}` };
  const frag = hash < 0 ? '' : raw.slice(hash + 1);
  if (frag === '') return parsed;
  const fragment = unescape(frag, Mode.Fragment);
  if (!fragment.ok) return { ok: false, error: `parse ${quote(raw)}: ${fragment.error}` };
  parsed.value.fragment = fragment.value;
  parsed.value.rawFragment = escape(fragment.value, Mode.Fragment) === frag ? '' : frag;
  return parsed;
}

function userinfoString(u: GoUserinfo): string {
  const name = escape(u.username, Mode.UserPassword);
  return u.passwordSet ? name + ':' + escape(u.password, Mode.UserPassword) : name;
}

function escapedPath(u: GoUrl): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, Mode.Path)) {
    const p = unescape(u.rawPath, Mode.Path);
    if (p.ok && p.value === u.path) return u.rawPath;
  }
  if (u.path === '*') return '*';
  return escape(u.path, Mode.Path);
}

function escapedFragment(u: GoUrl): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, Mode.Fragment)) {
    const f = unescape(u.rawFragment, Mode.Fragment);
    if (f.ok && f.value === u.fragment) return u.rawFragment;
  }
  return escape(u.fragment, Mode.Fragment);
}

/** (*URL).String. */
export function urlString(u: GoUrl): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') {
    buf += u.opaque;
  } else {
    if (
      (u.scheme !== '' || u.host !== '' || u.user !== null) &&
      !(u.omitHost && u.host === '' && u.user === null)
    ) {
      if (u.host !== '' || u.path !== '' || u.user !== null) buf += '//';
      if (u.user !== null) buf += userinfoString(u.user) + '@';
      if (u.host !== '') buf += escape(u.host, Mode.Host);
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '') {
      // RFC 3986 §4.2: a first segment with a colon would read as a scheme.
      const slash = path.indexOf('/');
      if ((slash < 0 ? path : path.slice(0, slash)).includes(':')) buf += './';
    }
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedFragment(u);
  return buf;
}

/** (*URL).Redacted: String with any password replaced by "xxxxx". */
export function urlRedacted(u: GoUrl): string {
  if (u.user?.passwordSet) return urlString({ ...u, user: { ...u.user, password: 'xxxxx' } });
  return urlString(u);
}

/** The URL struct as fmt's `%+v` prints it: the *Userinfo field through its String method, which is '' for nil. */
export function formatUrlStruct(u: GoUrl): string {
  const user = u.user === null ? '' : userinfoString(u.user);
  return (
    `{Scheme:${u.scheme} Opaque:${u.opaque} User:${user} Host:${u.host} Path:${u.path} RawPath:${u.rawPath} ` +
    `OmitHost:${u.omitHost} ForceQuery:${u.forceQuery} RawQuery:${u.rawQuery} Fragment:${u.fragment} ` +
    `RawFragment:${u.rawFragment}}`
  );
}
