import { describe, expect, it } from 'vitest';
import {
  autostartDir,
  autostartEntry,
  canUndoSwitch,
  startedHidden,
  transactionsToRestoreOnQuit,
} from '../../electron/shell/lifecycle';
import type { GoEnvHistory, TransactionSummary } from '../../shared/contract';

/** Journal entry `id`, made `id` minutes after 10:00 (the app below starts at 10:02). */
function tx(
  id: string,
  scopes: string[],
  state: TransactionSummary['state'] = 'applied',
): TransactionSummary {
  const at = new Date(Date.UTC(2026, 0, 1, 10, Number(id))).toISOString();
  return { id, at, kind: 'apply', summary: `change ${id}`, scopes, state, places: 1 };
}

describe('restore the system proxy on quit', () => {
  /** Entries 1 and 2 are older than the app; 3 and later were made while it ran (2 is at 10:02). */
  const startedAt = Date.UTC(2026, 0, 1, 10, 2, 30);

  it("takes back this session's changes, newest first, down to the oldest that set the OS proxy", () => {
    // Newest first, as netproxy's journal lists them.
    const journal = [
      tx('6', ['env']),
      tx('5', ['system']),
      tx('4', ['git']),
      tx('3', ['env', 'system']),
      tx('2', ['system']),
      tx('1', ['env']),
    ];
    expect(transactionsToRestoreOnQuit(journal, startedAt)).toEqual(['6', '5', '4', '3']);
  });

  it('counts a change made in the very first moment after the start', () => {
    const first = { ...tx('3', ['system']), at: new Date(startedAt).toISOString() };
    expect(transactionsToRestoreOnQuit([first, tx('2', ['system'])], startedAt)).toEqual(['3']);
  });

  it('leaves newer changes that never touched the OS proxy alone when no older one did', () => {
    expect(
      transactionsToRestoreOnQuit([tx('4', ['env']), tx('3', ['git']), tx('2', ['system'])], startedAt),
    ).toEqual([]);
  });

  it('stops at the first entry older than the start, even if later ones set the OS proxy', () => {
    const journal = [tx('3', ['system']), tx('2', ['system']), tx('7', ['system'])];
    expect(transactionsToRestoreOnQuit(journal, startedAt)).toEqual(['3']);
  });

  it('skips entries already restored or failed, which restore would skip too', () => {
    const journal = [
      tx('5', ['env'], 'restored'),
      tx('4', ['system']),
      tx('3', ['system'], 'failed'),
      tx('2', ['system']),
    ];
    expect(transactionsToRestoreOnQuit(journal, startedAt)).toEqual(['4']);
  });

  it('does nothing when the session made no change, or the journal has a date it cannot read', () => {
    expect(transactionsToRestoreOnQuit([tx('2', ['system']), tx('1', ['system'])], startedAt)).toEqual([]);
    expect(transactionsToRestoreOnQuit([], startedAt)).toEqual([]);
    expect(transactionsToRestoreOnQuit([{ ...tx('5', ['system']), at: 'yesterday' }], startedAt)).toEqual([]);
  });
});

describe('undo of an automatic switch', () => {
  const entry = (id: string, kind: 'write' | 'undo' = 'write') => ({
    id,
    at: '2026-01-01T00:00:00Z',
    kind,
    envFile: '/home/u/.config/go/env',
    set: [],
    unset: [],
    changed: [],
    fileExisted: true,
  });
  const history = (...entries: ReturnType<typeof entry>[]): GoEnvHistory => ({ entries });

  it('is offered while the switch is the newest go env change, and not after another change', () => {
    expect(canUndoSwitch('s1', history(entry('s1'), entry('s0')))).toBe(true);
    expect(canUndoSwitch('s1', history(entry('s2'), entry('s1')))).toBe(false);
    expect(canUndoSwitch('s1', history(entry('s1', 'undo')))).toBe(false);
    expect(canUndoSwitch('s1', history())).toBe(false);
  });
});

describe('launch at login on Linux', () => {
  it('writes an XDG autostart entry that starts the app hidden in the tray', () => {
    expect(autostartEntry('/opt/GoProxy Desk/goproxy-desk', 'GoProxy Desk')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=GoProxy Desk',
        'Exec="/opt/GoProxy Desk/goproxy-desk" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes and escapes what the desktop-entry spec reserves', () => {
    expect(autostartEntry('/home/u/Apps/GoProxy-Desk-0.1.0.AppImage', 'x')).toContain(
      'Exec=/home/u/Apps/GoProxy-Desk-0.1.0.AppImage --hidden',
    );
    expect(autostartEntry('/home/u/$weird "dir"/app', 'x')).toContain(
      'Exec="/home/u/\\$weird \\"dir\\"/app" --hidden',
    );
  });

  it('goes to $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when that is unset or relative', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/config' }, '/home/u')).toBe('/x/config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart');
    expect(autostartDir({}, '/home/u/')).toBe('/home/u/.config/autostart');
  });

  it('recognises a login start by the flag, or by what macOS reports', () => {
    expect(startedHidden(['/opt/app', '--hidden'], false)).toBe(true);
    expect(startedHidden(['/opt/app'], true)).toBe(true);
    expect(startedHidden(['/opt/app'], false)).toBe(false);
  });
});
