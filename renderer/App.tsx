import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './components/ErrorBanner';
import { subscribe } from './lib/api';
import { OverviewPage } from './pages/Overview/OverviewPage';
import { followSettings, useSettings } from './store/settings';
import { PAGES, useUi, type Page } from './store/ui';

// The overview is in the first bundle (it is what opens); every other page loads when first visited.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const PAGE_COMPONENTS: Record<Page, ComponentType> = {
  overview: OverviewPage,
  mirrors: named(() => import('./pages/Mirrors/MirrorsPage'), 'MirrorsPage'),
  checklist: named(() => import('./pages/Checklist/ChecklistPage'), 'ChecklistPage'),
  projects: named(() => import('./pages/Projects/ProjectsPage'), 'ProjectsPage'),
  proxy: named(() => import('./pages/Proxy/ProxyPage'), 'ProxyPage'),
  environment: named(() => import('./pages/Environment/EnvironmentPage'), 'EnvironmentPage'),
  history: named(() => import('./pages/History/HistoryPage'), 'HistoryPage'),
  settings: named(() => import('./pages/Settings/SettingsPage'), 'SettingsPage'),
  wizard: named(() => import('./pages/Wizard/WizardPage'), 'WizardPage'),
};
const NAV: Page[] = PAGES.filter((p) => p !== 'wizard');

export function App() {
  const { t } = useTranslation();
  const { page, setPage } = useUi();
  const { status, exists, error, load } = useSettings();

  useEffect(() => {
    const stops = [followSettings(), subscribe('app:navigate', ({ page: next }) => setPage(next))];
    if (useSettings.getState().status === 'idle') void load();
    return () => stops.forEach((stop) => stop());
  }, [load, setPage]);
  // First run: no settings file yet, so the wizard opens.
  useEffect(() => {
    if (status === 'ready' && !exists) setPage('wizard');
  }, [status, exists, setPage]);

  const Current = PAGE_COMPONENTS[page];
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {t('common.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <span className="muted small">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('common.mainNav')}>
          {NAV.map((p) => (
            <button
              key={p}
              type="button"
              className={p === page ? 'nav-item active' : 'nav-item'}
              aria-current={p === page ? 'page' : undefined}
              data-testid={`nav-${p}`}
              onClick={() => setPage(p)}
            >
              {t(`common.nav.${p}`)}
            </button>
          ))}
        </nav>
        <button
          type="button"
          className={page === 'wizard' ? 'nav-item wizard-link active' : 'nav-item wizard-link'}
          aria-current={page === 'wizard' ? 'page' : undefined}
          data-testid="nav-wizard"
          onClick={() => setPage('wizard')}
        >
          {t('common.nav.wizard')}
        </button>
      </aside>
      <main className="content" id="content" tabIndex={-1}>
        {error && <ErrorBanner error={error} onRetry={() => void load()} />}
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <Current />
        </Suspense>
      </main>
    </div>
  );
}
