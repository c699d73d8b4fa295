import { readFileBounded } from '../services/store/safe-file';
import type { ProfileList } from '../../shared/contract';
import { AppError } from '../dispatch';
import { UsageError } from './args';
import { printJson, type CommandContext, type CommandSpec } from './command';
import { reportChange } from './proxy';
import { table } from './table';

const SUBCOMMANDS = ['list', 'apply', 'export', 'import'] as const;
type Sub = (typeof SUBCOMMANDS)[number];
const ALLOWED: Record<Sub, readonly string[]> = {
  list: [],
  apply: ['dry-run'],
  export: [],
  import: ['replace'],
};
const ARGS: Record<Sub, { min: number; max: number }> = {
  list: { min: 0, max: 0 },
  apply: { min: 1, max: 1 },
  export: { min: 0, max: Number.POSITIVE_INFINITY },
  import: { min: 1, max: 1 },
};

export const profileCommand: CommandSpec = {
  name: 'profile',
  synopsis: 'profile list | apply NAME [--dry-run] | export [NAME...] | import FILE|- [--replace]',
  options: { 'dry-run': { type: 'boolean' }, replace: { type: 'boolean' } },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  async run(ctx) {
    const sub = ctx.positionals[0] as Sub;
    if (!SUBCOMMANDS.includes(sub))
      throw new UsageError('profiles.badSubcommand', { sub: ctx.positionals[0]! });
    for (const option of Object.keys(ctx.options)) {
      if (!ALLOWED[sub].includes(option))
        throw new UsageError('netproxy.optionNotFor', { sub, option: `--${option}` });
    }
    const args = ctx.positionals.slice(1);
    if (args.length < ARGS[sub].min)
      throw new UsageError('cli.missingArgument', {
        command: `profile ${sub}`,
        synopsis: profileCommand.synopsis,
      });
    if (args.length > ARGS[sub].max)
      throw new UsageError('cli.tooManyArguments', { command: `profile ${sub}`, arg: args[ARGS[sub].max]! });
    const { services, json, io, t } = ctx;
    switch (sub) {
      case 'list': {
        const list = await services.profiles.list();
        if (json) printJson(io, list);
        else io.stdout(formatList(list, t));
        return 0;
      }
      case 'apply': {
        const result = await services.profiles.apply(args[0]!, { dryRun: ctx.options['dry-run'] === true });
        if (json) {
          printJson(io, result);
          return 0;
        }
        reportChange(result, ctx);
        if (!result.dryRun) {
          io.stdout(
            `${result.transaction ? t('profiles.applied', { name: result.profile, count: result.steps.length, id: result.transaction.id }) : t('profiles.nothing', { name: result.profile })}\n`,
          );
        }
        return 0;
      }
      case 'export':
        // Always JSON: the export is a file format.
        printJson(io, await services.profiles.export(args));
        return 0;
      case 'import': {
        const text = await readInput(args[0]!);
        let document: unknown;
        try {
          document = JSON.parse(text);
        } catch (error) {
          throw new AppError('invalid-input', `${args[0]} is not JSON: ${(error as Error).message}`);
        }
        const result = await services.profiles.import(document, { replace: ctx.options.replace === true });
        if (json) printJson(io, result);
        else {
          for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
          const list = (names: string[]) => (names.length > 0 ? names.join(', ') : '-');
          io.stdout(
            `${t('profiles.imported', { imported: list(result.imported), replaced: list(result.replaced), skipped: list(result.skipped) })}\n`,
          );
        }
        return 0;
      }
    }
  },
};

async function readInput(file: string): Promise<string> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    const bytes = await readFileBounded(file);
    if (bytes === null) throw new AppError('invalid-input', `cannot read ${file}: there is no such file`);
    return bytes.toString('utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid-input', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function formatList(list: ProfileList, t: CommandContext['t']): string {
  if (list.profiles.length === 0) return `${t('profiles.empty')}\n`;
  const rows = [[t('profiles.name'), t('profiles.goenv'), t('profiles.proxy')]];
  for (const p of list.profiles) {
    const goenv = [
      ...Object.entries(p.goenv.set).map(([k, v]) => `${k}=${v}`),
      ...p.goenv.unset.map((k) => `-${k}`),
    ].join(' ');
    const proxy = p.proxy
      ? `${p.proxy.https ?? p.proxy.http ?? 'off'}${p.proxy.noProxy ? ` (no_proxy ${p.proxy.noProxy})` : ''} → ${p.proxy.scopes.join(',')}${p.hasSecret ? ' 🔒' : ''}`
      : t('profiles.none');
    rows.push([p.name, goenv || t('profiles.none'), proxy]);
  }
  return `${table(rows)}\n`;
}
