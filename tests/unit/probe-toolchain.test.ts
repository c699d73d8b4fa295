import { describe, expect, it } from 'vitest';
import {
  isToolchainVersion,
  listsToolchains,
  servesToolchains,
  TOOLCHAIN_LIST_PATH,
} from '../../electron/services/probe/toolchain';

describe('isToolchainVersion: golang.org/toolchain versions go can switch to', () => {
  it.each([
    'v0.0.1-go1.21.0.linux-amd64',
    'v0.0.1-go1.25.3.darwin-arm64',
    'v0.0.1-go1.22rc1.windows-386',
    'v0.0.1-go1.21beta1.linux-ppc64le',
    // Before 1.21 a release had no .0 (go1.20), and old point releases exist as modules too.
    'v0.0.1-go1.20.linux-arm',
    'v0.0.1-go1.19.7.windows-amd64',
    'v0.0.1-go1.99.0.linux-amd64',
  ])('accepts %s', (version) => {
    expect(isToolchainVersion(version)).toBe(true);
  });

  it.each([
    ['another module version', 'v1.5.2'],
    ['another prefix than v0.0.1', 'v0.0.2-go1.21.0.linux-amd64'],
    ['no platform', 'v0.0.1-go1.21.0'],
    ['a platform without GOARCH', 'v0.0.1-go1.21.0.linux'],
    ['upper case in the platform', 'v0.0.1-go1.21.0.Linux-amd64'],
    ['a leading zero (gover refuses it)', 'v0.0.1-go1.021.0.linux-amd64'],
    ['a prerelease of a patch release (gover refuses it)', 'v0.0.1-go1.21.1rc1.linux-amd64'],
    ['no go prefix', 'v0.0.1-1.21.0.linux-amd64'],
    ['trailing text', 'v0.0.1-go1.21.0.linux-amd64.zip'],
    ['a pseudo-version', 'v0.0.0-20230801000000-abcdefabcdef'],
    ['nothing', ''],
  ])('refuses %s: %s', (_why, version) => {
    expect(isToolchainVersion(version)).toBe(false);
  });
});

describe('listsToolchains: reading @v/list as go does', () => {
  it('needs one toolchain line; only the first field of a line counts', () => {
    expect(listsToolchains('v0.0.1-go1.21.0.linux-amd64\n')).toBe(true);
    expect(listsToolchains('junk\n  v0.0.1-go1.22.0.darwin-arm64 2024-02-06T00:00:00Z\r\n')).toBe(true);
    expect(listsToolchains('v0.0.1-go1.21.0.linux-amd64')).toBe(true);
  });

  it('is false for an empty list, another module’s list or an HTML page', () => {
    expect(listsToolchains('')).toBe(false);
    expect(listsToolchains('v1.5.0\nv1.5.1\nv1.5.2\n')).toBe(false);
    expect(listsToolchains('<html><body>v0.0.1-go1.21.0.linux-amd64</body></html>')).toBe(false);
  });
});

describe('servesToolchains: what each answer to the list says', () => {
  const body = (text: string) => Buffer.from(text);

  it('is true only for a 200 that lists a toolchain', () => {
    expect(servesToolchains(200, body('v0.0.1-go1.21.0.linux-amd64\n'))).toBe(true);
    expect(servesToolchains(200, body(''))).toBe(false);
  });

  it('is false when the mirror does not or will not serve the module: 404, 410, other 4xx', () => {
    for (const status of [404, 410, 403, 401, 400])
      expect(servesToolchains(status, body('no')), String(status)).toBe(false);
  });

  it('is unknown for the trouble of the moment and for answers that are no list', () => {
    for (const status of [500, 502, 503, 504, 408, 429, 204, 302])
      expect(servesToolchains(status, body('v0.0.1-go1.21.0.linux-amd64\n')), String(status)).toBeNull();
  });

  it('asks the module path go asks', () => {
    expect(TOOLCHAIN_LIST_PATH).toBe('golang.org/toolchain/@v/list');
  });
});
