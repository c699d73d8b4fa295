import { describe, expect, it } from 'vitest';
import { compareFreshness } from '../../electron/services/probe/freshness';
import {
  goVersionCompare,
  goVersionIsValid,
  goVersionLang,
  goverCompare,
  goverFromToolchain,
  goverIsLang,
  goverLang,
  goverModCompare,
  goverModMajorMinor,
  goverParse,
  goverPrev,
} from '../../shared/go/gover';
import {
  semverBuild,
  semverCanonical,
  semverCompare,
  semverIsValid,
  semverMajor,
  semverMajorMinor,
  semverPrerelease,
  semverSortCompare,
} from '../../shared/go/semver';

describe('semver (golang.org/x/mod/semver)', () => {
  it('rejects v1.2-pre, which the old freshness check accepted', () => {
    for (const v of ['v1.2-pre', 'v1-pre', 'v1.2+meta', 'v1.0.0-01']) {
      expect(semverIsValid(v), v).toBe(false);
      expect(semverCanonical(v), v).toBe('');
    }
    // A mirror whose @latest x/mod rejects is neither the freshest nor measured against it.
    const got = compareFreshness(
      'example.com/m',
      new Map([
        ['odd', { version: 'v9.9-pre', versions: [] }],
        ['good', { version: 'v1.0.0', versions: ['v1.0.0'] }],
      ]),
    );
    expect(got.get('good')).toMatchObject({ behind: 0 });
    expect(got.get('odd')).not.toHaveProperty('behind');
  });

  it('accepts the shorthands v1 and v1.2 and fills them in, and drops build metadata', () => {
    expect(semverCanonical('v1')).toBe('v1.0.0');
    expect(semverCanonical('v1.2')).toBe('v1.2.0');
    expect(semverCanonical('v1.2.3-pre+meta')).toBe('v1.2.3-pre');
    expect(semverMajor('v2.1.0')).toBe('v2');
    expect(semverMajorMinor('v2')).toBe('v2.0');
    expect(semverPrerelease('v2.1.0-pre+meta')).toBe('-pre');
    expect(semverBuild('v2.1.0+incompatible')).toBe('+incompatible');
  });

  it('orders prereleases as Semantic Versioning says, numbers of any size included', () => {
    const sorted = [
      'v1.10.0',
      'v1.2.0',
      'v1.2.0-rc.1',
      'v1.2.0-beta',
      'v1.2.0-rc.10',
      'v1.2.0-rc.2',
      'v0.9.9',
      'v1.2.0-1',
      'v99999999999999999999.0.0',
    ].sort(semverCompare);
    expect(sorted).toEqual([
      'v0.9.9',
      'v1.2.0-1',
      'v1.2.0-beta',
      'v1.2.0-rc.1',
      'v1.2.0-rc.2',
      'v1.2.0-rc.10',
      'v1.2.0',
      'v1.10.0',
      'v99999999999999999999.0.0',
    ]);
    expect(semverCompare('v1.2', 'v1.2.0+meta')).toBe(0);
  });

  it('puts invalid versions first, equal to each other', () => {
    expect(semverCompare('v1.2-pre', 'v0.0.0')).toBe(-1);
    expect(semverCompare('bad', 'v1.2-pre')).toBe(0);
  });

  it('sorts versions that compare equal by their spelling, as semver.Sort does', () => {
    expect(['v1.2.0+b', 'v1.2', 'x', 'v1.2.0', ''].sort(semverSortCompare)).toEqual([
      '',
      'x',
      'v1.2',
      'v1.2.0',
      'v1.2.0+b',
    ]);
  });
});

describe('gover (go/version, internal/gover, cmd/go/internal/gover)', () => {
  it('orders language 1.22 before 1.22rc1 before 1.22.0', () => {
    expect(['1.22.0', '1.22rc1', '1.22', '1.21.9', '1.22beta1'].sort(goverCompare)).toEqual([
      '1.21.9',
      '1.22',
      '1.22beta1',
      '1.22rc1',
      '1.22.0',
    ]);
    expect(goVersionCompare('go1.22', 'go1.22rc1')).toBe(-1);
    expect(goVersionCompare('go1.22rc1', 'go1.22.0')).toBe(-1);
  });

  it('reads 1.20 as the release 1.20.0 but 1.21 as the language version', () => {
    expect(goverCompare('1.20', '1.20.0')).toBe(0);
    expect(goverIsLang('1.20')).toBe(false);
    expect(goverCompare('1.21', '1.21.0')).toBe(-1);
    expect(goverIsLang('1.21')).toBe(true);
  });

  it('refuses a prerelease of a patch release, leading zeros, and an upper-case kind', () => {
    for (const v of ['1.21.0rc1', '1.021', '1.21rc01', '1.21RC1', '1.21.x', 'go1.21']) {
      expect(goverParse(v), v).toBeUndefined();
    }
    expect(goverParse('1.21rc2')).toEqual({ major: '1', minor: '21', patch: '', kind: 'rc', pre: '2' });
  });

  it('gives the language version of a release', () => {
    expect(goverLang('1.21.3')).toBe('1.21');
    expect(goverLang('1.21rc2')).toBe('1.21');
    expect(goverLang('1.0.5')).toBe('1');
    expect(goverLang('2')).toBe('2.0');
    expect(goverPrev('1.3rc4')).toBe('1.2');
    expect(goverPrev('1.10')).toBe('1.9');
    expect(goVersionLang('go1.21.3-custom')).toBe('go1.21');
    expect(goVersionLang('1.21')).toBe('');
  });

  it('takes the version of a toolchain name from the name alone', () => {
    expect(goverFromToolchain('go1.21.3')).toBe('1.21.3');
    expect(goverFromToolchain('go1.21.3-bigcorp')).toBe('1.21.3');
    expect(goverFromToolchain('go1.21.3 linux')).toBe('1.21.3');
    expect(goverFromToolchain('go1.21.3-x/y')).toBe('');
    expect(goverFromToolchain('go1.21.3.linux-amd64')).toBe('');
    // go/version cuts at '-' only, and does not mind a '/' after it.
    expect(goVersionIsValid('go1.21.3-x/y')).toBe(true);
    expect(goVersionIsValid('go1.21.3 linux')).toBe(false);
  });

  it('compares go and toolchain module versions with Go’s grammar and other modules with semver', () => {
    expect(goverModCompare('go', '1.21', '1.21.0')).toBe(-1);
    expect(goverModCompare('toolchain', 'go1.21.0', '1.21rc1')).toBe(1);
    expect(goverModCompare('example.com/m', 'v1.21', 'v1.21.0')).toBe(0);
    expect(goverModMajorMinor('toolchain', 'go1.21.3')).toBe('go1.21');
    expect(goverModMajorMinor('example.com/m', 'v1.21.3')).toBe('v1.21');
  });
});
