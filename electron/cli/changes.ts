import type { GoEnvChange, GoEnvUndoResult, GoEnvWriteResult } from '../../shared/contract';
import { AppError } from '../dispatch';
import type { CommandContext } from './command';
import { printJson } from './command';

type T = CommandContext['t'];

/** A value as a terminal can show it: control characters (a CR left by a CRLF line) made visible. */
function shown(value: string | null, t: T): string {
  if (value === null) return t('envWrite.unsetValue');
  if (value === '') return t('envWrite.emptyValue');
  return [...value].some((ch) => ch < ' ' || ch === '\x7f') ? JSON.stringify(value) : value;
}

export function formatChanges(changes: readonly GoEnvChange[], t: T): string[] {
  return changes.map((c) => `${c.key}: ${shown(c.from, t)} → ${shown(c.to, t)}`);
}

function outcome(result: GoEnvWriteResult | GoEnvUndoResult, dryRun: boolean, t: T): string {
  const file = result.envFile ?? '';
  if ('undone' in result) {
    if (result.undone === null) return t('envWrite.nothingToUndo');
    return t('envWrite.undone', { id: result.undone.id, at: result.undone.at, file });
  }
  if (dryRun) return t('envWrite.dryRun', { file });
  if (result.snapshot === null) return t('envWrite.nothing', { file });
  if (result.changed.length === 0) return t('envWrite.normalized', { file, id: result.snapshot.id });
  return t('envWrite.written', { file, id: result.snapshot.id });
}

/**
 * Runs a change of the env file and reports it: JSON, or `KEY: from → to` lines with the warnings on
 * stderr. go's refusals exit 2 with go's message, as go prints it; nothing was written.
 */
export async function reportChange(
  { json, io, t }: CommandContext,
  change: () => Promise<GoEnvWriteResult | GoEnvUndoResult>,
  dryRun = false,
): Promise<number> {
  let result: GoEnvWriteResult | GoEnvUndoResult;
  try {
    result = await change();
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid-input') {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (json) {
    printJson(io, result);
    return 0;
  }
  for (const warning of result.warnings) io.stderr(`${warning}\n`);
  io.stdout(`${[...formatChanges(result.changed, t), outcome(result, dryRun, t)].join('\n')}\n`);
  return 0;
}
