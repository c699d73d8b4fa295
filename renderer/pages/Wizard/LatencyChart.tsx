import { useTranslation } from 'react-i18next';
import { barPercent, type Standing } from './recommend';

/**
 * Median latency per mirror as horizontal bars (plain CSS: a handful of values needs no chart
 * library). Each row carries its number in words too, so the bars themselves are decoration; with
 * fewer than two mirrors that answered there is nothing to compare, and no bar (one would always be full).
 */
export function LatencyChart({ list }: { list: Standing[] }) {
  const { t } = useTranslation();
  const answering = list.filter(
    (s) => (s.result?.latency.p50 ?? null) !== null && s.result?.status !== 'dead',
  ).length;
  const bars = answering >= 2;
  return (
    <figure className="latency-chart">
      <figcaption className="muted small">{t('wizard.mirrors.chartLabel')}</figcaption>
      <ul>
        {list.map((s) => {
          const p50 = s.result?.latency.p50 ?? null;
          const status = s.result?.status ?? 'unknown';
          const answered = p50 !== null && status !== 'dead';
          return (
            <li key={s.mirror.id} data-status={status}>
              <span className="latency-name">
                {answered
                  ? t('wizard.mirrors.chartRow', { name: s.mirror.name, ms: Math.round(p50) })
                  : t('wizard.mirrors.chartRowStatus', {
                      name: s.mirror.name,
                      status: t(`common.health.${status}`),
                    })}
              </span>
              {bars && (
                <span className="latency-track" aria-hidden="true" data-testid="latency-track">
                  {answered && (
                    <span
                      className={`latency-bar bar-${status}`}
                      style={{ width: `${barPercent(p50, list)}%` }}
                    />
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
