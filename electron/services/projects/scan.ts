import path from 'node:path';
import type { GoEnvReport } from '../../../shared/contract';
import { goFacts, STANDARD_GOROOT_ENV } from '../../../shared/go/versions';
import type { Host } from '../host';
import { readProjectFile } from '../host/files';
import { parseDockerfile } from './dockerfile';
import { parseDotenv, parseEnvrc, type ParsedEnvrc } from './envrc';
import { parseGolandWorkspace } from './intellij';
import { parseMakefile } from './makefile';
import { isModuleVar, MODULE_VARS, type ParsedFile, type ParseProblem, type Setting } from './settings';
import { parseVscodeSettings } from './vscode';
import { parseCompose, parseGithubWorkflow, parseGitlabCi } from './yaml-files';

/**
 * Finding a project's files that set Go's module settings, reading each with its kind's parser, and
 * the value each variable has in each context (DESIGN §4, issue 16). Reads only: the files are read
 * bounded (the safe reader), the folder walk is bounded in depth and entries, and nothing is run.
 */

/** A file kind: which relative paths it is, and how to read one. */
interface Kind {
  name: string;
  matches: (rel: string) => boolean;
  parse: (text: string, rel: string) => ParsedFile | Promise<ParsedFile>;
}

const base = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
const YAML = /\.ya?ml$/;

const KINDS: readonly Kind[] = [
  { name: 'direnv', matches: (rel) => rel === '.envrc', parse: parseEnvrc },
  { name: 'vscode', matches: (rel) => rel === '.vscode/settings.json', parse: parseVscodeSettings },
  { name: 'goland', matches: (rel) => rel === '.idea/workspace.xml', parse: parseGolandWorkspace },
  {
    name: 'dockerfile',
    matches: (rel) => {
      const name = base(rel);
      return (
        name === 'Dockerfile' ||
        name === 'Containerfile' ||
        name.endsWith('.Dockerfile') ||
        name.startsWith('Dockerfile.') ||
        name.endsWith('.dockerfile')
      );
    },
    parse: parseDockerfile,
  },
  {
    name: 'compose',
    matches: (rel) => /^(docker-)?compose([.-][^/]*)?\.ya?ml$/.test(base(rel)),
    parse: parseCompose,
  },
  {
    name: 'github',
    matches: (rel) => rel.startsWith('.github/workflows/') && YAML.test(rel),
    parse: parseGithubWorkflow,
  },
  { name: 'gitlab', matches: (rel) => rel === '.gitlab-ci.yml', parse: parseGitlabCi },
  {
    name: 'make',
    matches: (rel) => rel === 'Makefile' || rel === 'makefile' || rel === 'GNUmakefile',
    parse: parseMakefile,
  },
];

/** Folders not worth a look: dependencies, build output, version control. */
const SKIPPED = new Set(['node_modules', 'vendor', '.git', 'testdata', 'dist', 'out', 'build-cache']);
/** Dot folders that hold settings we read. */
const DOT_FOLDERS = new Set(['.github', '.vscode', '.idea']);
const MAX_DEPTH = 3;
const MAX_ENTRIES = 5000;

export interface ProjectLayers {
  dir: string;
  /** Whether DIR is a folder that could be listed (false: missing, a file, unreadable). */
  isFolder: boolean;
  /** Every setting found, in file order within each file; files in path order. */
  layers: Setting[];
  /** Files read, with the kind that read them. */
  files: { file: string; kind: string }[];
  /** What kept part of a file (or the folder) from being read. */
  problems: (ParseProblem & { file: string })[];
}

/** The project's files of every kind, read and parsed. */
export async function readProjectLayers(host: Host, dir: string): Promise<ProjectLayers> {
  const root = path.resolve(dir);
  const out: ProjectLayers = { dir: root, isFolder: true, layers: [], files: [], problems: [] };
  const found: { rel: string; kind: Kind }[] = [];
  let seen = 0;
  const walk = async (rel: string, depth: number): Promise<void> => {
    // A file (ENOTDIR) or an unreadable folder: nothing to walk into.
    const names = await host.listDir(rel === '' ? root : path.join(root, rel)).catch(() => null);
    if (names === null) return;
    for (const name of names.slice().sort()) {
      if (++seen > MAX_ENTRIES) return;
      const child = rel === '' ? name : `${rel}/${name}`;
      const kind = KINDS.find((k) => k.matches(child));
      if (kind) {
        found.push({ rel: child, kind });
        continue;
      }
      if (depth >= MAX_DEPTH || SKIPPED.has(name) || (name.startsWith('.') && !DOT_FOLDERS.has(name)))
        continue;
      await walk(child, depth + 1);
    }
  };
  if ((await host.listDir(root).catch(() => null)) === null) {
    out.problems.push({ file: '.', line: 0, message: `${root} does not exist or is not a folder` });
    out.isFolder = false;
    return out;
  }
  await walk('', 0);
  if (seen > MAX_ENTRIES) {
    out.problems.push({
      file: '.',
      line: 0,
      message: `more than ${MAX_ENTRIES} files and folders: only the first were looked at`,
    });
  }
  for (const { rel, kind } of found) {
    const read = await readProjectFile(host, path.join(root, ...rel.split('/')));
    if (read === null) continue;
    if ('error' in read) {
      out.problems.push({ file: rel, line: 0, message: read.error });
      continue;
    }
    const parsed = await kind.parse(read.text, rel);
    out.files.push({ file: rel, kind: kind.name });
    for (const problem of parsed.problems) out.problems.push({ ...problem, file: rel });
    const included =
      kind.name === 'direnv' ? await readDirenvIncludes(host, root, parsed as ParsedEnvrc, out) : [];
    // What an include sets comes where the include is: later lines of the .envrc override it.
    let next = 0;
    for (const setting of parsed.settings) {
      while (next < included.length && included[next]!.line < setting.line) {
        for (const s of included[next]!.settings) out.layers.push(s);
        next++;
      }
      out.layers.push(setting);
    }
    for (; next < included.length; next++) for (const s of included[next]!.settings) out.layers.push(s);
  }
  return out;
}

