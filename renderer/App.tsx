import { lazy, Suspense, useEffect, useSyncExternalStore, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './components/ErrorBanner';
import { NavIcon } from './components/NavIcon';
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
  profiles: named(() => import('./pages/Profiles/ProfilesPage'), 'ProfilesPage'),
  environment: named(() => import('./pages/Environment/EnvironmentPage'), 'EnvironmentPage'),
  history: named(() => import('./pages/History/HistoryPage'), 'HistoryPage'),
  settings: named(() => import('./pages/Settings/SettingsPage'), 'SettingsPage'),
  wizard: named(() => import('./pages/Wizard/WizardPage'), 'WizardPage'),
};
const NAV: Page[] = PAGES.filter((p) => p !== 'wizard');

/** Below this width the sidebar is a column of icons that a toggle opens (styles.css has the same number). */
const NARROW = '(max-width: 900px)';
const narrowQuery = () => globalThis.matchMedia?.(NARROW);
function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = narrowQuery();
      query?.addEventListener('change', changed);
      return () => query?.removeEventListener('change', changed);
    },
    () => narrowQuery()?.matches === true,
  );
}

export function App() {
  const { t } = useTranslation();
  const { page, setPage, sidebarOpen, setSidebarOpen } = useUi();
  const narrow = useNarrow();
  const collapsed = narrow && !sidebarOpen;
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
      <aside
        className={collapsed ? 'sidebar collapsed' : narrow ? 'sidebar open' : 'sidebar'}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && narrow && sidebarOpen) setSidebarOpen(false);
        }}
      >
        <div className="sidebar-inner">
          <button
            type="button"
            className="sidebar-toggle"
            aria-expanded={!collapsed}
            aria-controls="main-nav"
            data-testid="sidebar-toggle"
            title={t(collapsed ? 'common.sidebar.open' : 'common.sidebar.close')}
            onClick={() => setSidebarOpen(collapsed)}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
              <path
                d="M4 6h16M4 12h16M4 18h16"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
              />
            </svg>
            <span className="sr-only">{t('common.sidebar.label')}</span>
          </button>
          <div className="brand">
            <strong>{t('app.title')}</strong>
            <span className="muted small">{t('app.tagline')}</span>
          </div>
          <nav id="main-nav" aria-label={t('common.mainNav')}>
            {NAV.map((p) => (
              <button
                key={p}
                type="button"
                className={p === page ? 'nav-item active' : 'nav-item'}
                aria-current={p === page ? 'page' : undefined}
                data-testid={`nav-${p}`}
                title={collapsed ? t(`common.nav.${p}`) : undefined}
                onClick={() => setPage(p)}
              >
                <NavIcon page={p} />
                <span className="nav-label">{t(`common.nav.${p}`)}</span>
              </button>
            ))}
          </nav>
          <button
            type="button"
            className={page === 'wizard' ? 'nav-item wizard-link active' : 'nav-item wizard-link'}
            aria-current={page === 'wizard' ? 'page' : undefined}
            data-testid="nav-wizard"
            title={collapsed ? t('common.nav.wizard') : undefined}
            onClick={() => setPage('wizard')}
          >
            <NavIcon page="wizard" />
            <span className="nav-label">{t('common.nav.wizard')}</span>
          </button>
        </div>
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
