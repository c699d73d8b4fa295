import type { GoEnvHistory, TransactionSummary } from '../../shared/contract';
import { withoutTrailingSlashes } from '../../shared/text';

/**
 * The decisions of the app's life cycle that can be made without Electron: which network changes to
 * take back on quit, whether an automatic switch can still be undone, and the Linux autostart entry.
 */

/** The application id: electron-builder's appId, the Windows AppUserModelID notifications need. */
export const APP_ID = 'dev.goproxydesk.app';

export const PRODUCT_NAME = 'GoProxy Desk';

/** The command-line flag of a start at login: the app then stays in the tray, without a window. */
export const HIDDEN_FLAG = '--hidden';

const RESTORABLE: readonly TransactionSummary['state'][] = ['pending', 'applied', 'restoring'];

/**
 * "Restore the system proxy on quit": the journal entries to take back, newest first. Restoring goes
 * newest first, one entry at a time, so this is the run of entries made since the app started (at or
 * after `startedAt`, ms since the epoch: a time, not a list of the ids seen at start, so that a change
 * made in the first moments, before such a list could be read, still counts), cut after the oldest one
 * that touched the OS proxy; entries made before the app started are never touched, and neither is
 * anything when this session never set the OS proxy. `journal` is netproxy's, newest first.
 */
export function transactionsToRestoreOnQuit(
  journal: readonly TransactionSummary[],
  startedAt: number,
): string[] {
  const ours: TransactionSummary[] = [];
  for (const entry of journal) {
    if (!(Date.parse(entry.at) >= startedAt)) break;
    if (!RESTORABLE.includes(entry.state)) continue;
    ours.push(entry);
  }
  const lastSystem = ours.findLastIndex((t) => t.scopes.includes('system'));
  return ours.slice(0, lastSystem + 1).map((t) => t.id);
}

/**
 * Undo from the tray takes back the newest go env change, so it is offered only while that change is
 * still the automatic switch: once anything else wrote the env file, the user undoes from the History page.
 */
export function canUndoSwitch(snapshotId: string, history: GoEnvHistory): boolean {
  const newest = history.entries[0];
  return newest !== undefined && newest.kind === 'write' && newest.id === snapshotId;
}

/** A desktop-entry Exec argument, quoted as the spec asks when it holds anything but plain characters. */
function execArgument(arg: string): string {
  if (/^[\w./+:@%=,-]+$/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/**
 * The XDG autostart entry for "launch at login" on Linux ($XDG_CONFIG_HOME/autostart/<name>.desktop),
 * where Electron's setLoginItemSettings does nothing. `exec` is the AppImage or the installed binary.
 */
export function autostartEntry(exec: string, name: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${name}`,
    `Exec=${[exec, HIDDEN_FLAG].map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Where the autostart entry goes: $XDG_CONFIG_HOME/autostart (absolute only, as the spec says) or ~/.config/autostart. */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : `${withoutTrailingSlashes(home)}/.config`;
  return `${base}/autostart`;
}

/** Whether this start was a login start, which opens no window (the tray is enough). */
export function startedHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_FLAG);
}
