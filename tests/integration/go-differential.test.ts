import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedVcs,
  checkImportPath,
  checkPath,
  escapePath,
  escapeVersion,
  matchPrefixPatterns,
  parseGoProxy,
  parseGoSumDb,
  parseGoVcs,
  pathMatch,
  unescapePath,
  unescapeVersion,
  type GoResult,
} from '../../shared/go';
import { toBytes } from '../../shared/go/gostrings';
import { formatUrlStruct, parseUrl, urlRedacted, urlString } from '../../shared/go/neturl';
import { startOracle, type Oracle } from '../fixtures/gooracle';
import {
  GOVCS_VALUES,
  goproxyCorpus,
  gosumdbCorpus,
  modpathCorpus,
  patternCorpus,
  PROXY_ENTRIES,
} from '../fixtures/gooracle/corpus';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * Acceptance: shared/go agrees with the real go 1.19 command and the real golang.org/x/mod on
 * generated corpora. Every go run gets a closed loopback port as its HTTP(S) proxy, so whatever go
 * accepts fails fast at its first request, without DNS; the parse errors come first and are what
 * we compare.
 */

const CLOSED_PORT = 'http://127.0.0.1:1';
const GO_PARALLELISM = 4;
const MODULE = 'example.com/m@v1.0.0';

let oracle: Oracle;
let sandbox: Sandbox;
let emptyDir: string;
let fileProxy: string;
let goRuns = 0;
const figures: string[] = [];

beforeAll(async () => {
  [oracle, sandbox] = await Promise.all([startOracle(), createSandbox()]);
  emptyDir = path.join(sandbox.root, 'empty');
  await mkdir(emptyDir);
  // A file:// proxy serving example.com/m's .info and .mod, so that go gets as far as the checksum DB.
  fileProxy = path.join(sandbox.root, 'file-proxy');
  const versions = path.join(fileProxy, 'example.com', 'm', '@v');
  await mkdir(versions, { recursive: true });
  await writeFile(path.join(versions, 'v1.0.0.info'), '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}\n');
  await writeFile(path.join(versions, 'v1.0.0.mod'), 'module example.com/m\n');
}, 120_000);

afterAll(async () => {
  await oracle?.close();
  await sandbox?.cleanup();
  if (figures.length > 0) console.log(['go-differential:', ...figures].join('\n  '));
});

/** Runs `go mod download -json <module>` and returns go's error message without the module prefix. */
function goModDownload(module: string, env: NodeJS.ProcessEnv): Promise<string> {
  const run = goRuns++;
  return new Promise((resolve, reject) => {
    execFile(
      'go',
      ['mod', 'download', '-json', module],
      {
        cwd: emptyDir,
        timeout: 30_000,
        env: {
          ...sandbox.env,
          GOMODCACHE: path.join(sandbox.root, `modcache-${run}`),
          HTTP_PROXY: CLOSED_PORT,
          HTTPS_PROXY: CLOSED_PORT,
          GIT_TERMINAL_PROMPT: '0',
          ...env,
        },
      },
      (err, stdout, stderr) => {
        if (err?.killed)
          return reject(new Error(`go mod download ${module} timed out with ${JSON.stringify(env)}`));
        resolve(goMessage(module, stdout, stderr));
      },
    );
  });
}

function goMessage(module: string, stdout: string, stderr: string): string {
  let error: string | undefined;
  try {
    error = (JSON.parse(stdout) as { Error?: string }).Error;
  } catch {
    // go stopped before printing JSON (a panic, or a "go: ..." failure): its first stderr line says why.
  }
  const text = error ?? stderr.split('\n')[0] ?? '';
  return text.startsWith(`${module}: `) ? text.slice(module.length + 2) : text.replace(/^go: /, '');
}

async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const errorOf = (r: GoResult<unknown>) => (r.ok ? null : r.error);
const bytesOf = (base64: string) => Buffer.from(base64, 'base64').toString('latin1');

