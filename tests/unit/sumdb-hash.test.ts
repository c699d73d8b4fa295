import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hash1, hashGoMod, hashZip } from '../../electron/services/sumdb/dirhash';
import {
  MODULE_ZIP_LIMITS,
  readModuleZip,
  readZip,
  ZipError,
  type ZipErrorCode,
} from '../../electron/services/sumdb/zip';
import { buildZip } from '../fixtures/mirror/zip';

const MOD = 'example.com/m';
const VER = 'v1.0.0';
const PREFIX = `${MOD}@${VER}/`;
const QUOTE_GO_MOD = 'module "rsc.io/quote"\n\nrequire "rsc.io/sampler" v1.3.0\n';

interface RawEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: number;
  /** Overrides of what the central directory declares. */
  crc?: number;
  size?: number;
}

/** A zip with control over each entry's method and declared size and CRC, for what buildZip cannot make. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function moduleZip(files: Record<string, string>): Buffer {
  return buildZip(
    Object.entries(files).map(([name, data]) => ({ name: PREFIX + name, data: Buffer.from(data) })),
  );
}

function zipError(fn: () => unknown): ZipError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ZipError) return err;
    throw err;
  }
  throw new Error('expected a ZipError, got none');
}

function expectRefused(fn: () => unknown, code: ZipErrorCode, message: string | RegExp): void {
  const err = zipError(fn);
  expect(err.code).toBe(code);
  if (typeof message === 'string') expect(err.message).toContain(message);
  else expect(err.message).toMatch(message);
}

describe('h1 hashes', () => {
  it('hashes a go.mod as the single file "go.mod", giving the checksum database value', () => {
    expect(hashGoMod(Buffer.from(QUOTE_GO_MOD))).toBe('h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=');
  });

  it('hashes the summary lines "sha256hex  name\\n" sorted by name', () => {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const summary = `${sha('A')}  a\n${sha('B')}  b\n`;
    const expected = `h1:${createHash('sha256').update(summary).digest('base64')}`;
    const a = { name: 'a', data: Buffer.from('A') };
    const b = { name: 'b', data: Buffer.from('B') };
    expect(hash1([b, a])).toBe(expected);
    expect(hash1([a, b])).toBe(expected);
  });

  it('sorts names by UTF-8 bytes, as Go does, not by UTF-16 code units', () => {
    // U+FF21 sorts after U+1F600 in UTF-16 (0xFF21 > 0xD83D) but before it in UTF-8 (EF < F0).
    const wide = { name: '\uff21', data: Buffer.from('1') };
    const emoji = { name: '\u{1f600}', data: Buffer.from('2') };
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const summary = `${sha('1')}  \uff21\n${sha('2')}  \u{1f600}\n`;
    expect(hash1([emoji, wide])).toBe(`h1:${createHash('sha256').update(summary).digest('base64')}`);
  });

  it('refuses a file name with a newline', () => {
    expectRefused(() => hash1([{ name: 'a\nb', data: Buffer.alloc(0) }]), 'path', 'newline');
  });

  it('hashes a module zip over its entry names, whatever the compression', () => {
    const files = { 'go.mod': 'module example.com/m\n', 'a/b.go': 'package a\n' };
    const expected = hash1(
      Object.entries(files).map(([n, d]) => ({ name: PREFIX + n, data: Buffer.from(d) })),
    );
    expect(hashZip(moduleZip(files), MOD, VER)).toBe(expected);
    const stored = rawZip(
      Object.entries(files).map(([n, d]) => ({ name: PREFIX + n, data: Buffer.from(d), method: 0 })),
    );
    expect(hashZip(stored, MOD, VER)).toBe(expected);
  });

  it('includes directory entries with empty content, like dirhash.HashZip', () => {
    const zip = rawZip([
      { name: PREFIX, data: Buffer.alloc(0), method: 0 },
      { name: `${PREFIX}a/`, data: Buffer.alloc(0), method: 0 },
      { name: `${PREFIX}a/x.go`, data: Buffer.from('package a\n') },
    ]);
    const expected = hash1([
      { name: PREFIX, data: Buffer.alloc(0) },
      { name: `${PREFIX}a/`, data: Buffer.alloc(0) },
      { name: `${PREFIX}a/x.go`, data: Buffer.from('package a\n') },
    ]);
    expect(hashZip(zip, MOD, VER)).toBe(expected);
  });

  it('uses the module path and version unescaped in entry names', () => {
    const zip = buildZip([
      { name: 'rsc.io/QUOTE@v1.5.3-PRE/go.mod', data: Buffer.from('module rsc.io/QUOTE\n') },
    ]);
    expect(hashZip(zip, 'rsc.io/QUOTE', 'v1.5.3-PRE')).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
    expectRefused(() => hashZip(zip, 'rsc.io/quote', 'v1.5.3-PRE'), 'path', 'path does not have prefix');
  });
});

describe('module zip paths', () => {
  const refused: Array<[what: string, names: string[], message: string]> = [
    ['a name outside the module prefix', ['other.com/m@v1.0.0/x.go'], 'path does not have prefix'],
    ['a name outside the version prefix', [`${MOD}@v1.0.1/x.go`], 'path does not have prefix'],
    ['a .. element', [`${PREFIX}a/../../x.go`], 'file path is not clean'],
    ['a . element', [`${PREFIX}./x.go`], 'file path is not clean'],
    ['an empty element', [`${PREFIX}a//x.go`], 'file path is not clean'],
    ['an absolute path', [`${PREFIX}/etc/passwd`], 'absolute file path'],
    ['a backslash', [`${PREFIX}a\\x.go`], 'backslash in file path'],
    ['a character go forbids in file names', [`${PREFIX}x?y.go`], 'invalid char "?"'],
    ['a Windows device name', [`${PREFIX}aux.go`], 'disallowed as path element component on Windows'],
    ['a trailing dot', [`${PREFIX}x.`], 'trailing dot in path element'],
    ['the same file twice', [`${PREFIX}x.go`, `${PREFIX}x.go`], 'multiple entries for file "x.go"'],
    [
      'names equal under case folding',
      [`${PREFIX}x/Y.go`, `${PREFIX}x/y.go`],
      'case-insensitive file name collision',
    ],
    [
      'directories equal under case folding',
      [`${PREFIX}x/y/a.go`, `${PREFIX}x/Y/b.go`],
      'collision: "x/y" and "x/Y"',
    ],
    [
      'the Kelvin sign folding to k',
      [`${PREFIX}k.go`, `${PREFIX}\u212a.go`],
      'case-insensitive file name collision',
    ],
    ['a file that is also a directory', [`${PREFIX}x`, `${PREFIX}x/y.go`], 'is both a file and a directory'],
    ['go.mod below the root', [`${PREFIX}sub/go.mod`], 'go.mod file not in module root directory'],
    ['go.mod in another case', [`${PREFIX}GO.MOD`], 'go.mod files must have lowercase names'],
  ];
  for (const [what, names, message] of refused) {
    it(`refuses ${what}`, () => {
      const zip = buildZip(names.map((name) => ({ name, data: Buffer.from('x') })));
      const err = zipError(() => readModuleZip(zip, MOD, VER));
      expect(err.code).toBe('path');
      expect(err.message).toContain(message);
      expect(err.message).toContain(`zip for ${MOD}@${VER}`);
      expect(names).toContain(err.entry);
    });
  }

  it('accepts non-ASCII letters, which go allows in file names', () => {
    const entries = readModuleZip(moduleZip({ 'α.go': 'package m\n' }), MOD, VER);
    expect(entries.map((e) => e.name)).toEqual([`${PREFIX}α.go`]);
  });

  it('refuses an invalid module path or version before reading', () => {
    const zip = moduleZip({ 'x.go': '' });
    expectRefused(() => readModuleZip(zip, 'nodot/m', VER), 'module', 'malformed module path "nodot/m"');
    expectRefused(() => readModuleZip(zip, MOD, 'v1.0.0!'), 'module', 'disallowed version string');
  });
});

describe('module zip sizes', () => {
  const limits = { zipBytes: 10_000, totalBytes: 100, fileBytes: 60, goModBytes: 20, licenseBytes: 30 };
  const refused: Array<[what: string, files: Record<string, number>, message: string]> = [
    ['a file over the per-file limit', { 'big.go': 61 }, 'file too large (max size is 60 bytes)'],
    [
      'contents over the total limit',
      { 'a.go': 50, 'b.go': 51 },
      'total uncompressed size of module contents too large',
    ],
    ['a go.mod over its limit', { 'go.mod': 21 }, 'go.mod file too large (max size is 20 bytes)'],
    ['a LICENSE over its limit', { LICENSE: 31 }, 'LICENSE file too large (max size is 30 bytes)'],
  ];
  for (const [what, files, message] of refused) {
    it(`refuses ${what}`, () => {
      const zip = buildZip(
        Object.entries(files).map(([name, size]) => ({
          name: PREFIX + name,
          data: Buffer.alloc(size, 0x61),
        })),
      );
      expectRefused(() => readModuleZip(zip, MOD, VER, limits), 'size', message);
    });
  }

  it('accepts files exactly at the limits, and limits only the root go.mod and LICENSE', () => {
    const files = { 'go.mod': 20, LICENSE: 30, 'sub/LICENSE': 40 };
    const zip = buildZip(
      Object.entries(files).map(([name, size]) => ({ name: PREFIX + name, data: Buffer.alloc(size, 0x61) })),
    );
    expect(readModuleZip(zip, MOD, VER, { ...limits, totalBytes: 90 })).toHaveLength(3);
  });

  it('refuses an archive over the zip size limit', () => {
    const zip = moduleZip({ 'x.go': 'package m\n' });
    expectRefused(
      () => readModuleZip(zip, MOD, VER, { ...limits, zipBytes: zip.length - 1 }),
      'size',
      'too large',
    );
  });

  it('judges declared sizes before inflating anything (a zip bomb is never expanded)', () => {
    // Declares 1 GiB: refused on the declaration, although the data would not even inflate to that.
    const zip = rawZip([{ name: `${PREFIX}bomb.go`, data: Buffer.alloc(10), size: 1 << 30 }]);
    expectRefused(() => readModuleZip(zip, MOD, VER), 'size', 'max size is 524288000 bytes');
  });

  it('uses the limits of golang.org/x/mod/zip by default', () => {
    expect(MODULE_ZIP_LIMITS).toEqual({
      zipBytes: 500 << 20,
      totalBytes: 500 << 20,
      fileBytes: 500 << 20,
      goModBytes: 16 << 20,
      licenseBytes: 16 << 20,
    });
  });
});

describe('zip container', () => {
  const good = () => moduleZip({ 'go.mod': 'module example.com/m\n', 'x.go': 'package m\n' });

  it('reads stored and deflated entries in central directory order', () => {
    const zip = rawZip([
      { name: 'b', data: Buffer.from('stored'), method: 0 },
      { name: 'a', data: Buffer.from('deflated'.repeat(50)) },
    ]);
    expect(readZip(zip).map((e) => [e.name, Buffer.from(e.data).toString()])).toEqual([
      ['b', 'stored'],
      ['a', 'deflated'.repeat(50)],
    ]);
  });

  it('refuses bytes that are not a zip, or a truncated one', () => {
    expectRefused(
      () => readZip(Buffer.from('<html>captive portal</html>')),
      'format',
      'no end of central directory',
    );
    expectRefused(() => readZip(Buffer.alloc(0)), 'format', 'no end of central directory');
    const zip = good();
    expectRefused(() => readZip(zip.subarray(0, zip.length - 5)), 'format', 'no end of central directory');
    expectRefused(() => readZip(zip.subarray(20)), 'format', 'not a valid zip file');
  });

  it('refuses corrupt deflate data', () => {
    const zip = rawZip([{ name: 'x', data: Buffer.from('hello') }]);
    // The first deflate byte sits right after the 30-byte local header and the 1-byte name.
    zip[31] = 0xff;
    expectRefused(() => readZip(zip), 'format', /corrupt deflate data|CRC-32 mismatch|declared/);
  });

  it('refuses a CRC-32 that does not match the content', () => {
    const zip = rawZip([{ name: 'x', data: Buffer.from('hello'), crc: 12345 }]);
    expectRefused(() => readZip(zip), 'format', '"x": CRC-32 mismatch');
  });

  it('refuses content longer or shorter than declared', () => {
    const longer = rawZip([{ name: 'x', data: Buffer.from('hello world'), size: 5 }]);
    expectRefused(() => readZip(longer), 'format', 'larger than its declared size (5 bytes)');
    const shorter = rawZip([{ name: 'x', data: Buffer.from('hello'), size: 9 }]);
    expectRefused(() => readZip(shorter), 'format', '5 bytes where 9 were declared');
  });

  it('refuses compression methods go does not read, and directories with content', () => {
    const bzip2 = rawZip([{ name: 'x', data: Buffer.from('hello'), method: 12 }]);
    expectRefused(() => readZip(bzip2), 'unsupported', 'compression method 12');
    const dir = rawZip([{ name: 'd/', data: Buffer.from('content'), method: 0 }]);
    expectRefused(() => readZip(dir), 'format', 'directory entry with content');
  });

  it('refuses a name that is not UTF-8', () => {
    const zip = rawZip([{ name: 'x', data: Buffer.from('hello') }]);
    const at = zip.lastIndexOf(Buffer.from('x'));
    zip[at] = 0xff;
    expectRefused(() => readZip(zip), 'path', 'not valid UTF-8');
  });
});
