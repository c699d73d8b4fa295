import type { TFunction } from 'i18next';
import { splitContext } from './layers';

/** A build's name as the page shows it: terminal, editor tools, make, container X, CI job X. */
export function contextLabel(t: TFunction, context: string): string {
  const { kind, name } = splitContext(context);
  switch (kind) {
    case 'terminal':
      return t('projectsPage.layers.contexts.terminal');
    case 'editor-tools':
      return t('projectsPage.layers.contexts.editorTools');
    case 'make':
      return t('projectsPage.layers.contexts.make');
    case 'container':
      return t('projectsPage.layers.contexts.container', { name });
    case 'ci':
      return t('projectsPage.layers.contexts.ci', { name });
    default:
      return context;
  }
}

const GO_ENV_SOURCES = ['os-env', 'env-file', 'goroot-env', 'default'];

/**
 * Where a build's value comes from, in words: go env's own sources, an image's go.env, the CI runner's
 * default; a `file:line` of the project stays as it is (null: show it as code).
 */
export function sourceLabel(t: TFunction, from: string): string | null {
  if (GO_ENV_SOURCES.includes(from)) return t(`env.sources.${from}`);
  if (from === 'go.env') return t('projectsPage.layers.sources.goEnv');
  if (from === 'default (runner)') return t('projectsPage.layers.sources.runner');
  const image = /^go\.env \(go (.+)\)$/.exec(from);
  if (image) return t('projectsPage.layers.sources.goEnvVersion', { version: image[1] });
  return null;
}
