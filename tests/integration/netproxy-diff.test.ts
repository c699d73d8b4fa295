import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../electron/services/netproxy/diff';
import { seededRandom } from '../fixtures/gooracle/corpus';

/**
 * The previews' diff against GNU diffutils (real peers): GNU `patch` applies every one of ours and gets
 * the new text (two valid diffs may pair lines differently, so the bytes are compared with `diff -u`
 * only where the change is one edit), on generated texts and a 20,000-line file.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-diff-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `diff -u` of two texts (null: the file does not exist, /dev/null), headers as ours. */
async function gnuDiff(name: string, before: string | null, after: string | null): Promise<string> {
  const a = path.join(dir, 'a');
  const b = path.join(dir, 'b');
  if (before !== null) await writeFile(a, before);
  if (after !== null) await writeFile(b, after);
  const args = [
    '-u',
    '--label',
    before === null ? '/dev/null' : `a/${name}`,
    '--label',
    after === null ? '/dev/null' : `b/${name}`,
    before === null ? '/dev/null' : a,
    after === null ? '/dev/null' : b,
  ];
  return new Promise((resolve) =>
    execFile('diff', args, { encoding: 'utf8' }, (_e, stdout) => resolve(stdout)),
  );
}

/** GNU patch applied to `before` (an empty file for none); the text it leaves. */
async function applyWithPatch(before: string | null, diff: string): Promise<string> {
  const file = path.join(dir, 'target');
  await writeFile(file, before ?? '');
  if (diff === '') return before ?? '';
  await writeFile(path.join(dir, 'p.diff'), diff);
  await new Promise<void>((resolve, reject) =>
    execFile(
      'patch',
      ['--quiet', '--force', '-o', `${file}.out`, file, path.join(dir, 'p.diff')],
      (e, _o, stderr) => (e ? reject(new Error(`patch failed: ${stderr}\n${diff}`)) : resolve()),
    ),
  );
  return readFile(`${file}.out`, 'utf8');
}

const LINES = [
  'export HTTP_PROXY=x',
  '# >>> goproxy-desk proxy >>>',
  '',
  'alias ll="ls -l"',
  'fi',
  'PATH=$PATH:~/go/bin',
];

interface Gen {
  next: () => number;
  int: (n: number) => number;
  pick: <T>(items: readonly T[]) => T;
}

function gen(seed: number): Gen {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

function text(r: Gen): string | null {
  if (r.next() < 0.08) return null;
  const n = r.int(25);
  const lines = Array.from({ length: n }, () => r.pick(LINES) + (r.next() < 0.2 ? String(r.int(3)) : ''));
  const joined = lines.join('\n');
  return n === 0 ? '' : r.next() < 0.7 ? `${joined}\n` : joined;
}

describe('unifiedDiff agrees with GNU diff -u', () => {
  it('on 400 generated pairs (final newlines or not, created and removed files), patch applies ours', async () => {
    const r = gen(20261207);
    const mismatches: string[] = [];
    for (let i = 0; i < 400; i++) {
      const before = text(r);
      let after = text(r);
      // Mostly small edits of the same file, as previews are.
      if (before !== null && after !== null && r.next() < 0.6) {
        const lines = before.split('\n');
        lines.splice(r.int(lines.length + 1), r.int(3), ...(r.next() < 0.7 ? [r.pick(LINES)] : []));
        after = lines.join('\n');
      }
      if (before === null && after === null) continue;
      const ours = unifiedDiff('.bashrc', before, after);
      const applied = await applyWithPatch(before, ours);
      if (applied !== (after ?? ''))
        mismatches.push(
          `${JSON.stringify(before)} → ${JSON.stringify(after)}: patch gave ${JSON.stringify(applied)}`,
        );
    }
    expect(mismatches).toEqual([]);
  });

  it('on a 20,000-line ~/.bashrc with our block added at the end and no final newline', async () => {
    const user = Array.from({ length: 20_000 }, (_, i) => `export VAR_${i}=${i}`).join('\n');
    const withBlock = `${user}\n\n# >>> goproxy-desk proxy >>>\nexport HTTPS_PROXY=http://127.0.0.1:3128\n# <<< goproxy-desk proxy <<<\n`;
    expect(unifiedDiff('.bashrc', user, withBlock)).toBe(await gnuDiff('.bashrc', user, withBlock));
  });

  it('past 2,000 edits (a 20,000-line file rewritten throughout): one hunk patch applies, in bounded time', async () => {
    const mismatches: string[] = [];
    const many = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => `${tag}${i % 7 === 0 ? 'same' : i}`);
    for (const [before, after] of [
      [many(20_000, 'a').join('\n'), many(20_000, 'b').join('\n') + '\n'],
      [`keep\n${many(3000, 'a').join('\n')}\nend`, `keep\n${many(2500, 'b').join('\n')}\nend`],
      [`${many(3000, 'a').join('\n')}\n`, null],
      [null, many(3000, 'b').join('\n')],
      [
        `1\n2\n3\n4\n${many(2100, 'a').join('\n')}\n5\n6\n7\n8`,
        `1\n2\n3\n4\n${many(2100, 'b').join('\n')}\n5\n6\n7\n8\n`,
      ],
    ] as const) {
      const started = Date.now();
      const ours = unifiedDiff('.bashrc', before, after);
      // Linear work is milliseconds; Myers without the cap took 17 s for the first pair.
      expect(Date.now() - started).toBeLessThan(5_000);
      const applied = await applyWithPatch(before, ours);
      if (applied !== (after ?? '')) mismatches.push(ours.slice(0, 300));
    }
    expect(mismatches).toEqual([]);
  });

  it('byte for byte on one-edit changes: a block added, replaced, removed; a file created and removed', async () => {
    const base = 'export PATH=$PATH:~/go/bin\nalias ll="ls -l"\n';
    const block = (port: number) =>
      `\n# >>> goproxy-desk proxy >>>\nexport HTTPS_PROXY=http://127.0.0.1:${port}\n# <<< goproxy-desk proxy <<<\n`;
    for (const [before, after] of [
      [base, base + block(3128)],
      [base + block(3128), base + block(3129)],
      [base + block(3128), base],
      [null, block(3128).slice(1)],
      [block(3128).slice(1), null],
      ['no newline', `no newline\n${block(1)}`],
    ] as const) {
      expect(unifiedDiff('.bashrc', before, after)).toBe(await gnuDiff('.bashrc', before, after));
    }
  });
});
