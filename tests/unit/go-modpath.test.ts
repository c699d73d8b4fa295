import { describe, expect, it } from 'vitest';
import {
  checkImportPath,
  checkPath,
  escapePath,
  escapeVersion,
  splitPathVersion,
  unescapePath,
  unescapeVersion,
} from '../../shared/go/modpath';

// x/mod's table (module/module_test.go checkPathTests): path, valid module path, valid import path.
// Its "\xFF" case needs invalid UTF-8, which a JS string cannot hold; the differential test covers the rest.
const checkPathTests: Array<[path: string, ok: boolean, importOK: boolean]> = [
  ['x.y/z', true, true],
  ['x.y', true, true],
  ['', false, false],
  ['/x.y/z', false, false],
  ['x./z', false, false],
  ['.x/z', false, true],
  ['-x/z', false, false],
  ['x..y/z', true, true],
  ['x.y/z/../../w', false, false],
  ['x.y//z', false, false],
  ['x.y/z//w', false, false],
  ['x.y/z/', false, false],
  ['x.y/z/v0', false, true],
  ['x.y/z/v1', false, true],
  ['x.y/z/v2', true, true],
  ['x.y/z/v2.0', false, true],
  ['X.y/z', false, true],
  ['!x.y/z', false, false],
  ['_x.y/z', false, true],
  ['x.y!/z', false, false],
  ['x.y"/z', false, false],
  ['x.y#/z', false, false],
  ['x.y$/z', false, false],
  ['x.y%/z', false, false],
  ['x.y&/z', false, false],
  ["x.y'/z", false, false],
  ['x.y(/z', false, false],
  ['x.y)/z', false, false],
  ['x.y*/z', false, false],
  ['x.y+/z', false, true],
  ['x.y,/z', false, false],
  ['x.y-/z', true, true],
  ['x.y./zt', false, false],
  ['x.y:/z', false, false],
  ['x.y;/z', false, false],
  ['x.y</z', false, false],
  ['x.y=/z', false, false],
  ['x.y>/z', false, false],
  ['x.y?/z', false, false],
  ['x.y@/z', false, false],
  ['x.y[/z', false, false],
  ['x.y\\/z', false, false],
  ['x.y]/z', false, false],
  ['x.y^/z', false, false],
  ['x.y_/z', false, true],
  ['x.y`/z', false, false],
  ['x.y{/z', false, false],
  ['x.y}/z', false, false],
  ['x.y~/z', false, true],
  ['x.y/z!', false, false],
  ['x.y/z"', false, false],
  ['x.y/z++', false, true],
  ['x.y/z-', true, true],
  ['x.y/z.t', true, true],
  ['x.y/z/t', true, true],
  ['x.y/z:', false, false],
  ['x.y/z_', true, true],
  ['x.y/z~', true, true],
  ['x.y/x.foo', true, true],
  ['x.y/aux.foo', false, false],
  ['x.y/prn', false, false],
  ['x.y/prn2', true, true],
  ['x.y/com', true, true],
  ['x.y/com1', false, false],
  ['x.y/com1.txt', false, false],
  ['x.y/calm1', true, true],
  ['x.y/z~0', false, false],
  ['x.y/z~09', false, false],
  ['x.y/z09', true, true],
  ['x.y/z09~', true, true],
  ['x.y/z09~09z', true, true],
  ['x.y/z09~09z~09', false, false],
  ['github.com/!123/logrus', false, false],
  ['github.com/user/unicode/испытание', false, false],
  ['../x', false, false],
  ['./y', false, false],
  ['x:y', false, false],
  ['\\temp\\foo', false, false],
  ['.gitignore', false, true],
  ['.github/ISSUE_TEMPLATE', false, true],
  ['x☺y', false, false],
];

