import type { GoEnvChange } from '../../../shared/contract';
import { parseGoEnvFile } from '../../../shared/go/envfile';
import type { GoVersionFacts } from '../../../shared/go/versions';
import { checkBuildConfig, checkEnvWrite, checkTmpDir, pathStyleOf, type GoHost } from './validate';

/**
 * The bytes `go env -w` / `go env -u` (cmd/go/internal/envcmd, the same from go 1.19 to 1.27) would leave in the user env
 * file, computed without touching it. Each operation is one go invocation, applied in order; if any is
 * refused the whole sequence is, with go's message, and nothing is to be written.
 *
 * Go treats the file as bytes, and so do we: the text is handled as latin1 (one char per byte), so that
 * junk lines that are not UTF-8 survive untouched and keys compare bytewise, as Go strings do.
 */

export type GoEnvOp =
  { kind: 'set'; assignments: readonly string[] } | { kind: 'unset'; keys: readonly string[] };

export interface GoEnvWriteContext extends GoHost {
  /** The OS environment go would run with. */
  osEnv: Readonly<Record<string, string | undefined>>;
  /** What the installed go accepts (the newest known without go). */
  facts: GoVersionFacts;
  /** The keys `$GOROOT/go.env` sets: go 1.21+ accepts them in go env -w whatever they are. */
  gorootKeys: ReadonlySet<string>;
}

export type GoEnvWriteOutcome =
  | {
      ok: true;
      /** The new file, or null when there was no file and none is needed (only unsets). */
      bytes: Uint8Array | null;
      changed: GoEnvChange[];
      /** go's own warnings, verbatim, in the order go prints them. */
      warnings: string[];
      /** Keys written with -w whose non-empty OS value differs (what go warns about). */
      overriddenOnSet: string[];
    }
  | { ok: false; error: string };

const toLatin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
/** A user's value (a JS string) as the UTF-8 bytes go would receive, one latin1 char per byte. */
const utf8AsLatin1 = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');
const latin1AsUtf8 = (text: string): string => Buffer.from(text, 'latin1').toString('utf8');

export function applyGoEnvOps(
  current: Uint8Array | null,
  ops: readonly GoEnvOp[],
  context: GoEnvWriteContext,
): GoEnvWriteOutcome {
  let text = current === null ? null : toLatin1(current);
  const warnings: string[] = [];
  const overriddenOnSet: string[] = [];
  const touched: string[] = [];
  for (const op of ops) {
    const step =
      op.kind === 'set' ? planSet(op.assignments, text, context) : planUnset(op.keys, text, context);
    if (!step.ok) return step;
    warnings.push(...step.warnings);
    overriddenOnSet.push(...step.overridden);
    touched.push(...step.keys);
    // `go env -u` on a missing file fails to read it; there is nothing to unset, so the file stays absent.
    if (op.kind === 'unset' && text === null) continue;
    text = updateEnvFile(text ?? '', step.add, step.del);
  }
  const bytes = text === null ? null : fromLatin1(text);
  return {
    ok: true,
    bytes,
    changed: envFileChanges(current, bytes, touched),
    warnings,
    overriddenOnSet: [...new Set(overriddenOnSet)],
  };
}

type Step =
  | {
      ok: true;
      add: Map<string, string>;
      del: Set<string>;
      keys: string[];
      warnings: string[];
      overridden: string[];
    }
  | { ok: false; error: string };

/** runEnvW's checks, in go's order. Values are kept as JS strings until the file is edited. */
function planSet(assignments: readonly string[], file: string | null, context: GoEnvWriteContext): Step {
  if (assignments.length === 0) return { ok: false, error: 'go: no KEY=VALUE arguments given' };
  const style = pathStyleOf(context.goos);
  const add = new Map<string, string>();
  const warnings: string[] = [];
  const overridden: string[] = [];
  for (const arg of assignments) {
    const eq = arg.indexOf('=');
    if (eq < 0) return { ok: false, error: `go: arguments must be KEY=VALUE: invalid argument: ${arg}` };
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    const error = checkEnvWrite(context.facts, style, key, value, knownFileKeys(file, context));
    if (error !== null) return { ok: false, error: `go: ${error}` };
    if (add.has(key)) return { ok: false, error: `go: multiple values for key: ${key}` };
    add.set(key, value);
    const osValue = context.osEnv[key] ?? '';
    if (osValue !== '' && osValue !== value) {
      warnings.push(`warning: go env -w ${key}=... does not override conflicting OS environment variable`);
      overridden.push(key);
    }
  }
  const config = buildConfig(file, context);
  const error = checkBuildConfig(context.facts, context, config, add, new Set()) ?? checkTmpDir(style, add);
  if (error !== null) return { ok: false, error: `go: ${error}` };
  const encoded = new Map([...add].map(([k, v]) => [k, utf8AsLatin1(v)]));
  return { ok: true, add: encoded, del: new Set(), keys: [...add.keys()], warnings, overridden };
}

/** runEnvU's checks: each key as if written with an empty value, then the build configuration. */
function planUnset(keys: readonly string[], file: string | null, context: GoEnvWriteContext): Step {
  if (keys.length === 0) return { ok: false, error: "go: 'go env -u' requires an argument" };
  const style = pathStyleOf(context.goos);
  const fileKeys = knownFileKeys(file, context);
  for (const key of keys) {
    const error = checkEnvWrite(context.facts, style, key, '', fileKeys);
    if (error !== null) return { ok: false, error: `go: ${error}` };
  }
  const del = new Set(keys);
  const error = checkBuildConfig(context.facts, context, buildConfig(file, context), new Map(), del);
  if (error !== null) return { ok: false, error: `go: ${error}` };
  return { ok: true, add: new Map(), del, keys: [...del], warnings: [], overridden: [] };
}

