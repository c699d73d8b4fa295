import type { GoEnvHistory } from '../../shared/contract';
import type { CommandContext, CommandSpec } from './command';
import { printJson } from './command';
import { formatChanges } from './changes';
import { table } from './table';

export const historyCommand: CommandSpec = {
  name: 'history',
  synopsis: 'history',
  options: {},
  positionals: { min: 0, max: 0 },
  async run({ services, json, io, t }) {
    const history = await services.goenv.history();
    if (json) printJson(io, history);
    else io.stdout(formatHistory(history, t));
    return 0;
  },
};

function formatHistory(history: GoEnvHistory, t: CommandContext['t']): string {
  if (history.entries.length === 0) return `${t('envHistory.empty')}\n`;
  const rows = [[t('envHistory.id'), t('envHistory.at'), t('envHistory.what')]];
  for (const e of history.entries) {
    const what = [
      ...(e.set.length > 0 ? [`set ${e.set.join(' ')}`] : []),
      ...(e.unset.length > 0 ? [`unset ${e.unset.join(' ')}`] : []),
    ].join('; ');
    rows.push([e.id, e.at, e.kind === 'undo' ? t('envHistory.undoOf', { id: e.undoes ?? '?', what }) : what]);
    for (const line of formatChanges(e.changed, t)) rows.push(['', '', `  ${line}`]);
  }
  return `${table(rows)}\n`;
}
