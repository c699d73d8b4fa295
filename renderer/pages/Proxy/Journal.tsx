import { useTranslation } from 'react-i18next';
import type { TransactionSummary } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ChangeSummary, changeSummaryText } from '../../components/ChangeSummary';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { useNetProxy } from '../../store/netproxy';
import { Warnings } from './ChangeOutcome';
import { formatTime } from '../../lib/formatTime';
import { scopeName } from './scopeName';
import './journal.css';

/** A change that started and never finished (a crash): it has to be restored before anything else. */
export function UnfinishedBanner({ change }: { change: TransactionSummary }) {
  const { t, i18n } = useTranslation();
  const { restore, restoring } = useNetProxy();
  return (
    <div className="banner banner-warning unfinished" role="alert" data-testid="unfinished">
      <div>
        <strong>{t('proxyPage.unfinished.title')}</strong>{' '}
        {t('proxyPage.unfinished.body', {
          at: formatTime(change.at, i18n.language),
          summary: changeSummaryText(t, change.summary),
        })}
      </div>
      <button type="button" className="primary" disabled={restoring} onClick={() => void restore()}>
        {t('proxyPage.unfinished.action')}
      </button>
    </div>
  );
}

/** The network-settings journal, newest first, with Restore and what the last restore did. */
export function Journal({ headingId, heading }: { headingId: string; heading: string }) {
  const { t, i18n } = useTranslation();
  const { report, restore, restoring, restoreResult, restoreError } = useNetProxy();
  const journal = report?.journal ?? [];
  const restorable = journal.some((entry) => entry.state !== 'restored');

  return (
    <section className="card" aria-labelledby={headingId} data-testid="journal">
      <div className="card-header">
        <h2 id={headingId}>{heading}</h2>
        <div className="row">
          <button
            type="button"
            data-testid="restore"
            disabled={restoring || !restorable}
            onClick={() => void restore()}
          >
            {t('proxyPage.journal.restore')}
          </button>
          <button
            type="button"
            disabled={restoring || !restorable}
            title={t('proxyPage.journal.restoreAllHelp')}
            onClick={() => void restore({ all: true })}
          >
            {t('proxyPage.journal.restoreAll')}
          </button>
        </div>
      </div>
      <p className="muted">{t('proxyPage.journal.intro')}</p>
      {restoring && <Progress label={t('proxyPage.form.working')} />}
      {restoreError && <ErrorBanner error={restoreError} />}
      {restoreResult && <RestoreOutcome />}

      {journal.length === 0 ? (
        <p className="muted">{t('proxyPage.journal.empty')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('proxyPage.journal.when')}</th>
              <th scope="col">{t('proxyPage.journal.what')}</th>
              <th scope="col">{t('proxyPage.journal.state')}</th>
            </tr>
          </thead>
          <tbody>
            {journal.map((entry) => (
              <tr key={entry.id} data-testid="journal-entry" data-state={entry.state}>
                <td>{formatTime(entry.at, i18n.language)}</td>
                <td>
                  <strong>{t(`proxyPage.journal.kinds.${entry.kind}`)}</strong>{' '}
                  <span className="muted small">
                    {entry.scopes.map((s) => scopeName(t, s)).join(', ')} ·{' '}
                    {t('proxyPage.journal.places', { count: entry.places })}
                  </span>
                  <div className="small journal-summary">
                    <ChangeSummary summary={entry.summary} />
                  </div>
                </td>
                <td>
                  <span className={`badge state-${entry.state}`}>
                    {t(`proxyPage.journal.states.${entry.state}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RestoreOutcome() {
  const { t } = useTranslation();
  const { restoreResult: result, restore, restoring } = useNetProxy();
  if (!result) return null;
  return (
    <div className="outcome" role="status" data-testid="restore-result">
      {result.restored.length === 0 ? (
        <p>{t('proxyPage.journal.nothingToRestore')}</p>
      ) : (
        result.restored.map((entry) => (
          <p key={entry.id}>{t('proxyPage.journal.restored', { summary: entry.summary })}</p>
        ))
      )}
      {result.places.length > 0 && (
        <ul className="places">
          {result.places.map((p, i) => (
            <li key={i} data-outcome={p.outcome}>
              <span className="muted">{scopeName(t, p.scope)}</span>{' '}
              <code className="value">{visible(p.place)}</code>:{' '}
              {t(`proxyPage.journal.outcomes.${p.outcome}`)}
            </li>
          ))}
        </ul>
      )}
      <Warnings warnings={result.warnings} />
      {!result.complete && (
        <div className="banner banner-warning">
          <span>{t('proxyPage.journal.incomplete')}</span>
          <button type="button" disabled={restoring} onClick={() => void restore({ force: true })}>
            {t('proxyPage.journal.force')}
          </button>
        </div>
      )}
    </div>
  );
}
