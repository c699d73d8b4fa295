import type { Language } from '../../shared/i18n';
import { checklist } from './checklist';
import { common } from './common';
import { historyPage } from './historyPage';
import { mirrorsPage } from './mirrorsPage';
import { overview } from './overview';
import { projectsPage } from './projectsPage';
import { proxyPage } from './proxyPage';
import { settingsPage } from './settingsPage';
import { wizard } from './wizard';

/** The renderer's own messages, one section per area (the shared catalogue holds what the CLI says too). */
const areas = {
  common,
  overview,
  wizard,
  mirrorsPage,
  checklist,
  proxyPage,
  settingsPage,
  historyPage,
  projectsPage,
};

function pick(language: Language): Record<string, object> {
  return Object.fromEntries(Object.entries(areas).map(([name, m]) => [name, m[language]]));
}

export const uiMessages: Record<Language, Record<string, object>> = {
  en: pick('en'),
  'zh-CN': pick('zh-CN'),
};
