import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { isModuleVar, type ModuleVar, type ParsedFile, type ParseProblem, type Setting } from './settings';
import { shellSettings, type ShellHow } from './shell-commands';

/**
 * The module settings of a project's YAML build files (issue 16): docker compose services, GitHub
 * Actions workflows and GitLab CI pipelines. Anchors, aliases and `<<` merge keys are resolved the way
 * YAML does, and every setting keeps the line where its key is written (in the anchored block, for a
 * merged one). A broken file gives the settings of the part that could be read and its parse errors.
 */

const MAX_PROBLEMS = 100;
/** The most a merge key may pull in, nested; GitLab allows eleven levels of `extends`. */
const MAX_DEPTH = 16;

interface Entry {
  key: string;
  /** 1-based line of the key. */
  line: number;
  value: Node | null;
}

/** A setting before it is given its file and context. */
interface Found {
  key: ModuleVar;
  value: string;
  line: number;
  how: string;
  expands: boolean;
}

/** One YAML document as read: its aliases resolved once, and a budget against merge-key bombs. */
class Reader {
  private readonly aliases = new Map<Alias, Node>();
  private readonly memo = new Map<Node, Entry[]>();
  private budget: number;
  exhausted = false;

  constructor(
    readonly doc: Document,
    private readonly lines: LineCounter,
    size: number,
  ) {
    this.budget = 100_000 + 4 * size;
    // One pass in document order: an alias names the last anchor of that name before it.
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target !== undefined) this.aliases.set(node, target);
        } else if (node.anchor !== undefined) anchors.set(node.anchor, node);
      },
    });
  }

  line(node: Node | null | undefined): number {
    const at = node?.range?.[0];
    return at === undefined ? 0 : this.lines.linePos(at).line;
  }

  deref(node: unknown): Node | null {
    if (isAlias(node)) return this.aliases.get(node) ?? null;
    return isMap(node) || isSeq(node) || isScalar(node) ? node : null;
  }

  /** A mapping's entries with `<<` merges applied: its own keys win, then earlier merge sources. */
  entries(node: unknown, depth = 0): Entry[] {
    const map = this.deref(node);
    if (!isMap(map)) return [];
    const known = this.memo.get(map);
    if (known !== undefined) return known;
    const own: Entry[] = [];
    const sources: Node[] = [];
    for (const pair of map.items) {
      if (--this.budget < 0) {
        this.exhausted = true;
        break;
      }
      const key = pair.key;
      if (!isScalar(key)) continue;
      const isMerge = typeof key.value === 'symbol' || (key.value === '<<' && key.type === Scalar.PLAIN);
      if (isMerge) {
        const value = this.deref(pair.value);
        if (isSeq(value)) for (const item of value.items) sources.push(item as Node);
        else if (value !== null) sources.push(value);
        continue;
      }
      own.push({ key: String(key.value), line: this.line(key), value: (pair.value as Node | null) ?? null });
    }
    let result = own;
    if (sources.length > 0 && depth >= MAX_DEPTH) this.exhausted = true;
    if (sources.length > 0 && depth < MAX_DEPTH) {
      const merged = new Map<string, Entry>();
      for (let k = sources.length - 1; k >= 0; k--) {
        for (const entry of this.entries(sources[k], depth + 1)) {
          if (--this.budget < 0) {
            this.exhausted = true;
            break;
          }
          merged.delete(entry.key);
          merged.set(entry.key, entry);
        }
      }
      for (const entry of own) {
        merged.delete(entry.key);
        merged.set(entry.key, entry);
      }
      result = [...merged.values()];
    }
    this.memo.set(map, result);
    return result;
  }

  get(node: unknown, key: string): Node | null {
    let found: Node | null = null;
    for (const entry of this.entries(node)) if (entry.key === key) found = entry.value;
    return found;
  }

  /** A scalar as the tool sees it: a string as written, a number or boolean in the form it was written. */
  text(node: unknown): string | undefined {
    const scalar = this.deref(node);
    if (!isScalar(scalar)) return undefined;
    const value = scalar.value;
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return scalar.source ?? String(value);
    }
    return undefined;
  }

  items(node: unknown): Node[] {
    const seq = this.deref(node);
    return isSeq(seq) ? (seq.items as Node[]) : [];
  }

  /** Where a script's text starts and whether its lines are the file's (a `|` block) or folded. */
  scriptAt(node: unknown): { firstLine: number; oneLine: boolean } | null {
    const scalar = this.deref(node);
    if (!isScalar(scalar)) return null;
    const line = this.line(scalar);
    return scalar.type === Scalar.BLOCK_LITERAL
      ? { firstLine: line + 1, oneLine: false }
      : { firstLine: line, oneLine: true };
  }
}

