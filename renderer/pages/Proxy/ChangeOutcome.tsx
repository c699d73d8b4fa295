import { useTranslation } from 'react-i18next';
import type { NetProxyChangeResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { scopeName } from './scopeName';
import { StepsView } from './StepsView';

/** A preview (the steps) or what Apply or Remove did; warnings and other places setting a proxy. */
export function ChangeOutcome({
  kind,
  result,
  heading,
}: {
  kind: 'preview' | 'apply' | 'remove';
  result: NetProxyChangeResult;
  /** A preview's heading, when the preview is of something else than the form (a profile). */
  heading?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="outcome" data-testid={kind === 'preview' ? 'preview' : 'apply-result'}>
      {kind === 'preview' ? (
        <h3>{heading ?? t('proxyPage.steps.heading')}</h3>
      ) : (
        <p role="status">
          {result.transaction
            ? t('proxyPage.result.applied', { count: result.transaction.places })
            : t('proxyPage.result.nothing')}
        </p>
      )}
      {kind === 'preview' && <StepsView steps={result.steps} />}
      <Warnings warnings={result.warnings} />
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

/** Warnings from the services (English sentences with file names), listed as they came. */
export function Warnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="banner banner-warning warnings" data-testid="warnings">
      <div>
        <strong>{t('proxyPage.result.warnings')}</strong>
        <ul>
          {warnings.map((w, i) => (
            <li key={i}>{visible(w)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
