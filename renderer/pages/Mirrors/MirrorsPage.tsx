import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MirrorEntry } from '../../../shared/contract';
import { parseGoProxy } from '../../../shared/go/goproxy';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatTime } from '../../lib/formatTime';
import { PageHeader } from '../../components/PageHeader';
import { Progress } from '../../components/Progress';
import { useEnv } from '../../store/env';
import { followMirrors, useMirrors } from '../../store/mirrors';
import { PROBE_SAMPLES, useProbe } from '../../store/probe';
import { AddMirror } from './AddMirror';
import { ChainEditor } from './ChainEditor';
import { insertMirror } from './chainEdit';
import { useGoproxyChange } from './goproxyChange';
import { LatencyHistoryChart } from './LatencyHistoryChart';
import { useLatencyHistory } from './latencyHistory';
import { mirrorRows } from './mirrorRows';
import { MirrorTable } from './MirrorTable';
import { PhaseBars } from './PhaseBars';
import './Mirrors.css';

export function MirrorsPage() {
  const { t } = useTranslation();
  const { mirrors, status, error, load } = useMirrors();
  const report = useProbe((s) => s.report);
  const running = useProbe((s) => s.running);
  const { history, error: historyError, load: loadHistory } = useLatencyHistory();

  useEffect(() => {
    void load();
    return followMirrors();
  }, [load]);
  // Each finished probe adds a point to the history.
  useEffect(() => {
    void loadHistory();
  }, [loadHistory, report]);

  const names = useMemo(() => new Map(mirrors.map((m) => [m.id, m.name])), [mirrors]);
  const rows = useMemo(() => mirrorRows(mirrors, report, history), [mirrors, report, history]);

  // The chain being edited at the top, which "Add to chain" in the table extends.
  const [draft, setDraft] = useState<string | null>(null);
  const goproxy = useEnv((s) => s.report?.vars.GOPROXY?.value ?? null);
  const entriesOf = (value: string | null) => {
    const parsed = value === null || value === '' ? null : parseGoProxy(value);
    return parsed?.ok ? parsed.value : null;
  };
  const chain = useMemo(() => entriesOf(goproxy), [goproxy]);
  const draftValue = draft ?? goproxy;
  const draftChain = useMemo(() => entriesOf(draftValue), [draftValue]);
  // Two ways to change GOPROXY, one preview on screen at a time.
  const chainChange = useGoproxyChange();
  const useChange = useGoproxyChange();
  const { reset: resetChain, preview: previewChain } = chainChange;
  const { reset: resetUse, preview: previewUse } = useChange;
  const chainWithReset = useMemo(
    () => ({
      ...chainChange,
      preview: (r: Parameters<typeof previewChain>[0]) => (resetUse(), previewChain(r)),
    }),
    [chainChange, previewChain, resetUse],
  );
  const useWithReset = useMemo(
    () => ({ ...useChange, preview: (r: Parameters<typeof previewUse>[0]) => (resetChain(), previewUse(r)) }),
    [useChange, previewUse, resetChain],
  );
  const addToChain = useCallback(
    (mirror: MirrorEntry) => {
      setDraft(insertMirror(draftValue ?? '', mirror.url));
      resetChain();
      document.getElementById('chain-heading')?.scrollIntoView({ block: 'start' });
    },
    [draftValue, resetChain],
  );

  return (
    <section aria-labelledby="mirrors-heading" className="mirrors-page">
      <PageHeader
        id="mirrors-heading"
        title={t('mirrorsPage.heading')}
        intro={t('mirrorsPage.intro')}
        actions={
          <button
            type="button"
            onClick={() => void useProbe.getState().run()}
            disabled={running || mirrors.length === 0}
            className="primary"
            data-testid="probe-now"
          >
            {t('mirrorsPage.probe.now')}
          </button>
        }
      />
      {error && <ErrorBanner error={error} onRetry={() => void load()} />}
      {status === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}

      <section className="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading">{t('mirrorsPage.chain.heading')}</h2>
        <p className="muted small">{t('mirrorsPage.chain.intro')}</p>
        <ChainEditor draft={draft} setDraft={setDraft} change={chainWithReset} />
      </section>

      <MirrorTable
        rows={rows}
        chain={chain}
        draft={draftChain}
        change={useWithReset}
        onAddToChain={addToChain}
      />
      <AddMirror />

      <section className="card" aria-labelledby="probe-heading">
        <h2 id="probe-heading">{t('mirrorsPage.probe.heading')}</h2>
        <p className="muted small">{t('mirrorsPage.probe.intro')}</p>
        <ProbeStatus count={mirrors.length} />
        <PhaseBars mirrors={mirrors} />
      </section>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('mirrorsPage.history.heading')}</h2>
        <p className="muted small">{t('mirrorsPage.history.intro')}</p>
        {historyError && <ErrorBanner error={historyError} onRetry={() => void loadHistory()} />}
        {history && <LatencyHistoryChart history={history} names={names} />}
      </section>
    </section>
  );
}

/** The run's progress and Cancel, or how the last run ended. The only part that re-renders per sample. */
function ProbeStatus({ count }: { count: number }) {
  const { t, i18n } = useTranslation();
  const { running, done, total, error, report, cancel } = useProbe();
  if (running) {
    return (
      <div data-testid="probe-progress" data-done={done} data-total={total}>
        <Progress
          label={`${t('mirrorsPage.probe.running', { count })} ${t('mirrorsPage.probe.samples', { done, total })}`}
          value={done}
          max={Math.max(total, 1)}
          onCancel={() => void cancel()}
        />
      </div>
    );
  }
  if (error?.code === 'cancelled') {
    return (
      <p className="muted" role="status" data-testid="probe-cancelled">
        {t('common.progress.cancelled')}
      </p>
    );
  }
  if (error) return <ErrorBanner error={error} />;
  if (report) {
    const time = formatTime(report.startedAt, i18n.language);
    return (
      <p className="muted small" data-testid="probe-finished">
        {t('mirrorsPage.probe.finished', { time })}
      </p>
    );
  }
  return <p className="muted small">{t('mirrorsPage.probe.empty', { samples: PROBE_SAMPLES })}</p>;
}
