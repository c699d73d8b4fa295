import type { ScopeNote } from '../../../shared/contract';

/**
 * The adapters' notes (English, for the CLI and logs) as codes the UI says in the user's language.
 * A note may join several with "; "; each part the adapters are known to say becomes one code, in
 * order, and a part not recognised is left out (the UI then shows the note as it is, under Details).
 */
const PARTS: { re: RegExp; code: ScopeNote['code']; names?: string[] }[] = [
  {
    re: /^no desktop session was detected \(XDG_CURRENT_DESKTOP is not set\), and GNOME's proxy settings cannot be used: (.+?)\. The system proxy is supported on/,
    code: 'no-desktop',
    names: ['why'],
  },
  {
    re: /^the desktop is (\S+), and GNOME's proxy settings cannot be used: (.+?)\. The system proxy is supported on/,
    code: 'unsupported-desktop',
    names: ['desktop', 'why'],
  },
  {
    re: /^the desktop is (\S+): GNOME's settings are what GLib\/GIO apps use/,
    code: 'other-desktop-apps',
    names: ['desktop'],
  },
  { re: /^there is no D-Bus session bus/, code: 'no-session-bus' },
  { re: /^GSETTINGS_BACKEND=memory/, code: 'gsettings-memory' },
  { re: /^gsettings is not installed/, code: 'no-gsettings' },
  { re: /^GNOME's proxy settings schema/, code: 'no-gnome-schema' },
  { re: /^git is not installed/, code: 'no-git' },
  { re: /^networksetup exists only on macOS/, code: 'macos-only' },
  { re: /exists only on Windows$/, code: 'windows-only' },
  { re: /^GNOME proxy mode is '(\w+)'/, code: 'gnome-mode', names: ['mode'] },
  { re: /^automatic proxy discovery \(WPAD\) is on/, code: 'wpad-on' },
  {
    re: /^an automatic proxy configuration \(PAC\) is on \((.+?)\); apps that follow/,
    code: 'pac-on',
    names: ['url'],
  },
  { re: /^could not be read: (.+)$/, code: 'read-failed', names: ['error'] },
];

/** The inner reason of "… cannot be used: <why>." is one of the parts too. */
const INNER = new Set<ScopeNote['code']>(['no-desktop', 'unsupported-desktop']);

function readPart(part: string): ScopeNote | null {
  for (const { re, code, names } of PARTS) {
    const m = re.exec(part);
    if (m === null) continue;
    const params = Object.fromEntries((names ?? []).map((name, i) => [name, m[i + 1] ?? '']));
    return Object.keys(params).length > 0 ? { code, params } : { code };
  }
  return null;
}

export function scopeNotes(note: string | undefined): ScopeNote[] | undefined {
  if (note === undefined || note === '') return undefined;
  const notes: ScopeNote[] = [];
  // A known note may itself contain "; " (the reason inside "… cannot be used: <why>."): whole first.
  const whole = readPart(note);
  const parts = whole !== null && INNER.has(whole.code) ? [note] : note.split(/; (?=[a-zA-Z])/);
  for (const part of parts) {
    const read = readPart(part);
    if (read === null) return undefined;
    // The reason inside "… cannot be used: <why>." is a note of its own, after the first.
    const { why, ...rest } = read.params ?? {};
    if (why === undefined) {
      notes.push(read);
      continue;
    }
    notes.push(Object.keys(rest).length > 0 ? { code: read.code, params: rest } : { code: read.code });
    const inner = readPart(why);
    if (inner !== null) notes.push(inner);
  }
  return notes;
}