describe('checkPath and checkImportPath (module.CheckPath, CheckImportPath)', () => {
  it.each(checkPathTests)('%j: module path %s, import path %s', (path, ok, importOK) => {
    expect(checkPath(path) === null).toBe(ok);
    expect(checkImportPath(path) === null).toBe(importOK);
  });

  it("says why, in x/mod's words", () => {
    expect(checkPath('x.y/z/v1')).toBe('malformed module path "x.y/z/v1": invalid version');
    expect(checkPath('X.y/z')).toBe(
      'malformed module path "X.y/z": invalid char \'X\' in first path element',
    );
    expect(checkPath('rsc.io/quote ')).toBe('malformed module path "rsc.io/quote ": invalid char \' \'');
    expect(checkPath('quote')).toBe('malformed module path "quote": missing dot in first path element');
    expect(checkPath('x.y/com1.txt')).toBe(
      'malformed module path "x.y/com1.txt": "com1" disallowed as path element component on Windows',
    );
    expect(checkImportPath('x.y/z~09')).toBe(
      'malformed import path "x.y/z~09": trailing tilde and digits in path element',
    );
  });

  it('accepts gopkg.in paths only with their .vN suffix', () => {
    expect(checkPath('gopkg.in/yaml.v2')).toBeNull();
    expect(checkPath('gopkg.in/yaml.v1-unstable')).toBeNull();
    expect(checkPath('gopkg.in/yaml')).toBe('malformed module path "gopkg.in/yaml": invalid version');
  });
});

describe('escaping for the proxy protocol', () => {
  it("turns upper case into '!' + lower case, as in x/mod's escapeTests", () => {
    expect(escapePath('github.com/GoogleCloudPlatform/omega')).toEqual({
      ok: true,
      value: 'github.com/!google!cloud!platform/omega',
    });
    expect(escapePath('ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789')).toEqual({
      ok: true,
      value: 'ascii.com/abcdefghijklmnopqrstuvwxyz.-/~_0123456789',
    });
    expect(escapeVersion('v1.0.0-RC1')).toEqual({ ok: true, value: 'v1.0.0-!r!c1' });
  });

  it('refuses to escape what is not a module path or a version', () => {
    for (const [path, ok] of checkPathTests) if (!ok) expect(escapePath(path).ok).toBe(false);
    expect(escapeVersion('v1!')).toEqual({
      ok: false,
      error: 'version "v1!" invalid: disallowed version string',
    });
    expect(escapeVersion('vé')).toEqual({ ok: false, error: 'internal error: inconsistency in EscapePath' });
  });

  it("unescapes, rejecting x/mod's badUnescape cases", () => {
    expect(unescapePath('github.com/!google!cloud!platform/omega')).toEqual({
      ok: true,
      value: 'github.com/GoogleCloudPlatform/omega',
    });
    for (const bad of [
      'github.com/GoogleCloudPlatform/omega',
      'github.com/!google!cloud!platform!/omega',
      'github.com/!0google!cloud!platform/omega',
      'github.com/!_google!cloud!platform/omega',
      'github.com/!!google!cloud!platform/omega',
      '',
    ]) {
      expect(unescapePath(bad).ok).toBe(false);
    }
    expect(unescapePath('X.y')).toEqual({ ok: false, error: 'invalid escaped module path "X.y"' });
    expect(unescapePath('x.y/z/v1')).toEqual({
      ok: false,
      error: 'invalid escaped module path "x.y/z/v1": malformed module path "x.y/z/v1": invalid version',
    });
    expect(unescapeVersion('v1.0.0-!r!c1')).toEqual({ ok: true, value: 'v1.0.0-RC1' });
    expect(unescapeVersion('!c!o!n')).toEqual({
      ok: false,
      error: 'invalid escaped version "CON": "CON" disallowed as path element component on Windows',
    });
  });
});

describe('splitPathVersion', () => {
  it('splits a go command argument at its first "@"', () => {
    expect(splitPathVersion('rsc.io/quote@v1.5.2')).toEqual({ path: 'rsc.io/quote', version: 'v1.5.2' });
    expect(splitPathVersion('rsc.io/quote')).toEqual({ path: 'rsc.io/quote' });
    expect(splitPathVersion('rsc.io/quote@')).toEqual({ path: 'rsc.io/quote', version: '' });
    expect(splitPathVersion('x.y/a@b@c')).toEqual({ path: 'x.y/a', version: 'b@c' });
  });
});
