/**
 * The names of the IPC channels and events, without their schemas. The sandboxed preload imports this
 * file (and must not pull zod into its bundle); contract.ts checks at compile time that it defines
 * exactly these names.
 */
export const CHANNELS = [
  'goenv:read',
  'goenv:write',
  'goenv:undo',
  'goenv:history',
  'route:explain',
  'goenv:toolchain',
  'goenv:use',
  'probe:run',
  'probe:cancel',
  'history:read',
  'netproxy:read',
  'netproxy:apply',
  'netproxy:restore',
  'netproxy:test',
  'sumdb:verify',
  'doctor:run',
  'doctor:fix',
  'profiles:list',
  'profiles:save',
  'profiles:delete',
  'profiles:apply',
  'profiles:export',
  'profiles:import',
  'settings:read',
  'settings:write',
  'mirrors:list',
  'mirrors:add',
  'mirrors:remove',
  'goenv:download',
  'goenv:cancel',
  'projects:scan',
  'projects:layers',
  'projects:apply',
  'projects:restore',
  'netproxy:detect',
  'dialog:pickFolder',
] as const;
export const EVENTS = ['state:changed', 'probe:progress', 'app:navigate'] as const;

/** The window's pages, as the main process can name them (app:navigate). Here, not in contract.ts, so
 * that the renderer's first bundle gets the list without zod. */
export const APP_PAGES = [
  'overview',
  'mirrors',
  'checklist',
  'projects',
  'proxy',
  'profiles',
  'environment',
  'history',
  'settings',
  'wizard',
] as const;
export type AppPage = (typeof APP_PAGES)[number];

/** The single Electron IPC channel that carries every contract call, and the one that carries events. */
export const IPC_INVOKE = 'goproxy:invoke';
export const IPC_EVENT = 'goproxy:event';

export type Channel = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
