import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeHost, type Host } from '../../electron/services/host';
import { createServices } from '../../electron/services';
import {
  gatherProjects,
  parseGoMod,
  parseGoWork,
  type GitRemote,
} from '../../electron/services/doctor/projects';
import { integrityRules } from '../../electron/services/doctor/rules-integrity';
import { facts, goFacts } from '../fixtures/doctor-facts';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

/**
 * Gathering project facts from real folders: go.mod and go.work files on disk, repositories made by
 * the real git, read with and without git on PATH; then the leak rules end to end through the doctor
 * service, and the go.mod reader checked against golang.org/x/mod/modfile itself.
 */

const run = promisify(execFile);

let sandbox: Sandbox;
let host: Host;
/** Every program the gatherer ran and every name it resolved: it must touch nothing but git. */
let runs: string[][];
let lookups: string[];

/** A real host that records what it runs and resolves. */
function recordingHost(env: NodeJS.ProcessEnv): Host {
  const real = createNodeHost({ env, homedir: sandbox.home });
  return {
    ...real,
    run: (file, args, options) => {
      runs.push([path.basename(file), ...args]);
      return real.run(file, args, options);
    },
    lookup: (name) => {
      lookups.push(name);
      return real.lookup(name);
    },
  };
}

beforeEach(async () => {
  sandbox = await createSandbox();
  runs = [];
  lookups = [];
  host = recordingHost(sandbox.env);
});
afterEach(() => sandbox.cleanup());

const dir = (...parts: string[]) => path.join(sandbox.root, 'src', ...parts);

