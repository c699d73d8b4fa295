import { useTranslation } from 'react-i18next';
import type { ProxyCheckReportOutput } from '../../../shared/contract';
import { visible } from '../../../shared/visible';

type Check = ProxyCheckReportOutput['checks'][number];
const TIMINGS = ['connect', 'tunnel', 'tls', 'ttfb', 'total'] as const;

/** A proxy test in words: per request, what happened and how long each step took. */
export function CheckResults({ reports }: { reports: ProxyCheckReportOutput[] }) {
  const { t } = useTranslation();
  return (
    <div className="checks" role="status" data-testid="test-result">
      {reports.map((report) => (
        <div key={report.proxy} className="check-report" data-ok={report.ok}>
          <p>
            <strong>{t(report.ok ? 'proxyPage.test.ok' : 'proxyPage.test.failed')}</strong>
            <br />
            <span className="muted small value">
              {t('proxyPage.test.through', { proxy: report.proxy, mirror: report.mirror })}
            </span>
          </p>
          <ul>
            {report.checks.map((check) => (
              <CheckLine key={check.mode} check={check} />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function CheckLine({ check }: { check: Check }) {
  const { t } = useTranslation();
  const timings = TIMINGS.flatMap((name) => {
    const ms = check.timings[name];
    return ms === null
      ? []
      : [`${t(`proxyPage.test.timings.${name}`)} ${t('common.ms', { value: Math.round(ms) })}`];
  });
  return (
    <li data-mode={check.mode} data-outcome={check.outcome}>
      <span className={`dot ${check.outcome === 'ok' ? 'dot-ok' : 'dot-dead'}`} aria-hidden="true" />
      <strong>{t(`proxyPage.test.modes.${check.mode}`)}</strong>
      {check.status !== undefined && (
        <span className="muted"> ({t('proxyPage.test.status', { status: check.status })})</span>
      )}
      <div data-testid="check-sentence">{t(`proxyPage.test.outcomes.${check.outcome}`)}</div>
      <div className="muted small">{timings.join(' · ')}</div>
      <details className="small">
        <summary>{t('proxyPage.test.details')}</summary>
        <code className="value">{visible(check.target)}</code>
        <p className="muted" lang="en" data-raw="">
          {visible(check.message)}
        </p>
      </details>
    </li>
  );
}
