import type { TFunction } from 'i18next';

const NAMED = ['env', 'git', 'system', 'goenv'];

/** A place's scope in the user's language (a profile's change also touches the go env file, 'goenv'). */
export function scopeName(t: TFunction, scope: string): string {
  return NAMED.includes(scope) ? t(`proxyPage.scopes.${scope}`) : scope;
}
