import type {
  GoEnvHistory,
  GoEnvOverride,
  GoEnvUndoResult,
  GoEnvWriteRequest,
  GoEnvWriteResult,
} from '../../../shared/contract';
import path from 'node:path';
import { AppError } from '../../dispatch';
import { withFileLock } from '../store';
import type { Host } from '../host';
import { checkEnvWritable, envFileTarget, readEnvBytes, sameBytes, writeEnvBytes } from './envfile-io';
import { decodeSnapshot, publicHistory, type GoEnvHistoryStore } from './history';
import { locateGoEnvFile } from './locate';
import { describeOverride, findOverrides } from './overrides';
import { parseGoEnvFile } from '../../../shared/go/envfile';
import { goFacts } from '../../../shared/go/versions';
import { queryGo, type GoCommand } from './gocmd';
import { goHostOf } from './validate';
import { applyGoEnvOps, envFileChanges, revertChange, type GoEnvOp, type GoEnvWriteContext } from './write';

/**
 * Changing the go env file the way `go env -w/-u` does, but atomically and undoably: validate (go's
 * refusals, nothing written), snapshot the bytes being replaced, then replace the file in one rename.
 * If another writer changed the file between our read and our write, we start over from its version
 * (as a later `go env -w` would), so its change is kept; after MAX_ATTEMPTS we give up, having written
 * nothing.
 */
const MAX_ATTEMPTS = 3;

/** Which go we imitate: the installed one (the newest we know without go), and its go.env. */
export type InstalledGo = (host: Host) => Promise<GoCommand | null>;

async function writeContext(host: Host, installed: InstalledGo): Promise<GoEnvWriteContext> {
  const go = await installed(host);
  const gorootText = go?.gorootEnv?.text;
  return {
    osEnv: host.env,
    ...goHostOf(host.platform, process.arch),
    facts: goFacts(go?.version),
    gorootKeys: new Set(gorootText ? parseGoEnvFile(gorootText).keys() : []),
  };
}

function operations(request: GoEnvWriteRequest): GoEnvOp[] {
  const { set = [], unset = [] } = request;
  const keyOf = (arg: string) => (arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg);
  const both = set.map(keyOf).find((key) => unset.includes(key));
  if (both !== undefined)
    throw new AppError('invalid-input', `${both} cannot be both set and unset in one change`);
  const ops: GoEnvOp[] = [];
  if (set.length > 0) ops.push({ kind: 'set', assignments: set });
  if (unset.length > 0) ops.push({ kind: 'unset', keys: unset });
  // Nothing to do: go's own complaint for the command that was meant.
  if (ops.length === 0)
    ops.push(request.unset !== undefined ? { kind: 'unset', keys: [] } : { kind: 'set', assignments: [] });
  return ops;
}

/** Why go has no env file to write (updateEnvFile's "cannot find go env config: ..."). */
function noEnvFileReason(host: Host): string {
  if (host.env.GOENV === 'off') return 'GOENV=off';
  if (host.platform === 'win32') return '%AppData% is not defined';
  if (host.platform === 'darwin') return '$HOME is not defined';
  if (host.env.XDG_CONFIG_HOME) return 'path in $XDG_CONFIG_HOME is relative';
  return 'neither $XDG_CONFIG_HOME nor $HOME are defined';
}

/** Warnings for OS variables that keep go from seeing what was just written, with where they are set. */
function overrideWarnings(overrides: readonly GoEnvOverride[], quiet: ReadonlySet<string>): string[] {
  return overrides.flatMap((o) => [
    // go has already said it for -w; for -u and undo, say it ourselves.
    ...(quiet.has(o.key)
      ? []
      : [`warning: ${o.key}=${o.osValue} in the OS environment overrides the go env file`]),
    ...describeOverride(o),
  ]);
}

/**
 * The app and the CLI may change the env file at the same moment: each change (read, snapshot, write)
 * holds one lock in the shared data folder, so they take turns instead of starting over.
 */
const writeLock = (host: Host): string => path.join(host.dataDir, 'goenv-write');

export function writeGoEnv(
  host: Host,
  history: GoEnvHistoryStore,
  request: GoEnvWriteRequest,
  installed: InstalledGo = queryGo,
): Promise<GoEnvWriteResult> {
  return withFileLock(writeLock(host), () => writeGoEnvLocked(host, history, request, installed));
}

