import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';

/** What the Review step's "Apply changes" wrote, at the top of Verify & done. */
export function ApplyOutcome() {
  const { t } = useTranslation();
  const apply = useWizard((s) => s.apply);
  const useProxy = useWizard((s) => s.proxy.use);
  const { goenv, netproxy } = apply;
  if (apply.status !== 'done') return null;
  return (
    <div data-testid="wizard-apply-result" data-status={apply.status}>
      {goenv && (
        <p className="wizard-ok">
          {goenv.snapshot
            ? t('wizard.apply.goenvDone', { file: goenv.envFile ?? '', id: goenv.snapshot.id })
            : t('wizard.apply.goenvNothing')}
        </p>
      )}
      {goenv && goenv.warnings.length > 0 && (
        <details className="wizard-details">
          <summary>{t('wizard.apply.warningsHeading')}</summary>
          <pre className="wizard-output">{goenv.warnings.join('\n')}</pre>
        </details>
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
  );
}
