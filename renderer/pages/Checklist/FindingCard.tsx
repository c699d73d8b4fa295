import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorFinding, IpcError } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { SeverityBadge } from '../../components/Badges';
import { DiffView } from '../../components/DiffView';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Ident } from '../../components/Ident';
import { Progress } from '../../components/Progress';
import { toIpcError } from '../../lib/api';
import { useDoctor } from '../../store/doctor';
import { useUi } from '../../store/ui';
import { fixDiff } from './fixDiff';

type FixStep =
  { kind: 'closed' } | { kind: 'previewing' } | { kind: 'preview'; text: string } | { kind: 'applying' };

/** One finding: what is wrong, what was seen, what to do, and its fix (previewed before it is applied). */
export function FindingCard({ finding }: { finding: DoctorFinding }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<FixStep>({ kind: 'closed' });
  const [error, setError] = useState<IpcError | null>(null);
  const titleId = useId();

  const attempt = async (work: () => Promise<void>, fallback: FixStep) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(toIpcError(e));
      setStep(fallback);
    }
  };
  const preview = (id: string) =>
    attempt(
      async () => {
        setStep({ kind: 'previewing' });
        const text = await useDoctor.getState().previewFix(id, useUi.getState().language);
        setStep({ kind: 'preview', text });
      },
      { kind: 'closed' },
    );
  const apply = (id: string, text: string) =>
    attempt(
      async () => {
        setStep({ kind: 'applying' });
        await useDoctor.getState().applyFix(id, useUi.getState().language);
        setStep({ kind: 'closed' });
      },
      { kind: 'preview', text },
    );

  return (
    <article
      className="card finding"
      aria-labelledby={titleId}
      data-finding={finding.id}
      data-severity={finding.severity}
      data-testid="finding"
    >
      <header className="finding-head">
        <SeverityBadge severity={finding.severity} />
        {/* The rule's id is for those who look it up (the CLI's --json, the docs): a tooltip, not text. */}
        <h3 id={titleId} title={t('checklist.finding.rule', { id: finding.id })} data-rule={finding.id}>
          {visible(finding.title)}
        </h3>
      </header>
      <p>{visible(finding.detail)}</p>
      {finding.evidence.length > 0 && (
        <>
          <h4>{t('checklist.finding.evidence')}</h4>
          <ul className="finding-evidence">
            {finding.evidence.map((line, i) => (
              <li key={i}>
                <Ident value={visible(line)} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('checklist.finding.remedy')}</h4>
      <p>{visible(finding.remedy)}</p>

      {error && <ErrorBanner error={error} />}
      {finding.fix && (
        <div className="finding-fix">
          {step.kind === 'closed' && (
            <button type="button" data-testid="fix-preview" onClick={() => void preview(finding.fix!.id)}>
              {t('checklist.finding.previewFix')}
            </button>
          )}
          {step.kind === 'previewing' && <Progress label={t('checklist.finding.previewing')} />}
          {step.kind === 'applying' && <Progress label={t('checklist.finding.applying')} />}
          {step.kind === 'preview' && (
            <>
              <p>
                <strong>{t('checklist.finding.previewHeading')}</strong> {visible(finding.fix.summary)}
              </p>
              <DiffView text={fixDiff(step.text)} label={t('checklist.finding.previewLabel')} />
              <div className="row finding-actions">
                <button
                  type="button"
                  className="primary"
                  data-testid="fix-apply"
                  onClick={() => void apply(finding.fix!.id, step.text)}
                >
                  {t('common.actions.apply')}
                </button>
                <button type="button" onClick={() => setStep({ kind: 'closed' })}>
                  {t('common.actions.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </article>
  );
}
