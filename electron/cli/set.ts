import type { CommandSpec } from './command';
import { reportChange } from './changes';

export const setCommand: CommandSpec = {
  name: 'set',
  synopsis: 'set KEY=VALUE... [--dry-run]',
  options: { 'dry-run': { type: 'boolean' } },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  run(ctx) {
    const dryRun = ctx.options['dry-run'] === true;
    return reportChange(ctx, () => ctx.services.goenv.set(ctx.positionals, { dryRun }), dryRun);
  },
};
