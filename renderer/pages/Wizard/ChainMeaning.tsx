import { useTranslation } from 'react-i18next';
import { chainSteps, type ChainStep } from './recommend';

/** What a GOPROXY value makes go do, one sentence per entry. */
export function ChainMeaning({ goproxy }: { goproxy: string }) {
  const { t } = useTranslation();
  const sentence = (step: ChainStep): string => {
    switch (step.kind) {
      case 'first':
        return t('wizard.mirrors.meaning.first', { url: step.url });
      case 'directOnly':
        return t('wizard.mirrors.meaning.directOnly');
      case 'offOnly':
        return t('wizard.mirrors.meaning.offOnly');
      case 'next':
        return t(
          step.after === 'any' ? 'wizard.mirrors.meaning.nextAny' : 'wizard.mirrors.meaning.nextNotFound',
          {
            url: step.url,
          },
        );
      case 'nextDirect':
        return t(
          step.after === 'any' ? 'wizard.mirrors.meaning.directAny' : 'wizard.mirrors.meaning.directNotFound',
        );
      case 'nextOff':
        return t(
          step.after === 'any' ? 'wizard.mirrors.meaning.offAny' : 'wizard.mirrors.meaning.offNotFound',
        );
      case 'lastFails':
        return t('wizard.mirrors.meaning.lastFails', { url: step.url });
      case 'invalid':
        return t('wizard.mirrors.meaning.invalid', { error: step.error });
    }
  };
  return (
    <ol className="wizard-meaning" data-testid="wizard-meaning">
      {chainSteps(goproxy).map((step, i) => (
        <li key={i}>{sentence(step)}</li>
      ))}
    </ol>
  );
}
