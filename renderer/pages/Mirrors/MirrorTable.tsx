import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { MirrorEntry, ProbeError } from '../../../shared/contract';
import type { ProxyEntry } from '../../../shared/go/goproxy';
import { catalogues, type Language } from '../../../shared/i18n';
import { visible } from '../../../shared/visible';
import { HealthDot } from '../../components/Badges';
import { Ident } from '../../components/Ident';
import { useMirrors } from '../../store/mirrors';
import { chainPosition } from './chainEdit';
import type { GoproxyChange } from './goproxyChange';
import { GoproxyChangeView } from './GoproxyChangeView';
import type { MirrorRow } from './mirrorRows';
import { formatMs } from './phaseStats';
import { Diagnosis } from '../../components/Diagnosis';

/** How many columns a row has, for the preview row under a mirror's Use. */
const COLUMNS = 8;

/**
 * The catalogue and the user's mirrors, each with the health, latency and extras of its newest probe,
 * whether the GOPROXY chain uses it, "Use" (one click to a preview, one to confirm) and "Add to chain".
 */
export function MirrorTable({
  rows,
  chain,
  draft,
  change,
  onAddToChain,
}: {
  rows: readonly MirrorRow[];
  /** GOPROXY as it is now; null while it loads or when go rejects it. */
  chain: readonly ProxyEntry[] | null;
  /** The chain being edited above, to know what "Add to chain" would add. */
  draft: readonly ProxyEntry[] | null;
  change: GoproxyChange;
  onAddToChain(mirror: MirrorEntry): void;
}) {
  const { t, i18n } = useTranslation();
  const remove = useMirrors((s) => s.remove);
  // Mirror ids contain dots, which i18next reads as key separators, so notes are looked up directly.
  const notes = (catalogues[i18n.language as Language] ?? catalogues.en).mirrors.notes as Record<
    string,
    string
  >;
  const shown = change.step.kind !== 'idle' || change.error !== null;
  const target = shown && change.last?.kind === 'use' ? change.last.target : null;
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
            <th scope="col" className="col-minor">
              {t('mirrorsPage.table.region')}
            </th>
            <th scope="col">{t('mirrorsPage.table.health')}</th>
            <th scope="col">{t('mirrorsPage.table.latency')}</th>
            <th scope="col" className="col-minor3">
              {t('mirrorsPage.table.freshness')}
            </th>
            <th scope="col" className="col-minor2">
              {t('mirrorsPage.table.sumdb')}
            </th>
            <th scope="col" className="col-minor2">
              {t('mirrorsPage.table.toolchain')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('mirrorsPage.table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ mirror, status, p50, p95, successRate, result, sumdb, toolchain }) => {
            const note = mirror.custom ? '' : (notes[mirror.id] ?? mirror.notes);
            const fresh = result?.freshness;
            const position = chain ? chainPosition(chain, mirror.url) : -1;
            const inDraft = draft ? chainPosition(draft, mirror.url) >= 0 : false;
            const active = position >= 0 && chain!.findIndex((e) => e.kind === 'proxy') === position;
            return (
              <Fragment key={mirror.id}>
                <tr data-mirror={mirror.id} data-in-chain={position >= 0 ? position : undefined}>
                  <th scope="row">
                    <div className="mirror-cell">
                      <span className="mirror-name">
                        <strong>{visible(mirror.name)}</strong>
                        {position >= 0 && (
                          <span
                            className={active ? 'badge badge-active' : 'badge badge-in-use'}
                            data-testid="in-use"
                            data-active={active}
                          >
                            {active
                              ? t('mirrorsPage.table.active')
                              : t('mirrorsPage.table.inUse', { n: position + 1 })}
                          </span>
                        )}
                      </span>
                      <span className="mirror-url small">
                        <Ident value={visible(mirror.url)} />
                      </span>
                      {note && <span className="muted small">{visible(note)}</span>}
                    </div>
                  </th>
                  <td className="col-minor">{t(`mirrorsPage.regions.${mirror.region}`)}</td>
                  <td data-testid="health">
                    <HealthDot status={status} />
                    {successRate !== null && successRate < 1 && (
                      <div className="muted small">
                        {t('mirrorsPage.table.successShort', { value: Math.round(successRate * 100) })}
                      </div>
                    )}
                    {result?.error && <div className="muted small">{failure(result.error)}</div>}
                  </td>
                  <td className="num" data-testid="latency">
                    {p50 === null && p95 === null ? '—' : `${ms(p50)} / ${ms(p95)}`}
                  </td>
                  <td className="small wrap col-minor3">
                    {!fresh ? (
                      '—'
                    ) : fresh.error !== undefined ? (
                      <>
                        {t('mirrorsPage.freshness.failed')}
                        <Diagnosis raw={fresh.error} brief />
                      </>
                    ) : fresh.behind ? (
                      t('mirrorsPage.freshness.behind', { count: fresh.behind })
                    ) : fresh.latest ? (
                      t('mirrorsPage.freshness.upToDate')
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="col-minor2">
                    {t(`mirrorsPage.sumdbValues.${sumdb === undefined ? 'unknown' : sumdb ? 'yes' : 'no'}`)}
                  </td>
                  <td data-testid="toolchain" className="col-minor2">
                    {t(
                      `mirrorsPage.toolchainValues.${toolchain === null ? 'unknown' : toolchain ? 'yes' : 'no'}`,
                    )}
                  </td>
                  <td className="mirror-actions">
                    <div className="mirror-buttons">
                      <button
                        type="button"
                        onClick={() =>
                          void change.preview({ kind: 'use', target: mirror.id, name: mirror.name })
                        }
                        disabled={active || change.busy}
                        title={active ? t('mirrorsPage.table.alreadyActive') : undefined}
                        aria-label={t('mirrorsPage.table.useLabel', { name: mirror.name })}
                        data-testid="use-mirror"
                      >
                        {t('mirrorsPage.table.use')}
                      </button>
                      <button
                        type="button"
                        onClick={() => onAddToChain(mirror)}
                        disabled={inDraft || draft === null}
                        title={inDraft ? t('mirrorsPage.table.alreadyInChain') : undefined}
                        aria-label={t('mirrorsPage.table.addLabel', { name: mirror.name })}
                        data-testid="add-to-chain"
                      >
                        {t('mirrorsPage.table.addToChain')}
                      </button>
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
                    </div>
                  </td>
                </tr>
                {target === mirror.id && (
                  <tr className="mirror-change-row" data-testid="use-row">
                    <td colSpan={COLUMNS}>
                      <GoproxyChangeView change={change} testId="use-change" />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
