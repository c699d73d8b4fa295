import { useTranslation } from 'react-i18next';
import type { StepPreview } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { DiffView } from '../../components/DiffView';

/** Each file a change touches: what happens to it and its diff. */
export function StepList({ steps, testId }: { steps: StepPreview[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <ol className="project-steps" data-testid={testId}>
      {steps.map((step, i) => (
        <li key={i} data-place={step.place} data-action={step.action}>
          <p>
            <span className="badge badge-default">{t(`proxyPage.steps.actions.${step.action}`)}</span>{' '}
            <code className="value">{visible(step.place)}</code>
          </p>
          {step.diff !== undefined && <DiffView text={step.diff} label={step.place} />}
        </li>
      ))}
    </ol>
  );
}

/** The services' warnings (direnv allow, a file changed since...), listed as they came. */
export function Notes({ notes }: { notes: string[] }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <div className="banner banner-warning" data-testid="project-notes">
      <div>
        <strong>{t('projectsPage.write.notes')}</strong>
        <ul>
          {notes.map((note, i) => (
            <li key={i}>{visible(note)}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
