import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { CHECKSUM_DATABASES, MIRRORS } from '../../../shared/mirrors';
import type { Host } from '../host';
import { parseNginxConfig, parseNginxTime, type NginxDirective } from './nginx-config';

/**
 * What the nginx configurations given with `doctor --nginx` do to go's requests, read once so that
 * the rules (rules-nginx.ts) are pure. Every `location` that proxies is described with the values
 * nginx really uses there: inherited from http → server → location (→ nested location / if), or
 * nginx's defaults where nothing is set. With `live`, each such location is asked one request through
 * the running nginx, to see whether its upstream answers at all (502/504).
 */

export interface NginxWhere {
  file: string;
  /** 1-based line of the directive's first word. */
  line: number;
}

/** A directive's value as nginx uses it at one place. */
export interface NginxValue {
  /** The arguments as written, joined by one space; nginx's default value when `at` is null. */
  value: string;
  /** The directive in force (possibly inherited from an outer level); null when nginx's default applies. */
  at: NginxWhere | null;
}

export interface NginxTimeout extends NginxValue {
  /** In seconds; null when nginx would reject the value. */
  seconds: number | null;
}

export interface NginxHeader {
  name: string;
  value: string;
  at: NginxWhere;
}

export type NginxScope = 'internal' | 'external' | 'unknown';

export interface NginxUpstreamServer {
  /** As written: `10.0.0.5:3000`, `athens`, `unix:/run/athens.sock`. */
  address: string;
  /** The host name or IP; null for a unix socket. */
  host: string | null;
  /** Null for a unix socket (nginx's default port 80 is filled in otherwise). */
  port: number | null;
  /** Where it is written: an upstream's `server` line, or the proxy_pass that names it directly. */
  at: NginxWhere;
  backup: boolean;
  down: boolean;
  /** max_fails (nginx's default 1; 0 = never marked failed). */
  maxFails: number;
  /** Addresses the name resolved to (live runs only); null when not looked up. */
  resolved: string[] | null;
  scope: NginxScope;
}

export interface NginxUpstream {
  name: string;
  at: NginxWhere;
  servers: NginxUpstreamServer[];
}

export interface NginxTarget {
  scheme: 'http' | 'https' | null;
  /** The host part of proxy_pass (an upstream's name, a host name or an IP); null for unix sockets and variables. */
  host: string | null;
  /** True when proxy_pass contains variables: nginx decides the upstream per request. */
  dynamic: boolean;
  /** The upstream block proxy_pass names, or null when it names a server directly. */
  upstream: string | null;
  /** The servers requests can go to: the upstream's, or the one proxy_pass names. Empty when dynamic. */
  servers: NginxUpstreamServer[];
  /** external when any server is on a public address; internal when all are private; else unknown. */
  scope: NginxScope;
}

export interface NginxListen {
  /** As written (`127.0.0.1:8080`, `[::]:443`, `80`); nginx's default `*:80` when `at` is null. */
  address: string;
  /** The address to listen on; null for every address. */
  host: string | null;
  /** Null for unix sockets. */
  port: number | null;
  ssl: boolean;
  at: NginxWhere | null;
}

export interface NginxServer {
  /** The file given with --nginx that this server was read from (directly or through includes). */
  root: string;
  at: NginxWhere;
  /** server_name values as written. */
  names: string[];
  listens: NginxListen[];
  serverTokens: NginxValue;
}

export interface NginxLocation {
  /** Index into NginxFacts.servers. */
  server: number;
  /** `location` arguments (`/`, `= /x`, `~ \.zip$`, `@fallback`), or `if (...)` for an if block. */
  match: string;
  /** A request path that reaches it (prefix and exact locations); null for regex and named ones. */
  path: string | null;
  at: NginxWhere;
  proxyPass: NginxValue & { at: NginxWhere };
  target: NginxTarget;
  timeouts: { connect: NginxTimeout; read: NginxTimeout; send: NginxTimeout };
  /** The proxy_set_header list nginx uses here (from the innermost level that has any). */
  headers: NginxHeader[];
  /** proxy_set_header lines of an outer level that do not apply here, because this level has its own list. */
  droppedHeaders: NginxHeader[];
  passRequestHeaders: NginxValue;
  nextUpstream: NginxValue;
  nextUpstreamTries: NginxValue;
  sslServerName: NginxValue;
  sslName: NginxValue;
  /** auth_basic (not off) or auth_request in force here: clients send credentials to this nginx. */
  auth: { directive: 'auth_basic' | 'auth_request'; value: string; at: NginxWhere } | null;
}

