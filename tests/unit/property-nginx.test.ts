import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherNginx } from '../../electron/services/doctor/nginx';
import {
  parseNginxConfig,
  parseNginxTime,
  type NginxDirective,
} from '../../electron/services/doctor/nginx-config';
import { createNodeHost } from '../../electron/services/host';
import { withinBounds as within } from '../fixtures/bounds';

/** The parser keeps a node per directive and word: up to 200 bytes per input character may stay. */
const withinBounds = (inputSize: number, deadlineMs: number, work: () => unknown): void =>
  within(inputSize, deadlineMs, work, { retainedPerChar: 200 });

/**
 * The nginx configuration parser: any text in, a directive tree or its own error out (never an
 * exception), blocks nested boundedly deep, linear time on 1 MB files (the doctor's per-file limit).
 */

const TOKENS = [
  '{',
  '}',
  ';',
  '"',
  "'",
  '\\',
  '#',
  '$',
  '${',
  '(',
  ')',
  ' ',
  '\t',
  '\r',
  '\n',
  'include',
  'server',
  'location',
  'proxy_pass',
  'http://h:1/',
  'if',
  '=',
  'a',
  '\\"',
  "\\'",
  '\\n',
  '\\\\',
  'é',
  '\u{1f600}',
  '\0',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  soup,
  soup,
);
const noThrow = { numRuns: 300 } as const;

/** Every directive, parents before children, without recursion. */
function preorder(directives: NginxDirective[]): NginxDirective[] {
  const out: NginxDirective[] = [];
  const todo = [...directives].reverse();
  while (todo.length > 0) {
    const d = todo.pop()!;
    out.push(d);
    if (d.block) for (let i = d.block.length - 1; i >= 0; i--) todo.push(d.block[i]!);
  }
  return out;
}

type Shape = { name: string; args: string[]; block: Shape[] | null };
const shape = (ds: NginxDirective[]): Shape[] =>
  ds.map((d) => ({ name: d.name, args: d.args, block: d.block && shape(d.block) }));

/** Prints every word double-quoted, escaping only `\` and `"`: the parser's unescape reads it back. */
function print(ds: Shape[]): string {
  const q = (w: string) => `"${w.replace(/[\\"]/g, '\\$&')}"`;
  return ds
    .map((d) => {
      const head = [d.name, ...d.args].map(q).join(' ');
      return d.block === null ? `${head};\n` : `${head} {\n${print(d.block)}}\n`;
    })
    .join('');
}

describe('parseNginxConfig', () => {
  it('never throws; errors point at a real line, directives at non-decreasing real lines', () => {
    fc.assert(
      fc.property(text, (conf) => {
        const result = parseNginxConfig(conf, 'f.conf');
        const lines = conf.split('\n').length;
        if (!result.ok) {
          expect(result.message).toMatch(/^unexpected |^blocks nested more than/);
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.line).toBeLessThanOrEqual(lines);
          return;
        }
        let last = 1;
        for (const d of preorder(result.directives)) {
          expect(d.file).toBe('f.conf');
          expect(d.line).toBeGreaterThanOrEqual(last);
          expect(d.line).toBeLessThanOrEqual(lines);
          last = d.line;
        }
      }),
      noThrow,
    );
  });

  it('reads back what it parsed, printed with every word quoted', () => {
    fc.assert(
      fc.property(text, (conf) => {
        const result = parseNginxConfig(conf, 'f.conf');
        fc.pre(result.ok);
        if (!result.ok) return;
        const again = parseNginxConfig(print(shape(result.directives)), 'f.conf');
        expect(again.ok && shape(again.directives)).toEqual(shape(result.directives));
      }),
      noThrow,
    );
  });

  it('parses a generated tree, one directive per line, to that tree and those lines', () => {
    const word = fc.stringMatching(/^[a-z_][a-z0-9_./:-]{0,8}$/);
    const arg = fc.oneof(
      word,
      fc.string({ unit: fc.constantFrom('a', ' ', ';', '{', '}', '#', '$', "'", '"', '\\', 't', '\t') }),
    );
    const { tree } = fc.letrec<{ tree: Shape[]; directive: Shape }>((tie) => ({
      tree: fc.array(tie('directive'), { maxLength: 4 }),
      directive: fc.record({
        name: word,
        args: fc.array(arg, { maxLength: 3 }),
        block: fc.option(tie('tree'), { depthSize: 'small' }),
      }),
    }));
    fc.assert(
      fc.property(tree, (ds) => {
        const printed = print(ds);
        const result = parseNginxConfig(printed, 'g.conf');
        expect(result.ok && shape(result.directives)).toEqual(ds);
        if (!result.ok) return;
        // print() puts each directive on a line of its own, in order; `}` lines sit in between.
        const starts = printed
          .split('\n')
          .map((l, i) => [l, i + 1] as const)
          .filter(([l]) => l.startsWith('"'))
          .map(([, n]) => n);
        expect(preorder(result.directives).map((d) => d.line)).toEqual(starts);
      }),
      { numRuns: 200 },
    );
  });

  it('bounds nesting: 1000 blocks deep parse, 1001 is an error, not a deeper tree', () => {
    const nested = (n: number) => 'a {\n'.repeat(n) + '}\n'.repeat(n);
    expect(parseNginxConfig(nested(1000), 'f').ok).toBe(true);
    expect(parseNginxConfig(nested(1001), 'f')).toEqual({
      ok: false,
      line: 1001,
      message: 'blocks nested more than 1000 deep',
    });
  });

  it('reads 1 MB of nesting, words, comments, quotes, escapes and directives in linear time', () => {
    withinBounds(1e5, 8000, () => parseNginxConfig('{'.repeat(1e5), 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig('a{'.repeat(5e5), 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig('a {'.repeat(1e5) + '}'.repeat(1e5), 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig('a'.repeat(1e6), 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig(`a ${'b '.repeat(5e5)};`, 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig('#'.repeat(1e6), 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig(`a "${'\\"'.repeat(5e5)}";`, 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig(`a ${'${'.repeat(5e5)};`, 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig('a;\n'.repeat(333_000), 'f'));
    withinBounds(1e6, 8000, () => parseNginxConfig('\n'.repeat(1e6), 'f'));
    withinBounds(1e6, 8000, () => parseNginxTime('1'.repeat(1e6)));
    withinBounds(1e6, 8000, () => parseNginxTime(`1h${' '.repeat(1e6)}1s`));
  });
});

describe('gatherNginx on deep nesting (it walks the tree recursively)', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const gather = async (conf: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'goproxy-desk-nginx-property-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'nginx.conf'), conf);
    return gatherNginx(createNodeHost(), [path.join(dir, 'nginx.conf')], { live: false });
  };
  const locations = (n: number) =>
    `http { server { ${'location / { proxy_pass http://127.0.0.1:1; '.repeat(n)}${'}'.repeat(n)} } }\n`;

  it('analyses locations nested as deep as the parser allows', async () => {
    const facts = await gather(locations(998));
    expect(facts.problems).toEqual([]);
    expect(facts.locations).toHaveLength(998);
  });

  it('reports a 1 MB file of nested blocks as a syntax problem instead of overflowing the stack', async () => {
    const facts = await gather(locations(20_000));
    expect(facts.problems).toMatchObject([{ kind: 'syntax', message: 'blocks nested more than 1000 deep' }]);
    const plain = await gather('a{'.repeat(5e5));
    expect(plain.problems).toMatchObject([{ kind: 'syntax' }]);
  });
});
