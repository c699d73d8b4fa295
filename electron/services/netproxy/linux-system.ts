import type { Host } from '../host';
import { gnomeSystemAdapter } from './gnome';
import { kdeSystemAdapter } from './kde';
import type { ScopeAdapter, ScopeReading } from './types';

/**
 * The Linux system proxy: KDE Plasma keeps it in kioslaverc, every other desktop that has one in
 * GSettings' org.gnome.system.proxy — GNOME, Ubuntu, Unity, Budgie, Cinnamon and MATE all share that
 * schema, and GLib/GIO apps read it on any desktop. Chosen once, from XDG_CURRENT_DESKTOP (a
 * colon-separated list such as "ubuntu:GNOME" or "KDE").
 */

export function currentDesktops(env: Host['env']): string[] {
  return (env.XDG_CURRENT_DESKTOP ?? '')
    .split(':')
    .map((d) => d.trim())
    .filter((d) => d !== '');
}

const GNOME_FAMILY = [
  'GNOME',
  'GNOME-CLASSIC',
  'GNOME-FLASHBACK',
  'UNITY',
  'BUDGIE',
  'CINNAMON',
  'X-CINNAMON',
  'MATE',
  'PANTHEON',
  'UKUI',
  'DEEPIN',
];

export function isKde(env: Host['env']): boolean {
  // KDE_FULL_SESSION is set by Plasma sessions old enough not to set XDG_CURRENT_DESKTOP.
  return currentDesktops(env).some((d) => d.toUpperCase() === 'KDE') || env.KDE_FULL_SESSION === 'true';
}

export function linuxSystemAdapter(host: Host): ScopeAdapter {
  if (isKde(host.env)) return kdeSystemAdapter(host);
  const gnome = gnomeSystemAdapter(host);
  const desktops = currentDesktops(host.env);
  const desktop =
    desktops.length === 0
      ? 'no desktop session was detected (XDG_CURRENT_DESKTOP is not set)'
      : `the desktop is ${desktops.join(':')}`;
  const gnomeFamily = desktops.some((d) => GNOME_FAMILY.includes(d.toUpperCase()));

  const unavailable = async (): Promise<string | null> => {
    const reason = await gnome.unavailable();
    if (reason === null) return null;
    return gnomeFamily
      ? reason
      : `${desktop}, and GNOME's proxy settings cannot be used: ${reason}. The system proxy is supported on KDE Plasma and on GNOME-family desktops (GNOME, Ubuntu, Cinnamon, MATE, Budgie); --scope env,git still works here`;
  };

  return {
    ...gnome,
    unavailable,
    async read(): Promise<ScopeReading> {
      const reading = await gnome.read();
      if (!reading.available) return { ...reading, note: (await unavailable()) ?? reading.note };
      if (gnomeFamily) return reading;
      // GSettings is there, but apps of this desktop may have their own proxy settings.
      const aside = `${desktop}: GNOME's settings are what GLib/GIO apps use, other apps may ignore them`;
      return { ...reading, note: reading.note ? `${reading.note}; ${aside}` : aside };
    },
  };
}
