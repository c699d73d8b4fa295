import { useTranslation } from 'react-i18next';
import { Progress } from '../../components/Progress';
import { useWizard } from '../../store/wizard';

export function StepApply() {
  const { t } = useTranslation();
  const apply = useWizard((s) => s.apply);
  const useProxy = useWizard((s) => s.proxy.use);
  const applyChanges = useWizard((s) => s.applyChanges);
  const { goenv, netproxy, error } = apply;
  const message = error ? t(`errors.${error.code}`, { message: error.message }) : '';

  return (
    <div className="wizard-body" data-testid="wizard-apply">
      <p className="muted">{t('wizard.apply.intro')}</p>
      {apply.status !== 'done' && (
        <button
          type="button"
          className="primary"
          onClick={() => void applyChanges()}
          disabled={apply.status === 'running'}
          data-testid="wizard-apply-button"
        >
          {apply.status === 'error' ? t('wizard.apply.again') : t('wizard.apply.button')}
        </button>
      )}
      {apply.status === 'running' && (
        <Progress
          label={apply.stage === 'netproxy' ? t('wizard.apply.writingProxy') : t('wizard.apply.writingGoenv')}
        />
      )}
      <div aria-live="polite" data-testid="wizard-apply-result" data-status={apply.status}>
        {apply.status === 'error' && apply.stage === 'goenv' && (
          <p className="banner banner-error" role="alert">
            {t('wizard.apply.goenvFailed', { message })}
          </p>
        )}
        {goenv && (
          <p className="wizard-ok">
            {goenv.snapshot
              ? t('wizard.apply.goenvDone', { file: goenv.envFile ?? '', id: goenv.snapshot.id })
              : t('wizard.apply.goenvNothing')}
          </p>
        )}
        {goenv && goenv.warnings.length > 0 && (
          <>
            <h3>{t('wizard.apply.warningsHeading')}</h3>
            <pre className="wizard-output">{goenv.warnings.join('\n')}</pre>
          </>
        )}
        {apply.status === 'error' && apply.stage === 'netproxy' && (
          <p className="banner banner-error" role="alert">
            {t('wizard.apply.proxyFailed', { message })}
          </p>
        )}
        {useProxy && netproxy && (
          <p className="wizard-ok">
            {netproxy.transaction
              ? t('wizard.apply.proxyDone', {
                  count: netproxy.transaction.places,
                  id: netproxy.transaction.id,
                })
              : t('wizard.apply.proxyNothing')}
          </p>
        )}
      </div>
    </div>
  );
}
