import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoEnvWriteResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { useWizard } from '../../store/wizard';
import { ChangeOutcome } from '../Proxy/ChangeOutcome';

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
            <div data-testid="wizard-proxy-diff">
              <ChangeOutcome kind="preview" result={review.netproxy} bare />
            </div>
          ) : (
            <p>{t('wizard.review.proxyNone')}</p>
          )}
        </>
      )}
      <ApplyButton />
    </div>
  );
}

/**
 * The one button that writes, under what it will write. When there is nothing to write it says so and
 * only moves on.
 */
function ApplyButton() {
  const { t } = useTranslation();
  const review = useWizard((s) => s.review);
  const apply = useWizard((s) => s.apply);
  const useProxy = useWizard((s) => s.proxy.use);
  const applyChanges = useWizard((s) => s.applyChanges);
  // A proxy change that never finished must be undone first; the proxy service would refuse this one.
  const unfinished = useWizard((s) => Boolean(s.netproxy.value?.unfinished));
  const blocked = useProxy && unfinished;
  const ready = review.status === 'ready';
  const nothing =
    ready &&
    (review.goenv?.changed.length ?? 0) === 0 &&
    (!useProxy || (review.netproxy?.steps.length ?? 0) === 0);
  const message = apply.error ? t(`errors.${apply.error.code}`, { message: apply.error.message }) : '';
  const label =
    apply.status === 'error'
      ? t('wizard.apply.again')
      : nothing
        ? t('wizard.apply.continue')
        : t('wizard.apply.button');
  return (
    <div className="wizard-apply" data-testid="wizard-apply">
      {apply.status === 'error' && apply.stage === 'goenv' && (
        <p className="banner banner-error" role="alert">
          {t('wizard.apply.goenvFailed', { message })}
        </p>
      )}
      {apply.status === 'error' && apply.stage === 'netproxy' && (
        <p className="banner banner-error" role="alert">
          {t('wizard.apply.proxyFailed', { message })}
        </p>
      )}
      {apply.status === 'running' ? (
        <Progress
          label={apply.stage === 'netproxy' ? t('wizard.apply.writingProxy') : t('wizard.apply.writingGoenv')}
        />
      ) : (
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => void applyChanges()}
            disabled={!ready || blocked}
            aria-describedby="wizard-apply-note"
            data-testid="wizard-apply-button"
          >
            {label}
          </button>
          <span className="muted small" id="wizard-apply-note">
            {!ready
              ? t('wizard.blocked.review')
              : blocked
                ? t('wizard.apply.unfinished')
                : nothing
                  ? t('wizard.apply.nothingNote')
                  : t('wizard.apply.note')}
          </span>
        </div>
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
        <details className="banner banner-warning wizard-block">
          <summary>{t('wizard.review.warningsHeading')}</summary>
          <pre className="wizard-output">{result.warnings.join('\n')}</pre>
        </details>
      )}
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
    </div>
  );
}
