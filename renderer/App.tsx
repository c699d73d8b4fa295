import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../shared/i18n';
import { EnvironmentPage } from './pages/Environment/EnvironmentPage';
import { MirrorsPage } from './pages/Mirrors/MirrorsPage';
import { useUi, type Page } from './store/ui';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
const PAGES: Page[] = ['environment', 'mirrors'];

export function App() {
  const { t } = useTranslation();
  const { page, setPage, language, setLanguage } = useUi();
  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <span className="muted small">{t('app.tagline')}</span>
        </div>
        <nav aria-label="main">
          {PAGES.map((p) => (
            <button
              key={p}
              type="button"
              className={p === page ? 'nav-item active' : 'nav-item'}
              aria-current={p === page ? 'page' : undefined}
              onClick={() => setPage(p)}
            >
              {t(`app.nav.${p}`)}
            </button>
          ))}
        </nav>
        <label className="language">
          <span>{t('app.language')}</span>
          <select
            value={language}
            onChange={(e) => setLanguage(e.target.value as Language)}
            data-testid="language-select"
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </aside>
      <main className="content">{page === 'environment' ? <EnvironmentPage /> : <MirrorsPage />}</main>
    </div>
  );
}