async function write(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

async function git(cwd: string, ...args: string[]): Promise<void> {
  await run('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: sandbox.env });
}

const APP_GO_MOD = [
  '// The service.',
  'module "git.corp.example/team/app" // quoted, as go mod edit writes odd paths',
  '',
  'go 1.19',
  '',
  'require (',
  '\tgit.corp.example/team/lib v1.2.0',
  '\tgithub.com/gin-gonic/gin v1.9.1',
  '',
  '\t// tooling',
  '\tgolang.org/x/net v0.10.0 // indirect',
  '\tgit.corp.example/team/proto v0.3.0//indirect; via lib',
  ')',
  '',
  'require git.corp.example/team/local v0.0.0',
  '',
  'replace git.corp.example/team/local => ../local',
  '',
  'replace (',
  '\tgithub.com/old/dep v1.0.0 => git.corp.example/forks/dep v1.0.1',
  ')',
  '',
  'exclude github.com/gin-gonic/gin v1.9.0',
  'retract [v0.1.0, v0.2.0] // published by mistake',
  '',
].join('\r\n');

describe('gatherProjects', () => {
  it('reads go.mod statements with their lines, and the remotes of a real git repository, passwords masked', async () => {
    const app = dir('app');
    await write(path.join(app, 'go.mod'), APP_GO_MOD);
    await git(app, 'init', '-q');
    await git(app, 'remote', 'add', 'origin', 'git@git.corp.example:team/app.git');
    await git(app, 'remote', 'add', 'mirror', 'https://bob:s3cret@git.corp.example/team/app.git');

    const result = await gatherProjects(host, [app]);
    const file = path.join(app, 'go.mod');
    expect(result.dirs).toEqual([app]);
    expect(result.notes).toEqual([]);
    expect(result.workspaces).toEqual([]);
    expect(result.modules).toEqual([
      {
        file,
        dir: app,
        module: { path: 'git.corp.example/team/app', file, line: 2 },
        requires: [
          { path: 'git.corp.example/team/lib', version: 'v1.2.0', indirect: false, file, line: 7 },
          { path: 'github.com/gin-gonic/gin', version: 'v1.9.1', indirect: false, file, line: 8 },
          { path: 'golang.org/x/net', version: 'v0.10.0', indirect: true, file, line: 11 },
          { path: 'git.corp.example/team/proto', version: 'v0.3.0', indirect: true, file, line: 12 },
          { path: 'git.corp.example/team/local', version: 'v0.0.0', indirect: false, file, line: 15 },
        ],
        replaces: [
          {
            file,
            line: 17,
            from: { path: 'git.corp.example/team/local' },
            to: { path: '../local' },
            local: true,
          },
          {
            file,
            line: 20,
            from: { path: 'github.com/old/dep', version: 'v1.0.0' },
            to: { path: 'git.corp.example/forks/dep', version: 'v1.0.1' },
            local: false,
          },
        ],
        usedBy: null,
        remotes: [
          {
            name: 'mirror',
            url: 'https://bob:xxxxx@git.corp.example/team/app.git',
            host: 'git.corp.example',
            credentials: true,
          },
          {
            name: 'origin',
            url: 'git@git.corp.example:team/app.git',
            host: 'git.corp.example',
            credentials: false,
          },
        ] satisfies GitRemote[],
        problems: [],
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('s3cret');
    // Local reading only: one `git remote -v`, no name resolved, nothing else run.
    expect(runs).toEqual([['git', '-C', app, 'remote', '-v']]);
    expect(lookups).toEqual([]);
  });

  it('follows go.work to the modules it uses, and walks up from a sub-folder as go does', async () => {
    const ws = dir('ws');
    await write(
      path.join(ws, 'go.work'),
      'go 1.19\n\nuse (\n\t./svc\n\t"./lib"\n\t./gone\n)\n\nreplace example.com/x => 10.0.0.7/x v1.0.0\n',
    );
    await write(
      path.join(ws, 'svc', 'go.mod'),
      'module git.corp.example/ws/svc\n\nrequire 10.0.0.7/tools v0.1.0\n',
    );
    await write(path.join(ws, 'lib', 'go.mod'), 'module git.corp.example/ws/lib\n');
    await mkdir(path.join(ws, 'svc', 'cmd', 'server'), { recursive: true });

    const result = await gatherProjects(host, [path.join(ws, 'svc', 'cmd', 'server'), ws]);
    const work = path.join(ws, 'go.work');
    expect(result.notes).toEqual([
      {
        dir: path.join(ws, 'svc', 'cmd', 'server'),
        code: 'parent',
        message: `${path.join(ws, 'svc', 'cmd', 'server')} belongs to the module of ${path.join(ws, 'svc', 'go.mod')}`,
      },
    ]);
    expect(result.workspaces).toEqual([
      {
        file: work,
        dir: ws,
        uses: [
          { dir: './svc', resolved: path.join(ws, 'svc'), file: work, line: 4 },
          { dir: './lib', resolved: path.join(ws, 'lib'), file: work, line: 5 },
          { dir: './gone', resolved: path.join(ws, 'gone'), file: work, line: 6 },
        ],
        replaces: [
          {
            file: work,
            line: 9,
            from: { path: 'example.com/x' },
            to: { path: '10.0.0.7/x', version: 'v1.0.0' },
            local: false,
          },
        ],
        problems: [`${work}:6: ./gone has no go.mod`],
      },
    ]);
    // svc once, although both the sub-folder and the workspace lead to it.
    expect(result.modules.map((m) => [m.module?.path, m.usedBy])).toEqual([
      ['git.corp.example/ws/svc', null],
      ['git.corp.example/ws/lib', { file: work, line: 5 }],
    ]);
    // No repository: no remotes, and no note (most folders are in none).
    expect(result.modules.every((m) => m.remotes.length === 0)).toBe(true);
  });

  it('says which folders are missing or not Go projects, and where go.mod lines are broken', async () => {
    const docs = dir('docs');
    const broken = dir('broken');
    await mkdir(docs, { recursive: true });
    await write(
      path.join(broken, 'go.mod'),
      'module example.com/broken\n/* old */\nrequire (\n\texample.com/a v1.0.0\n',
    );
    const result = await gatherProjects(host, [dir('nowhere'), docs, broken]);
    expect(result.notes).toEqual([
      {
        dir: dir('nowhere'),
        code: 'missing',
        message: `${dir('nowhere')} does not exist or is not a folder`,
      },
      {
        dir: docs,
        code: 'not-go',
        message: `${docs} is not a Go project: no go.mod or go.work there or in a parent folder`,
      },
    ]);
    const file = path.join(broken, 'go.mod');
    expect(result.modules).toHaveLength(1);
    expect(result.modules[0]!.requires).toEqual([
      { path: 'example.com/a', version: 'v1.0.0', indirect: false, file, line: 4 },
    ]);
    // go stops at its first error, so that is the one reported; the rest is still read.
    expect(result.modules[0]!.problems).toEqual([
      `${file}:2: mod files must use // comments (not /* */ comments)`,
    ]);
  });

  it('reads remotes from .git/config when git is not on PATH, also through a worktree', async () => {
    const app = dir('app');
    await write(path.join(app, 'go.mod'), 'module git.corp.example/team/app\n');
    await git(app, 'init', '-q');
    await git(app, 'remote', 'add', 'origin', 'ssh://git@git.corp.example:2222/team/app.git');
    await git(
      app,
      'config',
      'remote.origin.pushurl',
      'https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/acme/app.git',
    );
    await git(app, 'add', 'go.mod');
    await git(app, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '-m', 'init');
    const tree = dir('tree');
    await git(app, 'worktree', 'add', '-q', tree);

    const withGit = await gatherProjects(host, [app, tree]);
    const noGit = await gatherProjects(recordingHost({ ...sandbox.env, PATH: '' }), [app, tree]);
    const expected: GitRemote[] = [
      {
        name: 'origin',
        url: 'ssh://git@git.corp.example:2222/team/app.git',
        host: 'git.corp.example',
        credentials: false,
      },
      { name: 'origin', url: 'https://xxxxx@github.com/acme/app.git', host: 'github.com', credentials: true },
    ];
    for (const result of [withGit, noGit]) {
      expect(result.modules.map((m) => m.dir)).toEqual([app, tree]);
      for (const m of result.modules) expect(m.remotes).toEqual(expected);
    }
    expect(runs.filter((r) => r[0] === 'git' && r[3] === 'remote')).toHaveLength(2);
  });
});

describe('private-module-leak end to end', () => {
  it('fires from real files through the doctor service, and its fix makes go see GOPRIVATE', async () => {
    // Nothing in the name says code.acme.com is private: its being the host of the project's own remote does.
    const app = dir('app');
    await write(
      path.join(app, 'go.mod'),
      'module code.acme.com/team/app\n\nrequire code.acme.com/team/lib v1.2.0\n',
    );
    await git(app, 'init', '-q');
    await git(app, 'remote', 'add', 'origin', 'git@code.acme.com:team/app.git');
    const services = createServices(createNodeHost({ env: sandbox.env, homedir: sandbox.home }));

    const request = { projects: [app], probe: false, language: 'en' as const };
    const before = await services.doctor.run(request);
    const leak = before.findings.find((f) => f.id === 'private-module-leak');
    expect(leak).toMatchObject({
      severity: 'error',
      title: 'Private module paths would be sent to public mirrors (code.acme.com)',
      evidence: [
        `code.acme.com is the host of git remote origin of ${app} (git@code.acme.com:team/app.git)`,
        `${path.join(app, 'go.mod')}:1: module code.acme.com/team/app`,
        `${path.join(app, 'go.mod')}:3: require code.acme.com/team/lib v1.2.0`,
        'GOPRIVATE= (default)',
        'GOPROXY=https://proxy.golang.org,direct (default): go asks https://proxy.golang.org for these modules',
        'GOSUMDB=sum.golang.org (default): go looks up their checksums in sum.golang.org',
      ],
      fix: { id: 'private-module-leak', preview: 'GOPRIVATE: (not set) → code.acme.com' },
    });

    const fixed = await services.doctor.fix({ ...request, ids: ['private-module-leak'] });
    expect(fixed.report.findings.map((f) => f.id)).not.toContain('private-module-leak');
    const { stdout } = await run('go', ['env', 'GOPRIVATE'], { env: sandbox.env });
    expect(stdout.trim()).toBe('code.acme.com');
  });

  it('stays quiet for the same files when GOPRIVATE covers the host', async () => {
    const app = dir('app');
    await write(
      path.join(app, 'go.mod'),
      'module git.corp.example/team/app\n\nrequire git.corp.example/team/lib v1.2.0\n',
    );
    const projects = await gatherProjects(host, [app]);
    const leakRules = integrityRules.filter((r) => r.id.startsWith('private-module'));
    const covered = facts({ go: goFacts({ vars: { GOPRIVATE: '*.corp.example' } }), projects });
    expect(leakRules.flatMap((r) => r.check(covered))).toEqual([]);
    const uncovered = facts({ projects });
    expect(leakRules.flatMap((r) => r.check(uncovered)).length).toBe(1);
  });
});

// --- The go.mod reader against golang.org/x/mod/modfile ----------------------------------------------------

const ORACLE_SOURCE = `package main

import (
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/mod/modfile"
)

type ref struct {
	Path     string \`json:"path"\`
	Version  string \`json:"version,omitempty"\`
	Line     int    \`json:"line,omitempty"\`
	Indirect bool   \`json:"indirect,omitempty"\`
}

type replace struct {
	From ref \`json:"from"\`
	To   ref \`json:"to"\`
	Line int \`json:"line"\`
}

type answer struct {
	Error   string    \`json:"error,omitempty"\`
	Module  *ref      \`json:"module,omitempty"\`
	Require []ref     \`json:"require"\`
	Replace []replace \`json:"replace"\`
	Use     []ref     \`json:"use"\`
}

func replaces(rs []*modfile.Replace) []replace {
	out := []replace{}
	for _, r := range rs {
		out = append(out, replace{ref{Path: r.Old.Path, Version: r.Old.Version}, ref{Path: r.New.Path, Version: r.New.Version}, r.Syntax.Start.Line})
	}
	return out
}

// Arguments: mod:FILE or work:FILE; one JSON answer per argument, in order.
func main() {
	answers := []answer{}
	for _, arg := range os.Args[1:] {
		kind, name, _ := strings.Cut(arg, ":")
		data, err := os.ReadFile(name)
		if err != nil {
			panic(err)
		}
		a := answer{Require: []ref{}, Replace: []replace{}, Use: []ref{}}
		if kind == "mod" {
			f, err := modfile.Parse(name, data, nil)
			if err != nil {
				a.Error = err.Error()
			} else {
				if f.Module != nil {
					a.Module = &ref{Path: f.Module.Mod.Path, Line: f.Module.Syntax.Start.Line}
				}
				for _, r := range f.Require {
					a.Require = append(a.Require, ref{r.Mod.Path, r.Mod.Version, r.Syntax.Start.Line, r.Indirect})
				}
				a.Replace = replaces(f.Replace)
			}
		} else {
			f, err := modfile.ParseWork(name, data, nil)
			if err != nil {
				a.Error = err.Error()
			} else {
				for _, u := range f.Use {
					a.Use = append(a.Use, ref{Path: u.Path, Line: u.Syntax.Start.Line})
				}
				a.Replace = replaces(f.Replace)
			}
		}
		answers = append(answers, a)
	}
	json.NewEncoder(os.Stdout).Encode(answers)
}
`;

interface Answer {
  error?: string;
  module?: { path: string; line: number };
  require: Array<{ path: string; version: string; line: number; indirect?: boolean }>;
  replace: Array<{
    from: { path: string; version?: string };
    to: { path: string; version?: string };
    line: number;
  }>;
  use: Array<{ path: string; line: number }>;
}

/** Inputs that exercise modfile's lexer and grammar; `syntax` marks those our reader must flag too. */
const CORPUS: Array<{ kind: 'mod' | 'work'; text: string; syntax?: boolean }> = [
  { kind: 'mod', text: 'module example.com/m\n\ngo 1.19\n\nrequire example.com/a v1.0.0\n' },
  {
    kind: 'mod',
    text: 'module example.com/m // trailing comment\nrequire example.com/a v1.0.0 // indirect\n',
  },
  { kind: 'mod', text: 'module "example.com/\\x71uoted"\nrequire "example.com/a" v1.0.0\n' },
  { kind: 'mod', text: 'module example.com/m\r\nrequire (\r\n\texample.com/a v1.0.0 // indirect\r\n)\r\n' },
  { kind: 'mod', text: 'module example.com/m\nrequire example.com/a v1.0.0// indirect\n' },
  { kind: 'mod', text: 'module example.com/m\nrequire example.com/a v1.0.0 //indirect\n' },
  { kind: 'mod', text: 'module example.com/m\nrequire example.com/a v1.0.0 // indirect; for tests\n' },
  { kind: 'mod', text: 'module example.com/m\nrequire example.com/a v1.0.0 // not indirect\n' },
  { kind: 'mod', text: 'module example.com/m\nrequire example.com/a v1.0.0 // indirect:yes\n' },
  {
    kind: 'mod',
    text: '// Deprecated: use example.com/n.\nmodule example.com/m\n\nrequire (\n\n\t// first\n\texample.com/a v1.0.0\n\n\texample.com/b v1.1.0 // indirect\n\t// before the paren\n)\n',
  },
  { kind: 'mod', text: 'module example.com/m\nrequire ()\nrequire (\n)\n' },
  {
    kind: 'mod',
    text: 'module example.com/m\nreplace example.com/a => ../a\nreplace example.com/b v1.0.0 => example.com/c v1.2.0\nreplace (\n\texample.com/d => /abs/d\n\texample.com/e v0.1.0 => ./e\n)\n',
  },
  {
    kind: 'mod',
    text: 'module example.com/m\nexclude example.com/a v1.0.0\nretract (\n\tv1.0.1 // bad\n\t[v1.1.0, v1.2.0]\n)\n',
  },
  { kind: 'mod', text: 'module example.com/m\n\trequire   example.com/a\tv1.0.0   \n' },
  { kind: 'mod', text: 'require example.com/a v1.0.0\n' },
  { kind: 'mod', text: 'module example.com/m\nrequire (\n\texample.com/a v1.0.0\n', syntax: true },
  { kind: 'mod', text: 'module example.com/m\n/* no */\n', syntax: true },
  { kind: 'mod', text: 'module "example.com/m\n', syntax: true },
  { kind: 'mod', text: 'module example.com/m\nrequire ( example.com/a v1.0.0 )\n', syntax: true },
  {
    kind: 'mod',
    text: 'module example.com/m\nreplace example.com/a v1.0.0 example.com/b v1.0.0\n',
    syntax: true,
  },
  { kind: 'work', text: 'go 1.19\n\nuse ./a\nuse (\n\t./b // the b module\n\t"./c"\n\t../d\n)\n' },
  { kind: 'work', text: 'go 1.19\nuse .\nreplace example.com/a v1.0.0 => ./a\n' },
  { kind: 'work', text: 'go 1.19\nuse (\n\t./a\n', syntax: true },
];

describe('the go.mod and go.work reader agrees with golang.org/x/mod/modfile', () => {
  let oracleDir: string;
  let oracle: string;

  beforeAll(async () => {
    oracleDir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-modfile-'));
    await mkdir(path.join(oracleDir, 'gopath'));
    await writeFile(path.join(oracleDir, 'main.go'), ORACLE_SOURCE);
    oracle = path.join(oracleDir, 'modfile-oracle');
    const env = {
      ...process.env,
      GO111MODULE: 'off',
      GOFLAGS: '',
      GOCACHE: path.join(oracleDir, 'cache'),
      // Our GOPATH first, so nothing is ever written under Debian's.
      GOPATH: `${path.join(oracleDir, 'gopath')}${path.delimiter}/usr/share/gocode`,
    };
    await run('go', ['build', '-o', oracle, path.join(oracleDir, 'main.go')], { env });
  }, 120_000);
  afterAll(() => rm(oracleDir, { recursive: true, force: true }));

  it('finds the same module, requires (with // indirect), replaces and uses, on the same lines', async () => {
    const files = await Promise.all(
      CORPUS.map(async (c, i) => {
        const file = path.join(oracleDir, `${i}.${c.kind}`);
        await writeFile(file, c.text);
        return file;
      }),
    );
    const { stdout } = await run(
      oracle,
      CORPUS.map((c, i) => `${c.kind}:${files[i]}`),
    );
    const answers = JSON.parse(stdout) as Answer[];
    expect(answers).toHaveLength(CORPUS.length);
    let agreed = 0;
    CORPUS.forEach((c, i) => {
      const file = files[i]!;
      const answer = answers[i]!;
      const label = `${c.kind} #${i}: ${JSON.stringify(c.text)}`;
      if (c.kind === 'mod') {
        const ours = parseGoMod(file, c.text);
        if (answer.error !== undefined) {
          expect(c.syntax, `${label} (x/mod: ${answer.error})`).toBe(true);
          expect(ours.problems.length, label).toBeGreaterThan(0);
          return;
        }
        expect(ours.problems, label).toEqual([]);
        expect(ours.module ? { path: ours.module.path, line: ours.module.line } : undefined, label).toEqual(
          answer.module,
        );
        expect(
          ours.requires.map((r) => ({
            path: r.path,
            version: r.version,
            line: r.line,
            ...(r.indirect ? { indirect: true } : {}),
          })),
          label,
        ).toEqual(answer.require);
        expect(
          ours.replaces.map((r) => ({ from: r.from, to: r.to, line: r.line })),
          label,
        ).toEqual(answer.replace);
      } else {
        const ours = parseGoWork(file, c.text);
        if (answer.error !== undefined) {
          expect(c.syntax, `${label} (x/mod: ${answer.error})`).toBe(true);
          expect(ours.problems.length, label).toBeGreaterThan(0);
          return;
        }
        expect(ours.problems, label).toEqual([]);
        expect(
          ours.uses.map((u) => ({ path: u.dir, line: u.line })),
          label,
        ).toEqual(answer.use);
        expect(
          ours.replaces.map((r) => ({ from: r.from, to: r.to, line: r.line })),
          label,
        ).toEqual(answer.replace);
      }
      agreed++;
    });
    expect(agreed).toBe(CORPUS.filter((c) => !c.syntax).length);
  });
});
