import type { GoEnvReport } from '../../../shared/contract';
import { goFacts } from '../../../shared/go/versions';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  goAuthGitDirs,
  goAuthReadsNetrc,
  parseGoAuth,
  type AuthFacts,
  type GitDirState,
  type GoAuthCommand,
} from '../../../shared/go/goauth';
import { parseGoProxy } from '../../../shared/go/goproxy';
import { fromBytes, toBytes } from '../../../shared/go/gostrings';
import {
  credentialFor,
  hostname,
  netrcEntriesForHost,
  netrcMachineFor,
  scanNetrc,
  type NetrcScan,
} from '../../../shared/go/netrc';
import { parseUrl, urlRedacted, urlString } from '../../../shared/go/neturl';
import { pathMatch } from '../../../shared/go/patterns';
import type { Host } from '../host';
import { goIsAbs } from './gostd';
import { maskPasswords } from '../../../shared/redact';
import { withoutTrailingSlashes } from '../../../shared/text';

/**
 * Where go's credentials for each mirror and private module host come from, as the imitated go
 * version does it (cmd/go/internal/auth and web/http.go): user info in the GOPROXY URL, a .netrc
 * entry, a GOAUTH command, or nothing. Passwords never leave this module: only logins, lines and
 * redacted URLs do.
 */

export type CredentialSource = 'url' | 'netrc' | 'goauth' | 'none';

export type AuthWarningCode =
  /** 1.21+: the entry names the host, go looks for host:port. */
  | 'netrc-port-missing'
  /** 1.19: the entry names host:port, go looks for the host name only. */
  | 'netrc-port-ignored'
  | 'netrc-incomplete'
  /** An http:// mirror for which .netrc or GOAUTH has credentials: go sends them over https only. */
  | 'http-no-credentials'
  /** user:password in an http:// GOPROXY URL: sent, in clear text. */
  | 'url-credentials-cleartext'
  | 'goauth-off-netrc'
  | 'netrc-not-in-goauth'
  /** 1.19–1.23: a matching .netrc entry replaces the user info of the GOPROXY URL. */
  | 'url-overridden-by-netrc'
  /** 1.24+: user info in the GOPROXY URL wins; the .netrc entry for the host is not used. */
  | 'netrc-shadowed-by-url'
  | 'goauth-may-override'
  | 'goauth-error'
  | 'goproxy-error'
  | 'netrc-unreadable'
  | 'netrc-permissions'
  | 'netrc-default-stops'
  | 'netrc-default-ignored'
  | 'netrc-no-home';

export interface AuthWarning {
  code: AuthWarningCode;
  /** The message's parameters (i18n: auth.warnings.<code>). Never a password. */
  values: Record<string, string | number>;
}

export interface CredentialReport {
  /** The mirror's URL with any password as `xxxxx`; for a host, `https://host`; absent for a glob nobody matched. */
  url?: string;
  /** The host as go compares it with `machine` (host name in 1.19, host[:port] from 1.21). */
  host: string;
  /** For a private host: the GOPRIVATE/GONOPROXY pattern it comes from. */
  pattern?: string;
  source: CredentialSource;
  /** For 'goauth': the kind of the command that answers first. */
  method?: 'goauth-command' | 'goauth-git';
  /** The login go sends (the URL's user name, or the .netrc entry's); for 'goauth', the .netrc fallback's. */
  login?: string;
  /** The .netrc line of that entry, and the file. */
  line?: number;
  file?: string;
  /** The GOAUTH commands go would ask (what they answer cannot be known without running them). */
  commands?: string[];
  warnings: AuthWarning[];
}

export interface AuthReport {
  go: { path: string; version: string } | null;
  goauth: { value: string; supported: boolean; commands: GoAuthCommand[]; error?: string };
  netrc: { path: string | null; exists: boolean; mode?: string; entries: number; error?: string };
  goproxy: { value: string; error?: string };
  mirrors: CredentialReport[];
  hosts: CredentialReport[];
  warnings: AuthWarning[];
}

/** What go found at its .netrc location (see locateNetrc). */
export interface NetrcFile {
  path: string | null;
  text: string | null;
  /** Set when the file exists but could not be read (go then silently sends no .netrc credentials). */
  error?: string;
  mode?: number;
  /** `$HOME` or `%userprofile%` when go cannot name the file because that variable is empty. */
  missingHome?: string;
}

