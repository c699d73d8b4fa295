import { useTranslation } from 'react-i18next';
import { catalogues, type Language } from '../../../shared/i18n';
import { MIRRORS } from '../../../shared/mirrors';
import { PageHeader } from '../../components/PageHeader';

export function MirrorsPage() {
  const { t, i18n } = useTranslation();
  // Mirror ids contain dots, which i18next reads as key separators, so notes are looked up directly.
  const notes = catalogues[i18n.language as Language].mirrors.notes as Record<string, string>;
  const sumdb = (value: boolean | undefined) =>
    t(`mirrors.sumdbValues.${value === undefined ? 'unknown' : value ? 'yes' : 'no'}`);
  return (
    <section aria-labelledby="mirrors-heading">
      <PageHeader id="mirrors-heading" title={t('mirrors.heading')} intro={t('mirrors.intro')} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('mirrors.name')}</th>
            <th scope="col">{t('mirrors.url')}</th>
            <th scope="col">{t('mirrors.region')}</th>
            <th scope="col">{t('mirrors.sumdb')}</th>
            <th scope="col">{t('mirrors.notesHeader')}</th>
          </tr>
        </thead>
        <tbody>
          {MIRRORS.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>
                <code>{m.url}</code>
              </td>
              <td>{t(`mirrors.regions.${m.region}`)}</td>
              <td>{sumdb(m.sumdbProxy)}</td>
              <td className="small">{notes[m.id] ?? m.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