/** cfg.CanGetenv's other half: the keys of the user file (as go read it at its start) and of go.env. */
function knownFileKeys(file: string | null, context: GoEnvWriteContext): Set<string> {
  return new Set([...parseGoEnvFile(file ?? '').keys(), ...context.gorootKeys]);
}

function buildConfig(file: string | null, context: GoEnvWriteContext) {
  const values = parseGoEnvFile(file ?? '');
  const os = (key: string): string => context.osEnv[key] ?? '';
  const defaults = { GOOS: context.goos, GOARCH: context.goarch, GOEXPERIMENT: '' };
  return {
    os,
    current: (key: 'GOOS' | 'GOARCH' | 'GOEXPERIMENT') =>
      os(key) || latin1AsUtf8(values.get(key) ?? '') || defaults[key],
  };
}

/**
 * updateEnvFile: lines split after each '\n' (a missing final newline is added), all but the last
 * copy of a duplicated key blanked, -w values replace the surviving line or are appended, -u blanks
 * it, then each run of KEY=VALUE lines (runs end at comments, blank, invalid or blanked lines) is
 * sorted by key. Appended lines come out sorted, so Go's random map order never shows.
 */
export function updateEnvFile(
  text: string,
  add: ReadonlyMap<string, string>,
  del: ReadonlySet<string>,
): string {
  const lines = text === '' ? [] : text.split(/(?<=\n)/);
  const lastLine = lines.length - 1;
  if (lastLine >= 0 && !lines[lastLine]!.endsWith('\n')) lines[lastLine] += '\n';

  const last = new Map<string, number>();
  lines.forEach((line, i) => {
    const key = lineToKey(line);
    if (key === '') return;
    const previous = last.get(key);
    if (previous !== undefined) lines[previous] = '';
    last.set(key, i);
  });

  for (const [key, value] of add) {
    const at = last.get(key);
    if (at !== undefined) lines[at] = `${key}=${value}\n`;
  }
  for (const [key, value] of add) if (!last.has(key)) lines.push(`${key}=${value}\n`);
  for (const key of del) {
    const at = last.get(key);
    if (at !== undefined) lines[at] = '';
  }

  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lineToKey(lines[i]!) === '') {
      sortByKey(lines, start, i);
      start = i + 1;
    }
  }
  return lines.join('');
}

/** The KEY of a KEY=VALUE line, or '' for anything else (a '#' before the '=' makes it a comment). */
function lineToKey(line: string): string {
  const eq = line.indexOf('=');
  if (eq < 0 || line.slice(0, eq).includes('#')) return '';
  return line.slice(0, eq);
}

/** Keys within a run are unique (duplicates were blanked), so any correct sort gives go's order. */
function sortByKey(lines: string[], start: number, end: number): void {
  const run = lines.slice(start, end).sort((a, b) => {
    const ka = lineToKey(a);
    const kb = lineToKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  // Element by element: a spread of a 200k-line run would overflow the call stack.
  for (let i = 0; i < run.length; i++) lines[start + i] = run[i]!;
}

/**
 * Takes back one earlier change when the file has been changed since by someone else: each variable
 * that change set goes back to its raw value in `before` (or is removed), laid out as go env -w/-u
 * would, unless it no longer holds the value that change gave it; then it is left alone (a conflict),
 * so that the other writer's change is kept.
 */
export function revertChange(
  current: Uint8Array | null,
  change: { before: Uint8Array | null; after: Uint8Array | null; keys: readonly string[] },
): { bytes: Uint8Array | null; reverted: string[]; conflicts: string[] } {
  const read = (b: Uint8Array | null) => parseGoEnvFile(b === null ? '' : toLatin1(b));
  const [now, was, made] = [read(current), read(change.before), read(change.after)];
  const add = new Map<string, string>();
  const del = new Set<string>();
  const reverted: string[] = [];
  const conflicts: string[] = [];
  for (const key of change.keys) {
    if (now.get(key) !== made.get(key)) {
      conflicts.push(key);
      continue;
    }
    const old = was.get(key);
    if (old === undefined) del.add(key);
    else add.set(key, old);
    reverted.push(key);
  }
  const bytes =
    current === null && add.size === 0
      ? null
      : fromLatin1(updateEnvFile(toLatin1(current ?? new Uint8Array()), add, del));
  return { bytes, reverted, conflicts };
}

/** What go reads from the file before and after, for every key that differs; `touched` keys first. */
export function envFileChanges(
  before: Uint8Array | null,
  after: Uint8Array | null,
  touched: readonly string[] = [],
): GoEnvChange[] {
  const a = parseGoEnvFile(before === null ? '' : toLatin1(before));
  const b = parseGoEnvFile(after === null ? '' : toLatin1(after));
  const rest = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !touched.includes(k)).sort();
  const changes: GoEnvChange[] = [];
  for (const key of new Set([...touched, ...rest])) {
    const from = a.get(key) ?? null;
    const to = b.get(key) ?? null;
    if (from === to) continue;
    changes.push({
      key,
      from: from === null ? null : latin1AsUtf8(from),
      to: to === null ? null : latin1AsUtf8(to),
    });
  }
  return changes;
}