export interface AuthInputs {
  go: { path: string; version: string } | null;
  facts: AuthFacts;
  windows: boolean;
  goproxy: string;
  goauth: string;
  /** Private module hosts or GOPRIVATE-style first elements (globs allowed), see privateHostPatterns. */
  hosts: readonly string[];
  netrc: NetrcFile;
  gitDirs: ReadonlyMap<string, GitDirState>;
}

export type AuthHost = Pick<Host, 'env' | 'platform' | 'readText'>;

export interface AuthRequest {
  go: { path: string; version: string } | null;
  facts: AuthFacts;
  goproxy: string;
  goauth: string;
  hosts: readonly string[];
}

/** Reads .netrc and stats GOAUTH's git directories as go would, then builds the report. */
export async function readAuthReport(host: AuthHost, request: AuthRequest): Promise<AuthReport> {
  const windows = host.platform === 'win32';
  const isAbs = (p: string) => goIsAbs(windows ? 'windows' : 'posix', p);
  const gitDirs = new Map<string, GitDirState>();
  if (request.facts.goauth) {
    for (const dir of goAuthGitDirs(request.goauth, { isAbs })) gitDirs.set(dir, await statDir(dir, windows));
  }
  return buildAuthReport({
    ...request,
    windows,
    netrc: await locateNetrc(host, request.facts),
    gitDirs,
  });
}

/**
 * auth.netrcPath and readNetrc: $NETRC when set, else the home directory's `.netrc` — on Windows
 * `_netrc` (1.19–1.23: only that; 1.24+: `_netrc` when it exists, else `.netrc`).
 */
export async function locateNetrc(
  host: AuthHost,
  facts: Pick<AuthFacts, 'windowsUnderscoreNetrc'>,
): Promise<NetrcFile> {
  const windows = host.platform === 'win32';
  const read = async (file: string): Promise<NetrcFile> => {
    try {
      const text = await host.readText(file);
      if (text === null) return { path: file, text: null };
      const mode = windows
        ? undefined
        : await stat(file).then(
            (s) => s.mode & 0o7777,
            () => undefined,
          );
      return { path: file, text, ...(mode !== undefined ? { mode } : {}) };
    } catch (error) {
      return { path: file, text: null, error: (error as Error).message };
    }
  };
  if (host.env.NETRC) return read(host.env.NETRC);
  // os.UserHomeDir: no fallback when the variable is empty; go then reads no .netrc at all.
  const home = windows ? host.env.USERPROFILE : host.env.HOME;
  if (!home) return { path: null, text: null, missingHome: windows ? '%userprofile%' : '$HOME' };
  const join = windows ? path.win32.join : path.posix.join;
  if (!windows) return read(join(home, '.netrc'));
  const underscore = await read(join(home, '_netrc'));
  if (!facts.windowsUnderscoreNetrc || underscore.text !== null || underscore.error !== undefined)
    return underscore;
  return read(join(home, '.netrc'));
}

const STAT_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

/** os.Stat of a GOAUTH git directory, with go's error text. */
async function statDir(dir: string, windows: boolean): Promise<GitDirState> {
  try {
    return (await stat(dir)).isDirectory() ? { kind: 'directory' } : { kind: 'not-directory' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // os/stat_windows.go reports CreateFile's error; a missing parent folder would say "path" instead
    // of "file", which Node's ENOENT does not tell apart (not checked against a Windows go).
    if (windows) {
      const text = code === 'ENOENT' ? 'The system cannot find the file specified.' : code;
      return { kind: 'error', message: `CreateFile ${dir}: ${text}` };
    }
    return { kind: 'error', message: `stat ${dir}: ${STAT_ERRORS[code] ?? (error as Error).message}` };
  }
}

/**
 * The first path elements of the GOPRIVATE and GONOPROXY patterns, as go splits them (at `,`, no
 * trimming, one trailing `/` dropped, empty ones skipped): the hosts go fetches from directly.
 */
export function privateHostPatterns(...lists: string[]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    for (const raw of list.split(',')) {
      const glob = raw.endsWith('/') ? raw.slice(0, -1) : raw;
      const first = glob.split('/')[0]!;
      if (first !== '' && !out.includes(first)) out.push(first);
    }
  }
  return out;
}

