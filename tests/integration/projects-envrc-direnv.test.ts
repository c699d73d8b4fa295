import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDotenv, parseEnvrc } from '../../electron/services/projects/envrc';
import { MODULE_VARS, type Setting } from '../../electron/services/projects/settings';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * Differential: what parseEnvrc (and parseDotenv for `dotenv`) says an .envrc exports of Go's module
 * settings is what the real direnv exports, on realistic files. direnv runs the file with bash inside
 * its stdlib; values the parser marks `expands` depend on the environment and are not compared.
 */

const run = promisify(execFile);

const findDirenv = (): string | null => {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'direnv');
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return null;
};
const DIRENV = findDirenv();
const SKIPPED = DIRENV === null ? ' (skipped: direnv is not installed; apt-get install direnv)' : '';

interface Case {
  name: string;
  files: Record<string, string>;
  /** Names where parseEnvrc is known to disagree with direnv, and why; asserted to still disagree. */
  known?: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: 'export K=V',
    files: { '.envrc': 'export GOPROXY=https://goproxy.cn,direct\n' },
  },
  {
    name: 'export K1=V1 K2=V2 on one line',
    files: {
      '.envrc': 'export GOPRIVATE=git.corp.example/* GONOSUMDB=git.corp.example/*,github.com/corp\n',
    },
  },
  {
    name: "'…', \"…\" and $'…' with escapes",
    files: {
      '.envrc': [
        "export GOSUMDB='sum.golang.org https://sum.golang.google.cn'",
        'export GONOPROXY="corp.example,*.internal \\"q\\" \\$literal \\\\ back"',
        "export GOFLAGS=$'-mod=mod\\t-trimpath\\x41\\u00e9\\'q\\''",
        "export GOINSECURE=\"a.test\"'b.test'$'\\n'c.test",
        '',
      ].join('\n'),
    },
  },
  {
    name: 'K=V then export K',
    files: {
      '.envrc': [
        'GOPROXY=https://proxy.golang.org,direct',
        'GOTOOLCHAIN=local',
        'export GOPROXY',
        'GOVCS=private:git # never exported',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'a later re-assignment of an exported name',
    files: {
      '.envrc': [
        'export GOPROXY=https://goproxy.io',
        'GOPROXY=https://goproxy.cn,direct',
        'export GOSUMDB=off',
        'export GOSUMDB=sum.golang.org',
        'export GOFLAGS=-mod=mod',
        'GOFLAGS+=" -trimpath"',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'comments and # inside words',
    files: {
      '.envrc': [
        '# export GOPROXY=off',
        'export GOPROXY=direct # the default is fine here',
        'export NO_PROXY=localhost#1,.corp  # a # inside a word is not a comment',
        "export GOPRIVATE='corp.example # kept'",
        '   # export GOSUMDB=off',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'line continuations',
    files: {
      '.envrc': [
        'export \\',
        '  GOPROXY=https://proxy.golang.org,\\',
        'direct \\',
        '  GOSUMDB=off',
        'export GOFLAGS="-mod=mod \\',
        '-trimpath"',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'set -a … set +a',
    files: {
      '.envrc': [
        'set -a',
        'GOPROXY=https://goproxy.cn,direct',
        'GOFLAGS=-mod=vendor',
        'set +a',
        'GONOPROXY=corp.example',
        'set -o allexport',
        'GOTOOLCHAIN=go1.22.1',
        'set +o allexport',
        'GOVCS=public:git',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'unset and export -n',
    files: {
      '.envrc': [
        'export GOPROXY=off',
        'export GOSUMDB=off',
        'unset GOPROXY',
        'export GOINSECURE=x.test',
        'export -n GOINSECURE',
        'export GONOSUMDB=y.test',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'declare -x and typeset -x',
    files: {
      '.envrc': [
        'declare -x GOTOOLCHAIN=go1.22.1+auto',
        'typeset -x GOFLAGS=-mod=mod',
        'export GOFLAGS',
        'export GOPROXY=https://goproxy.cn',
        'export GOSUMDB=off',
        'declare -x GOSUMDB=sum.golang.org',
        'export GOSUMDB=sum.golang.google.cn',
        'declare -gx GONOSUMDB=corp.example',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'dotenv of .env in the folder',
    files: {
      '.env': [
        '# shared with docker compose',
        'GOPROXY=https://goproxy.io,direct',
        'GOPRIVATE="corp.example/*,git.corp/*"',
        "export GOFLAGS='-mod=vendor -trimpath'",
        'NO_PROXY=localhost,127.0.0.1   # local only',
        'GOSUMDB: sum.golang.org',
        'GONOSUMDB="a\\tb"',
        '',
      ].join('\n'),
      '.envrc': 'dotenv\nexport GOSUMDB=off\n',
    },
  },
  {
    name: 'dotenv of a named file, then an override',
    files: {
      '.env.local': 'GOPROXY=https://a.example\nGOTOOLCHAIN=local\n',
      '.envrc':
        'export GOPROXY=https://before.example\ndotenv .env.local\nexport GOPROXY=https://after.example,off\n',
    },
  },
  {
    name: 'source_env of a file and of a sub-folder',
    files: {
      'shared.envrc': 'export GOPROXY=https://goproxy.cn,direct\nexport GOFLAGS=-mod=mod\n',
      'config/.envrc': 'export GONOPROXY=corp.example\nexport GOFLAGS=-mod=readonly\n',
      '.envrc':
        'source_env shared.envrc\nexport GOSUMDB=off\nsource_env config\nexport GOPRIVATE=corp.example\n',
    },
  },
  {
    name: 'values with spaces, commas, pipes and #',
    files: {
      '.envrc': [
        'export GOPROXY="https://a.example|https://b.example,direct"',
        "export GOVCS='private:git|hg,public:git'",
        'export GOFLAGS="-mod=mod -tags=a,b"',
        'export GOAUTH="git /home/dev/x | netrc"',
        'export HTTPS_PROXY=http://user:p%23ss@proxy.corp:3128',
        'export GONOPROXY="#hash,comma"',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'a realistic project file with layout, PATH_add and expansions',
    files: {
      '.envrc': [
        '#!/usr/bin/env bash',
        'layout go',
        'PATH_add bin',
        'export GOPROXY="${CORP_PROXY:-https://proxy.golang.org},direct"',
        'export GOPRIVATE=~/corp',
        'export GOFLAGS=-mod=mod; export GOSUMDB=sum.golang.org',
        'if [ -f .env.local ]; then dotenv .env.local; fi',
        'export HTTP_PROXY=http://proxy.corp:3128 http_proxy=http://proxy.corp:3128',
        'export no_proxy=localhost,.corp',
        '',
      ].join('\n'),
      '.env.local': 'GOINSECURE=dev.corp\n',
    },
  },
];

/** The settings an .envrc gives in the order bash applies them, with its included files merged in. */
async function parseWithIncludes(dir: string, file: string, depth = 0): Promise<Setting[]> {
  const parsed = parseEnvrc(await readFile(path.join(dir, file), 'utf8'), file);
  type Step = { line: number; settings: () => Promise<Setting[]> };
  const steps: Step[] = parsed.settings.map((s) => ({ line: s.line, settings: async () => [s] }));
  for (const inc of parsed.includes) {
    const full = path.join(path.dirname(path.join(dir, file)), inc.file);
    steps.push({
      line: inc.line,
      settings: async () => {
        if (!existsSync(full)) return [];
        if (inc.kind === 'dotenv') return parseDotenv(await readFile(full, 'utf8'), inc.file).settings;
        const target = statSync(full).isDirectory() ? path.join(full, '.envrc') : full;
        return depth > 4 ? [] : parseWithIncludes(dir, path.relative(dir, target), depth + 1);
      },
    });
  }
  // Stable: a setting and an include never share a line in these files.
  steps.sort((a, b) => a.line - b.line);
  const out: Setting[] = [];
  for (const step of steps) out.push(...(await step.settings()));
  return out;
}

/** Names an `unset` or `export -n` removes after their last setting, as parseEnvrc reports it. */
function unsetAfterwards(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of parseEnvrc(text, '.envrc').problems) {
    const m = /^(?:unset|export -n) (\S+) (?:removes it again|stops exporting it)/.exec(p.message);
    if (m?.[1] !== undefined) out.set(m[1], p.line);
  }
  return out;
}

let sandbox: Sandbox;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await createSandbox();
  env = { ...sandbox.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('DIRENV_') || (MODULE_VARS as readonly string[]).includes(key)) delete env[key];
  }
  for (const key of ['BASH_ENV', 'ENV', 'CORP_PROXY']) delete env[key];
  Object.assign(env, {
    // direnv keeps its allow list and its cache under these; both stay inside the sandbox.
    XDG_DATA_HOME: path.join(sandbox.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    DIRENV_LOG_FORMAT: '',
    // bash decodes $'\u…' in the locale's charset; in the C locale it leaves \u00E9 as written.
    LC_ALL: 'C.UTF-8',
  });
});
afterAll(() => sandbox?.cleanup());

async function direnvExports(dir: string): Promise<Map<string, string>> {
  const direnv = DIRENV as string;
  await run(direnv, ['allow', dir], { env, cwd: dir, timeout: 20_000 });
  const { stdout } = await run(direnv, ['exec', dir, 'env', '-0'], {
    env,
    cwd: dir,
    timeout: 20_000,
    maxBuffer: 4 << 20,
  });
  const out = new Map<string, string>();
  for (const entry of stdout.split('\0')) {
    const eq = entry.indexOf('=');
    const key = entry.slice(0, eq);
    if (eq > 0 && (MODULE_VARS as readonly string[]).includes(key)) out.set(key, entry.slice(eq + 1));
  }
  return out;
}

describe('parseEnvrc against direnv', () => {
  for (const [index, c] of CASES.entries()) {
    it.skipIf(DIRENV === null)(`exports what direnv exports: ${c.name}${SKIPPED}`, async () => {
      const dir = path.join(sandbox.root, 'cases', String(index));
      for (const [name, text] of Object.entries(c.files)) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), text);
      }
      const exported = await direnvExports(dir);
      const settings = (await parseWithIncludes(dir, '.envrc')).filter((s) => s.context === 'terminal');
      const last = new Map<string, Setting>();
      for (const s of settings) last.set(s.key, s);
      const unset = unsetAfterwards(c.files['.envrc'] ?? '');

      const theirs: Record<string, string | undefined> = {};
      const ours: Record<string, string | undefined> = {};
      for (const [key, value] of exported) {
        if (last.get(key)?.expands === true) continue;
        theirs[key] = value;
        ours[key] = last.get(key)?.value;
      }
      for (const [key, s] of last) {
        if (s.expands === true || (unset.get(key) ?? 0) > s.line) continue;
        theirs[key] = exported.get(key);
        ours[key] = s.value;
      }
      for (const key of Object.keys(c.known ?? {})) {
        expect(ours[key], `${key} now agrees with direnv: drop it from known`).not.toEqual(theirs[key]);
        delete ours[key];
        delete theirs[key];
      }
      expect(ours).toEqual(theirs);
      expect(Object.values(theirs).filter((v) => v !== undefined).length).toBeGreaterThan(0);
    });
  }
});