/** The files an .envrc loads (`source_env`, `dotenv`) when they lie inside the project. */
async function readDirenvIncludes(
  host: Host,
  root: string,
  parsed: ParsedEnvrc,
  out: ProjectLayers,
): Promise<{ line: number; settings: Setting[] }[]> {
  const included: { line: number; settings: Setting[] }[] = [];
  for (const include of [...parsed.includes].sort((a, b) => a.line - b.line)) {
    let full = path.resolve(root, include.file);
    // `source_env DIR` loads DIR/.envrc, as direnv does.
    if (include.kind === 'source_env' && (await host.listDir(full).catch(() => null)) !== null)
      full = path.join(full, '.envrc');
    const rel = path.relative(root, full);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      out.problems.push({
        file: '.envrc',
        line: include.line,
        message: `${include.file} is outside the project: not read`,
      });
      continue;
    }
    const read = await readProjectFile(host, full);
    if (read === null) continue;
    const relPosix = rel.split(path.sep).join('/');
    if ('error' in read) {
      out.problems.push({ file: relPosix, line: 0, message: read.error });
      continue;
    }
    const loaded =
      include.kind === 'dotenv' ? parseDotenv(read.text, relPosix) : parseEnvrc(read.text, relPosix);
    out.files.push({ file: relPosix, kind: include.kind === 'dotenv' ? 'dotenv' : 'direnv' });
    included.push({ line: include.line, settings: loaded.settings });
    for (const problem of loaded.problems) out.problems.push({ ...problem, file: relPosix });
  }
  return included;
}

export interface EffectiveValue {
  value: string;
  /** `file:line` of the project setting, or where the base layer has it: env-file, os, default, go.env. */
  from: string;
}

/** Contexts whose base layer is the user's own machine (the env file and the OS environment). */
const ON_THIS_MACHINE = new Set(['terminal', 'editor-tools', 'make']);

/**
 * Each context's value of every module variable that has one, and where it comes from: the base layer
 * (this machine's go env for terminal, editor tools and make; the image's go.env defaults for a
 * container stage, by its go version; a CI runner's go defaults), then the project's settings of that
 * context in order, the last one winning.
 */
export function effectiveByContext(
  layers: readonly Setting[],
  machine: GoEnvReport,
  machineEnv: Readonly<Record<string, string | undefined>>,
): Record<string, Record<string, EffectiveValue>> {
  const contexts = new Map<string, Setting[]>();
  for (const setting of layers) {
    const list = contexts.get(setting.context) ?? [];
    list.push(setting);
    contexts.set(setting.context, list);
  }
  const out: Record<string, Record<string, EffectiveValue>> = {};
  for (const [context, settings] of [...contexts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const values: Record<string, EffectiveValue> = ON_THIS_MACHINE.has(context)
      ? machineBase(machine, machineEnv)
      : imageBase(settings.find((s) => s.goVersion !== undefined)?.goVersion, context);
    for (const s of settings) {
      if (s.how.includes('not exported')) continue;
      values[s.key] = { value: s.value, from: `${s.file}:${s.line}` };
    }
    out[context] = values;
  }
  return out;
}

function machineBase(
  report: GoEnvReport,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, EffectiveValue> {
  const values: Record<string, EffectiveValue> = {};
  for (const key of MODULE_VARS) {
    const v = report.vars[key];
    if (v !== undefined && v.value !== '') values[key] = { value: v.value, from: v.source };
    else if (!(key in report.vars) && env[key]) values[key] = { value: env[key]!, from: 'os-env' };
  }
  return values;
}

/** A container or CI job: go's own defaults of that version (its go.env from 1.21 on). */
function imageBase(version: string | undefined, context: string): Record<string, EffectiveValue> {
  const facts = goFacts(version === undefined ? undefined : `go${version}`);
  const from = context.startsWith('ci:') ? 'default (runner)' : version ? `go.env (go ${version})` : 'go.env';
  const defaults: Record<string, string> = facts.gorootEnv
    ? { ...STANDARD_GOROOT_ENV }
    : Object.fromEntries(Object.entries(facts.builtinDefaults).filter(([k]) => isModuleVar(k)));
  const values: Record<string, EffectiveValue> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (isModuleVar(key) && value !== '') values[key] = { value, from };
  }
  return values;
}
