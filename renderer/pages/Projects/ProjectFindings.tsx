import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useProjects } from '../../store/projects';
import { useUi } from '../../store/ui';
import { FindingCard } from '../Checklist/FindingCard';
import '../Checklist/Checklist.css';

/** The checklist's findings that this project adds to what the machine's own settings show. */
export function ProjectFindings() {
  const { t } = useTranslation();
  const findings = useProjects((s) => s.findings);
  const busy = findings.status === 'loading' || findings.status === 'idle';
  return (
    <section
      className="card"
      aria-labelledby="project-findings-heading"
      aria-busy={busy}
      data-testid="project-findings"
    >
      <h2 id="project-findings-heading">{t('projectsPage.findings.heading')}</h2>
      <p className="muted small">{t('projectsPage.findings.intro')}</p>
      {findings.error && (
        <ErrorBanner
          error={findings.error}
          onRetry={() => void useProjects.getState().loadFindings(useUi.getState().language)}
        />
      )}
      {busy && findings.value === null && <p className="muted">{t('projectsPage.findings.loading')}</p>}
      {findings.value !== null &&
        (findings.value.length === 0 ? (
          <p data-testid="project-findings-none">{t('projectsPage.findings.none')}</p>
        ) : (
          findings.value.map((f, i) => <FindingCard key={`${f.id}-${i}`} finding={f} />)
        ))}
    </section>
  );
}
