import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/dispatch';
import { unifiedDiff } from '../../electron/services/netproxy/diff';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  findConflicts,
  parseShBlock,
  withBlock,
} from '../../electron/services/netproxy/env-unix';
import { fileDriver } from '../../electron/services/netproxy/file-driver';
import { stateDigest } from '../../electron/services/netproxy/journal';
import { parseProxyUrl, parseSettings, redactor } from '../../electron/services/netproxy/settings';

describe('parseProxyUrl', () => {
  it.each([
    ['http://proxy.example:3128', 'http://proxy.example:3128', 'http://proxy.example:3128'],
    ['proxy.example:3128', 'http://proxy.example:3128', 'http://proxy.example:3128'],
    ['https://Proxy.Example', 'https://proxy.example:443', 'https://proxy.example:443'],
    ['http://proxy.example:8080/', 'http://proxy.example:8080', 'http://proxy.example:8080'],
    ['http://[::1]:3128', 'http://[::1]:3128', 'http://[::1]:3128'],
    ['http://u:p%40ss@p.example:1', 'http://u:p%40ss@p.example:1', 'http://u:xxxxx@p.example:1'],
    [
      "http://o'brien:it's@p.example:1",
      'http://o%27brien:it%27s@p.example:1',
      'http://o%27brien:xxxxx@p.example:1',
    ],
  ])('%s', (raw, href, display) => {
    const url = parseProxyUrl(raw);
    expect(url.href).toBe(href);
    expect(url.display).toBe(display);
  });

  it('keeps the decoded credentials', () => {
    expect(parseProxyUrl('http://u:p%40ss@p.example:1')).toMatchObject({ username: 'u', password: 'p@ss' });
  });

  it.each([
    ['http://a b:3128', 'spaces'],
    ['http://proxy.example:99999', 'port "99999"'],
    ['http://proxy.example:0', 'port "0"'],
    ['ftp://proxy.example', 'unsupported scheme "ftp"'],
    ['socks5://proxy.example:1080', 'unsupported scheme "socks5"'],
    ['http://proxy.example:3128\nexport X=1', 'control characters'],
    ['http://proxy.example/path', 'no path'],
    ['http://', 'no host'],
    ['http://pro"xy:1', 'not allowed in a URL'],
    ['http://-bad.example:1', 'is not a host name'],
    ['http://:secret@p.example:1', 'empty user name'],
  ])('refuses %j', (raw, why) => {
    let error: unknown;
    try {
      parseProxyUrl(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid-input');
    expect((error as AppError).message).toContain(why);
    // Never echoes a password back.
    expect((error as AppError).message).not.toContain('secret');
  });

  it('uses one proxy for both schemes when only one is given', () => {
    const s = parseSettings({ http: 'http://p.example:1' });
    expect(s.https?.href).toBe('http://p.example:1');
    expect(() => parseSettings({ noProxy: 'a.example' })).toThrow('needs a proxy');
  });

  it('redacts the settings passwords and any URL password in a text', () => {
    const redact = redactor(parseSettings({ http: 'http://u:hunter2@p.example:1' }));
    expect(redact("export http_proxy='http://u:hunter2@p.example:1'")).toBe(
      "export http_proxy='http://u:xxxxx@p.example:1'",
    );
    expect(redact('HTTPS_PROXY=https://bob:pw@old.example:8080 x')).toBe(
      'HTTPS_PROXY=https://bob:xxxxx@old.example:8080 x',
    );
  });
});

describe('managed blocks', () => {
  const block = `${BLOCK_BEGIN}\nexport http_proxy='http://p:1'\n${BLOCK_END}\n`;

  it('adds the block after a blank line, and removing it gives back the exact text', () => {
    for (const original of ['a\nb\n', 'a\nb', '', 'x\n\n']) {
      const added = withBlock(original, block)!;
      expect(added.endsWith(block)).toBe(true);
      const removed = withBlock(added, null);
      expect(removed).toBe(original === '' ? null : original.endsWith('\n') ? original : `${original}\n`);
    }
    expect(withBlock(null, block)).toBe(block);
    expect(withBlock(block, null)).toBeNull();
  });

  it('replaces a block in place and never touches the lines around it', () => {
    const text = `top\n${block}bottom\n`;
    const next = `${BLOCK_BEGIN}\nexport http_proxy='http://q:2'\n${BLOCK_END}\n`;
    expect(withBlock(text, next)).toBe(`top\n${next}bottom\n`);
  });

  it('finds conflicting assignments outside the block only, with passwords hidden', () => {
    const text = [
      '# export http_proxy=commented',
      'export HTTPS_PROXY=http://u:pw@a.example:1',
      'no_proxy=localhost',
      'set -gx http_proxy http://fish.example:1',
      'export PATH=$PATH:/x',
      block.trimEnd(),
      '  http_proxy_extra=1',
    ].join('\n');
    expect(findConflicts('/h/.bashrc', text, '~/.bashrc')).toEqual([
      { file: '~/.bashrc', line: 2, text: 'export HTTPS_PROXY=http://u:xxxxx@a.example:1' },
      { file: '~/.bashrc', line: 3, text: 'no_proxy=localhost' },
      { file: '~/.bashrc', line: 4, text: 'set -gx http_proxy http://fish.example:1' },
    ]);
  });

  it('reads the values back from a block', () => {
    expect(parseShBlock(`${BLOCK_BEGIN}\nexport a='x'\\''y'\nexport B='z'\n${BLOCK_END}`)).toEqual(
      new Map([
        ['a', "x'y"],
        ['B', 'z'],
      ]),
    );
  });
});

describe('unifiedDiff', () => {
  it('matches diff -u hunk for hunk', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gpd-diff-'));
    try {
      const a = Array.from({ length: 30 }, (_, i) => `line ${i}`);
      const b = [...a];
      b.splice(3, 1, 'changed 3');
      b.splice(20, 0, 'inserted');
      b.push('tail');
      const before = `${a.join('\n')}\n`;
      const after = `${b.join('\n')}\n`;
      await writeFile(path.join(dir, 'a'), before);
      await writeFile(path.join(dir, 'b'), after);
      const result = await promisify(execFile)('diff', ['-u', 'a', 'b'], { cwd: dir }).catch(
        (e: { stdout: string }) => e,
      );
      const expected = result.stdout.split('\n').slice(2).join('\n');
      expect(unifiedDiff('f', before, after).split('\n').slice(2).join('\n')).toBe(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows a new file as /dev/null to the text', () => {
    expect(unifiedDiff('x', null, 'a\n')).toBe('--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+a\n');
  });
});

describe('journal digests', () => {
  it('hash equal states alike whatever their key order; files by bytes only', () => {
    expect(stateDigest(fileDriver, { bytes: 'YQ==', mode: 0o644 })).toBe(
      stateDigest(fileDriver, { mode: 0o600, bytes: 'YQ==' }),
    );
    expect(stateDigest(fileDriver, { bytes: 'YQ==' })).not.toBe(stateDigest(fileDriver, { bytes: 'Yg==' }));
  });
});
