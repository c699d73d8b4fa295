import { createHash } from 'node:crypto';
import { readModuleZip, ZipError, type ZipLimits } from './zip';

/**
 * go.sum's "h1:" hashes (golang.org/x/mod/sumdb/dirhash Hash1): SHA-256 over the summary lines
 * `sha256hex(content) + "  " + name + "\n"`, one per file, sorted by name as Go sorts strings (by
 * UTF-8 bytes), then base64.
 */

export interface HashedFile {
  name: string;
  data: Uint8Array;
}

export function hash1(files: readonly HashedFile[]): string {
  const named = files.map((f) => ({ name: Buffer.from(f.name, 'utf8'), data: f.data }));
  // JS compares UTF-16 code units, which orders some non-ASCII names differently from Go's byte order.
  named.sort((a, b) => Buffer.compare(a.name, b.name));
  const summary = createHash('sha256');
  for (const f of named) {
    if (f.name.includes(0x0a)) {
      throw new ZipError(
        'path',
        `dirhash: file name ${JSON.stringify(f.name.toString())} contains a newline`,
      );
    }
    summary.update(createHash('sha256').update(f.data).digest('hex'));
    summary.update('  ');
    summary.update(f.name);
    summary.update('\n');
  }
  return `h1:${summary.digest('base64')}`;
}

/** The hash of a `.mod` file, recorded as `path version/go.mod h1:...`: one file named `go.mod`. */
export function hashGoMod(bytes: Uint8Array): string {
  return hash1([{ name: 'go.mod', data: bytes }]);
}

/**
 * The hash of a module zip, recorded as `path version h1:...`, over every entry named as stored
 * (`path@version/...`, directories included with empty content, like dirhash.HashZip), after the
 * checks `go` makes before it accepts a zip. Throws a ZipError for a zip `go` would refuse.
 */
export function hashZip(bytes: Uint8Array, modulePath: string, version: string, limits?: ZipLimits): string {
  return hash1(readModuleZip(bytes, modulePath, version, limits));
}
