import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { i18n } from './lib/i18n';
import { useOverview } from './store/overview';
import { useSettings } from './store/settings';
import { useUi } from './store/ui';
import './styles.css';

// Ask main for what the first screen shows before React renders, so the answers and the first paint
// (slow on a cold start: fonts) overlap instead of following each other.
void useSettings.getState().load();
if (useUi.getState().page === 'overview') void useOverview.getState().loadAll();

document.documentElement.lang = i18n.language;
// The OS theme until the settings arrive (they may say light or dark).
document.documentElement.dataset.theme = matchMedia('(prefers-color-scheme: dark)').matches
  ? 'dark'
  : 'light';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
