import { crc32, inflateRawSync } from 'node:zlib';
import { checkPath, escapeVersion } from '../../../shared/go/modpath';

/**
 * Module zips read the way `go` reads them before trusting them: archive/zip for the container
 * (central directory, stored and deflated entries, declared sizes, CRC-32) and golang.org/x/mod/zip's
 * checkZip for the contents (the `path@version/` prefix, clean and valid file paths, no case-fold
 * collisions, go.mod only at the root, size limits). The first problem found is thrown as a ZipError.
 */

export type ZipErrorCode =
  /** Not a zip archive, or one that lies about itself (sizes, offsets, CRC, bad deflate data). */
  | 'format'
  /** Something go's reader does not handle either way: zip64, encryption, other compression methods. */
  | 'unsupported'
  /** An entry name that go's module zip rules refuse. */
  | 'path'
  /** Over one of the size limits. */
  | 'size'
  /** The module path or version itself is invalid. */
  | 'module';

export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
    /** The entry at fault, as named in the archive. */
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

/** golang.org/x/mod/zip's limits, in bytes. Tests pass smaller ones. */
export interface ZipLimits {
  /** The archive itself (MaxZipFile). */
  zipBytes: number;
  /** The sum of the declared uncompressed sizes (MaxZipFile). */
  totalBytes: number;
  /** Any one file. */
  fileBytes: number;
  /** `go.mod` at the module root (MaxGoMod). */
  goModBytes: number;
  /** `LICENSE` at the module root (MaxLICENSE). */
  licenseBytes: number;
}

const MiB = 1 << 20;

export const MODULE_ZIP_LIMITS: ZipLimits = {
  zipBytes: 500 * MiB,
  totalBytes: 500 * MiB,
  fileBytes: 500 * MiB,
  goModBytes: 16 * MiB,
  licenseBytes: 16 * MiB,
};

export interface ZipEntry {
  /** The name as stored (UTF-8). Directories end in '/'. */
  name: string;
  isDir: boolean;
  /** Uncompressed content; empty for directories. */
  data: Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const END_LEN = 22;
const CENTRAL_LEN = 46;
const LOCAL_LEN = 30;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DATA_DESCRIPTOR = 0x8;
const ZIP64_MARK = 0xffffffff;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One central-directory entry, as declared (sizes are not yet checked against the data). */
export interface ZipRecord {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * The entries of a zip archive in central-directory order, each decompressed and checked against its
 * declared size and CRC. `checkSizes` sees every entry before anything is inflated, so a zip bomb is
 * refused on its declared sizes and never inflated beyond them.
 */
export function readZip(
  bytes: Uint8Array,
  checkSizes: (records: readonly ZipRecord[]) => void = () => {},
): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = readCentralDirectory(bytes, view);
  checkSizes(records);
  return records.map((r) => ({ name: r.name, isDir: r.name.endsWith('/'), data: readData(bytes, view, r) }));
}

function readCentralDirectory(bytes: Uint8Array, view: DataView): ZipRecord[] {
  const end = findEnd(view);
  if (end < 0) throw new ZipError('format', 'not a valid zip file: no end of central directory record');
  const count = view.getUint16(end + 10, true);
  const dirSize = view.getUint32(end + 12, true);
  const dirOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || dirSize === ZIP64_MARK || dirOffset === ZIP64_MARK) {
    throw new ZipError('unsupported', 'zip64 archives are not supported (module zips never need them)');
  }
  if (dirOffset + dirSize > end) {
    throw new ZipError('format', 'not a valid zip file: central directory outside the file');
  }

  const records: ZipRecord[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_LEN > end || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new ZipError('format', `not a valid zip file: central directory entry ${i} is damaged`);
    }
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const next = p + CENTRAL_LEN + nameLen + extraLen + commentLen;
    if (next > end)
      throw new ZipError('format', `not a valid zip file: central directory entry ${i} is truncated`);
    let name: string;
    try {
      name = utf8.decode(bytes.subarray(p + CENTRAL_LEN, p + CENTRAL_LEN + nameLen));
    } catch {
      throw new ZipError('path', `zip entry ${i} has a name that is not valid UTF-8`);
    }
    const record: ZipRecord = {
      name,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    };
    if (
      record.compressedSize === ZIP64_MARK ||
      record.size === ZIP64_MARK ||
      record.localOffset === ZIP64_MARK
    ) {
      throw new ZipError('unsupported', `${quote(name)}: zip64 entries are not supported`, name);
    }
    records.push(record);
    p = next;
  }
  return records;
}

