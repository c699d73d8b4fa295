import { describe, expect, it } from 'vitest';
import { createNodeHost } from '../../electron/services/host';
import { linuxSystemAdapter } from '../../electron/services/netproxy/linux-system';
import { scopeNotes } from '../../electron/services/netproxy/scope-notes';
import { catalogues, LANGUAGES } from '../../shared/i18n';
import { SCOPE_NOTE_CODES } from '../../shared/contract';

describe('scopeNotes', () => {
  it('reads the note of a Linux machine without a desktop session as two codes', () => {
    expect(
      scopeNotes(
        "no desktop session was detected (XDG_CURRENT_DESKTOP is not set), and GNOME's proxy settings cannot be used: there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so GSettings cannot save changes; run this from inside the desktop session. The system proxy is supported on KDE Plasma and on GNOME-family desktops (GNOME, Ubuntu, Cinnamon, MATE, Budgie); --scope env,git still works here",
      ),
    ).toEqual([{ code: 'no-desktop' }, { code: 'no-session-bus' }]);
  });

  it('keeps the desktop name and reads joined notes in order', () => {
    expect(
      scopeNotes(
        "GNOME proxy mode is 'auto' (WPAD); the desktop is XFCE: GNOME's settings are what GLib/GIO apps use, other apps may ignore them",
      ),
    ).toEqual([
      { code: 'gnome-mode', params: { mode: 'auto' } },
      { code: 'other-desktop-apps', params: { desktop: 'XFCE' } },
    ]);
    expect(scopeNotes('git is not installed (not found on PATH)')).toEqual([{ code: 'no-git' }]);
  });

  it('gives no codes when any part is unknown, so the note is shown as it is', () => {
    expect(scopeNotes('git is not installed; something new')).toBeUndefined();
    expect(scopeNotes(undefined)).toBeUndefined();
  });

  it("reads what the Linux adapter says on this machine's kind of session (no desktop, no bus)", async () => {
    const host = createNodeHost({ env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' } });
    const why = await linuxSystemAdapter(host).unavailable();
    expect(why).not.toBeNull();
    expect(scopeNotes(why!)?.[0]?.code).toBe('no-desktop');
  });

  it.each(LANGUAGES)('%s says every code', (lang) => {
    for (const code of SCOPE_NOTE_CODES) expect(catalogues[lang].scopeNotes[code], code).toBeTruthy();
  });
});