const GLOB = /[*?[\\]/;
/** A file go requests under a mirror, and the page it asks a module host for (lookups start from the whole URL). */
const MIRROR_FILE = '/example.com/m/@v/list';
const GO_GET = '/?go-get=1';

/** The report, from what was read. Pure. */
export function buildAuthReport(inputs: AuthInputs): AuthReport {
  const { facts, netrc } = inputs;
  const warnings: AuthWarning[] = [];
  const isAbs = (p: string) => goIsAbs(inputs.windows ? 'windows' : 'posix', p);
  const goauth = parseGoAuth(inputs.goauth, facts, { isAbs, gitDirs: inputs.gitDirs });
  if (!goauth.ok) warnings.push({ code: 'goauth-error', values: { message: goauth.error } });
  const commands = goauth.ok ? goauth.value : [];

  const scan = scanNetrc(netrc.text ?? '');
  const file = netrc.path ?? '';
  if (netrc.missingHome) warnings.push({ code: 'netrc-no-home', values: { variable: netrc.missingHome } });
  if (netrc.error !== undefined) {
    warnings.push({ code: 'netrc-unreadable', values: { file, message: netrc.error } });
  }
  if (netrc.mode !== undefined && (netrc.mode & 0o077) !== 0) {
    warnings.push({ code: 'netrc-permissions', values: { file, mode: octal(netrc.mode) } });
  }
  if (scan.stoppedAt !== null) {
    warnings.push({ code: 'netrc-default-stops', values: { file, line: scan.stoppedAt } });
  } else if (scan.defaultLine !== null) {
    warnings.push({ code: 'netrc-default-ignored', values: { file, line: scan.defaultLine } });
  }

  const goproxy = parseGoProxy(inputs.goproxy, { windows: inputs.windows });
  if (!goproxy.ok) warnings.push({ code: 'goproxy-error', values: { message: goproxy.error } });
  const context: Context = { facts, commands, goauthOk: goauth.ok, scan, file };
  const mirrors = (goproxy.ok ? goproxy.value : []).flatMap((entry) =>
    entry.url !== undefined && /^https?:\/\//i.test(entry.url)
      ? [evaluate(context, entry.url, MIRROR_FILE)]
      : [],
  );

  const hosts: CredentialReport[] = [];
  const seen = new Set<string>();
  for (const pattern of inputs.hosts) {
    if (!GLOB.test(pattern)) {
      if (seen.has(pattern)) continue;
      seen.add(pattern);
      hosts.push(evaluate(context, `https://${pattern}`, GO_GET, pattern));
      continue;
    }
    // A glob: go asks for each matching host by its own name; the .netrc machines show which ones exist.
    const machines = scan.lines
      .map((l) => l.machine.replace(/^https:\/\//, '').split('/')[0]!)
      .filter((m) => pathMatch(pattern, hostname(m)).matched && !seen.has(m));
    for (const m of new Set(machines)) {
      seen.add(m);
      hosts.push(evaluate(context, `https://${m}`, GO_GET, pattern));
    }
    if (machines.length === 0) hosts.push({ host: pattern, pattern, source: 'none', warnings: [] });
  }

  return {
    go: inputs.go,
    goauth: {
      value: inputs.goauth,
      supported: facts.goauth,
      commands,
      ...(goauth.ok ? {} : { error: goauth.error }),
    },
    netrc: {
      path: netrc.path,
      exists: netrc.text !== null || netrc.error !== undefined,
      ...(netrc.mode !== undefined ? { mode: octal(netrc.mode) } : {}),
      entries: scan.lines.length,
      ...(netrc.error !== undefined ? { error: netrc.error } : {}),
    },
    goproxy: { value: redactProxyList(inputs.goproxy), ...(goproxy.ok ? {} : { error: goproxy.error }) },
    mirrors,
    hosts,
    warnings,
  };
}

interface Context {
  facts: AuthFacts;
  commands: GoAuthCommand[];
  goauthOk: boolean;
  scan: NetrcScan;
  file: string;
}

/** Where the credentials for one base URL come from; `below` is the part of a request URL after it. */
function evaluate(ctx: Context, url: string, below: string, pattern?: string): CredentialReport {
  const { facts, commands, scan, file } = ctx;
  const parsed = parseUrl(toBytes(url));
  const u = parsed.ok ? parsed.value : null;
  const redacted = u ? fromBytes(urlRedacted(u)) : url;
  const host = netrcMachineFor(url, facts) ?? url;
  const report: CredentialReport = {
    url: redacted,
    host,
    ...(pattern !== undefined ? { pattern } : {}),
    source: 'none',
    warnings: [],
  };
  if (!u || !ctx.goauthOk) return report;
  const warn = (code: AuthWarningCode, values: Record<string, string | number> = {}): void => {
    report.warnings.push({ code, values });
  };
  const https = u.scheme === 'https';
  const user = u.user ? fromBytes(u.user.username) : null;
  const readsNetrc = goAuthReadsNetrc(commands);
  const askers = commands.filter((c) => c.kind === 'command' || c.kind === 'git');
  const request = (base: string): string => withoutTrailingSlashes(base) + below;
  const requestUrl = request(url);
  // The same request over https and without user info: what .netrc would give if those were not in the way.
  const bare = request(fromBytes(urlString({ ...u, user: null, scheme: 'https' })));
  const wouldMatch = credentialFor(scan.lines, bare, facts);
  const netrcFields = (m: { login: string; line: number }) => ({ login: m.login, line: m.line, file });

  if (!https) {
    if (user !== null) {
      Object.assign(report, { source: 'url', login: user });
      warn('url-credentials-cleartext');
    }
    if ((readsNetrc && wouldMatch) || askers.length > 0) {
      warn('http-no-credentials', wouldMatch && readsNetrc ? { line: wouldMatch.line, file } : {});
    }
    return report;
  }

  const match = readsNetrc ? credentialFor(scan.lines, requestUrl, facts) : null;
  if (match) {
    const firstAsker = commands.findIndex((c) => c.kind === 'command' || c.kind === 'git');
    const netrcFirst = firstAsker < 0 || commands.findIndex((c) => c.kind === 'netrc') < firstAsker;
    Object.assign(report, netrcFirst ? { source: 'netrc' } : goauthSource(askers), netrcFields(match));
    if (askers.length > 0) warn('goauth-may-override', { commands: askers.map((c) => c.text).join('; ') });
    if (user !== null) warn('url-overridden-by-netrc', { line: match.line, file, user });
    return report;
  }
  if (user !== null) {
    Object.assign(report, { source: 'url', login: user });
    if (readsNetrc && wouldMatch) warn('netrc-shadowed-by-url', { line: wouldMatch.line, file });
    return report;
  }
  if (askers.length > 0) Object.assign(report, goauthSource(askers));

  if (!readsNetrc) {
    if (wouldMatch) {
      const off = commands[0]?.kind === 'off';
      warn(off ? 'goauth-off-netrc' : 'netrc-not-in-goauth', { line: wouldMatch.line, file });
    }
    return report;
  }
  const name = hostname(fromBytes(u.host));
  const related = netrcEntriesForHost(scan.lines, name).filter((e) => e.machine !== host);
  const first = related[0];
  if (first) {
    warn(facts.netrcHostPort ? 'netrc-port-missing' : 'netrc-port-ignored', {
      expected: host,
      machine: first.machine,
      line: first.line,
      file,
    });
  }
  for (const stanza of scan.incomplete) {
    if (stanza.machine !== host) continue;
    warn('netrc-incomplete', {
      machine: stanza.machine,
      line: stanza.line,
      file,
      missing: stanza.missing.join(', '),
    });
  }
  return report;
}

function goauthSource(askers: GoAuthCommand[]): Pick<CredentialReport, 'source' | 'method' | 'commands'> {
  return {
    source: 'goauth',
    method: askers[0]?.kind === 'git' ? 'goauth-git' : 'goauth-command',
    commands: askers.map((c) => c.text),
  };
}

/** A GOPROXY value with the password of every `scheme://user:password@` entry as `xxxxx`, as go prints URLs. */
export function redactProxyList(value: string): string {
  return maskPasswords(value, { stops: ',|' });
}

const octal = (mode: number): string => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

export type AuthExplanationCode =
  | 'goauth-error'
  | 'http'
  | 'http-url'
  | 'netrc-rejected'
  | 'netrc-forbidden'
  | 'netrc-over-url'
  | 'url-rejected'
  | 'url-forbidden'
  | 'goauth-command'
  | 'goauth-off'
  | 'netrc-not-in-goauth'
  | 'port-missing'
  | 'port-ignored'
  | 'incomplete'
  | 'netrc-unreadable'
  | 'no-credentials'
  | 'not-in-report';

/** One sentence: i18n key auth.explain.<code> with these values. */
export interface AuthExplanation {
  code: AuthExplanationCode;
  values: Record<string, string | number>;
}

/** "go 1.25" for go1.25.3; "go" when the version is unknown. */
export function goLabel(version: string | undefined): string {
  const m = /^go(\d+\.\d+)/.exec(version ?? '');
  return m ? `go ${m[1]}` : 'go';
}

/**
 * Why a mirror or private host answered 401 or 403 to go, by the rules of the go in the report: which
 * credentials go sent, or why it sent none.
 */
export function explainAuthFailure(status: 401 | 403, url: string, report: AuthReport): AuthExplanation {
  const go = goLabel(report.go?.version);
  const file = report.netrc.path ?? '~/.netrc';
  if (report.goauth.error !== undefined) {
    return { code: 'goauth-error', values: { message: report.goauth.error } };
  }
  const entry = findEntry(url, report);
  if (!entry) return { code: 'not-in-report', values: { url } };
  const target = entry.url ?? entry.host;
  const has = (code: AuthWarningCode) => entry.warnings.find((w) => w.code === code);
  const refused = status === 401 ? 'rejected' : 'forbidden';
  if (target.toLowerCase().startsWith('http:')) {
    return entry.source === 'url'
      ? { code: 'http-url', values: { status, login: entry.login ?? '' } }
      : { code: 'http', values: { go, url: target } };
  }
  switch (entry.source) {
    case 'netrc': {
      const values = { status, login: entry.login ?? '', line: entry.line ?? 0, file };
      if (has('url-overridden-by-netrc')) return { code: 'netrc-over-url', values: { ...values, go } };
      return { code: `netrc-${refused}`, values };
    }
    case 'url':
      return { code: `url-${refused}`, values: { status, login: entry.login ?? '' } };
    case 'goauth':
      return { code: 'goauth-command', values: { status, command: entry.commands?.[0] ?? '', url: target } };
    case 'none':
      break;
  }
  const warning =
    has('goauth-off-netrc') ??
    has('netrc-not-in-goauth') ??
    has('netrc-port-missing') ??
    has('netrc-port-ignored') ??
    has('netrc-incomplete');
  const common = { go, status, file, expected: entry.host, goauth: report.goauth.value };
  if (warning) {
    const code = {
      'goauth-off-netrc': 'goauth-off',
      'netrc-not-in-goauth': 'netrc-not-in-goauth',
      'netrc-port-missing': 'port-missing',
      'netrc-port-ignored': 'port-ignored',
    }[warning.code as string] as AuthExplanationCode | undefined;
    return { code: code ?? 'incomplete', values: { ...common, ...warning.values } };
  }
  if (report.netrc.error !== undefined) {
    return { code: 'netrc-unreadable', values: { ...common, message: report.netrc.error } };
  }
  return { code: 'no-credentials', values: common };
}

/** The mirror the URL is under (its base URL or a file below it), else the private host it names. */
function findEntry(url: string, report: AuthReport): CredentialReport | undefined {
  const parsed = parseUrl(toBytes(url));
  const redacted = parsed.ok ? fromBytes(urlRedacted(parsed.value)) : url;
  const under = (base: string) =>
    redacted === base || redacted.startsWith(`${withoutTrailingSlashes(base)}/`);
  const mirror = report.mirrors.find((m) => m.url !== undefined && under(m.url));
  if (mirror) return mirror;
  if (!parsed.ok) return undefined;
  const host = fromBytes(parsed.value.host);
  return report.hosts.find((h) => h.url !== undefined && (under(h.url) || h.host === host));
}

/**
 * For a live walk: each mirror that answered 401 or 403, explained by the installed go's credential
 * rules (what it sent from where, or why it sent nothing). Reads .netrc only when there is such an answer.
 */
export async function authHints(
  host: AuthHost,
  env: GoEnvReport,
  /** The GOPROXY the walk used (with any overrides). */
  goproxy: string,
  steps: readonly { kind: string; url?: string }[],
  attempts: readonly { index: number; status?: number }[],
): Promise<Array<AuthExplanation & { index: number; status: number }>> {
  const refused = attempts.filter(
    (a): a is { index: number; status: 401 | 403 } =>
      (a.status === 401 || a.status === 403) && steps[a.index]?.url !== undefined,
  );
  if (refused.length === 0) return [];
  const value = (name: string): string => env.vars[name]?.value ?? '';
  const report = await readAuthReport(host, {
    go: env.go,
    facts: goFacts(env.go?.version),
    goproxy,
    goauth: value('GOAUTH'),
    hosts: privateHostPatterns(value('GOPRIVATE'), value('GONOPROXY')),
  });
  const seen = new Set<number>();
  return refused.flatMap((a) => {
    if (seen.has(a.index)) return [];
    seen.add(a.index);
    // The explanation may quote the URL: never with its password.
    const url = redactProxyList(steps[a.index]!.url!);
    return [{ index: a.index, status: a.status, ...explainAuthFailure(a.status, url, report) }];
  });
}