/** The end of central directory record, searched backwards past a comment of up to 64 KiB. */
function findEnd(view: DataView): number {
  const last = view.byteLength - END_LEN;
  for (let p = last; p >= 0 && p >= last - 0xffff; p--) {
    if (view.getUint32(p, true) !== SIG_END) continue;
    // The comment must end exactly at the end of the file, or this is a signature inside data.
    if (p + END_LEN + view.getUint16(p + 20, true) === view.byteLength) return p;
  }
  return -1;
}

function readData(bytes: Uint8Array, view: DataView, r: ZipRecord): Uint8Array {
  const at = `${quote(r.name)}:`;
  if (r.flags & FLAG_ENCRYPTED)
    throw new ZipError('unsupported', `${at} encrypted entries are not supported`, r.name);
  if (r.name.endsWith('/')) {
    // archive/zip refuses to open a directory that claims content.
    if (r.compressedSize !== 0 || r.size !== 0 || r.flags & FLAG_DATA_DESCRIPTOR) {
      throw new ZipError('format', `${at} a directory entry with content`, r.name);
    }
    return new Uint8Array(0);
  }
  const p = r.localOffset;
  if (p + LOCAL_LEN > view.byteLength || view.getUint32(p, true) !== SIG_LOCAL) {
    throw new ZipError('format', `${at} the local header is missing or damaged`, r.name);
  }
  const start = p + LOCAL_LEN + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + r.compressedSize > view.byteLength) {
    throw new ZipError('format', `${at} the data runs past the end of the file`, r.name);
  }
  const raw = bytes.subarray(start, start + r.compressedSize);

  let data: Uint8Array;
  if (r.method === METHOD_STORE) {
    data = raw;
  } else if (r.method === METHOD_DEFLATE) {
    try {
      // One byte more than declared, so that an entry lying about its size is caught, not trusted.
      data = inflateRawSync(raw, { maxOutputLength: r.size + 1 });
    } catch (err) {
      const tooLong =
        err instanceof RangeError || (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ZipError(
        'format',
        tooLong ? `${at} larger than its declared size (${r.size} bytes)` : `${at} corrupt deflate data`,
        r.name,
      );
    }
  } else {
    throw new ZipError('unsupported', `${at} compression method ${r.method} is not supported`, r.name);
  }
  if (data.length !== r.size) {
    throw new ZipError('format', `${at} ${data.length} bytes where ${r.size} were declared`, r.name);
  }
  // Like archive/zip, a zero CRC means "not recorded".
  if (r.crc !== 0 && crc32(data) !== r.crc) throw new ZipError('format', `${at} CRC-32 mismatch`, r.name);
  return data;
}

/**
 * A module zip's entries, after every check `go` makes before it hashes or extracts it
 * (cmd/go/internal/modfetch downloadZip, golang.org/x/mod/zip checkZip). Entry names use the module
 * path and version as they are, not escaped: `rsc.io/QUOTE@v1.5.3-PRE/go.mod`.
 */
export function readModuleZip(
  bytes: Uint8Array,
  modulePath: string,
  version: string,
  limits: ZipLimits = MODULE_ZIP_LIMITS,
): ZipEntry[] {
  const pathErr = checkPath(modulePath);
  if (pathErr !== null)
    throw new ZipError('module', `malformed module path ${quote(modulePath)}: ${pathErr}`);
  const v = escapeVersion(version);
  if (!v.ok) throw new ZipError('module', `${modulePath}@${version}: ${v.error}`);
  const mod = `${modulePath}@${version}`;
  if (bytes.byteLength > limits.zipBytes) {
    throw new ZipError(
      'size',
      `module zip for ${mod} is too large (${bytes.byteLength} bytes; limit is ${limits.zipBytes} bytes)`,
    );
  }
  return readZip(bytes, (records) => checkModuleRecords(records, mod, limits));
}

