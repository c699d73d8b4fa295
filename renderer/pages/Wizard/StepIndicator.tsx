import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';
import { STEPS } from './steps';
import { useGates } from './useGates';

/**
 * The steps in order, the current one marked. Any step reached before can be opened again; going
 * forwards that way passes the same checks as Next.
 */
export function StepIndicator() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const reached = useWizard((s) => s.reached);
  const goTo = useWizard((s) => s.goTo);
  const gate = useGates();
  const open = (i: number) => {
    if (i > reached) return false;
    for (let j = step; j < i; j++) if (gate(j) !== null) return false;
    return true;
  };
  return (
    <nav aria-label={t('wizard.stepsLabel')} className="wizard-steps-nav">
      <ol className="wizard-steps">
        {STEPS.map((id, i) => (
          <li key={id} className={i === step ? 'current' : i < reached || i <= step ? 'visited' : ''}>
            <button
              type="button"
              aria-current={i === step ? 'step' : undefined}
              disabled={i !== step && !open(i)}
              onClick={() => goTo(i)}
              data-testid={`wizard-goto-${id}`}
            >
              <span className="wizard-step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="wizard-step-label">{t(`wizard.steps.${id}`)}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
