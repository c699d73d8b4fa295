import { useTranslation } from 'react-i18next';
import { visible } from '../../../shared/visible';
import { SeverityBadge } from '../../components/Badges';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useOverview } from '../../store/overview';
import { useUi } from '../../store/ui';
import { activeMirror } from './activeMirror';

/**
 * One card per problem the quick checklist found (errors, then warnings), in the UI's language, each
 * leading to the checklist where its fix is previewed. Notes (info) stay on the checklist.
 */
export function ProblemList() {
  const { t } = useTranslation();
  const doctor = useOverview((s) => s.doctor);
  const setPage = useUi((s) => s.setPage);
  const goproxy = useOverview((s) => s.env.value?.vars.GOPROXY?.value);
  // The verdict above already says this one, with its fix: one root cause, one place.
  const kind = goproxy === undefined ? null : activeMirror(goproxy).kind;
  const covered = kind === 'invalid' ? 'goproxy-invalid' : kind === 'off' ? 'goproxy-off' : null;
  const findings = (doctor.value?.findings ?? []).filter((f) => f.id !== covered);
  const problems = [
    ...findings.filter((f) => f.severity === 'error'),
    ...findings.filter((f) => f.severity === 'warning'),
  ];
  const notes = findings.length - problems.length;

  return (
    <section
      className="overview-problems"
      aria-labelledby="overview-problems-heading"
      aria-busy={doctor.loading}
    >
      <div className="overview-problems-head">
        <h2 id="overview-problems-heading">
          {problems.length > 0
            ? t('overview.problems.heading', { count: problems.length })
            : t('overview.problems.title')}
        </h2>
        <button type="button" data-testid="open-checklist" onClick={() => setPage('checklist')}>
          {t('overview.checklist.open')}
        </button>
      </div>
      {doctor.error && (
        <ErrorBanner error={doctor.error} onRetry={() => void useOverview.getState().loadDoctor()} />
      )}
      {!doctor.value ? (
        !doctor.error && <p className="muted">{t('overview.checklist.checking')}</p>
      ) : problems.length === 0 ? (
        <p data-testid="checklist-clean">
          {notes > 0 ? t('overview.problems.onlyNotes', { count: notes }) : t('overview.checklist.clean')}
        </p>
      ) : (
        <ul className="overview-problem-list" data-testid="problem-list">
          {problems.map((f) => (
            <li
              key={f.id}
              className="card overview-problem"
              data-testid="problem"
              data-severity={f.severity}
              title={f.id}
            >
              <SeverityBadge severity={f.severity} />
              <div>
                <strong>{visible(f.title)}</strong>
                <p className="small overview-remedy">{visible(f.remedy)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t('overview.checklist.quick')}</p>
    </section>
  );
}