async function writeGoEnvLocked(
  host: Host,
  history: GoEnvHistoryStore,
  request: GoEnvWriteRequest,
  installed: InstalledGo,
): Promise<GoEnvWriteResult> {
  const ops = operations(request);
  const located = locateGoEnvFile(host);
  const target = located === null ? null : await envFileTarget(located);
  // Before go runs: go would hang on an env file that is a FIFO, which the read refuses.
  let before = target === null ? null : await readEnvBytes(target);
  const context = await writeContext(host, installed);
  let plan = applyGoEnvOps(before, ops, context);
  if (!plan.ok) throw new AppError('invalid-input', plan.error);
  if (target === null)
    throw new AppError('invalid-input', `go: cannot find go env config: ${noEnvFileReason(host)}`);

  const unsetKeys = request.unset ?? [];
  const overrides = await findOverrides(host, [...new Set([...plan.overriddenOnSet, ...unsetKeys])]);
  const goWarned = new Set(plan.overriddenOnSet);

  for (let attempt = 1; ; attempt++) {
    const result: GoEnvWriteResult = {
      envFile: target,
      changed: plan.changed,
      warnings: [...plan.warnings, ...overrideWarnings(overrides, goWarned)],
      overrides,
      snapshot: null,
    };
    if (request.dryRun || sameBytes(before, plan.bytes)) return result;

    // A file we may not write is refused before a snapshot of it is taken.
    await checkEnvWritable(target);
    // Snapshot first: if we die after the rename, undo still has the old bytes.
    const recorded = await history.record({
      kind: 'write',
      envFile: target,
      set: request.set,
      unset: request.unset,
      changed: plan.changed,
      before,
      after: plan.bytes,
    });
    const now = await readEnvBytes(target);
    if (sameBytes(now, before)) {
      try {
        await writeEnvBytes(target, plan.bytes);
      } catch (error) {
        await history.discard(recorded);
        throw error;
      }
      return { ...result, snapshot: { id: recorded.entry.id, at: recorded.entry.at } };
    }
    await history.discard(recorded);
    if (attempt === MAX_ATTEMPTS) {
      throw new AppError(
        'internal',
        `${target} kept changing while GoProxy Desk was writing it (another go env -w or an editor?). Nothing was written; try again.`,
      );
    }
    before = now;
    plan = applyGoEnvOps(before, ops, context);
    if (!plan.ok) throw new AppError('invalid-input', plan.error);
  }
}

/**
 * The go env file's bytes before and after a change, without writing anything: for a caller that
 * writes it as part of a larger transaction (a profile, through the netproxy journal).
 */
export async function planGoEnvWrite(
  host: Host,
  request: GoEnvWriteRequest,
  installed: InstalledGo = queryGo,
): Promise<{
  envFile: string;
  before: Uint8Array | null;
  after: Uint8Array | null;
  changed: GoEnvWriteResult['changed'];
  warnings: string[];
}> {
  const ops = operations(request);
  const located = locateGoEnvFile(host);
  const target = located === null ? null : await envFileTarget(located);
  const before = target === null ? null : await readEnvBytes(target);
  const plan = applyGoEnvOps(before, ops, await writeContext(host, installed));
  if (!plan.ok) throw new AppError('invalid-input', plan.error);
  if (target === null)
    throw new AppError('invalid-input', `go: cannot find go env config: ${noEnvFileReason(host)}`);
  const overrides = await findOverrides(host, [
    ...new Set([...plan.overriddenOnSet, ...(request.unset ?? [])]),
  ]);
  return {
    envFile: target,
    before,
    after: plan.bytes,
    changed: plan.changed,
    warnings: [...plan.warnings, ...overrideWarnings(overrides, new Set(plan.overriddenOnSet))],
  };
}

export function undoGoEnv(host: Host, history: GoEnvHistoryStore): Promise<GoEnvUndoResult> {
  return withFileLock(writeLock(host), () => undoGoEnvLocked(host, history));
}

async function undoGoEnvLocked(host: Host, history: GoEnvHistoryStore): Promise<GoEnvUndoResult> {
  for (let attempt = 1; ; attempt++) {
    const target = await history.undoTarget();
    if (target === null) {
      return {
        envFile: locateGoEnvFile(host),
        changed: [],
        warnings: [],
        overrides: [],
        snapshot: null,
        undone: null,
      };
    }
    const file = target.envFile;
    const current = await readEnvBytes(file);
    const before = decodeSnapshot(target.before);
    const after = decodeSnapshot(target.after);
    // As we left it: the exact old bytes. Changed since by someone else: only our variables go back.
    const untouched = sameBytes(current, after);
    const revert = untouched
      ? { bytes: before, reverted: [], conflicts: [] }
      : revertChange(current, { before, after, keys: target.changed.map((c) => c.key) });
    const restore = revert.bytes;
    const changed = envFileChanges(current, restore);
    const recorded = await history.record({
      kind: 'undo',
      envFile: file,
      set: target.set,
      unset: target.unset,
      changed,
      before: current,
      after: restore,
      undoes: target.id,
    });
    const now = await readEnvBytes(file);
    if (!sameBytes(now, current)) {
      await history.discard(recorded);
      if (attempt === MAX_ATTEMPTS) {
        throw new AppError(
          'internal',
          `${file} kept changing while GoProxy Desk was restoring it. Nothing was written; try again.`,
        );
      }
      continue;
    }
    if (!sameBytes(current, restore)) {
      try {
        await writeEnvBytes(file, restore);
      } catch (error) {
        await history.discard(recorded);
        throw error;
      }
    }
    const warnings: string[] = [];
    if (!untouched) {
      warnings.push(
        `warning: ${file} was changed by something else after snapshot ${target.id}, so undo put back only what that change had set (${revert.reverted.join(', ') || 'nothing'}) and kept the rest; the file as it was before this undo is in snapshot ${recorded.entry.id}`,
      );
    }
    for (const key of revert.conflicts) {
      warnings.push(`warning: ${key} was changed again after snapshot ${target.id}; undo left it as it is`);
    }
    const overrides = await findOverrides(
      host,
      changed.map((c) => c.key),
    );
    warnings.push(...overrideWarnings(overrides, new Set()));
    return {
      envFile: file,
      changed,
      warnings,
      overrides,
      snapshot: { id: recorded.entry.id, at: recorded.entry.at },
      undone: { id: target.id, at: target.at },
    };
  }
}

export async function goEnvHistory(history: GoEnvHistoryStore): Promise<GoEnvHistory> {
  return publicHistory(await history.entries());
}