interface Loaded {
  reader: Reader | null;
  problems: ParseProblem[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Parses the text; `skipHeader` names a key that marks a leading header document (GitLab's `spec:`),
 * after which the configuration is the next document.
 */
function load(text: string, skipHeader?: string): Loaded {
  const problems: ParseProblem[] = [];
  const problem = (line: number, what: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, message: what });
  };
  try {
    const lines = new LineCounter();
    const parsed = parseAllDocuments(text, { merge: true, lineCounter: lines });
    const docs = Array.isArray(parsed) ? parsed : [];
    for (const doc of docs) {
      for (const error of doc.errors) {
        problem(error.linePos?.[0].line ?? 0, error.message.split('\n')[0] ?? error.code);
      }
    }
    let at = 0;
    const first = docs[0];
    if (
      skipHeader !== undefined &&
      docs.length > 1 &&
      first &&
      isMap(first.contents) &&
      first.contents.has(skipHeader)
    ) {
      at = 1;
    }
    const doc = docs[at];
    if (doc === undefined) return { reader: null, problems };
    if (docs.length > at + 1) {
      problem(
        lines.linePos(docs[at + 1]?.range[0] ?? 0).line,
        'a second YAML document: only the first is read',
      );
    }
    return { reader: new Reader(doc, lines, text.length), problems };
  } catch (error) {
    problem(0, `could not be read as YAML (${message(error)})`);
    return { reader: null, problems };
  }
}

/** Runs `read`, which pushes what it finds, and keeps what it found if it throws half way. */
function collect(
  text: string,
  file: string,
  read: (reader: Reader, add: Emit) => void,
  skipHeader?: string,
): ParsedFile {
  const { reader, problems } = load(text, skipHeader);
  const settings: Setting[] = [];
  if (reader === null) return { settings, problems };
  const add: Emit = (found, context) => {
    const setting: Setting = {
      file,
      line: found.line,
      key: found.key,
      value: found.value,
      context,
      how: found.how,
    };
    if (found.expands) setting.expands = true;
    settings.push(setting);
  };
  try {
    read(reader, add);
  } catch (error) {
    if (problems.length < MAX_PROBLEMS) {
      problems.push({
        line: 0,
        message: `could not be read past this point (${message(error)}); the settings before it are kept`,
      });
    }
  }
  if (reader.exhausted && problems.length < MAX_PROBLEMS) {
    problems.push({
      line: 0,
      message: 'merge keys (<<) nest too deep or pull in too many entries; the rest of them were not read',
    });
  }
  return { settings, problems };
}

type Emit = (found: Found, context: string) => void;

/** `$VAR` and `${VAR}` are expanded by compose and GitLab, `$$` is a literal `$`. */
function dollarValue(raw: string): { value: string; expands: boolean } {
  if (!raw.includes('$')) return { value: raw, expands: false };
  let expands = false;
  const value = raw.replace(/\$(\$|[A-Za-z_{])?/g, (whole, next: string | undefined) => {
    if (next === '$') return '$';
    if (next !== undefined) expands = true;
    return whole;
  });
  return { value, expands };
}

/**
 * `KEY: value` entries, or `- KEY=value` items. With `hostPassThrough` (compose), `KEY:` and `- KEY` take
 * the value from the host's environment: not a value this file sets, so they are left out.
 */
function keyValues(reader: Reader, node: unknown, how: string, hostPassThrough: boolean, out: Found[]): void {
  const target = reader.deref(node);
  if (isSeq(target)) {
    for (const item of target.items) {
      const text = reader.text(item);
      const eq = text?.indexOf('=') ?? -1;
      if (text === undefined || eq <= 0) continue;
      const key = text.slice(0, eq);
      if (!isModuleVar(key)) continue;
      out.push({
        key,
        value: text.slice(eq + 1),
        line: reader.line(reader.deref(item)),
        how,
        expands: false,
      });
    }
    return;
  }
  for (const entry of reader.entries(target)) {
    if (!isModuleVar(entry.key)) continue;
    const value = reader.deref(entry.value);
    if (hostPassThrough && (value === null || (isScalar(value) && value.value === null))) continue;
    const text = reader.text(value);
    if (text !== undefined) out.push({ key: entry.key, value: text, line: entry.line, how, expands: false });
  }
}

export function parseCompose(text: string, file: string): ParsedFile {
  return collect(text, file, (reader, add) => {
    for (const service of reader.entries(reader.get(reader.doc.contents, 'services'))) {
      const context = `container:${service.key}`;
      for (const entry of reader.entries(service.value)) {
        const found: Found[] = [];
        if (entry.key === 'environment') keyValues(reader, entry.value, 'environment', true, found);
        else if (entry.key === 'build')
          keyValues(reader, reader.get(entry.value, 'args'), 'build args', true, found);
        for (const f of found) add({ ...f, ...dollarValue(f.value) }, context);
      }
    }
  });
}

const GITHUB_EXPR = /\$\{\{/;

function githubEnv(reader: Reader, node: unknown, how: string): Found[] {
  const found: Found[] = [];
  keyValues(reader, node, how, false, found);
  return found.map((f) => ({ ...f, expands: GITHUB_EXPR.test(f.value) }));
}

/** Settings a script makes; how: 'go env -w', 'export', 'inline', and 'GITHUB_ENV' where it means something. */
function scriptFound(reader: Reader, node: unknown, keep: (how: ShellHow) => boolean, out: Found[]): void {
  const at = reader.scriptAt(node);
  const text = reader.text(node);
  if (at === null || text === undefined) return;
  for (const s of shellSettings(text, at)) if (keep(s.how)) out.push({ ...s, how: s.how });
}

/** The last setting of each key, for settings that every job repeats. */
function lastOfEachKey(found: readonly Found[]): Found[] {
  const last = new Map<string, Found>();
  for (const f of found) {
    last.delete(f.key);
    last.set(f.key, f);
  }
  return [...last.values()];
}

export function parseGithubWorkflow(text: string, file: string): ParsedFile {
  return collect(text, file, (reader, add) => {
    const root = reader.doc.contents;
    const workflow = lastOfEachKey(githubEnv(reader, reader.get(root, 'env'), 'env (workflow)'));
    for (const job of reader.entries(reader.get(root, 'jobs'))) {
      const context = `ci:${job.key}`;
      for (const f of workflow) add(f, context);
      for (const f of githubEnv(reader, reader.get(job.value, 'env'), 'env (job)')) add(f, context);
      const container = reader.get(job.value, 'container');
      for (const f of githubEnv(reader, reader.get(container, 'env'), 'env (container)')) add(f, context);
      const steps = reader.items(reader.get(job.value, 'steps'));
      for (let index = 0; index < steps.length; index++) {
        const step = steps[index];
        const name = reader.text(reader.get(step, 'name')) || String(index);
        for (const f of githubEnv(reader, reader.get(step, 'env'), `env (step ${name})`)) add(f, context);
        const found: Found[] = [];
        scriptFound(reader, reader.get(step, 'run'), () => true, found);
        for (const f of found) add({ ...f, expands: f.expands || GITHUB_EXPR.test(f.value) }, context);
      }
    }
  });
}

const GITLAB_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);
/** GitLab's own limit on `extends` levels. */
const MAX_EXTENDS = 11;

/** `variables:` values: a scalar, or `{ value, description, expand }`. */
function gitlabVariables(reader: Reader, node: unknown, how: string): Found[] {
  const out: Found[] = [];
  for (const entry of reader.entries(node)) {
    if (!isModuleVar(entry.key)) continue;
    const target = reader.deref(entry.value);
    let raw: string | undefined;
    let expand = true;
    if (isMap(target)) {
      raw = reader.text(reader.get(target, 'value'));
      if (reader.text(reader.get(target, 'expand')) === 'false') expand = false;
    } else raw = reader.text(target);
    if (raw === undefined) continue;
    const { value, expands } = expand ? dollarValue(raw) : { value: raw, expands: false };
    out.push({ key: entry.key, value, line: entry.line, how, expands });
  }
  return out;
}

export function parseGitlabCi(text: string, file: string): ParsedFile {
  return collect(
    text,
    file,
    (reader, add) => {
      const top = reader.entries(reader.doc.contents);
      const definitions = new Map<string, Node | null>();
      for (const entry of top) if (!GITLAB_KEYWORDS.has(entry.key)) definitions.set(entry.key, entry.value);
      const root = reader.doc.contents;
      const global = lastOfEachKey(
        gitlabVariables(reader, reader.get(root, 'variables'), 'variables (global)'),
      );
      const defaults = reader.get(root, 'default');
      const defaultBeforeScript = reader.get(defaults, 'before_script') ?? reader.get(root, 'before_script');

      const memo = new Map<string, Found[]>();
      /** A job's variables after `extends`: the extended jobs' in order, then its own; one per key. */
      const variablesOf = (name: string, depth: number, visiting: Set<string>): Found[] => {
        const known = memo.get(name);
        if (known !== undefined) return known;
        const node = definitions.get(name);
        if (node === undefined || depth > MAX_EXTENDS || visiting.has(name)) return [];
        visiting.add(name);
        const found: Found[] = [];
        for (const parent of extendsOf(reader, node)) {
          for (const f of variablesOf(parent, depth + 1, visiting)) {
            found.push(f.how === 'variables (job)' ? { ...f, how: `variables (extends ${parent})` } : f);
          }
        }
        for (const f of gitlabVariables(reader, reader.get(node, 'variables'), 'variables (job)'))
          found.push(f);
        visiting.delete(name);
        const result = lastOfEachKey(found);
        memo.set(name, result);
        return result;
      };
      /** A job's own value of a key, else the one it extends (a later `extends` wins), else undefined. */
      const inheritedMemo = new Map<string, Node | null | undefined>();
      const inherited = (
        name: string,
        key: string,
        depth: number,
        visiting: Set<string>,
      ): Node | null | undefined => {
        const memoKey = `${key}\0${name}`;
        if (inheritedMemo.has(memoKey)) return inheritedMemo.get(memoKey);
        const node = definitions.get(name);
        if (node === undefined || depth > MAX_EXTENDS || visiting.has(name)) return undefined;
        const own = reader.entries(node).find((e) => e.key === key);
        let found: Node | null | undefined = own?.value;
        if (own === undefined) {
          visiting.add(name);
          for (const parent of extendsOf(reader, node)) {
            const value = inherited(parent, key, depth + 1, visiting);
            if (value !== undefined) found = value;
          }
          visiting.delete(name);
        }
        inheritedMemo.set(memoKey, found);
        return found;
      };

      for (const [name, node] of definitions) {
        if (name.startsWith('.') || !isMap(reader.deref(node))) continue;
        const context = `ci:${name}`;
        const inherit = reader.get(node, 'inherit');
        const inheritVariables = reader.deref(reader.get(inherit, 'variables'));
        let globalKept = global;
        if (isScalar(inheritVariables) && inheritVariables.value === false) globalKept = [];
        else if (isSeq(inheritVariables)) {
          const names = new Set(inheritVariables.items.map((item) => reader.text(item)));
          globalKept = global.filter((f) => names.has(f.key));
        }
        for (const f of globalKept) add(f, context);
        for (const f of variablesOf(name, 0, new Set())) add(f, context);

        const inheritDefault = reader.deref(reader.get(inherit, 'default'));
        const usesDefault = !(isScalar(inheritDefault) && inheritDefault.value === false);
        for (const section of ['before_script', 'script']) {
          let script = inherited(name, section, 0, new Set());
          if (script === undefined && section === 'before_script' && usesDefault) {
            script = defaultBeforeScript;
          }
          const found: Found[] = [];
          const items = reader.items(script);
          const lines = items.length > 0 ? items : script ? [script] : [];
          for (const item of lines) scriptFound(reader, item, (how) => how !== 'GITHUB_ENV', found);
          for (const f of found) add(f, context);
        }
      }
    },
    'spec',
  );
}

function extendsOf(reader: Reader, node: Node | null): string[] {
  const value = reader.get(node, 'extends');
  const items = reader.items(value);
  const names = (items.length > 0 ? items : [value]).map((item) => reader.text(item));
  return names.filter((n): n is string => n !== undefined && n !== '');
}
