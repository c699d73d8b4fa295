import type { Host } from '../host';
import { GO_ENV_BLOCK, mergeManagedBlock } from './env-unix';
import { dirDriver, fileDriver, type FileState } from './file-driver';
import { mergeGitKeys } from './git';
import { gsettingsDriver } from './gnome';
import { kdeReparse, mergeKdeKeys } from './kde';
import { launchctlDriver, networksetupDriver } from './macos';
import type { Notifier, PlaceDriver } from './types';
import { registryDriver, windowsEnvBroadcast, wininetRefresh } from './windows';

/**
 * Every kind of place, notification and merge by name: the journal stores names, so that a restore in
 * a later process (after a crash, say) finds the code that reads and writes each place.
 */
const DRIVERS: Record<string, PlaceDriver> = Object.fromEntries(
  (
    [
      fileDriver,
      dirDriver,
      gsettingsDriver,
      registryDriver,
      networksetupDriver,
      launchctlDriver,
    ] as PlaceDriver[]
  ).map((d) => [d.name, d]),
);

const NOTIFIERS: Record<string, Notifier> = Object.fromEntries(
  [windowsEnvBroadcast, wininetRefresh, kdeReparse].map((n) => [n.name, n]),
);

export function driverFor(name: string): PlaceDriver {
  const driver = DRIVERS[name];
  if (!driver) throw new Error(`unknown place driver "${name}" in the journal`);
  return driver;
}

export function notifierFor(name: string): Notifier {
  const notifier = NOTIFIERS[name];
  if (!notifier) throw new Error(`unknown notifier "${name}"`);
  return notifier;
}

type Merger = (host: Host, current: unknown, before: unknown, data: unknown) => Promise<unknown>;

/** How to take back only our part of a place that changed after we wrote it; null: cannot. */
const MERGERS: Record<string, Merger> = {
  'managed-block': async (_host, current, before) =>
    mergeManagedBlock(current as FileState, before as FileState),
  'envrc-block': async (_host, current, before) =>
    mergeManagedBlock(current as FileState, before as FileState, GO_ENV_BLOCK),
  'git-keys': (host, current, before, data) =>
    mergeGitKeys(host, current as FileState, before as FileState, data),
  'kde-keys': (host, current, before, data) =>
    mergeKdeKeys(host, current as FileState, before as FileState, data),
};

export function mergerFor(kind: string): Merger | null {
  return MERGERS[kind] ?? null;
}