export type NginxProblemKind =
  'missing' | 'unreadable' | 'syntax' | 'too-large' | 'too-many-files' | 'include-cycle' | 'include-depth';

export interface NginxProblem {
  kind: NginxProblemKind;
  file: string;
  /** The line of the error, or of the include that failed; null when the whole file is concerned. */
  line: number | null;
  /** What nginx would say, or what went wrong reading it. */
  message: string;
}

export interface NginxProbe {
  /** Index into NginxFacts.locations. */
  location: number;
  url: string;
  /** The Host header sent (the server's name, so that nginx picks this server block). */
  hostHeader: string;
  status: number | null;
  /** The Server header of the answer. */
  serverHeader: string | null;
  /** Why no answer came (refused, timed out...); null when one came. */
  error: string | null;
}

export interface NginxFacts {
  /** The files given, as given. */
  roots: string[];
  /** Every file read, includes too. */
  files: string[];
  problems: NginxProblem[];
  servers: NginxServer[];
  upstreams: NginxUpstream[];
  /** Every location (or if block) with proxy_pass. */
  locations: NginxLocation[];
  /** What the live requests saw; null when not live. */
  probes: NginxProbe[] | null;
}

export interface GatherNginxOptions {
  live: boolean;
  /** Per live request and per name lookup; default 5 s. */
  timeoutMs?: number;
  /**
   * The folder relative includes are taken from (nginx's conf prefix: the main nginx.conf's folder).
   * Default: the nearest folder holding nginx.conf at or above the given file's, else the file's own.
   */
  prefix?: string;
}

// Limits that keep a hostile or mistaken path (a log file, /dev/zero, a glob over /) harmless.
export const NGINX_LIMITS = {
  fileBytes: 1024 * 1024,
  totalBytes: 8 * 1024 * 1024,
  files: 256,
  includeDepth: 16,
  probes: 32,
  lookups: 32,
};

/** nginx's defaults for what the rules look at (ngx_http_proxy_module, ngx_http_core_module). */
export const NGINX_DEFAULTS = {
  proxyConnectTimeout: '60s',
  proxyReadTimeout: '60s',
  proxySendTimeout: '60s',
  serverTokens: 'on',
  proxyPassRequestHeaders: 'on',
  proxyNextUpstream: 'error timeout',
  proxyNextUpstreamTries: '0',
  proxySslServerName: 'off',
  proxySslName: '$proxy_host',
};

export async function gatherNginx(
  host: Host,
  files: string[],
  options: GatherNginxOptions,
): Promise<NginxFacts> {
  const loader = new Loader(host);
  const facts: NginxFacts = {
    roots: [...files],
    files: [],
    problems: loader.problems,
    servers: [],
    upstreams: [],
    locations: [],
    probes: null,
  };
  const done = new Set<string>();
  for (const file of files) {
    const resolved = path.resolve(file);
    // A file already read (given twice, or included by an earlier one) would only repeat findings.
    if (done.has(resolved) || loader.read.has(resolved)) continue;
    done.add(resolved);
    const prefix = options.prefix ? path.resolve(options.prefix) : await findPrefix(host, resolved);
    const directives = await loader.load(resolved, prefix, [], null);
    if (directives !== null) analyse(directives, file, facts);
  }
  facts.files = [...loader.read];
  if (options.live) {
    const timeoutMs = options.timeoutMs ?? 5_000;
    await resolveNames(host, facts, timeoutMs);
    facts.probes = await probeLocations(facts, timeoutMs);
  }
  return facts;
}

// --- Reading: files, includes, limits ------------------------------------------------------------------

class Loader {
  readonly problems: NginxProblem[] = [];
  /** Every file read, in order. */
  readonly read = new Set<string>();
  private readonly parsed = new Map<string, NginxDirective[] | null>();
  private totalBytes = 0;
  private tooMany = false;

