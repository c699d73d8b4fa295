import type { GoEnvReport } from '../../shared/contract';
import type { CommandSpec } from './command';
import { printJson } from './command';
import { table } from './table';

export const envCommand: CommandSpec = {
  name: 'env',
  synopsis: 'env',
  options: {},
  positionals: { min: 0, max: 0 },
  async run({ services, json, io, t }) {
    const report = await services.goenv.read();
    if (json) printJson(io, report);
    else io.stdout(formatEnv(report, t));
    return 0;
  },
};

function formatEnv(
  report: GoEnvReport,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  const lines: string[] = [];
  const goLine = report.go
    ? t('env.goFound', { version: report.go.version || '?', path: report.go.path })
    : `${t('env.goMissing')} ${t('env.goMissingHelp')}`;
  lines.push(
    table([
      [t('env.go'), goLine],
      [t('env.envFile'), report.envFile ?? t('env.envFileOff')],
      ...(report.gorootEnvFile
        ? [
            [
              t('env.gorootEnvFile'),
              Object.values(report.vars).some((v) => v.gorootValue !== undefined)
                ? report.gorootEnvFile
                : t('env.gorootEnvMissing', { file: report.gorootEnvFile }),
            ],
          ]
        : []),
    ]),
  );
  if (report.goError) lines.push(t('env.goError', { message: report.goError }));
  if (report.envFileError) lines.push(t('env.envFileError', { message: report.envFileError }));
  lines.push('');
  const rows = [[t('env.variable'), t('env.value'), t('env.source')]];
  for (const [name, v] of Object.entries(report.vars)) {
    const source = `[${t(`env.sources.${v.source}`)}]${v.readOnly ? ` (${t('env.readOnly')})` : ''}`;
    rows.push([name, v.value === '' ? t('env.empty') : v.value, source]);
  }
  lines.push(table(rows));
  return `${lines.join('\n')}\n`;
}
