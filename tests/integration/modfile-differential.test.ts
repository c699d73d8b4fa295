import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls, readModfile } from '../../electron/services/doctor/modfile';
import { startModfileOracle, type ModfileAnswer, type ModfileOracle } from '../fixtures/modfile-oracle';
import { HAZARDS, modfileCorpus } from '../fixtures/modfile-oracle/corpus';

/**
 * Acceptance: the doctor's go.mod/go.work reader (modfile.ts) reads what golang.org/x/mod/modfile
 * reads, and fails where it fails with its messages, on generated files full of lexer traps (issue
 * 15: one Unicode space made the old lexer loop forever) and of the statements go 1.21+ writes. The
 * x/mod is the newest go's vendored copy; without such a go the comparison reports itself skipped.
 * Each file is parsed here under a time bound.
 */

const CORPUS_SIZE = 3600;
const PER_FILE_MS = 1000;

/** go prints control characters from the file raw; the doctor escapes them. Go's own "\n\t or" stays. */
/** The statements go 1.21+ writes, each of which x/mod must both accept and reject in the corpus. */
const MODERN: Array<{ accepted: RegExp; rejected: string }> = [
  { accepted: /^go[ \t]+1\.\d+\.\d+/m, rejected: 'must match format 1.23.0' },
  { accepted: /^go[ \t]+1\.\d+rc\d/m, rejected: 'go directive expects exactly one argument' },
  { accepted: /^toolchain[ \t]+go1/m, rejected: 'invalid toolchain version' },
  { accepted: /^toolchain[ \t]+default/m, rejected: 'repeated toolchain statement' },
  { accepted: /^godebug[ \t]+\(/m, rejected: 'usage: godebug key=value' },
  { accepted: /^tool[ \t]+\S/m, rejected: 'tool directive expects exactly one argument' },
  { accepted: /^ignore[ \t]+\S/m, rejected: 'ignore directive expects exactly one argument' },
];

const normalise = (goError: string) => escapeControls(goError).replaceAll('\\n\t or ', '\n\t or ');

const NO_GO = 'needs a go >= 1.21 with its sources (its vendored x/mod): run scripts/fetch-go.sh';

let oracle: ModfileOracle | null;
beforeAll(async () => {
  oracle = await startModfileOracle();
}, 180_000);
afterAll(() => oracle?.close());

describe('modfile differential', () => {
  it('the corpus has every hazard, in go.mod and go.work files', () => {
    const corpus = modfileCorpus(CORPUS_SIZE);
    for (const hazard of HAZARDS) expect(corpus.some((c) => c.text.includes(hazard))).toBe(true);
    expect(corpus.filter((c) => c.kind === 'work').length).toBeGreaterThan(CORPUS_SIZE / 10);
  });

  it(`agrees with x/mod on ${CORPUS_SIZE} generated files, each read within ${PER_FILE_MS} ms`, async (ctx) => {
    const xmod = oracle;
    if (xmod === null) return ctx.skip(NO_GO);
    const corpus = modfileCorpus(CORPUS_SIZE);
    const answers: ModfileAnswer[] = await Promise.all(
      corpus.map((c) => xmod.parse(c.kind, c.kind === 'mod' ? 'go.mod' : '/w/go.work', c.text)),
    );
    let failed = 0;
    let valid = 0;
    for (const [i, c] of corpus.entries()) {
      const file = c.kind === 'mod' ? 'go.mod' : '/w/go.work';
      const started = performance.now();
      const ours = readModfile(file, c.text, c.kind);
      const took = performance.now() - started;
      const go = answers[i]!;
      const expected = {
        problems: go.errors.map(normalise),
        ...(go.errors.length === 0
          ? {
              module: go.module,
              requires: go.requires,
              replaces: go.replaces,
              uses: go.uses,
            }
          : {}),
      };
      const actual = {
        problems: ours.problems,
        ...(go.errors.length === 0
          ? {
              module: ours.module?.value ?? null,
              requires: ours.requires.map((r) => ({ ...r.value, line: r.line })),
              replaces: ours.replaces.map((r) => ({ ...r.value, line: r.line })),
              uses: ours.uses.map((u) => ({ dir: u.value, line: u.line })),
            }
          : {}),
      };
      if (go.errors.length === 0) valid++;
      try {
        expect(actual, `case ${i} (${c.kind}): ${JSON.stringify(c.text)}`).toEqual(expected);
        expect(took, `case ${i} took ${took.toFixed(0)} ms`).toBeLessThan(PER_FILE_MS);
      } catch (error) {
        if (++failed > 5) throw error;
        console.error((error as Error).message);
      }
    }
    expect(failed).toBe(0);
    for (const { accepted, rejected } of MODERN) {
      expect(
        corpus.some((c, i) => answers[i]!.errors.length === 0 && accepted.test(c.text)),
        `a file x/mod accepts matches ${accepted}`,
      ).toBe(true);
      expect(
        answers.some((a) => a.errors.some((e) => e.includes(rejected))),
        `x/mod rejects a file with "${rejected}"`,
      ).toBe(true);
    }
    // Enough of the corpus parses that the facts (not only the errors) are compared.
    expect(valid).toBeGreaterThan(CORPUS_SIZE / 10);
  }, 180_000);
});
