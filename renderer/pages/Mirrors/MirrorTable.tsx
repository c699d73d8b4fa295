import { useTranslation } from 'react-i18next';
import type { ProbeError } from '../../../shared/contract';
import { catalogues, type Language } from '../../../shared/i18n';
import { visible } from '../../../shared/visible';
import { HealthDot } from '../../components/Badges';
import { useMirrors } from '../../store/mirrors';
import type { MirrorRow } from './mirrorRows';
import { formatMs } from './phaseStats';

/** The catalogue and the user's mirrors, each with the health, latency and extras of its newest probe. */
export function MirrorTable({ rows }: { rows: readonly MirrorRow[] }) {
  const { t, i18n } = useTranslation();
  const remove = useMirrors((s) => s.remove);
  // Mirror ids contain dots, which i18next reads as key separators, so notes are looked up directly.
  const notes = (catalogues[i18n.language as Language] ?? catalogues.en).mirrors.notes as Record<
    string,
    string
  >;
  // Only mirrors the user added can be removed: without any, the column would stay empty.
  const anyCustom = rows.some((r) => r.mirror.custom);
  const ms = (value: number | null) => (value === null ? '—' : formatMs(value));
  const failure = (e: ProbeError) =>
    t(`probe.failures.${e.kind}`, { phase: t(`probe.phases.${e.phase}`), status: e.status ?? '' });

  return (
    // Focusable, so that keyboard users can scroll it when the window is too narrow for the table.
    <div className="table-scroll" role="region" aria-label={t('mirrorsPage.table.caption')} tabIndex={0}>
      <table className="grid mirror-table" data-testid="mirror-table">
        <caption className="sr-only">{t('mirrorsPage.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mirrorsPage.table.mirror')}</th>
            <th scope="col">{t('mirrorsPage.table.region')}</th>
            <th scope="col">{t('mirrorsPage.table.health')}</th>
            <th scope="col">{t('mirrorsPage.table.latency')}</th>
            <th scope="col">{t('mirrorsPage.table.success')}</th>
            <th scope="col">{t('mirrorsPage.table.freshness')}</th>
            <th scope="col">{t('mirrorsPage.table.sumdb')}</th>
            <th scope="col">{t('mirrorsPage.table.toolchain')}</th>
            {anyCustom && (
              <th scope="col">
                <span className="sr-only">{t('mirrorsPage.table.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ mirror, status, p50, p95, successRate, result, sumdb, toolchain }) => {
            const note = mirror.custom ? '' : (notes[mirror.id] ?? mirror.notes);
            const fresh = result?.freshness;
            return (
              <tr key={mirror.id} data-mirror={mirror.id}>
                <th scope="row">
                  <div className="mirror-cell">
                    <strong>{visible(mirror.name)}</strong>
                    <code className="value small">{visible(mirror.url)}</code>
                    {note && <span className="muted small">{visible(note)}</span>}
                  </div>
                </th>
                <td>{t(`mirrorsPage.regions.${mirror.region}`)}</td>
                <td data-testid="health">
                  <HealthDot status={status} />
                  {result?.error && <div className="muted small">{failure(result.error)}</div>}
                </td>
                <td className="num" data-testid="latency">
                  {p50 === null && p95 === null ? '—' : `${ms(p50)} / ${ms(p95)}`}
                </td>
                <td className="num">
                  {successRate === null
                    ? '—'
                    : t('mirrorsPage.table.percent', { value: Math.round(successRate * 100) })}
                </td>
                <td className="small wrap">
                  {!fresh ? (
                    '—'
                  ) : fresh.error !== undefined ? (
                    <>
                      {t('mirrorsPage.freshness.failed')}
                      <div className="muted">{visible(fresh.error)}</div>
                    </>
                  ) : fresh.behind ? (
                    t('mirrorsPage.freshness.behind', { count: fresh.behind })
                  ) : fresh.latest ? (
                    t('mirrorsPage.freshness.upToDate')
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {t(`mirrorsPage.sumdbValues.${sumdb === undefined ? 'unknown' : sumdb ? 'yes' : 'no'}`)}
                </td>
                <td data-testid="toolchain">
                  {t(
                    `mirrorsPage.toolchainValues.${toolchain === null ? 'unknown' : toolchain ? 'yes' : 'no'}`,
                  )}
                </td>
                {anyCustom && (
                  <td>
                    {mirror.custom && (
                      <button
                        type="button"
                        aria-label={t('mirrorsPage.table.remove', { name: mirror.name })}
                        onClick={() => void remove(mirror.id)}
                        data-testid="remove-mirror"
                      >
                        {t('common.actions.remove')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
