import type {
  NetProxyChangeResult,
  NetProxyRestoreResult,
  StepPreview,
  TransactionSummary,
} from '../../../shared/contract';
import { AppError } from '../../dispatch';
import type { Host } from '../host';
import { driverFor, mergerFor, notifierFor } from './drivers';
import type { Journal } from './journal';
import { scopesOf, stateDigest, summarize, type JournalStep, type Transaction } from './journal';
import type { Conflict, ScopePlan, Step, StepScope } from './types';

/**
 * Carrying out a plan as one transaction, and taking one back. Apply: journal every place's previous
 * state ('pending'), write the places in order, mark 'applied', then notify (WM_SETTINGCHANGE, KDE's
 * reparse...). A write that fails puts back what was already written. Restore walks a transaction's
 * places in reverse: a place that still holds what we wrote gets its old state back; one that changed
 * since is merged where we know how (our block of a start-up file, our keys of a git config) and
 * otherwise left alone and reported, unless forced.
 */

export interface PlannedScope {
  scope: StepScope;
  plan: ScopePlan;
}

export interface ApplyOptions {
  kind: 'apply' | 'profile';
  summary: string;
  dryRun?: boolean;
  redact: (text: string) => string;
}

function preview(host: Host, step: Step, redact: (text: string) => string): StepPreview {
  const driver = driverFor(step.place.driver);
  const shown = driver.preview(host, step.place.address, step.before, step.after, redact);
  return {
    scope: step.scope,
    place: driver.describe(step.place.address, host),
    action: shown.action,
    ...(shown.diff !== undefined ? { diff: shown.diff } : {}),
    ...(shown.commands !== undefined ? { commands: shown.commands.map((argv) => argv.map(redact)) } : {}),
  };
}

/**
 * Test-only crash point: with GOPROXY_DESK_TEST_HOOKS=1, GOPROXY_DESK_TEST_CRASH_AFTER=N kills the
 * process (SIGKILL, no clean-up) right after the Nth place is written.
 */
function crashPoint(host: Host, written: number): void {
  if (host.env.GOPROXY_DESK_TEST_HOOKS !== '1') return;
  if (Number(host.env.GOPROXY_DESK_TEST_CRASH_AFTER) === written) process.kill(process.pid, 'SIGKILL');
}

async function runNotifiers(host: Host, names: readonly string[]): Promise<string[]> {
  const warnings: string[] = [];
  for (const name of [...new Set(names)]) {
    try {
      await notifierFor(name).run(host);
    } catch (error) {
      warnings.push(
        `the settings are written, but telling running programs about them failed (${name}: ${(error as Error).message}); programs started from now on see them`,
      );
    }
  }
  return warnings;
}

export async function applyPlans(
  host: Host,
  journal: Journal,
  planned: readonly PlannedScope[],
  options: ApplyOptions,
): Promise<NetProxyChangeResult> {
  const steps = planned.flatMap((p) => p.plan.steps);
  const warnings = [...new Set(planned.flatMap((p) => p.plan.warnings.map(options.redact)))];
  const conflicts = planned.flatMap((p) =>
    p.plan.conflicts.map((c: Conflict) => ({ ...c, text: options.redact(c.text), scope: p.scope })),
  );
  const previews = steps.map((s) => preview(host, s, options.redact));
  const base = { steps: previews, warnings, conflicts };
  if (options.dryRun) return { dryRun: true, transaction: null, ...base };
  if (steps.length === 0) return { dryRun: false, transaction: null, ...base };

  const unfinished = await journal.unfinished();
  if (unfinished) throw unfinishedError(unfinished);
  // A place we cannot write is refused now, before anything is written, rather than rolled back later.
  for (const step of steps) {
    await driverFor(step.place.driver).check?.(host, step.place.address, step.after);
  }

  const journaled: JournalStep[] = steps.map((step) => {
    const driver = driverFor(step.place.driver);
    return {
      scope: step.scope,
      driver: driver.name,
      address: step.place.address,
      before: step.before,
      afterDigest: stateDigest(driver, step.after),
      ...(step.merge ? { merge: step.merge } : {}),
    };
  });
  const notify = planned.flatMap((p) => p.plan.notify);
  const transaction = await journal.begin({
    kind: options.kind,
    summary: options.redact(options.summary),
    scopes: scopesOf(steps),
    steps: journaled,
    notify,
  });

  let written = 0;
  try {
    for (const step of steps) {
      await driverFor(step.place.driver).write(host, step.place.address, step.after);
      written++;
      crashPoint(host, written);
    }
  } catch (error) {
    const failed = steps[written]!;
    const place = driverFor(failed.place.driver).describe(failed.place.address, host);
    const rollback: string[] = [];
    for (const step of steps.slice(0, written).reverse()) {
      try {
        await driverFor(step.place.driver).write(host, step.place.address, step.before);
      } catch (undoError) {
        rollback.push(
          `${driverFor(step.place.driver).describe(step.place.address, host)}: ${(undoError as Error).message}`,
        );
      }
    }
    await journal.setState(transaction.id, rollback.length === 0 ? 'failed' : 'applied');
    // The writer's message is a sentence of its own; ours goes on after it.
    const message = options.redact((error as Error).message).replace(/\.$/, '');
    throw new AppError(
      'apply-failed',
      rollback.length === 0
        ? `Could not change ${place}: ${message}. Everything written before it was put back; nothing changed.`
        : `Could not change ${place}: ${message}. Putting back what was already written also failed (${rollback.join('; ')}); run \`goproxy-desk proxy restore\` to retry.`,
    );
  }
  await journal.setState(transaction.id, 'applied');
  warnings.push(...(await runNotifiers(host, notify)));
  return { dryRun: false, transaction: { ...summarize(transaction), state: 'applied' }, ...base };
}

