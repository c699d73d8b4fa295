import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareEnvWrite, type EnvWriteStep } from '../fixtures/go-env-write';
import { goUnderTest, goVersions, withGo } from '../fixtures/go-versions';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * `set`/`unset` against each go of the matrix (GOPROXY_DESK_GO_VERSIONS): the variables whose
 * treatment changed between versions, and every non-Windows `go env -w/-u` line of that version's own
 * script test, src/cmd/go/testdata/script/env_write.txt, replayed in order.
 */

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(() => sandbox.cleanup());

const VERSIONED: EnvWriteStep[] = [
  ...[
    'GOTOOLCHAIN=local',
    'GOTOOLCHAIN=go1.26.0+auto',
    'GOTOOLCHAIN=bogus',
    'GOTOOLCHAIN=',
    'GOAUTH=netrc',
    'GOAUTH=off',
    'GOAUTH=git /srv/repo;netrc',
    'GOTELEMETRY=off',
    'GOTELEMETRYDIR=/tmp/t',
    'GOFIPS140=latest',
    'GODEBUG=gctrace=1',
    'GOROOT=/tmp',
    'GOPROXY=https://goproxy.cn,direct',
    'GOPROXY=',
    'GOARM64=v8.0',
    'GORISCV64=rva20u64',
    'GOCACHEPROG=/usr/bin/true',
  ].map((a): EnvWriteStep => ({ kind: 'set', args: [a] })),
  ...['GOTOOLCHAIN', 'GOAUTH', 'GOTELEMETRY', 'GOFIPS140', 'GODEBUG', 'GOROOT', 'GOPROXY', 'GOVERSION'].map(
    (k): EnvWriteStep => ({ kind: 'unset', args: [k] }),
  ),
];

describe.each(goVersions())('go %s', (version) => {
  it('set/unset of the variables that changed between versions agree with go env -w/-u', async () => {
    const go = goUnderTest(version);
    const env = withGo(sandbox.env, go);
    const mismatches: string[] = [];
    // Each from an env file that already sets something, and again with that variable in it, so that
    // go 1.21+'s "a key already in the file is known" shows. (A GOROOT that does not exist stops every
    // go command before it starts, go env -u GOROOT included: that one gets a folder that exists.)
    for (const [i, step] of VERSIONED.entries()) {
      const key = step.args[0]!.split('=')[0]!;
      for (const start of ['GOPRIVATE=x\n', `${key}=${key === 'GOROOT' ? '/usr' : 'old'}\n`]) {
        const files = {
          go: path.join(sandbox.root, `v${i}`, 'go', 'env'),
          ours: path.join(sandbox.root, `v${i}`, 'ours', 'env'),
        };
        for (const f of [files.go, files.ours]) {
          await mkdir(path.dirname(f), { recursive: true });
          await writeFile(f, start);
        }
        const outcome = await compareEnvWrite(step, env, files);
        if (outcome.mismatch !== null) mismatches.push(`from ${JSON.stringify(start)}: ${outcome.mismatch}`);
        await rm(path.join(sandbox.root, `v${i}`), { recursive: true });
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('replays the go env -w/-u lines of its own env_write.txt', async (ctx) => {
    const go = goUnderTest(version);
    if (go.src === null) {
      ctx.skip(`go ${version}'s sources (golang-${version}-src) are not installed`);
      return;
    }
    const script = await readFile(
      path.join(go.src, 'cmd', 'go', 'testdata', 'script', 'env_write.txt'),
      'utf8',
    );
    const { lines, archive } = parseScript(script);
    const work = path.join(sandbox.root, 'work');
    await mkdir(work, { recursive: true });
    const files = { go: path.join(work, 'go-env'), ours: path.join(work, 'our-env') };
    const vars: Record<string, string> = {
      ...(withGo(sandbox.env, go) as Record<string, string>),
      WORK: work,
      GOOS: 'linux',
      GOARCH: process.arch === 'arm64' ? 'arm64' : 'amd64',
      GOEXE: '',
    };
    const mismatches: string[] = [];
    let replayed = 0;
    for (const { n, words } of lines) {
      const expanded = words.map((w) => w.replace(/\$(\w+)/g, (_, name: string) => vars[name] ?? ''));
      const [cmd, ...args] = expanded;
      if (cmd === 'env') {
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) vars[a.slice(0, eq)] = a.slice(eq + 1);
        }
      } else if (cmd === 'cp' && args[1] === vars.GOENV && archive.has(args[0]!)) {
        for (const f of Object.values(files)) await writeFile(f, archive.get(args[0]!)!);
      } else if (cmd === 'go' && args[0] === 'env' && (args[1] === '-w' || args[1] === '-u')) {
        const env: NodeJS.ProcessEnv = { ...vars };
        for (const [k, v] of Object.entries(env)) if (v === '') delete env[k];
        const outcome = await compareEnvWrite(
          { kind: args[1] === '-w' ? 'set' : 'unset', args: args.slice(2) },
          env,
          files,
        );
        replayed++;
        if (outcome.mismatch !== null) mismatches.push(`env_write.txt:${n}: ${outcome.mismatch}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every version's script has 30-odd such lines; far fewer means the parser lost some.
    expect(replayed).toBeGreaterThan(25);
  });
});

/**
 * The lines of a cmd/go script test that run here (conditions other than GOOS are unknown: skipped),
 * split into words as the script engine does ('...' quotes, '' inside them is one quote), and the
 * txtar files after the script.
 */
function parseScript(text: string): {
  lines: { n: number; words: string[] }[];
  archive: Map<string, string>;
} {
  const archive = new Map<string, string>();
  const [body = '', ...rest] = text.split(/^-- (.+) --$/m);
  for (let i = 0; i + 1 < rest.length; i += 2) archive.set(rest[i]!, rest[i + 1]!.replace(/^\n/, ''));
  const lines: { n: number; words: string[] }[] = [];
  body.split('\n').forEach((raw, i) => {
    let line = raw.replace(/(^|\s)#.*$/, '').trim();
    const conditions: string[] = [];
    for (let m = /^\[([^\]]+)\]\s*/.exec(line); m; m = /^\[([^\]]+)\]\s*/.exec(line)) {
      conditions.push(m[1]!);
      line = line.slice(m[0].length);
    }
    const runsHere = conditions.every((c) => {
      const negated = c.startsWith('!');
      const name = negated ? c.slice(1) : c;
      const goos = /^(?:GOOS:)?(aix|darwin|freebsd|linux|netbsd|openbsd|plan9|windows|solaris|illumos)$/.exec(
        name,
      );
      if (!goos) return false;
      return (goos[1] === 'linux') !== negated;
    });
    if (!runsHere || line === '') return;
    if (line.startsWith('! ')) line = line.slice(2);
    lines.push({ n: i + 1, words: splitWords(line) });
  });
  return { lines, archive };
}

function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      inWord = true;
      for (i++; i < line.length; i++) {
        if (line[i] === "'" && line[i + 1] === "'") {
          word += "'";
          i++;
        } else if (line[i] === "'") break;
        else word += line[i];
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
