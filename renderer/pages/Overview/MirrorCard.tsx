import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { HealthDot } from '../../components/Badges';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { formatTime } from '../../lib/formatTime';
import { useMirrors } from '../../store/mirrors';
import { useOverview } from '../../store/overview';
import { useProbe } from '../../store/probe';
import { useUi } from '../../store/ui';
import { catalogueEntry, lastProbe, type ActiveMirror } from './activeMirror';

/** The mirror go asks first, its health from the newest probe, and "Probe now". */
export function MirrorCard({ mirror }: { mirror: ActiveMirror | null }) {
  const { t } = useTranslation();
  const language = useUi((s) => s.language);
  const history = useOverview((s) => s.history);
  const mirrors = useMirrors((s) => s.mirrors);
  const probe = useProbe();
  const loadHistory = useOverview((s) => s.loadHistory);

  let body;
  if (mirror === null) {
    body = (
      <p className="muted" aria-busy="true">
        {t('overview.loading')}
      </p>
    );
  } else if (mirror.kind === 'invalid') {
    body = (
      <p className="banner banner-error" data-testid="goproxy-invalid">
        {t('overview.mirror.invalid')}
      </p>
    );
  } else if (mirror.kind !== 'proxy') {
    body = <p data-testid="no-mirror">{t(`overview.mirror.${mirror.kind === 'off' ? 'off' : 'none'}`)}</p>;
  } else {
    const name = catalogueEntry(mirrors, mirror.url)?.name;
    const last = history.value ? lastProbe(history.value, mirror.shown) : undefined;
    const running = probe.running;
    body = (
      <>
        <p className="overview-mirror" data-testid="active-mirror">
          {name && <strong>{visible(name)}</strong>} <code className="value">{visible(mirror.shown)}</code>
        </p>
        <dl className="facts">
          <dt>{t('overview.mirror.health')}</dt>
          <dd data-testid="mirror-health">
            {history.value ? (
              <HealthDot status={last?.status ?? 'unknown'} />
            ) : (
              <span aria-busy="true">…</span>
            )}
          </dd>
          <dt>{t('overview.mirror.lastProbe')}</dt>
          <dd data-testid="last-probe">{last ? formatTime(last.at, language) : t('common.never')}</dd>
          {last && last.p50 !== null && (
            <>
              <dt>{t('overview.mirror.latency')}</dt>
              <dd>{t('common.ms', { value: Math.round(last.p50) })}</dd>
            </>
          )}
        </dl>
        {history.error && <ErrorBanner error={history.error} onRetry={() => void loadHistory()} />}
        {running ? (
          <Progress
            label={t('overview.probe.running', { name: name ?? mirror.shown })}
            value={probe.done}
            max={Math.max(probe.total, 1)}
            onCancel={() => void probe.cancel()}
          />
        ) : (
          <button
            type="button"
            data-testid="probe-now"
            onClick={() => void probe.run({ mirrors: [mirror.url] })}
          >
            {t('overview.probe.now')}
          </button>
        )}
        {!running && probe.error?.code === 'cancelled' && (
          <p className="muted small" role="status">
            {t('overview.probe.cancelled')}
          </p>
        )}
        {!running && probe.error && probe.error.code !== 'cancelled' && <ErrorBanner error={probe.error} />}
      </>
    );
  }

  return (
    <article className="card" aria-labelledby="overview-mirror-heading">
      <h2 id="overview-mirror-heading">{t('overview.mirror.heading')}</h2>
      {body}
    </article>
  );
}
