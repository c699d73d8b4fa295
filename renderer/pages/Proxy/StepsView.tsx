import { useTranslation } from 'react-i18next';
import type { StepPreview } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { DiffView } from '../../components/DiffView';
import { scopeName } from './scopeName';

/**
 * What a change does, one folded row per place: what happens to it and where, and opened, the file's
 * lines before → after, or the commands it runs shown as argv (one box per argument, so it is plain
 * where an argument starts and ends).
 */
export function StepsView({ steps }: { steps: StepPreview[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return <p className="muted">{t('proxyPage.steps.nothing')}</p>;
  return (
    <ol className="steps" data-testid="steps">
      {steps.map((step, i) => (
        <li key={i} data-scope={step.scope} data-place={step.place}>
          <details>
            <summary className="step-title">
              <span className={`badge step-${step.action}`}>
                {t(`proxyPage.steps.actions.${step.action}`)}
              </span>{' '}
              <span className="muted">{scopeName(t, step.scope)}</span>{' '}
              <code className="value">{visible(step.place)}</code>
            </summary>
            {step.diff !== undefined && <DiffView text={step.diff} label={step.place} />}
            {step.commands && step.commands.length > 0 && (
              <div className="commands" aria-label={t('proxyPage.steps.commands')} role="group">
                {step.commands.map((argv, j) => (
                  <p key={j} className="argv" data-testid="argv">
                    {argv.map((arg, k) => (
                      <code key={k}>{visible(arg)}</code>
                    ))}
                  </p>
                ))}
              </div>
            )}
          </details>
        </li>
      ))}
    </ol>
  );
}
