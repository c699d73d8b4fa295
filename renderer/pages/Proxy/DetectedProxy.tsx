import { Fragment, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxyDetectResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Progress } from '../../components/Progress';
import { usableSuggestion, useProxyDetect, type ProxySuggestion } from '../../store/proxyDetect';
import { detectSourceText } from '../../components/scopeNote';

/** A URL's host (with a port when it has one), or the text as it came when it is no URL. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** How the OS picks proxies, what that means for each host go reaches, and the settings that match it. */
export function DetectedProxy({ onUse }: { onUse: (suggestion: ProxySuggestion) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { status, result, error, detect } = useProxyDetect();
  useEffect(() => {
    void detect();
  }, [detect]);
  const detecting = status === 'detecting';

  return (
    <section className="card detected" aria-labelledby={`${id}-heading`} data-testid="detected">
      <div className="row detected-head">
        <h2 id={`${id}-heading`}>{t('proxyPage.detect.heading')}</h2>
        <button type="button" data-testid="detect-again" disabled={detecting} onClick={() => void detect()}>
          {t('proxyPage.detect.again')}
        </button>
      </div>
      {detecting && <Progress label={t('proxyPage.detect.detecting')} />}
      {error && <ErrorBanner error={error} onRetry={() => void detect()} />}
      {result && <Detection result={result} onUse={onUse} disabled={detecting} />}
    </section>
  );
}

function Detection({
  result,
  onUse,
  disabled,
}: {
  result: ProxyDetectResult;
  onUse: (suggestion: ProxySuggestion) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const helpId = useId();
  const suggestion = usableSuggestion(result);
  const summary = t(`proxyPage.detect.modes.${result.mode}`, { url: visible(result.pacUrl ?? '') });
  return (
    <div data-testid="detection" data-mode={result.mode}>
      <p data-testid="detect-summary">
        <strong>{summary}</strong>{' '}
        <span className="muted small">
          {t('proxyPage.detect.source', { source: detectSourceText(t, result) })}
        </span>
      </p>
      {result.mode !== 'none' && result.decisions.length > 0 && (
        <div className="table-scroll">
          <table className="grid decisions" data-testid="decisions">
            <caption className="muted small">{t('proxyPage.detect.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proxyPage.detect.host')}</th>
                <th scope="col">{t('proxyPage.detect.pac')}</th>
                <th scope="col">{t('proxyPage.detect.proxy')}</th>
              </tr>
            </thead>
            <tbody>
              {result.decisions.map((d) => (
                <tr key={d.url} data-url={d.url}>
                  <th scope="row" className="value" title={visible(d.url)}>
                    {visible(hostOf(d.url))}
                  </th>
                  <td className="value">{d.pac === undefined ? '—' : <PacAnswer answer={d.pac} />}</td>
                  <td className="value" data-testid="decision-proxy">
                    {d.proxy === null ? t('proxyPage.detect.direct') : visible(d.proxy)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.warnings.length > 0 && (
        <div className="banner banner-warning detect-warnings" data-testid="detect-warnings">
          <div>
            <p>{t('proxyPage.detect.warnings')}</p>
            <ul>
              {result.warnings.map((w, i) => {
                const known = result.warningCodes?.[i];
                return known ? (
                  <li key={i} data-warning={known.code}>
                    {t(`proxyPage.detect.warningCodes.${known.code}`, known.params ?? {})}
                  </li>
                ) : (
                  // A note only the OS reader says (in English): shown as it came.
                  <li key={i} lang="en" data-raw="">
                    {visible(w)}
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      )}
      {suggestion ? (
        <div className="detect-suggestion">
          <p>{t('proxyPage.detect.suggestion')}</p>
          <dl className="suggested" data-testid="suggestion">
            {(['http', 'https', 'noProxy'] as const).map((field) =>
              suggestion[field] ? (
                <div key={field}>
                  <dt>{t(`proxyPage.fields.${field}`)}</dt>
                  <dd className="value">{visible(suggestion[field])}</dd>
                </div>
              ) : null,
            )}
          </dl>
          <button
            type="button"
            className="primary"
            data-testid="detect-use"
            disabled={disabled}
            aria-describedby={helpId}
            onClick={() => onUse(suggestion)}
          >
            {t('proxyPage.detect.use')}
          </button>
          <p id={helpId} className="muted small">
            {t('proxyPage.detect.useHelp')}
          </p>
        </div>
      ) : (
        result.mode !== 'none' && (
          <p className="muted" data-testid="detect-nothing">
            {t('proxyPage.detect.noSuggestion')}
          </p>
        )
      )}
    </div>
  );
}

/** A PAC answer, one directive a line at most ("PROXY a:1;" then "DIRECT"), never broken inside one. */
function PacAnswer({ answer }: { answer: string }) {
  const parts = answer.split(/(?<=;)\s*/);
  return (
    <code>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="pac-part">{visible(part)}</span>
        </Fragment>
      ))}
    </code>
  );
}
