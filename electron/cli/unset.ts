import type { CommandSpec } from './command';
import { reportChange } from './changes';

export const unsetCommand: CommandSpec = {
  name: 'unset',
  synopsis: 'unset KEY... [--dry-run]',
  options: { 'dry-run': { type: 'boolean' } },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  run(ctx) {
    const dryRun = ctx.options['dry-run'] === true;
    return reportChange(ctx, () => ctx.services.goenv.unset(ctx.positionals, { dryRun }), dryRun);
  },
};
