import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';
import { REVIEW_STEP, VERIFY_STEP } from './steps';
import { useGates } from './useGates';

/**
 * Back and Next, with the reason when Next cannot be used yet. Review has no Next: its own "Apply
 * changes" button, under the preview, is the only way forwards, so Next never writes anything. Once
 * the changes are written there is nothing to go back to, until they are undone.
 */
export function WizardNav() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const applied = useWizard((s) => s.apply.status === 'done');
  const goTo = useWizard((s) => s.goTo);
  const gate = useGates()(step);
  const showBack = step > 0 && !(step === VERIFY_STEP && applied);
  const showNext = step < REVIEW_STEP;
  if (!showBack && !showNext) return null;
  return (
    <div className="wizard-nav">
      {step === 0 ? (
        <button type="button" disabled data-testid="wizard-back">
          {t('common.actions.back')}
        </button>
      ) : showBack ? (
        <button type="button" onClick={() => goTo(step - 1)} data-testid="wizard-back">
          {t('common.actions.back')}
        </button>
      ) : (
        <span />
      )}
      {showNext && (
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
