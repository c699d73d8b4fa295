import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUi } from '../../store/ui';
import { proposal, useWizard } from '../../store/wizard';

/** The end of the wizard: the settings saved, what go now uses, and Undo. */
export function Finish() {
  const { t } = useTranslation();
  const finish = useWizard((s) => s.finish);
  const undo = useWizard((s) => s.undo);
  const made = useWizard((s) => s.made);
  const choice = useWizard((s) => s.choice);
  const goprivate = useWizard((s) => s.goprivate);
  const go = useWizard((s) => s.go.value);
  const proxy = useWizard((s) => s.proxy);
  const applied = useWizard((s) => s.apply.status === 'done');
  const { finishWizard, undoChanges } = useWizard.getState();
  useEffect(() => {
    void finishWizard();
  }, [finishWizard]);

  const { goproxy } = proposal(choice, goprivate, go);
  const undoneAll = undo.status === 'ready';
  const nothingMade = made.goenv === 0 && made.netproxy === 0;

  return (
    <div className={undoneAll ? 'wizard-body' : 'wizard-body wizard-finish'} data-testid="wizard-done">
      {finish.status === 'loading' && <p aria-busy="true">{t('wizard.done.saving')}</p>}
      {finish.status === 'error' && (
        <p className="banner banner-error" role="alert">
          {t('wizard.done.saveFailed', { message: finish.error?.message ?? '' })}
        </p>
      )}
      {finish.status === 'ready' && !undoneAll && (
        <div data-testid="wizard-saved">
          <h3>{t('wizard.done.heading')}</h3>
          <p className="wizard-ok">
            <strong>{t('wizard.done.saved')}</strong>
          </p>
          <pre className="wizard-output">
            {[`GOPROXY=${goproxy}`, ...(goprivate ? [`GOPRIVATE=${goprivate}`] : [])]
              .map((line) => visible(line))
              .join('\n')}
          </pre>
          {applied && proxy.use && (
            <p>
              {t('wizard.done.proxySet', {
                url: proxy.url,
                scopes: proxy.scopes.map((s) => t(`wizard.scopes.${s}`)).join(', '),
              })}
            </p>
          )}
        </div>
      )}

      <div className="wizard-undo" aria-live="polite" data-testid="wizard-undo-result">
        {undo.status !== 'ready' && !nothingMade && <p className="muted">{t('wizard.done.undoIntro')}</p>}
        {undo.status === 'loading' && <p aria-busy="true">{t('wizard.done.undoing')}</p>}
        {undo.error && <ErrorBanner error={undo.error} />}
        {undo.error && <p>{t('wizard.done.undoFailed', { message: undo.error.message })}</p>}
        {undo.goenv.map((r, i) =>
          r.undone ? <p key={`g${i}`}>{t('wizard.done.undoGoenv', { id: r.undone.id })}</p> : null,
        )}
        {undo.netproxy.map((r, i) => (
          <p key={`n${i}`}>
            {t('wizard.done.undoProxy', { count: r.places.filter((p) => p.outcome !== 'conflict').length })}
            {!r.complete && ` ${t('wizard.done.undoIncomplete')}`}
          </p>
        ))}
        {undoneAll && <p className="wizard-ok">{t('wizard.done.undone')}</p>}
        {undoneAll && <p className="muted">{t('wizard.done.againHint')}</p>}
        {nothingMade && undo.status === 'idle' && (
          <p className="muted" id="wizard-nothing-to-undo">
            {t('wizard.done.nothingToUndo')}
          </p>
        )}
      </div>

      <div className="row">
        {!undoneAll && (
          <button
            type="button"
            onClick={() => void undoChanges()}
            disabled={nothingMade || undo.status === 'loading'}
            aria-describedby={nothingMade && undo.status === 'idle' ? 'wizard-nothing-to-undo' : undefined}
            data-testid="wizard-undo"
          >
            {t('wizard.done.undo')}
          </button>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => useUi.getState().setPage('overview')}
          data-testid="wizard-overview"
        >
          {t('wizard.done.overview')}
        </button>
      </div>
      <p className="muted small">{t('wizard.done.rerun')}</p>
    </div>
  );
}
