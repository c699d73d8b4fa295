import { useTranslation } from 'react-i18next';
import type { DoctorFinding } from '../../../shared/contract';
import { SeverityBadge } from '../../components/Badges';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useOverview } from '../../store/overview';
import { useUi } from '../../store/ui';

// A type-only import keeps the contract (and zod) out of the first bundle.
const SEVERITIES: readonly DoctorFinding['severity'][] = ['error', 'warning', 'info'];

/** How many findings the quick checklist has, by severity, and the way to the full checklist. */
export function ChecklistCard() {
  const { t } = useTranslation();
  const doctor = useOverview((s) => s.doctor);
  const setPage = useUi((s) => s.setPage);
  const counts = doctor.value?.counts;
  const total = counts ? counts.error + counts.warning + counts.info : 0;
  return (
    <article className="card" aria-labelledby="overview-checklist-heading" aria-busy={doctor.loading}>
      <h2 id="overview-checklist-heading">{t('overview.checklist.heading')}</h2>
      <p className="muted small">{t('overview.checklist.quick')}</p>
      {doctor.error && (
        <ErrorBanner error={doctor.error} onRetry={() => void useOverview.getState().loadDoctor()} />
      )}
      {counts === undefined ? (
        !doctor.error && <p className="muted">{t('overview.checklist.checking')}</p>
      ) : total === 0 ? (
        <p data-testid="checklist-clean">{t('overview.checklist.clean')}</p>
      ) : (
        <ul className="overview-counts" data-testid="checklist-counts">
          {SEVERITIES.map((severity) => (
            <li key={severity} data-severity={severity} data-count={counts[severity]}>
              <SeverityBadge severity={severity} />
              <span className="overview-count">{counts[severity]}</span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" data-testid="open-checklist" onClick={() => setPage('checklist')}>
        {t('overview.checklist.open')}
      </button>
    </article>
  );
}
