import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoEnvHistory, GoEnvUndoResult, IpcError } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { Ident } from '../../components/Ident';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { call, toIpcError } from '../../lib/api';
import { useEnv } from '../../store/env';
import { followHistory, useHistory } from '../../store/history';
import { followNetProxy, useNetProxy } from '../../store/netproxy';
import { formatTime } from '../../lib/formatTime';
import { Journal, UnfinishedBanner } from '../Proxy/Journal';
import './history.css';

type Entry = GoEnvHistory['entries'][number];

export function HistoryPage() {
  const { t } = useTranslation();
  const history = useHistory();
  const netproxy = useNetProxy();
  const { load: loadHistory } = history;
  const { load: loadNetProxy } = netproxy;

  useEffect(() => {
    const stops = [followHistory(), followNetProxy()];
    void loadHistory();
    void loadNetProxy();
    return () => stops.forEach((stop) => stop());
  }, [loadHistory, loadNetProxy]);

  const refresh = () => {
    void loadHistory();
    void loadNetProxy();
  };

  return (
    <section aria-labelledby="history-heading" className="history-page">
      <PageHeader
        id="history-heading"
        title={t('common.nav.history')}
        intro={t('historyPage.intro')}
        actions={
          <button type="button" onClick={refresh}>
            {t('common.actions.refresh')}
          </button>
        }
      />
      {netproxy.report?.unfinished && <UnfinishedBanner change={netproxy.report.unfinished} />}
      <GoEnvChanges />
      {netproxy.error && <ErrorBanner error={netproxy.error} onRetry={() => void loadNetProxy()} />}
      {netproxy.report && (
        <Journal headingId="history-journal-heading" heading={t('historyPage.netproxy.heading')} />
      )}
    </section>
  );
}

function GoEnvChanges() {
  const { t, i18n } = useTranslation();
  const { entries, status, error, load } = useHistory();
  const [undoing, setUndoing] = useState(false);
  const [undone, setUndone] = useState<GoEnvUndoResult | null>(null);
  const [undoError, setUndoError] = useState<IpcError | null>(null);
  // Undo pops the newest write; undo entries themselves are not undone.
  const target = entries.find((e) => e.kind === 'write');

  const undo = async () => {
    setUndoing(true);
    setUndone(null);
    setUndoError(null);
    try {
      setUndone(await call('goenv:undo', {}));
      void useEnv.getState().load();
    } catch (e) {
      setUndoError(toIpcError(e));
    } finally {
      setUndoing(false);
      await load();
    }
  };

  return (
    <section className="card" aria-labelledby="goenv-history-heading" data-testid="goenv-history">
      <div className="card-header">
        <h2 id="goenv-history-heading">{t('historyPage.goenv.heading')}</h2>
        <button
          type="button"
          data-testid="undo"
          disabled={undoing || !target}
          aria-describedby="goenv-undo-help"
          onClick={() => void undo()}
        >
          {t('historyPage.goenv.undo')}
        </button>
      </div>
      <p id="goenv-undo-help" className="muted">
        {t('historyPage.goenv.undoHelp')}
      </p>
      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {undoError && <ErrorBanner error={undoError} />}
      <div role="status" aria-live="polite" data-testid="undo-result">
        {undone &&
          (undone.undone
            ? t('historyPage.goenv.undone', { at: formatTime(undone.undone.at, i18n.language) })
            : t('historyPage.goenv.nothingToUndo'))}
      </div>
      {status === 'loading' && entries.length === 0 && <p aria-busy="true">{t('app.loading')}</p>}
      {status === 'ready' && entries.length === 0 && <p className="muted">{t('historyPage.goenv.empty')}</p>}
      {entries.length > 0 && (
        <ol className="snapshots">
          {entries.map((entry) => (
            <Snapshot key={entry.id} entry={entry} next={entry === target} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Snapshot({ entry, next }: { entry: Entry; next: boolean }) {
  const { t, i18n } = useTranslation();
  const shown = (value: string | null) =>
    value === null ? (
      <span className="muted">{t('historyPage.goenv.notSet')}</span>
    ) : value === '' ? (
      <span className="muted">{t('historyPage.goenv.emptyValue')}</span>
    ) : (
      <Ident value={visible(value)} />
    );
  return (
    <li className={next ? 'snapshot next' : 'snapshot'} data-testid="snapshot" data-kind={entry.kind}>
      <p className="snapshot-title">
        <span className={`badge kind-${entry.kind}`}>{t(`historyPage.goenv.kinds.${entry.kind}`)}</span>{' '}
        <time dateTime={entry.at}>{formatTime(entry.at, i18n.language)}</time>
        {entry.undoes && <span className="muted"> · {t('historyPage.goenv.undoes')}</span>}
        {next && <span className="badge badge-next">{t('historyPage.goenv.next')}</span>}
      </p>
      <p className="muted small">
        {t('historyPage.goenv.file')} <Ident value={visible(entry.envFile)} />
      </p>
      {entry.changed.length === 0 ? (
        <p className="muted small">{t('historyPage.goenv.noValueChanged')}</p>
      ) : (
        <table className="grid changes">
          <thead>
            <tr>
              <th scope="col">{t('historyPage.goenv.variable')}</th>
              <th scope="col">{t('historyPage.goenv.from')}</th>
              <th scope="col">{t('historyPage.goenv.to')}</th>
            </tr>
          </thead>
          <tbody>
            {entry.changed.map((c) => (
              <tr key={c.key} data-var={c.key}>
                <th scope="row">
                  <code className="token">{visible(c.key)}</code>
                </th>
                <td data-testid="from">{shown(c.from)}</td>
                <td data-testid="to">{shown(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
