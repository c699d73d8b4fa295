import { useTranslation } from 'react-i18next';
import type { GoEnvWriteResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Ident } from '../../components/Ident';
import type { GoproxyChange } from './goproxyChange';
import './GoproxyChange.css';

/** One change as before → after, the layout every preview of the page uses. */
function Changes({ result }: { result: GoEnvWriteResult }) {
  const { t } = useTranslation();
  const shown = (value: string | null) => (value === null ? t('mirrorsPage.change.unset') : visible(value));
  return (
    <ul className="change-list">
      {result.changed.map((c) => (
        <li key={c.key} data-testid="change-row" data-key={c.key}>
          <code className="nowrap">{c.key}</code>
          <span className="change-values">
            <span className="del-cell">
              <Ident value={shown(c.from)} />
            </span>
            <span aria-hidden="true">→</span>
            <span className="sr-only">{t('mirrorsPage.change.becomes')}</span>
            <span className="add-cell">
              <Ident value={shown(c.to)} />
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What go says besides (English, verbatim), folded: the translated summary above says what matters. */
function GoWarnings({ result }: { result: GoEnvWriteResult }) {
  const { t } = useTranslation();
  if (result.overrides.length === 0 && result.warnings.length === 0) return null;
  return (
    <>
      {result.overrides.map((o) => (
        <p key={o.key} className="banner banner-warning" data-testid="change-override">
          {t('mirrorsPage.change.override', { key: o.key, value: visible(o.osValue) })}
        </p>
      ))}
      {result.warnings.length > 0 && (
        <details className="small">
          <summary>{t('mirrorsPage.change.details')}</summary>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>
                <code>{visible(w)}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * The preview of a GOPROXY change with its confirm button under it, then what was done and Undo.
 * `testId` names the block so that two on one page (a row's Use, the chain editor) stay apart.
 */
export function GoproxyChangeView({ change, testId }: { change: GoproxyChange; testId: string }) {
  const { t } = useTranslation();
  const { step, busy, error } = change;
  return (
    <div data-testid={testId} data-step={step.kind} aria-busy={busy}>
      {error && <ErrorBanner error={error} />}
      {step.kind === 'preview' && (
        <div className="preview change-preview" data-testid="change-preview">
          {step.result.changed.length === 0 ? (
            <p data-testid="change-nothing">{t('mirrorsPage.change.nothing')}</p>
          ) : (
            <>
              <GoWarnings result={step.result} />
              <p>
                {step.request.kind === 'use'
                  ? t('mirrorsPage.change.useSummary', { name: step.request.name })
                  : t('mirrorsPage.change.setSummary')}{' '}
                <span className="muted small">
                  {t('mirrorsPage.change.where', { file: step.result.envFile ?? '' })}
                </span>
              </p>
              <Changes result={step.result} />
            </>
          )}
          <div className="row">
            {step.result.changed.length > 0 && (
              <button
                type="button"
                className="primary"
                onClick={() => void change.confirm()}
                disabled={busy}
                data-testid="change-apply"
              >
                {t('mirrorsPage.change.apply')}
              </button>
            )}
            <button type="button" onClick={change.reset} disabled={busy} data-testid="change-cancel">
              {step.result.changed.length > 0 ? t('common.actions.cancel') : t('common.actions.close')}
            </button>
          </div>
        </div>
      )}
      <div role="status" data-testid="change-outcome">
        {step.kind === 'applied' && (
          <div className="banner banner-ok">
            <span>
              {step.request.kind === 'use'
                ? t('mirrorsPage.change.usedName', { name: step.request.name })
                : t('mirrorsPage.change.applied')}{' '}
              <span className="muted small">
                {t('mirrorsPage.change.where', { file: step.result.envFile ?? '' })}
              </span>
            </span>
            {step.result.snapshot !== null && (
              <button
                type="button"
                onClick={() => void change.undo()}
                disabled={busy}
                data-testid="change-undo"
              >
                {t('common.actions.undo')}
              </button>
            )}
          </div>
        )}
        {step.kind === 'undone' && (
          <p>
            {t('mirrorsPage.change.undone', {
              value: step.value === '' ? t('mirrorsPage.change.unset') : step.value,
            })}
          </p>
        )}
        {step.kind === 'nothing-to-undo' && <p>{t('mirrorsPage.change.nothingToUndo')}</p>}
      </div>
    </div>
  );
}