  constructor(private readonly host: Host) {}

  /**
   * The file's directives with every include replaced by the included files' directives. `stack` is
   * the chain of files including this one: nginx itself would recurse until it runs out of files.
   */
  async load(
    file: string,
    prefix: string,
    stack: string[],
    from: NginxWhere | null,
  ): Promise<NginxDirective[] | null> {
    if (stack.includes(file)) {
      this.problem('include-cycle', from, `${file} includes itself through ${[...stack, file].join(' → ')}`);
      return null;
    }
    if (stack.length >= NGINX_LIMITS.includeDepth) {
      this.problem('include-depth', from, `includes nested more than ${NGINX_LIMITS.includeDepth} deep`);
      return null;
    }
    const directives = await this.parse(file, from);
    if (directives === null) return null;
    return this.expand(directives, prefix, [...stack, file]);
  }

  private async parse(file: string, from: NginxWhere | null): Promise<NginxDirective[] | null> {
    // One file included from several places (a snippet in each location) is read once.
    if (this.parsed.has(file)) return this.parsed.get(file)!;
    if (!this.read.has(file) && this.read.size >= NGINX_LIMITS.files) {
      if (!this.tooMany) {
        this.tooMany = true;
        this.problem(
          'too-many-files',
          from,
          `more than ${NGINX_LIMITS.files} files; ${file} and later ones not read`,
        );
      }
      return null;
    }
    this.read.add(file);
    // Looked at before reading: a log file, /dev/zero or a FIFO named by mistake (or by a glob) must
    // not be read whole or block. A host without the file on disk (a test double) skips this.
    const info = await stat(file).catch(() => null);
    if (info !== null && (!info.isFile() || info.size > NGINX_LIMITS.fileBytes)) {
      this.parsed.set(file, null);
      this.problems.push(
        info.isFile()
          ? { kind: 'too-large', file, line: null, message: tooLarge(info.size) }
          : {
              kind: 'unreadable',
              file,
              line: null,
              message: 'not a regular file (a directory, device or pipe)',
            },
      );
      return null;
    }
    let text: string | null;
    try {
      text = await this.host.readText(file);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      this.parsed.set(file, null);
      this.problems.push({
        kind: 'unreadable',
        file,
        line: null,
        message: `${e.code ?? 'error'}: ${e.message}`,
      });
      return null;
    }
    if (text === null) {
      this.parsed.set(file, null);
      this.problems.push({
        kind: 'missing',
        file,
        line: null,
        message: from ? `included from ${from.file}:${from.line}, but it does not exist` : 'no such file',
      });
      return null;
    }
    this.totalBytes += text.length;
    if (text.length > NGINX_LIMITS.fileBytes || this.totalBytes > NGINX_LIMITS.totalBytes) {
      this.parsed.set(file, null);
      this.problems.push({
        kind: 'too-large',
        file,
        line: null,
        message: tooLarge(text.length),
      });
      return null;
    }
    const result = parseNginxConfig(text, file);
    if (!result.ok) {
      // nginx refuses the whole configuration; half of a file would give misleading findings.
      this.parsed.set(file, null);
      this.problems.push({ kind: 'syntax', file, line: result.line, message: result.message });
      return null;
    }
    this.parsed.set(file, result.directives);
    return result.directives;
  }

  private async expand(
    directives: NginxDirective[],
    prefix: string,
    stack: string[],
  ): Promise<NginxDirective[]> {
    const out: NginxDirective[] = [];
    for (const d of directives) {
      if (d.name === 'include' && d.block === null) {
        const at = { file: d.file, line: d.line };
        if (d.args.length !== 1) {
          this.problem('syntax', at, `invalid number of arguments in "include" directive`);
          continue;
        }
        for (const file of await this.includeFiles(d.args[0]!, prefix, at)) {
          const included = await this.load(file, prefix, stack, at);
          if (included !== null) out.push(...included);
        }
        continue;
      }
      out.push(d.block === null ? d : { ...d, block: await this.expand(d.block, prefix, stack) });
    }
    return out;
  }