export function unfinishedError(t: Transaction): AppError {
  return new AppError(
    'unfinished-change',
    `A change to your network settings started at ${t.at} (${t.summary}) never finished, probably because GoProxy Desk was stopped while it ran. Run \`goproxy-desk proxy restore\` (or Restore in the app) to put everything back first.`,
  );
}

export interface RestoreOptions {
  all?: boolean;
  force?: boolean;
  dryRun?: boolean;
}

export async function restoreTransactions(
  host: Host,
  journal: Journal,
  options: RestoreOptions,
  redact: (text: string) => string,
): Promise<NetProxyRestoreResult> {
  const result: NetProxyRestoreResult = {
    dryRun: Boolean(options.dryRun),
    restored: [],
    places: [],
    warnings: [],
    complete: true,
  };
  const seen = new Set<string>();
  for (;;) {
    const target = await journal.restoreTarget();
    // A dry run changes nothing, so the same target would come back: one at a time, each once.
    if (target === null || seen.has(target.id)) break;
    seen.add(target.id);
    const done = await restoreOne(host, journal, target, options, redact, result);
    result.restored.push({ ...summarize(target), state: done ? 'restored' : target.state });
    if (!done) {
      result.complete = false;
      break;
    }
    if (!options.all || options.dryRun) break;
  }
  return result;
}

async function restoreOne(
  host: Host,
  journal: Journal,
  t: Transaction,
  options: RestoreOptions,
  redact: (text: string) => string,
  result: NetProxyRestoreResult,
): Promise<boolean> {
  if (!options.dryRun) await journal.setState(t.id, 'restoring');
  let complete = true;
  for (const step of [...t.steps].reverse()) {
    const driver = driverFor(step.driver);
    const address = driver.parseAddress(step.address);
    const before = driver.parseState(step.before);
    const place = driver.describe(address, host);
    const current = await driver.read(host, address);
    let outcome: 'restored' | 'unchanged' | 'merged' | 'conflict';
    let next: unknown = before;
    if (driver.equal(current, before)) outcome = 'unchanged';
    else if (stateDigest(driver, current) === step.afterDigest || options.force) outcome = 'restored';
    else {
      const merger = step.merge ? mergerFor(step.merge.kind) : null;
      const merged = merger ? await merger(host, current, before, step.merge?.data) : null;
      if (merged !== null) {
        next = driver.parseState(merged);
        outcome = 'merged';
        result.warnings.push(
          `${place} was changed after GoProxy Desk wrote it: only GoProxy Desk's part was taken back, the other changes were kept`,
        );
      } else {
        outcome = 'conflict';
        complete = false;
        result.warnings.push(
          `${place} was changed after GoProxy Desk wrote it, so it was left as it is; \`proxy restore --force\` puts back what it held before (losing the newer change)`,
        );
      }
    }
    const shown =
      outcome === 'unchanged' || outcome === 'conflict'
        ? undefined
        : driver.preview(host, address, current, next, redact);
    result.places.push({
      scope: step.scope,
      place,
      outcome,
      ...(shown
        ? {
            preview: {
              scope: step.scope,
              place,
              action: shown.action,
              ...(shown.diff !== undefined ? { diff: shown.diff } : {}),
              ...(shown.commands ? { commands: shown.commands.map((c) => c.map(redact)) } : {}),
            },
          }
        : {}),
    });
    if (!options.dryRun && (outcome === 'restored' || outcome === 'merged'))
      await driver.write(host, address, next);
  }
  if (options.dryRun) return complete;
  // Left 'applied' when a place was kept: a second restore (or --force) picks up where this one stopped.
  await journal.setState(t.id, complete ? 'restored' : 'applied');
  result.warnings.push(...(await runNotifiers(host, t.notify)));
  return complete;
}

export type { TransactionSummary };
