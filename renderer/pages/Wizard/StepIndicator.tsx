import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWizard } from '../../store/wizard';
import { NUMBERED_STEPS, STEPS, VERIFY_STEP, type StepId } from './steps';
import { useGates } from './useGates';

/**
 * The steps in order, the current one marked. Any step reached before can be opened again; going
 * forwards that way passes the same checks as Next, and once the changes are written the earlier
 * steps are closed. Where the row does not fit, one line says where the user is instead.
 */
export function StepIndicator() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const reached = useWizard((s) => s.reached);
  const applied = useWizard((s) => s.apply.status === 'done');
  // Once the wizard's changes are undone, the last step is no longer "done".
  const undone = useWizard((s) => s.undo.status === 'ready');
  const label = (s: StepId) => (s === 'verify' && undone ? t('wizard.steps.undone') : t(`wizard.steps.${s}`));
  const goTo = useWizard((s) => s.goTo);
  const gate = useGates();
  const open = (i: number) => {
    if (i > reached) return false;
    if (step === VERIFY_STEP && applied) return false;
    for (let j = step; j < i; j++) if (gate(j) !== null) return false;
    return true;
  };
  // The row is measured, not guessed from the window: labels differ in length between languages.
  const nav = useRef<HTMLElement>(null);
  const row = useRef<HTMLOListElement>(null);
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const measure = () => {
      if (nav.current && row.current) setCompact(row.current.scrollWidth > nav.current.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (nav.current) observer.observe(nav.current);
    return () => observer.disconnect();
  }, []);
  const id = STEPS[step]!;
  const where =
    step < NUMBERED_STEPS
      ? t('wizard.stepOfNamed', { n: step + 1, total: NUMBERED_STEPS, name: label(id) })
      : label(id);
  return (
    <nav
      ref={nav}
      aria-label={t('wizard.stepsLabel')}
      className={compact ? 'wizard-steps-nav compact' : 'wizard-steps-nav'}
    >
      {compact && (
        <p className="wizard-steps-compact" data-testid="wizard-step-compact">
          {where}
        </p>
      )}
      <ol ref={row} className="wizard-steps">
        {STEPS.map((s, i) => (
          <li key={s} className={i === step ? 'current' : i < reached || i <= step ? 'visited' : ''}>
            <button
              type="button"
              aria-current={i === step ? 'step' : undefined}
              disabled={i !== step && !open(i)}
              onClick={() => goTo(i)}
              data-testid={`wizard-goto-${s}`}
            >
              <span className="wizard-step-number" aria-hidden="true">
                {i < NUMBERED_STEPS ? i + 1 : '✓'}
              </span>
              <span className="wizard-step-label">{label(s)}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