  /**
   * The files an include names, sorted as glob(3) sorts them. nginx takes a relative pattern from the
   * conf prefix (the main nginx.conf's folder); a fragment given alone may instead name files beside
   * itself, so the including file's folder is the second place looked in.
   */
  private async includeFiles(pattern: string, prefix: string, at: NginxWhere): Promise<string[]> {
    const wildcard = /[*?[]/.test(pattern);
    const bases = path.isAbsolute(pattern) ? [''] : [...new Set([prefix, path.dirname(at.file)])];
    for (const base of bases) {
      const full = base === '' ? pattern : path.join(base, pattern);
      const found = wildcard ? await this.glob(full) : (await this.exists(full)) ? [full] : [];
      if (found.length > 0) return found;
    }
    // nginx: a pattern with wildcards may match nothing; a plain name must exist.
    if (!wildcard) {
      this.problem('missing', at, `include ${pattern}: ${path.join(bases[0] || '', pattern)} does not exist`);
    }
    return [];
  }

  private async exists(file: string): Promise<boolean> {
    const names = await this.host.listDir(path.dirname(file)).catch(() => null);
    return names !== null && names.includes(path.basename(file));
  }

  private async glob(pattern: string): Promise<string[]> {
    const { root } = path.parse(pattern);
    let current = [root];
    for (const segment of pattern
      .slice(root.length)
      .split(path.sep)
      .filter((s) => s !== '')) {
      if (!/[*?[]/.test(segment)) {
        current = current.map((dir) => path.join(dir, segment));
        continue;
      }
      const matcher = globSegment(segment);
      const next: string[] = [];
      for (const dir of current) {
        const names = await this.host.listDir(dir).catch(() => null);
        for (const name of (names ?? []).filter((n) => matcher.test(n)).sort())
          next.push(path.join(dir, name));
      }
      current = next;
    }
    // Names listed by the last step exist; a literal last segment (`*/nginx.conf`) still has to.
    if (/[*?[]/.test(path.basename(pattern))) return current;
    const existing: string[] = [];
    for (const file of current) if (await this.exists(file)) existing.push(file);
    return existing;
  }

  private problem(kind: NginxProblemKind, at: NginxWhere | null, message: string): void {
    this.problems.push({ kind, file: at?.file ?? '', line: at?.line ?? null, message });
  }
}

function tooLarge(bytes: number): string {
  return `${bytes} bytes: over the limit of ${NGINX_LIMITS.fileBytes} bytes per file (${NGINX_LIMITS.totalBytes} in all)`;
}

/** One path segment of a glob(3) pattern as a RegExp; like glob, `*` and `?` do not match a leading dot. */
function globSegment(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        const body = segment.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        source += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`;
        i = end;
      }
    } else source += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${segment.startsWith('.') ? '' : '(?!\\.)'}${source}$`);
}

/** nginx's conf prefix for a file given alone: the nearest folder at or above it holding nginx.conf. */
async function findPrefix(host: Host, file: string): Promise<string> {
  let dir = path.dirname(file);
  for (let i = 0; i < 3; i++) {
    const names = await host.listDir(dir).catch(() => null);
    if (names?.includes('nginx.conf')) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.dirname(file);
}

// --- Meaning: http → server → location, with nginx's inheritance -------------------------------------

interface Level {
  kind: 'http' | 'server' | 'location';
  directives: NginxDirective[];
  parent: Level | null;
}

function where(d: NginxDirective): NginxWhere {
  return { file: d.file, line: d.line };
}

/** A directive of the merge-by-value kind: the innermost level that sets it wins, its last occurrence. */
function single(level: Level, names: readonly string[], fallback: string): NginxValue {
  for (let l: Level | null = level; l !== null; l = l.parent) {
    const found = l.directives.filter((d) => names.includes(d.name) && d.block === null).at(-1);
    if (found) return { value: found.args.join(' '), at: where(found) };
  }
  return { value: fallback, at: null };
}

/** proxy_set_header is an array directive: a level inherits its parent's list only when it has none. */
function headerList(level: Level | null): NginxHeader[] {
  for (let l = level; l !== null; l = l.parent) {
    const own = l.directives.filter((d) => d.name === 'proxy_set_header' && d.block === null);
    if (own.length > 0) {
      return own.map((d) => ({ name: d.args[0] ?? '', value: d.args[1] ?? '', at: where(d) }));
    }
  }
  return [];
}

function timeout(level: Level, name: string, fallback: string): NginxTimeout {
  const v = single(level, [name], fallback);
  return { ...v, seconds: parseNginxTime(v.value) };
}

function analyse(root: NginxDirective[], rootFile: string, facts: NginxFacts): void {
  const httpBlocks = root.filter((d) => d.name === 'http' && d.block !== null);
  // A fragment (sites-enabled/x.conf, conf.d/x.conf) is what an http block includes.
  const blocks = httpBlocks.length > 0 ? httpBlocks.map((d) => d.block!) : [root];
  for (const directives of blocks) {
    const httpLevel: Level = { kind: 'http', directives, parent: null };
    const upstreams = new Map<string, NginxUpstream>();
    for (const d of directives) {
      if (d.name !== 'upstream' || d.block === null || d.args.length === 0) continue;
      const upstream = parseUpstream(d);
      upstreams.set(upstream.name.toLowerCase(), upstream);
      facts.upstreams.push(upstream);
    }
    for (const d of directives) {
      if (d.name === 'server' && d.block !== null) analyseServer(d, httpLevel, upstreams, rootFile, facts);
    }
  }
}

function analyseServer(
  d: NginxDirective,
  http: Level,
  upstreams: Map<string, NginxUpstream>,
  rootFile: string,
  facts: NginxFacts,
): void {
  const level: Level = { kind: 'server', directives: d.block!, parent: http };
  const sslOn = single(level, ['ssl'], 'off').value === 'on';
  const listens = d
    .block!.filter((x) => x.name === 'listen' && x.block === null)
    .map((x) => parseListen(x, sslOn));
  const index = facts.servers.length;
  facts.servers.push({
    root: rootFile,
    at: where(d),
    names: d.block!.filter((x) => x.name === 'server_name').flatMap((x) => x.args),
    listens: listens.length > 0 ? listens : [{ address: '*:80', host: null, port: 80, ssl: false, at: null }],
    serverTokens: single(level, ['server_tokens'], NGINX_DEFAULTS.serverTokens),
  });
  const visit = (
    parent: Level,
    children: NginxDirective[],
    parentPath: string | null,
    parentMatch: string,
  ): void => {
    for (const c of children) {
      if (c.block === null) continue;
      const nested = c.name === 'location' || (c.name === 'if' && parent.kind === 'location');
      if (!nested && c.name !== 'limit_except') continue;
      const inner: Level = { kind: 'location', directives: c.block, parent };
      const own = c.name === 'location' ? locationPath(c.args) : parentPath;
      const pass = c.block.filter((x) => x.name === 'proxy_pass' && x.block === null).at(-1);
      // An if or limit_except block is named after the location it sits in.
      const match =
        c.name === 'location' ? c.args.join(' ') : `${parentMatch} ${c.name} ${c.args.join(' ')}`.trim();
      if (pass) facts.locations.push(describe(index, match, own, c, pass, inner, upstreams));
      visit(inner, c.block, own, match);
    }
  };
  visit(level, d.block!, null, '');
}

function describe(
  server: number,
  match: string,
  requestPath: string | null,
  block: NginxDirective,
  pass: NginxDirective,
  level: Level,
  upstreams: Map<string, NginxUpstream>,
): NginxLocation {
  const headers = headerList(level);
  // What an outer level sets but this one does not get: only the parent's list can be hidden.
  const outer = level.directives.some((d) => d.name === 'proxy_set_header') ? headerList(level.parent) : [];
  const names = new Set(headers.map((h) => h.name.toLowerCase()));
  const auth = (['auth_request', 'auth_basic'] as const)
    .map((directive) => ({ directive, ...single(level, [directive], 'off') }))
    .find((a): a is typeof a & { at: NginxWhere } => a.at !== null && a.value !== 'off');
  return {
    server,
    match,
    path: requestPath,
    at: where(block),
    proxyPass: { value: pass.args.join(' '), at: where(pass) },
    target: parseTarget(pass, upstreams),
    timeouts: {
      connect: timeout(level, 'proxy_connect_timeout', NGINX_DEFAULTS.proxyConnectTimeout),
      read: timeout(level, 'proxy_read_timeout', NGINX_DEFAULTS.proxyReadTimeout),
      send: timeout(level, 'proxy_send_timeout', NGINX_DEFAULTS.proxySendTimeout),
    },
    headers,
    droppedHeaders: outer.filter((h) => !names.has(h.name.toLowerCase())),
    passRequestHeaders: single(level, ['proxy_pass_request_headers'], NGINX_DEFAULTS.proxyPassRequestHeaders),
    nextUpstream: single(level, ['proxy_next_upstream'], NGINX_DEFAULTS.proxyNextUpstream),
    nextUpstreamTries: single(level, ['proxy_next_upstream_tries'], NGINX_DEFAULTS.proxyNextUpstreamTries),
    sslServerName: single(level, ['proxy_ssl_server_name'], NGINX_DEFAULTS.proxySslServerName),
    sslName: single(level, ['proxy_ssl_name'], NGINX_DEFAULTS.proxySslName),
    auth: auth ?? null,
  };
}

/** The request path that reaches a prefix or exact location; regex and named locations have none. */
function locationPath(args: string[]): string | null {
  if (args.length === 1) return args[0]!.startsWith('@') ? null : args[0]!;
  if (args.length === 2 && (args[0] === '=' || args[0] === '^~')) return args[1]!;
  return null;
}

function parseListen(d: NginxDirective, sslOn: boolean): NginxListen {
  const address = d.args[0] ?? '';
  const ssl = sslOn || d.args.slice(1).includes('ssl');
  const base = { address, ssl, at: where(d) };
  if (address.startsWith('unix:')) return { ...base, host: null, port: null };
  if (/^\d+$/.test(address)) return { ...base, host: null, port: Number(address) };
  const { host, port } = splitHostPort(address, 80);
  return { ...base, host: host === '*' || host === '0.0.0.0' ? null : host, port };
}

/** `host:port`, `[v6]:port`, `host` (default port) as nginx's ngx_parse_url reads them. */
function splitHostPort(hostport: string, defaultPort: number): { host: string; port: number | null } {
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(hostport);
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : defaultPort };
  const colon = hostport.lastIndexOf(':');
  if (colon !== -1 && /^\d+$/.test(hostport.slice(colon + 1))) {
    return { host: hostport.slice(0, colon), port: Number(hostport.slice(colon + 1)) };
  }
  return { host: hostport, port: defaultPort };
}

function parseUpstream(d: NginxDirective): NginxUpstream {
  const servers: NginxUpstreamServer[] = [];
  for (const s of d.block!) {
    if (s.name !== 'server' || s.block !== null || s.args.length === 0) continue;
    const address = s.args[0]!;
    const flags = s.args.slice(1);
    const maxFails = flags.find((f) => f.startsWith('max_fails='));
    servers.push({
      ...serverAddress(address, 80),
      address,
      at: where(s),
      backup: flags.includes('backup'),
      down: flags.includes('down'),
      maxFails: maxFails ? Number(maxFails.slice('max_fails='.length)) : 1,
      resolved: null,
    });
  }
  return { name: d.args[0]!, at: where(d), servers };
}

function serverAddress(
  address: string,
  defaultPort: number,
): Pick<NginxUpstreamServer, 'host' | 'port' | 'scope'> {
  if (address.startsWith('unix:')) return { host: null, port: null, scope: 'internal' };
  const { host, port } = splitHostPort(address, defaultPort);
  return { host, port, scope: nameScope(host) };
}

function parseTarget(pass: NginxDirective, upstreams: Map<string, NginxUpstream>): NginxTarget {
  const url = pass.args[0] ?? '';
  const scheme = /^https:\/\//i.test(url) ? 'https' : /^http:\/\//i.test(url) ? 'http' : null;
  if (url.includes('$'))
    return { scheme, host: null, dynamic: true, upstream: null, servers: [], scope: 'unknown' };
  const rest = scheme === null ? url : url.slice(scheme.length + 3);
  // `http://unix:/run/athens.sock:/uri`: the socket path ends at the next colon.
  const hostport = rest.startsWith('unix:') ? `unix:${rest.slice(5).split(':')[0]}` : rest.split('/')[0]!;
  const explicitPort = /^\[[^\]]*\]:\d+$|^[^[\]:]+:\d+$/.test(hostport);
  // `proxy_pass http://name` names the upstream block of that name (case-insensitive) when there is one.
  const upstream = explicitPort ? undefined : upstreams.get(hostport.toLowerCase());
  if (upstream) {
    const servers = upstream.servers;
    return {
      scheme,
      host: hostport,
      dynamic: false,
      upstream: upstream.name,
      servers,
      scope: combinedScope(servers),
    };
  }
  const server: NginxUpstreamServer = {
    ...serverAddress(hostport, scheme === 'https' ? 443 : 80),
    address: hostport,
    at: where(pass),
    backup: false,
    down: false,
    maxFails: 1,
    resolved: null,
  };
  return {
    scheme,
    host: server.host,
    dynamic: false,
    upstream: null,
    servers: [server],
    scope: server.scope,
  };
}

function combinedScope(servers: NginxUpstreamServer[]): NginxScope {
  if (servers.some((s) => s.scope === 'external')) return 'external';
  if (servers.length > 0 && servers.every((s) => s.scope === 'internal')) return 'internal';
  return 'unknown';
}

// --- Where an upstream is: a private network or the Internet -----------------------------------------

const PRIVATE = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(prefix, bits, 'ipv6');
}

