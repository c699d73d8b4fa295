import type { CommandSpec } from './command';
import { reportChange } from './changes';

export const undoCommand: CommandSpec = {
  name: 'undo',
  synopsis: 'undo',
  options: {},
  positionals: { min: 0, max: 0 },
  run(ctx) {
    return reportChange(ctx, () => ctx.services.goenv.undo());
  },
};
