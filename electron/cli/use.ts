import type { CommandSpec } from './command';
import { reportChange } from './changes';

export const useCommand: CommandSpec = {
  name: 'use',
  synopsis: 'use <mirror-id|url|fastest> [--fallback MIRROR] [--dry-run]',
  options: { fallback: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run(ctx) {
    const dryRun = ctx.options['dry-run'] === true;
    const fallback = ctx.options.fallback as string | undefined;
    return reportChange(
      ctx,
      () =>
        ctx.services.goenv.use({ target: ctx.positionals[0]!, ...(fallback ? { fallback } : {}), dryRun }),
      dryRun,
    );
  },
};
