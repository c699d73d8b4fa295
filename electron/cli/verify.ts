import type { SumdbVerifyResult } from '../../shared/contract';
import { printJson, type CommandContext, type CommandSpec } from './command';

export const verifyCommand: CommandSpec = {
  name: 'verify',
  synopsis: 'verify <module>@<version> [--mirror URL] [--sumdb "KEY [URL]"] [--timeout MS]',
  options: { mirror: { type: 'string' }, sumdb: { type: 'string' }, timeout: { type: 'integer' } },
  positionals: { min: 1, max: 1 },
  async run({ positionals, options, services, json, io, t }) {
    const result = await services.sumdb.verify({
      module: positionals[0]!,
      ...(typeof options.mirror === 'string' ? { mirror: options.mirror } : {}),
      ...(typeof options.sumdb === 'string' ? { sumdb: options.sumdb } : {}),
      ...(typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : {}),
    });
    if (json) printJson(io, result);
    else io.stdout(format(result, t));
    return result.error === undefined ? 0 : 1;
  },
};

function format(r: SumdbVerifyResult, t: CommandContext['t']): string {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const lines = [
    t('verify.header', { module: r.module, version: r.version, mirror: r.mirror }),
    `  ${mark(r.zip.ok)} zip     ${r.zip.h1 ?? '-'}${r.zip.expected && !r.zip.ok ? `  (${t('verify.expected')} ${r.zip.expected})` : ''}`,
    `  ${mark(r.mod.ok)} go.mod  ${r.mod.h1 ?? '-'}${r.mod.expected && !r.mod.ok ? `  (${t('verify.expected')} ${r.mod.expected})` : ''}`,
    `  ${mark(r.sumdb.verified)} ${t('verify.sumdb', { name: r.sumdb.name, url: r.sumdb.url, size: String(r.sumdb.treeSize ?? '-') })}`,
  ];
  lines.push(r.error === undefined ? t('verify.ok') : r.error);
  return `${lines.join('\n')}\n`;
}
