import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';
import { STEPS } from './steps';
import { useGates } from './useGates';

/** Back and Next, with the reason when Next cannot be used yet. */
export function WizardNav() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const goTo = useWizard((s) => s.goTo);
  const gate = useGates()(step);
  const last = step === STEPS.length - 1;
  return (
    <div className="wizard-nav">
      <button type="button" onClick={() => goTo(step - 1)} disabled={step === 0} data-testid="wizard-back">
        {t('common.actions.back')}
      </button>
      {!last && (
        <>
          <span className="muted small" id="wizard-next-blocked" aria-live="polite">
            {gate !== null ? t(`wizard.blocked.${gate}`) : ''}
          </span>
          <button
            type="button"
            className="primary"
            onClick={() => goTo(step + 1)}
            disabled={gate !== null}
            aria-describedby="wizard-next-blocked"
            data-testid="wizard-next"
          >
            {t('common.actions.next')}
          </button>
        </>
      )}
    </div>
  );
}
