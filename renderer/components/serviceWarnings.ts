/**
 * The proxy services' warnings are English sentences; the ones they are known to say are recognised
 * here and turned into a message key with its parameters, so the UI can say them in the user's
 * language (and without naming the libraries the services were written against). A sentence not
 * recognised stays as it came, for the Details fold.
 */

export interface KnownWarning {
  /** A key under proxyPage.result.serviceWarnings. */
  key: string;
  params: Record<string, string>;
  /** A password written in plain text: shown before anything else. */
  secret: boolean;
  raw: string;
}

export interface ReadWarnings {
  known: KnownWarning[];
  unknown: string[];
}

const PATTERNS: { re: RegExp; key: string; names?: string[]; secret?: boolean }[] = [
  {
    re: /^the proxy password will be stored in plain text in your shell start-up files/,
    key: 'passwordShell',
    secret: true,
  },
  {
    re: /^the proxy password will be stored in plain text in (.+?); for a GOPROXY/,
    key: 'passwordFile',
    names: ['file'],
    secret: true,
  },
  { re: /^new terminals and apps started from now on see this/, key: 'restartApps' },
  { re: /^other lines in your start-up files also set proxy variables/, key: 'otherLinesWin' },
  { re: /^other lines in your start-up files still set proxy variables/, key: 'otherLinesRemain' },
  {
    re: /^git uses one proxy for http and https remotes; it gets the https one \((.+)\)$/,
    key: 'gitOneProxy',
    names: ['proxy'],
  },
  {
    re: /cannot bypass names without a dot, so (.+) is left out of NO_PROXY\.$/,
    key: 'noDot',
    names: ['rule'],
  },
  {
    re: /also bypass (\S+) itself for (.+), which Go does not\.$/,
    key: 'domainItself',
    names: ['domain', 'rule'],
  },
  { re: /understand CIDR ranges.*use the proxy for (.+)\.$/, key: 'cidr', names: ['rule'] },
  {
    re: /^curl ignores NO_PROXY entries with a port, so it still uses the proxy for (.+)\.$/,
    key: 'port',
    names: ['rule'],
  },
  {
    re: /^git matches one level of subdomains, so for (.+) deeper names such as (\S+) still use the proxy\.$/,
    key: 'gitOneLevel',
    names: ['rule', 'example'],
  },
  {
    re: /^(GNOME|KDE) also bypasses (\S+) itself for (.+), which Go does not\.$/,
    key: 'toolDomainItself',
    names: ['tool', 'domain', 'rule'],
  },
  {
    re: /^(Windows|macOS) bypass entries have no port, so (.+) bypasses the proxy for every port of (\S+)\.$/,
    key: 'noPort',
    names: ['tool', 'rule', 'host'],
  },
  {
    re: /^KDE matches plain suffixes, so (.+) also bypasses names such as (\S+)\.$/,
    key: 'kdeSuffix',
    names: ['rule', 'example'],
  },
  {
    re: /^KDE also bypasses host names whose address matches (.+), which Go does not\.$/,
    key: 'kdeAddress',
    names: ['rule'],
  },
  {
    re: /^(.+) matches (".+") only when the URL names port (\d+) explicitly, unlike Go\.$/,
    key: 'explicitPort',
    names: ['tool', 'rule', 'port'],
  },
  {
    re: /^(git|GNOME|KDE|Windows|macOS)\b.*?(".+?").*\bis left out/,
    key: 'leftOut',
    names: ['tool', 'rule'],
  },
  {
    re: /^the settings are written, but telling running programs about them failed \((.+)\); programs/,
    key: 'notifyFailed',
    names: ['detail'],
  },
];

/**
 * Longer warnings (a bypass list of hundreds of entries quoted in one) are not matched: some patterns
 * above backtrack over the quoted rules, so they only ever see short text; a long one is shown as it came.
 */
const MATCH_AT_MOST = 500;

export function readWarnings(warnings: readonly string[]): ReadWarnings {
  const known: KnownWarning[] = [];
  const unknown: string[] = [];
  for (const raw of warnings) {
    if (raw.length > MATCH_AT_MOST) {
      unknown.push(raw);
      continue;
    }
    const hit = PATTERNS.map((p) => ({ p, m: p.re.exec(raw) })).find((x) => x.m !== null);
    if (!hit?.m) {
      unknown.push(raw);
      continue;
    }
    const params = Object.fromEntries((hit.p.names ?? []).map((name, i) => [name, hit.m![i + 1] ?? '']));
    known.push({ key: hit.p.key, params, secret: hit.p.secret === true, raw });
  }
  // Passwords first: the one thing a user must not miss.
  known.sort((a, b) => Number(b.secret) - Number(a.secret));
  return { known, unknown };
}
