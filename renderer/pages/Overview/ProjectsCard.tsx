import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useOverview } from '../../store/overview';
import { useSettings } from '../../store/settings';
import { useUi } from '../../store/ui';
import { projectOnly } from '../Projects/layers';

/**
 * How many findings the project folders add to the quick checklist (one more run of it, with the
 * folders, when the overview opens), and the way to the Projects page. Nothing without project folders.
 */
export function ProjectsCard() {
  const { t } = useTranslation();
  const dirs = useSettings((s) => s.settings?.projectDirs);
  const projects = useOverview((s) => s.projects);
  const machine = useOverview((s) => s.doctor);
  const setPage = useUi((s) => s.setPage);
  const key = dirs?.join('\n') ?? '';

  useEffect(() => {
    if (dirs && dirs.length > 0) void useOverview.getState().loadProjects(dirs);
    // The folders, not the array's identity: a settings reload with the same folders asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!dirs || dirs.length === 0) return null;
  const error = projects.error ?? machine.error;
  const count =
    projects.value && machine.value
      ? projectOnly(projects.value.findings, machine.value.findings).length
      : null;
  return (
    <article
      className="card"
      aria-labelledby="overview-projects-heading"
      aria-busy={count === null && error === null}
      data-testid="overview-projects"
      data-count={count ?? undefined}
    >
      <h2 id="overview-projects-heading">{t('overview.projects.heading')}</h2>
      {error && <ErrorBanner error={error} onRetry={() => void useOverview.getState().loadProjects(dirs)} />}
      {count === null ? (
        !error && <p className="muted">{t('overview.projects.checking')}</p>
      ) : (
        <p>{count === 0 ? t('overview.projects.clean') : t('overview.projects.count', { count })}</p>
      )}
      <button type="button" data-testid="open-projects" onClick={() => setPage('projects')}>
        {t('overview.projects.open')}
      </button>
    </article>
  );
}
