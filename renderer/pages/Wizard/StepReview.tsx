import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoEnvWriteResult, NetProxyChangeResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { DiffView } from '../../components/DiffView';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useWizard } from '../../store/wizard';

export function StepReview() {
  const { t } = useTranslation();
  const review = useWizard((s) => s.review);
  const useProxy = useWizard((s) => s.proxy.use);
  const loadReview = useWizard((s) => s.loadReview);
  useEffect(() => {
    if (useWizard.getState().review.status === 'idle') void loadReview();
  }, [loadReview]);

  return (
    <div className="wizard-body">
      <p className="muted">{t('wizard.review.intro')}</p>
      {review.status === 'loading' && <p aria-busy="true">{t('wizard.review.loading')}</p>}
      {review.error && <ErrorBanner error={review.error} onRetry={() => void loadReview()} />}
      {review.goenv && <GoEnvChanges result={review.goenv} />}
      {review.status === 'ready' && (
        <>
          <h3>{t('wizard.review.proxyHeading')}</h3>
          {useProxy && review.netproxy ? (
            <ProxySteps result={review.netproxy} />
          ) : (
            <p>{t('wizard.review.proxyNone')}</p>
          )}
        </>
      )}
    </div>
  );
}

/** from → to of every variable the write changes, and what would keep it from taking effect. */
function GoEnvChanges({ result }: { result: GoEnvWriteResult }) {
  const { t } = useTranslation();
  const value = (v: string | null) =>
    v === null ? (
      <span className="muted">{t('wizard.review.notSet')}</span>
    ) : v === '' ? (
      <span className="muted">{t('wizard.review.empty')}</span>
    ) : (
      <code className="wizard-value">{visible(v)}</code>
    );
  return (
    <div data-testid="wizard-goenv-diff">
      <h3>{t('wizard.review.goenvHeading')}</h3>
      {result.envFile && <p className="muted small">{t('wizard.review.file', { file: result.envFile })}</p>}
      {result.changed.length === 0 ? (
        <p>{t('wizard.review.noChange')}</p>
      ) : (
        <table className="grid wizard-changes">
          <thead>
            <tr>
              <th scope="col">{t('wizard.review.variable')}</th>
              <th scope="col">{t('wizard.review.from')}</th>
              <th scope="col">{t('wizard.review.to')}</th>
            </tr>
          </thead>
          <tbody>
            {result.changed.map((c) => (
              <tr key={c.key} data-var={c.key}>
                <th scope="row">
                  <code>{visible(c.key)}</code>
                </th>
                <td data-side="from">{value(c.from)}</td>
                <td data-side="to">{value(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.overrides.map((o) => (
        <div key={o.key} className="banner banner-warning wizard-block">
          <p>{t('wizard.review.override', { key: o.key, value: o.osValue })}</p>
          {o.sources.map((s, i) => (
            <p key={i} className="small">
              {t('wizard.review.overrideSource', {
                location: s.line === undefined ? s.location : `${s.location}:${s.line}`,
              })}
            </p>
          ))}
        </div>
      ))}
      {result.warnings.length > 0 && (
        <>
          <h4>{t('wizard.review.warningsHeading')}</h4>
          <pre className="wizard-output">{result.warnings.join('\n')}</pre>
        </>
      )}
    </div>
  );
}

function ProxySteps({ result }: { result: NetProxyChangeResult }) {
  const { t } = useTranslation();
  if (result.steps.length === 0) return <p>{t('wizard.review.proxyNoChange')}</p>;
  return (
    <div data-testid="wizard-proxy-diff">
      {result.steps.map((s, i) => (
        <div key={i} className="wizard-proxy-step">
          <p>
            {t('wizard.review.step', {
              action: t(`wizard.review.actions.${s.action}`),
              place: s.place,
              scope: t(`wizard.scopes.${s.scope}`, { defaultValue: s.scope }),
            })}
          </p>
          {s.diff !== undefined && <DiffView text={s.diff} label={s.place} />}
          {s.commands && <pre className="wizard-output">{s.commands.map((c) => c.join(' ')).join('\n')}</pre>}
        </div>
      ))}
      {result.conflicts.map((c, i) => (
        <p key={i} className="banner banner-warning">
          {t('wizard.review.conflict', { file: c.file, line: c.line, text: c.text })}
        </p>
      ))}
      {result.warnings.length > 0 && <pre className="wizard-output">{result.warnings.join('\n')}</pre>}
    </div>
  );
}