function checkModuleRecords(records: readonly ZipRecord[], mod: string, limits: ZipLimits): void {
  const prefix = `${mod}/`;
  const seen = new Map<string, { path: string; isDir: boolean }>();
  let total = 0;
  for (const r of records) {
    const fail = (code: ZipErrorCode, why: string): never => {
      throw new ZipError(code, `zip for ${mod} has an invalid entry ${quote(r.name)}: ${why}`, r.name);
    };
    if (!r.name.startsWith(prefix)) fail('path', `path does not have prefix ${quote(prefix)}`);
    let name = r.name.slice(prefix.length);
    if (name === '') continue;
    const isDir = name.endsWith('/');
    if (isDir) name = name.slice(0, -1);
    const bad = filePathError(name);
    if (bad !== null) fail('path', bad);
    const collision = checkCollision(seen, name, isDir);
    if (collision !== null) fail('path', collision);
    if (isDir) continue;

    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base.toLowerCase() === 'go.mod') {
      if (base !== name) fail('path', 'go.mod file not in module root directory');
      if (name !== 'go.mod') fail('path', 'go.mod files must have lowercase names');
    }
    total += r.size;
    if (total > limits.totalBytes) {
      fail(
        'size',
        `total uncompressed size of module contents too large (max size is ${limits.totalBytes} bytes)`,
      );
    }
    if (r.size > limits.fileBytes) fail('size', `file too large (max size is ${limits.fileBytes} bytes)`);
    if (name === 'go.mod' && r.size > limits.goModBytes) {
      fail('size', `go.mod file too large (max size is ${limits.goModBytes} bytes)`);
    }
    if (name === 'LICENSE' && r.size > limits.licenseBytes) {
      fail('size', `LICENSE file too large (max size is ${limits.licenseBytes} bytes)`);
    }
  }
}

/** path.Clean(name) == name and module.CheckFilePath(name), or why not. */
function filePathError(name: string): string | null {
  if (name.includes('\\')) return 'backslash in file path';
  if (name.startsWith('/')) return 'absolute file path';
  const elems = name.split('/');
  if (elems.some((e) => e === '' || e === '.' || e === '..')) return 'file path is not clean';
  for (const elem of elems) {
    const bad = fileElemError(elem);
    if (bad !== null) return `malformed file path ${quote(name)}: ${bad}`;
  }
  return null;
}

// x/mod's checkElem for file names. shared/go/modpath.ts has the same rules but exports them only for
// module paths and versions; versions forbid '!' and non-ASCII letters, which file names allow.
const FILE_NAME_ASCII = /^[0-9A-Za-z!#$%&()+,\-.=@[\]^_{}~ ]$/;
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;

function fileElemError(elem: string): string | null {
  if (/^\.+$/.test(elem)) return `invalid path element ${quote(elem)}`;
  if (elem.endsWith('.')) return 'trailing dot in path element';
  for (const c of elem) {
    const ok = c < '\x80' ? FILE_NAME_ASCII.test(c) : /^\p{L}$/u.test(c);
    if (!ok) return `invalid char ${quote(c)}`;
  }
  const dot = elem.indexOf('.');
  const short = dot < 0 ? elem : elem.slice(0, dot);
  if (WINDOWS_RESERVED.test(short)) return `${quote(short)} disallowed as path element component on Windows`;
  return null;
}

/**
 * x/mod/zip's collisionChecker: paths equal under Unicode case folding, a path used as both a file and
 * a directory, or a file listed twice. Parent directories are registered as directories.
 */
function checkCollision(
  seen: Map<string, { path: string; isDir: boolean }>,
  p: string,
  isDir: boolean,
): string | null {
  const fold = foldCase(p);
  const other = seen.get(fold);
  if (other !== undefined) {
    if (other.path !== p) return `case-insensitive file name collision: ${quote(other.path)} and ${quote(p)}`;
    if (other.isDir !== isDir) return `entry ${quote(p)} is both a file and a directory`;
    if (!isDir) return `multiple entries for file ${quote(p)}`;
  } else {
    seen.set(fold, { path: p, isDir });
  }
  const slash = p.lastIndexOf('/');
  return slash > 0 ? checkCollision(seen, p.slice(0, slash), true) : null;
}

/**
 * strToFold: each code point mapped to the smallest member of its simple case-folding orbit, so that
 * K, k and the Kelvin sign (U+212A) all fold alike. Upper/lower-case mappings that keep a single code
 * point stand in for Go's SimpleFold tables.
 */
function foldCase(s: string): string {
  let out = '';
  for (const c of s) {
    let min = c.codePointAt(0) ?? 0;
    for (const v of [
      c.toLowerCase(),
      c.toUpperCase(),
      c.toUpperCase().toLowerCase(),
      c.toLowerCase().toUpperCase(),
    ]) {
      const cp = v.codePointAt(0) ?? min;
      if ([...v].length === 1 && cp < min) min = cp;
    }
    out += String.fromCodePoint(min >= 0x41 && min <= 0x5a ? min + 0x20 : min);
  }
  return out;
}

function quote(s: string): string {
  return JSON.stringify(s);
}
