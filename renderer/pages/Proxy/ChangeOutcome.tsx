import { useTranslation } from 'react-i18next';
import type { NetProxyChangeResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { readWarnings } from '../../components/serviceWarnings';
import { scopeName } from './scopeName';
import { StepsView } from './StepsView';
// The preview looks the same wherever it is shown (the wizard's review, the Profiles page).
import './proxy.css';

/**
 * A preview (the steps) or what Apply or Remove did. A preview reads top down as a summary: the
 * warnings first (a password in plain text before anything else), then how many places change, then
 * one folded row per place; the confirm button belongs under it.
 */
export function ChangeOutcome({
  kind,
  result,
  heading,
  bare,
}: {
  kind: 'preview' | 'apply' | 'remove';
  result: NetProxyChangeResult;
  /** A preview's heading, when the preview is of something else than the form (a profile). */
  heading?: string;
  /** No heading: the surrounding page has one. */
  bare?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="outcome" data-testid={kind === 'preview' ? 'preview' : 'apply-result'}>
      {kind === 'preview' ? (
        !bare && <h3>{heading ?? t('proxyPage.steps.heading')}</h3>
      ) : (
        <p role="status">
          {result.transaction
            ? t('proxyPage.result.applied', { count: result.transaction.places })
            : t('proxyPage.result.nothing')}
        </p>
      )}
      <Warnings warnings={result.warnings} />
      {kind === 'preview' && result.steps.length > 0 && (
        <p data-testid="preview-summary">{t('proxyPage.steps.summary', { count: result.steps.length })}</p>
      )}
      {kind === 'preview' && <StepsView steps={result.steps} />}
      {result.conflicts.length > 0 && (
        <div className="conflicts">
          <p>{t('proxyPage.result.conflicts')}</p>
          <ul>
            {result.conflicts.map((c, i) => (
              <li key={i}>
                <code className="value">
                  {t('proxyPage.result.conflictLine', {
                    scope: scopeName(t, c.scope),
                    file: c.file,
                    line: c.line,
                  })}
                </code>
                <div className="muted small value">{visible(c.text)}</div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * The services' warnings in the user's language, passwords first; a sentence this app does not know
 * yet stays folded under Details as the service wrote it.
 */
export function Warnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  const { known, unknown } = readWarnings(warnings);
  return (
    <div className="banner banner-warning warnings" data-testid="warnings">
      <div>
        <strong>{t('proxyPage.result.warnings')}</strong>
        <ul>
          {known.map((w, i) => (
            <li key={i} data-warning={w.key}>
              {visible(t(`proxyPage.result.serviceWarnings.${w.key}`, w.params))}
            </li>
          ))}
        </ul>
        {unknown.length > 0 && (
          <details>
            <summary>{t('proxyPage.result.otherNotes')}</summary>
            <ul>
              {unknown.map((w, i) => (
                <li key={i}>{visible(w)}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}
