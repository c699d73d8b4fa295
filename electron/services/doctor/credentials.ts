/**
 * Secrets inside URLs (GOPROXY entries, proxy URLs, git remotes): finding them and masking them for
 * display. go's url.Redacted masks only the password; a user name that is itself an access token
 * (`https://ghp_…@github.com/…`, a common way to clone private repositories) is just as secret, so it
 * is masked too. Masks are `xxxxx`, as go prints them.
 */

export const MASK = 'xxxxx';

/** Token formats of the big code hosts, or a long opaque string no person would choose as a name. */
const TOKEN_PREFIX = /^(gh[pousr]_|github_pat_|glpat-|gldt-|glptt-)/;

export function isTokenLike(user: string): boolean {
  return TOKEN_PREFIX.test(user) || (user.length >= 32 && /^[A-Za-z0-9_.~-]+$/.test(user));
}

export interface UrlSecret {
  /** The user name, percent-decoded; null when the user name is the secret itself. */
  login: string | null;
  /** A password is present (possibly empty: `user:@host` still sends Basic auth). */
  password: boolean;
  /** The host (with port) the credentials are for, lower-case. */
  host: string;
}

const WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * The user information of one URL. Like go's HTTP proxy handling, a value without a scheme is read
 * as `http://` + value (`alice:pw@proxy:3128` is a valid HTTPS_PROXY).
 */
function splitAuthority(raw: string): { prefix: string; userinfo: string | null; rest: string } {
  const scheme = WITH_SCHEME.exec(raw)?.[0] ?? '';
  const afterScheme = raw.slice(scheme.length);
  const end = afterScheme.search(/[/?#]/);
  const authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
  // The user information ends at the last '@' of the authority (url.Parse does the same).
  const at = authority.lastIndexOf('@');
  if (at < 0) return { prefix: scheme, userinfo: null, rest: afterScheme };
  return { prefix: scheme, userinfo: authority.slice(0, at), rest: afterScheme.slice(at) };
}

/** The credentials in a URL, or null when it carries none that are secret. */
export function urlSecret(raw: string): UrlSecret | null {
  const { userinfo, rest } = splitAuthority(raw.trim());
  if (userinfo === null) return null;
  const colon = userinfo.indexOf(':');
  const user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon >= 0;
  if (!password && !isTokenLike(user)) return null;
  const hostEnd = rest.slice(1).search(/[/?#]/);
  const host = (hostEnd < 0 ? rest.slice(1) : rest.slice(1, hostEnd + 1)).toLowerCase();
  return { login: isTokenLike(user) ? null : user, password, host };
}

/** One URL with its secrets masked; anything else is returned unchanged. */
export function maskUrl(raw: string): string {
  const { prefix, userinfo, rest } = splitAuthority(raw);
  if (userinfo === null) return raw;
  return prefix + maskUserinfo(userinfo) + rest;
}

/**
 * Every `scheme://user:password@` in a text (a GOPROXY list, a command line) masked: the user
 * information runs from `://` to the last `@` before a `/`, `?`, `#`, `,`, `|` or space. In one pass
 * (the regular expression it replaces was quadratic: 80,000 letters took 7 s).
 */
export function maskSecrets(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const sep = text.indexOf('://', from);
    if (sep < 0) break;
    from = sep + 3;
    // A scheme: a letter, then letters, digits, '+', '-', '.'.
    let start = sep;
    while (start > copied && isSchemeChar(text[start - 1]!)) start--;
    while (start < sep && !isLetter(text[start]!)) start++;
    if (start === sep) continue;
    let end = from;
    while (end < text.length && !endsUserinfo(text[end]!)) end++;
    let at = end - 1;
    while (at >= from && text[at] !== '@') at--;
    if (at >= from) {
      out += text.slice(copied, from) + maskUserinfo(text.slice(from, at));
      copied = at;
      from = at + 1;
    }
    // Otherwise the next `://` may begin inside this one's would-be user information (`x://ab://u:p@h`).
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const isLetter = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
const isSchemeChar = (c: string): boolean =>
  isLetter(c) || (c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.';
const endsUserinfo = (c: string): boolean => '/?#,|'.includes(c) || c.trim() === '';

function maskUserinfo(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const shownUser = isTokenLike(decode(user)) ? MASK : user;
  return colon < 0 ? shownUser : `${shownUser}:${MASK}`;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