const INTERNAL_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.lan',
  '.home.arpa',
  '.intranet',
  '.corp',
  '.svc',
];
// Names known to be public Go module mirrors or checksum databases: external without a DNS lookup.
const PUBLIC_NAMES = new Set([
  ...MIRRORS.map((m) => new URL(m.url).hostname),
  ...CHECKSUM_DATABASES.map((c) => new URL(c.url).hostname),
]);

export function addressScope(ip: string): NginxScope {
  const bare = ip.replace(/^::ffff:/i, '');
  const family = net.isIP(bare);
  if (family === 0) return 'unknown';
  return PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6') ? 'internal' : 'external';
}

/**
 * Without a lookup: IPs by their range; single-label names (docker service names, /etc/hosts aliases)
 * and reserved private suffixes are internal; the public mirrors are external; other names are unknown
 * until resolved.
 */
export function nameScope(host: string): NginxScope {
  if (net.isIP(host) !== 0) return addressScope(host);
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || !name.includes('.') || INTERNAL_SUFFIXES.some((s) => name.endsWith(s))) {
    return 'internal';
  }
  return PUBLIC_NAMES.has(name) ? 'external' : 'unknown';
}

async function resolveNames(host: Host, facts: NginxFacts, timeoutMs: number): Promise<void> {
  const servers = [
    ...facts.upstreams.flatMap((u) => u.servers),
    ...facts.locations.flatMap((l) => l.target.servers),
  ];
  const names = [
    ...new Set(servers.map((s) => s.host).filter((h): h is string => h !== null && net.isIP(h) === 0)),
  ];
  const resolved = new Map<string, string[]>();
  await Promise.all(
    names.slice(0, NGINX_LIMITS.lookups).map(async (name) => {
      const addresses = await withTimeout(host.lookup(name), timeoutMs).catch(() => null);
      if (addresses) resolved.set(name, [...new Set(addresses.map((a) => a.address))]);
    }),
  );
  for (const s of servers) {
    const addresses = s.host === null ? undefined : resolved.get(s.host);
    if (addresses === undefined || addresses.length === 0) continue;
    s.resolved = addresses;
    if (s.scope === 'unknown') {
      const scopes = addresses.map(addressScope);
      s.scope = scopes.includes('external')
        ? 'external'
        : scopes.every((x) => x === 'internal')
          ? 'internal'
          : 'unknown';
    }
  }
  for (const l of facts.locations) if (!l.target.dynamic) l.target.scope = combinedScope(l.target.servers);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

// --- Live: one request per proxying location, through the running nginx --------------------------------

/** A cheap request every Go module proxy answers at once, without fetching anything from its origin. */
const PROBE_SUFFIX = 'sumdb/sum.golang.org/supported';

interface ProbeAttempt {
  url: string;
  connect: string;
  port: number;
  ssl: boolean;
}

async function probeLocations(facts: NginxFacts, timeoutMs: number): Promise<NginxProbe[]> {
  const plans: { location: number; requestPath: string; hostHeader: string; attempts: ProbeAttempt[] }[] = [];
  const seen = new Set<string>();
  facts.locations.forEach((loc, index) => {
    if (loc.path === null || plans.length >= NGINX_LIMITS.probes) return;
    const server = facts.servers[loc.server]!;
    const listen = server.listens.find((l) => l.port !== null);
    if (!listen) return;
    const name = server.names.find((n) => n !== '' && n !== '_' && !/[*~]/.test(n)) ?? null;
    const requestPath = loc.path.endsWith('/') ? loc.path + PROBE_SUFFIX : loc.path;
    const address = listen.host ?? (listen.address.startsWith('[') ? '::1' : '127.0.0.1');
    // First the address nginx listens on (this machine for a wildcard), then the server's own name:
    // the configuration may be a copy of a server elsewhere.
    const connects = [address, ...(name !== null && name !== address ? [name] : [])];
    const key = `${connects.join('|')}:${listen.port}${requestPath}`;
    if (seen.has(key)) return;
    seen.add(key);
    plans.push({
      location: index,
      requestPath,
      hostHeader: name ?? (net.isIPv6(address) ? `[${address}]` : address),
      attempts: connects.map((connect) => ({
        connect,
        port: listen.port!,
        ssl: listen.ssl,
        url: `${listen.ssl ? 'https' : 'http'}://${net.isIPv6(connect) ? `[${connect}]` : connect}:${listen.port}${requestPath}`,
      })),
    });
  });
  const probes: NginxProbe[] = [];
  await Promise.all(
    plans.map(async (plan) => {
      for (const attempt of plan.attempts) {
        const result = await request(attempt, plan.requestPath, plan.hostHeader, timeoutMs);
        probes.push({ location: plan.location, url: attempt.url, hostHeader: plan.hostHeader, ...result });
        // Only a failure to reach nginx at all is worth a second address; any answer is the answer.
        if (result.status !== null) break;
      }
    }),
  );
  return probes.sort((a, b) => a.location - b.location);
}

function request(
  target: ProbeAttempt,
  requestPath: string,
  hostHeader: string,
  timeoutMs: number,
): Promise<Pick<NginxProbe, 'status' | 'serverHeader' | 'error'>> {
  return new Promise((resolve) => {
    const options: https.RequestOptions = {
      host: target.connect,
      port: target.port,
      path: requestPath,
      method: 'GET',
      agent: false,
      headers: { Host: hostHeader, 'User-Agent': 'goproxy-desk-doctor', Accept: '*/*' },
      timeout: timeoutMs,
      // Only the status code is read and nothing secret is sent; a private CA or a self-signed
      // certificate on the team's own nginx must not hide a dead upstream behind it.
      ...(target.ssl
        ? { rejectUnauthorized: false, servername: net.isIP(hostHeader) === 0 ? hostHeader : undefined }
        : {}),
    };
    let settled = false;
    const finish = (value: Pick<NginxProbe, 'status' | 'serverHeader' | 'error'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      resolve(value);
    };
    const req = (target.ssl ? https : http).request(options, (res) => {
      const server = res.headers.server;
      finish({
        status: res.statusCode ?? null,
        serverHeader: typeof server === 'string' ? server : null,
        error: null,
      });
      res.destroy();
    });
    // The socket timeout covers silence; this one covers an answer that trickles in forever.
    const overall = setTimeout(() => {
      req.destroy();
      finish({ status: null, serverHeader: null, error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('timeout', () => {
      req.destroy();
      finish({ status: null, serverHeader: null, error: `no answer within ${timeoutMs} ms` });
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish({ status: null, serverHeader: null, error: e.code ?? e.message }),
    );
    req.end();
  });
}
