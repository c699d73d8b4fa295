import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { useProjects } from '../../store/projects';
import { useSettings } from '../../store/settings';
import { useUi } from '../../store/ui';
import { FolderList } from './FolderList';
import { LayersView } from './LayersView';
import { ProjectFindings } from './ProjectFindings';
import { RestoreBox } from './RestoreBox';
import { WriteForm } from './WriteForm';
import './projects.css';

const NO_DIRS: readonly string[] = [];

export function ProjectsPage() {
  const { t } = useTranslation();
  const dirs = useSettings((s) => s.settings?.projectDirs) ?? NO_DIRS;
  const language = useUi((s) => s.language);
  const selected = useProjects((s) => s.selected);
  const layers = useProjects((s) => s.layers);
  const opened = useRef(false);
  const shownLanguage = useRef(language);

  useEffect(() => {
    const store = useProjects.getState();
    if (!useSettings.getState().settings) return;
    if (!opened.current) {
      opened.current = true;
      store.open(dirs, useUi.getState().language);
    } else store.ensureSelection(dirs, useUi.getState().language);
  }, [dirs]);
  // The findings come in the UI's language: a switch asks the checklist again.
  useEffect(() => {
    if (shownLanguage.current === language) return;
    shownLanguage.current = language;
    if (useProjects.getState().selected !== null) void useProjects.getState().loadFindings(language);
  }, [language]);

  const selectedListed = selected !== null && dirs.includes(selected);
  return (
    <section aria-labelledby="projects-heading" data-testid="projects">
      <PageHeader id="projects-heading" title={t('common.nav.projects')} intro={t('projectsPage.intro')} />
      <FolderList dirs={dirs} />
      {selectedListed && (
        <>
          <section
            className="card"
            aria-labelledby="project-layers-heading"
            aria-busy={layers.status === 'loading' || layers.status === 'idle'}
            data-testid="project-detail"
            data-dir={selected}
          >
            <h2 id="project-layers-heading">{t('projectsPage.layers.heading')}</h2>
            {layers.error && (
              <ErrorBanner error={layers.error} onRetry={() => void useProjects.getState().loadLayers()} />
            )}
            {layers.value === null ? (
              !layers.error && <p className="muted">{t('projectsPage.layers.loading')}</p>
            ) : (
              <LayersView result={layers.value} />
            )}
          </section>
          <ProjectFindings />
          <WriteForm key={`write-${selected}`} />
          <RestoreBox />
        </>
      )}
    </section>
  );
}
