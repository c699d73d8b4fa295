import { catalogues } from '../../shared/i18n';
import { MIRRORS } from '../../shared/mirrors';
import type { CommandSpec } from './command';
import { printJson } from './command';
import { table } from './table';

export const mirrorsCommand: CommandSpec = {
  name: 'mirrors',
  synopsis: 'mirrors',
  options: {},
  positionals: { min: 0, max: 0 },
  async run({ json, io, t, language }) {
    // JSON notes stay English: the JSON is a stable interface. Ids contain dots, so notes are looked
    // up in the catalogue directly rather than through i18next keys.
    if (json) {
      printJson(io, MIRRORS);
      return 0;
    }
    const notes = catalogues[language].mirrors.notes as Record<string, string>;
    const rows = [[t('mirrors.id'), t('mirrors.url'), t('mirrors.region'), t('mirrors.notesHeader')]];
    for (const m of MIRRORS)
      rows.push([m.id, m.url, t(`mirrors.regions.${m.region}`), notes[m.id] ?? m.notes]);
    io.stdout(`${table(rows)}\n`);
    return 0;
  },
};