describe('GOPROXY', () => {
  // proxyList's own errors; everything else go prints comes from fetching, after the list parsed.
  const PARSE_ERRORS = [
    /^invalid proxy URL missing scheme: /,
    /^invalid proxy URL scheme \(must be https, http, file\): /,
    /^invalid file:\/\/ proxy URL with non-path elements: /,
    /^GOPROXY list is not the empty string, but contains no entries$/,
    /^parse "/,
  ];

  it('accepts and rejects the same ≥300 generated values as go mod download, with the same message', async () => {
    const started = Date.now();
    const corpus = goproxyCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const mismatches: Array<{ value: string; go: string; ours: string }> = [];
    let rejected = 0;
    await mapLimit(corpus, GO_PARALLELISM, async (value) => {
      const message = await goModDownload(MODULE, { GOPROXY: value, GOSUMDB: 'off' });
      const goError = PARSE_ERRORS.some((re) => re.test(message)) ? message : null;
      const ourError = errorOf(parseGoProxy(value));
      if (goError !== null) rejected++;
      if (goError !== ourError)
        mismatches.push({ value, go: goError ?? `accepted (${message})`, ours: ourError ?? 'accepted' });
    });
    figures.push(
      `GOPROXY vs go mod download: ${corpus.length} values (${rejected} rejected by go), ` +
        `${mismatches.length} mismatches, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(mismatches).toEqual([]);
    // Both verdicts are well represented, so agreement is not an accident of the classification.
    expect(rejected).toBeGreaterThan(100);
    expect(corpus.length - rejected).toBeGreaterThan(100);
  }, 180_000);

  it('builds the same entry list as proxyList, fallbacks included', async () => {
    const corpus = goproxyCorpus();
    const mismatches: unknown[] = [];
    await Promise.all(
      corpus.map(async (value) => {
        const answer = await oracle.ask({ op: 'goproxy', value });
        const expected = answer.error !== null ? { error: answer.error } : answer.list;
        const ours = parseGoProxy(value);
        const actual = ours.ok
          ? ours.value.map((e) => ({
              url: e.kind === 'proxy' ? e.url : e.kind,
              fallBackOnError: e.fallback === 'any',
            }))
          : { error: ours.error };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ value, expected, actual });
      }),
    );
    figures.push(
      `GOPROXY entry lists vs proxyList: ${corpus.length} values, ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
  });

  it('parses, prints and redacts URLs exactly as net/url does', async () => {
    const raws = new Set<string>();
    for (const entry of PROXY_ENTRIES) {
      raws.add(entry);
      raws.add('https://' + entry.trim());
    }
    for (const value of gosumdbCorpus()) for (const field of value.split(/\s+/)) raws.add(field);
    const mismatches: unknown[] = [];
    await Promise.all(
      [...raws].map(async (raw) => {
        const go = await oracle.ask({ op: 'url', raw });
        const ours = parseUrl(toBytes(raw));
        if (go.error !== undefined || !ours.ok) {
          const expected = go.error ?? 'ok';
          const actual = ours.ok ? 'ok' : Buffer.from(ours.error, 'latin1').toString('utf8');
          if (expected !== actual) mismatches.push({ raw, expected, actual });
          return;
        }
        const u = ours.value;
        const expected = {
          scheme: bytesOf(go.scheme),
          opaque: bytesOf(go.opaque),
          user: go.user
            ? {
                username: bytesOf(go.user.username),
                password: bytesOf(go.user.password),
                passwordSet: go.user.passwordSet,
              }
            : null,
          host: bytesOf(go.host),
          path: bytesOf(go.path),
          rawPath: bytesOf(go.rawPath),
          omitHost: go.omitHost,
          forceQuery: go.forceQuery,
          rawQuery: bytesOf(go.rawQuery),
          fragment: bytesOf(go.fragment),
          rawFragment: bytesOf(go.rawFragment),
          string: bytesOf(go.string),
          redacted: bytesOf(go.redacted),
          struct: bytesOf(go.struct),
        };
        const actual = { ...u, string: urlString(u), redacted: urlRedacted(u), struct: formatUrlStruct(u) };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ raw, expected, actual });
      }),
    );
    figures.push(`net/url.Parse/String/Redacted: ${raws.size} URLs, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  });
});

describe('patterns (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE)', () => {
  it('matches ≥1000 generated (globs, module) pairs exactly as module.MatchPrefixPatterns', async () => {
    const pairs = patternCorpus();
    expect(pairs.length).toBeGreaterThanOrEqual(1000);
    const mismatches: unknown[] = [];
    let matched = 0;
    await Promise.all(
      pairs.map(async ({ globs, target }) => {
        const go = await oracle.ask({ op: 'match', globs, target });
        const ours = matchPrefixPatterns(globs, target);
        if (go.matched) matched++;
        if (ours !== go.matched) mismatches.push({ globs, target, go: go.matched, ours });
      }),
    );
    figures.push(
      `MatchPrefixPatterns: ${pairs.length} pairs (${matched} matching), ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
    expect(matched).toBeGreaterThan(100);
  });

  it('agrees with path.Match on every glob against every target, ErrBadPattern included', async () => {
    const pairs = patternCorpus().flatMap(({ globs, target }) =>
      globs.split(',').map((pattern) => ({ pattern, name: target })),
    );
    const mismatches: unknown[] = [];
    let bad = 0;
    await Promise.all(
      pairs.map(async ({ pattern, name }) => {
        const go = await oracle.ask({ op: 'pathMatch', pattern, name });
        const ours = pathMatch(pattern, name);
        if (go.bad) bad++;
        if (ours.matched !== go.matched || ours.bad !== go.bad) mismatches.push({ pattern, name, go, ours });
      }),
    );
    figures.push(`path.Match: ${pairs.length} pairs (${bad} malformed), ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    expect(bad).toBeGreaterThan(50);
  });
});

describe('module paths', () => {
  it('checks, escapes and unescapes generated paths and versions exactly as x/mod/module', async () => {
    const corpus = modpathCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const mismatches: unknown[] = [];
    let valid = 0;
    const json = (r: GoResult<string>) =>
      r.ok ? { value: r.value, error: null } : { value: '', error: r.error };
    await Promise.all(
      corpus.map(async (p) => {
        const go = await oracle.ask({ op: 'modpath', path: p });
        const ours = {
          checkImportPath: checkImportPath(p),
          checkPath: checkPath(p),
          escapePath: json(escapePath(p)),
          escapeVersion: json(escapeVersion(p)),
          unescapePath: json(unescapePath(p)),
          unescapeVersion: json(unescapeVersion(p)),
        };
        if (ours.checkPath === null) valid++;
        if (JSON.stringify(ours) !== JSON.stringify(go)) mismatches.push({ path: p, go, ours });
      }),
    );
    figures.push(
      `module paths: ${corpus.length} strings × 6 functions (${valid} valid module paths), ${mismatches.length} mismatches`,
    );
    expect(mismatches).toEqual([]);
    expect(valid).toBeGreaterThan(30);
  });
});

describe('GOSUMDB', () => {
  const DB_ERRORS = [/^missing GOSUMDB$/, /^invalid GOSUMDB/, /^invalid sumdb name /, /^panic: /];

  it('accepts and rejects ≥50 values as go mod download does, with the same message', async () => {
    const started = Date.now();
    const corpus = gosumdbCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    const mismatches: unknown[] = [];
    let rejected = 0;
    await mapLimit(corpus, GO_PARALLELISM, async (value) => {
      const message = await goModDownload(MODULE, { GOPROXY: 'file://' + fileProxy, GOSUMDB: value });
      const checked = message.replace(/^verifying go\.mod: /, '');
      const goError = DB_ERRORS.some((re) => re.test(checked)) ? checked : null;
      const ourError = errorOf(parseGoSumDb(value));
      if (goError !== null) rejected++;
      if (goError !== ourError)
        mismatches.push({ value, go: goError ?? `accepted (${message})`, ours: ourError ?? 'accepted' });
    });
    figures.push(
      `GOSUMDB vs go mod download: ${corpus.length} values (${rejected} rejected by go), ` +
        `${mismatches.length} mismatches, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(mismatches).toEqual([]);
    expect(rejected).toBeGreaterThan(20);
    expect(corpus.length - rejected).toBeGreaterThan(10);
  }, 120_000);

  it('finds the same name, key and URL as dbDial with note.NewVerifier', async () => {
    const corpus = gosumdbCorpus();
    const mismatches: unknown[] = [];
    await Promise.all(
      corpus.map(async (value) => {
        const go = await oracle.ask({ op: 'gosumdb', value });
        const expected = go.panic !== undefined ? { error: go.panic } : go;
        const ours = parseGoSumDb(value);
        const actual = !ours.ok
          ? { error: ours.error }
          : ours.value.off
            ? { off: true }
            : { key: ours.value.key, name: ours.value.name, url: ours.value.url };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ value, expected, actual });
      }),
    );
    figures.push(`GOSUMDB vs dbDial: ${corpus.length} values, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  });
});

describe('GOVCS', () => {
  const GOPRIVATE = '127.0.0.1/team';
  // Hosts are loopback so an allowed tool fails at once; the suffix picks the tool (vcs.go's vcsPaths).
  const MODULES = [
    { root: '127.0.0.1/r.git', vcs: 'git' },
    { root: '127.0.0.1/team/r.hg', vcs: 'hg' },
    { root: '127.0.0.1/r.svn', vcs: 'svn' },
    { root: '127.0.0.1/team/r.bzr', vcs: 'bzr' },
  ];
  const PARSE_ERROR =
    /^(empty entry|malformed entry|empty pattern|empty VCS list|relative pattern not allowed|unreachable pattern|empty VCS name) in GOVCS/;

  it('allows and refuses the same tools as go mod download, with the same messages', async () => {
    const started = Date.now();
    const cases = GOVCS_VALUES.flatMap((value) => MODULES.map((m) => ({ value, ...m })));
    const mismatches: unknown[] = [];
    const verdicts = new Set<string>();
    await mapLimit(cases, GO_PARALLELISM, async ({ value, root, vcs }) => {
      const message = await goModDownload(`${root}@v1.0.0`, {
        GOPROXY: 'direct',
        GOSUMDB: 'off',
        GOVCS: value,
        GOPRIVATE,
      });
      const go = PARSE_ERROR.test(message) || message.startsWith('GOVCS disallows') ? message : 'allowed';
      const rules = parseGoVcs(value);
      const isPrivate = matchPrefixPatterns(GOPRIVATE, root);
      const ours = !rules.ok
        ? rules.error
        : allowedVcs(rules.value, root, isPrivate, vcs)
          ? 'allowed'
          : `GOVCS disallows using ${vcs} for ${isPrivate ? 'private' : 'public'} ${root}; see 'go help vcs'`;
      verdicts.add(go === 'allowed' ? 'allowed' : go.startsWith('GOVCS') ? 'disallowed' : 'invalid');
      if (go !== ours)
        mismatches.push({ value, root, go: go === 'allowed' ? `allowed (${message})` : go, ours });
    });
    figures.push(
      `GOVCS vs go mod download: ${cases.length} (value, module) cases, ${mismatches.length} mismatches, ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(mismatches).toEqual([]);
    expect([...verdicts].sort()).toEqual(['allowed', 'disallowed', 'invalid']);
  }, 120_000);

  it('decides like parseGOVCS and allow for every rule set, module, privacy and tool', async () => {
    const cases = GOVCS_VALUES.flatMap((value) =>
      ['127.0.0.1/r', '127.0.0.1/team/r', 'github.com/x/y', 'x', '.x/y'].flatMap((p) =>
        [true, false].flatMap((isPrivate) =>
          ['git', 'hg', 'svn', 'bzr', 'fossil', 'GIT', 'all', 'none'].map((vcs) => ({
            value,
            path: p,
            isPrivate,
            vcs,
          })),
        ),
      ),
    );
    const mismatches: unknown[] = [];
    await Promise.all(
      cases.map(async ({ value, path: p, isPrivate, vcs }) => {
        const go = await oracle.ask({ op: 'govcs', value, path: p, private: isPrivate, vcs });
        const rules = parseGoVcs(value);
        const ours = rules.ok
          ? { rules: rules.value, allowed: allowedVcs(rules.value, p, isPrivate, vcs) }
          : { error: rules.error };
        const expected =
          go.error !== undefined ? { error: go.error } : { rules: go.rules, allowed: go.allowed };
        if (JSON.stringify(ours) !== JSON.stringify(expected))
          mismatches.push({ value, p, isPrivate, vcs, expected, ours });
      }),
    );
    figures.push(`GOVCS vs parseGOVCS/allow: ${cases.length} cases, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
  });
});
