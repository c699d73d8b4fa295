import { describe, expect, it } from 'vitest';
import { locateGoEnvFile } from '../../electron/services/goenv';

const at = (platform: NodeJS.Platform, env: Record<string, string>) => locateGoEnvFile({ platform, env });

describe('locateGoEnvFile (os.UserConfigDir + /go/env)', () => {
  it('uses $XDG_CONFIG_HOME, else ~/.config, on Linux', () => {
    expect(at('linux', { HOME: '/home/u', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/go/env');
    expect(at('linux', { HOME: '/home/u' })).toBe('/home/u/.config/go/env');
  });

  it('refuses a relative XDG_CONFIG_HOME like go', () => {
    expect(at('linux', { HOME: '/home/u', XDG_CONFIG_HOME: 'cfg' })).toBeNull();
  });

  it('uses ~/Library/Application Support on macOS and %AppData% on Windows', () => {
    expect(at('darwin', { HOME: '/Users/u' })).toBe('/Users/u/Library/Application Support/go/env');
    expect(at('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\go\\env',
    );
  });

  it('honours GOENV, and GOENV=off means no file', () => {
    expect(at('linux', { HOME: '/home/u', GOENV: '/etc/goenv' })).toBe('/etc/goenv');
    expect(at('linux', { HOME: '/home/u', GOENV: 'off' })).toBeNull();
  });
});
