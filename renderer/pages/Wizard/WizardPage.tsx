import { useEffect, useRef, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useWizard } from '../../store/wizard';
import { StepGo } from './StepGo';
import { StepIndicator } from './StepIndicator';
import { StepMirrors } from './StepMirrors';
import { StepNetwork } from './StepNetwork';
import { StepPrivate } from './StepPrivate';
import { StepProxy } from './StepProxy';
import { StepReview } from './StepReview';
import { StepVerify } from './StepVerify';
import { STEPS, type StepId } from './steps';
import { WizardNav } from './WizardNav';
import './Wizard.css';

const STEP_COMPONENTS: Record<StepId, ComponentType> = {
  go: StepGo,
  network: StepNetwork,
  mirrors: StepMirrors,
  private: StepPrivate,
  proxy: StepProxy,
  review: StepReview,
  verify: StepVerify,
};

export function WizardPage() {
  const { t } = useTranslation();
  const step = useWizard((s) => s.step);
  const undone = useWizard((s) => s.undo.status === 'ready');
  const begin = useWizard((s) => s.begin);
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef<number | null>(null);

  useEffect(() => begin(), [begin]);
  // A new step moves the focus to its heading, so keyboard and screen reader users start at its top;
  // opening the page leaves the focus where the user put it.
  useEffect(() => {
    if (shownStep.current !== null && shownStep.current !== step) heading.current?.focus();
    shownStep.current = step;
  }, [step]);

  const id = STEPS[step]!;
  const Current = STEP_COMPONENTS[id];
  // Once the wizard's changes are undone, the last step no longer claims anything was set up.
  const title = id === 'verify' && undone ? t('wizard.done.undoneHeading') : t(`wizard.${id}.heading`);
  return (
    <section aria-labelledby="wizard-heading" className="wizard" data-testid="wizard">
      <PageHeader id="wizard-heading" title={t('common.nav.wizard')} intro={t('wizard.intro')} />
      <StepIndicator />
      <div className="wizard-step card" data-step={id} data-testid={`wizard-step-${id}`}>
        <h2 ref={heading} tabIndex={-1} id="wizard-step-heading">
          {title}
        </h2>
        <Current />
      </div>
      <WizardNav />
    </section>
  );
}
