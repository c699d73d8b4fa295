import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goVersionCompare,
  goVersionIsValid,
  goVersionLang,
  goverCompare,
  goverFromToolchain,
  goverIsLang,
  goverIsPrerelease,
  goverIsToolchain,
  goverIsValid,
  goverLang,
  goverMax,
  goverModCompare,
  goverModIsPrefix,
  goverModIsPrerelease,
  goverModIsValid,
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
import { seededRandom } from '../fixtures/gooracle/corpus';
import { goverCorpus } from '../fixtures/gover-oracle/corpus';
import {
  goverOracleGo,
  ORACLE_MODULE_PATHS,
  startGoverOracle,
  type GoverOracle,
  type OraclePairFacts,
  type OracleVersionFacts,
} from '../fixtures/gover-oracle';
import { startSemverOracle, type SemverFacts, type SemverOracle } from '../fixtures/semver-oracle';
import { semverCorpus } from '../fixtures/semver-oracle/corpus';

/**
 * Acceptance: shared/go/semver.ts answers like golang.org/x/mod/semver (Debian's, built with the go on
 * PATH), and shared/go/gover.ts like go/version, internal/gover and cmd/go/internal/gover of the newest
 * go ≥ 1.22 under test (tests/fixtures/go-versions.ts); those three are the same in every release from
 * 1.22 to 1.27 but for what gover.ts names at its functions. Every function on every generated input,
 * and Compare on pairs.
 */

const figures: string[] = [];

afterAll(() => {
  if (figures.length > 0) console.log(['go-semver:', ...figures].join('\n  '));
});

interface Mismatch {
  fn: string;
  input: unknown;
  go: unknown;
  ours: unknown;
}

/** Compares each function's answer with Go's, counting the comparisons. */
class Differ {
  readonly mismatches: Mismatch[] = [];
  count = 0;

  check(fn: string, input: unknown, go: unknown, ours: unknown): void {
    this.count++;
    if (!isDeepStrictEqual(go, ours)) this.mismatches.push({ fn, input, go, ours });
  }

  /** The first mismatches, enough to read, and how many there were. */
  get summary() {
    return { mismatches: this.mismatches.length, first: this.mismatches.slice(0, 25) };
  }
}

/** Every pair of `anchors` (the orders within a dense set), and `extra` random pairs of `all`. */
function pairsOf(
  anchors: readonly string[],
  all: readonly string[],
  extra: number,
  seed: number,
): Array<[string, string]> {
  const random = seededRandom(seed);
  const pick = () => all[Math.floor(random() * all.length)]!;
  const pairs: Array<[string, string]> = [];
  for (const x of anchors) for (const y of anchors) pairs.push([x, y]);
  for (let i = 0; i < extra; i++) pairs.push([pick(), pick()]);
  return pairs;
}

describe('golang.org/x/mod/semver', () => {
  let oracle: SemverOracle;
  const corpus = semverCorpus();
  let facts: SemverFacts[];

  beforeAll(async () => {
    oracle = await startSemverOracle();
    facts = await oracle.versions(corpus);
  }, 120_000);

  afterAll(async () => {
    await oracle?.close();
  });

  it('agrees on IsValid, Canonical, Major, MajorMinor, Prerelease and Build of ≥2000 versions', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    const differ = new Differ();
    corpus.forEach((v, i) => {
      const go = facts[i]!;
      differ.check('IsValid', v, go.isValid, semverIsValid(v));
      differ.check('Canonical', v, go.canonical, semverCanonical(v));
      differ.check('Major', v, go.major, semverMajor(v));
      differ.check('MajorMinor', v, go.majorMinor, semverMajorMinor(v));
      differ.check('Prerelease', v, go.prerelease, semverPrerelease(v));
      differ.check('Build', v, go.build, semverBuild(v));
    });
    const valid = facts.filter((f) => f.isValid).length;
    figures.push(
      `x/mod/semver: ${corpus.length} versions (${valid} valid), ${differ.count} answers compared, ` +
        `${differ.mismatches.length} mismatches`,
    );
    expect(differ.summary).toEqual({ mismatches: 0, first: [] });
    // Both verdicts are well represented, so agreement is not an accident of the generator.
    expect(valid).toBeGreaterThan(600);
    expect(corpus.length - valid).toBeGreaterThan(600);
  });

  it('agrees on Compare of every pair of 200 valid versions and of 10000 random pairs', async () => {
    const valid = corpus.filter((_, i) => facts[i]!.isValid);
    const pairs = pairsOf(valid.slice(0, 200), corpus, 10_000, 0xc0_3a_4e);
    const go = await oracle.compare(pairs);
    const differ = new Differ();
    pairs.forEach(([x, y], i) => differ.check('Compare', [x, y], go[i], semverCompare(x, y)));
    const orders = new Set(go);
    figures.push(
      `x/mod/semver Compare: ${pairs.length} pairs, ${differ.mismatches.length} mismatches ` +
        `(${go.filter((c) => c === 0).length} equal)`,
    );
    expect(differ.summary).toEqual({ mismatches: 0, first: [] });
    expect([...orders].sort()).toEqual([-1, 0, 1]);
  });

  it('sorts like semver.Sort, equal versions and invalid strings included', async () => {
    const random = seededRandom(0x50_27);
    const lists = Array.from({ length: 200 }, () =>
      Array.from({ length: 15 }, () => corpus[Math.floor(random() * corpus.length)]!),
    );
    // Versions that compare equal but differ as strings, which only the tie-break orders.
    lists.push(['v1.2.0+b', 'v1.2', 'v1.2.0', 'v1.2.0+a', 'v1', 'v1.0', 'x', '', 'é', '😀', '\uffff']);
    const go = await oracle.sort(lists);
    const differ = new Differ();
    lists.forEach((list, i) => differ.check('Sort', list, go[i], [...list].sort(semverSortCompare)));
    figures.push(`x/mod/semver Sort: ${lists.length} lists, ${differ.mismatches.length} mismatches`);
    expect(differ.summary).toEqual({ mismatches: 0, first: [] });
  });
});

describe('go/version, internal/gover and cmd/go/internal/gover', () => {
  let oracle: GoverOracle | undefined;
  let skipReason: string | undefined;
  const corpus = goverCorpus();
  let facts: OracleVersionFacts[];

  beforeAll(async () => {
    const go = goverOracleGo();
    if (typeof go === 'string') {
      skipReason = go;
      return;
    }
    oracle = await startGoverOracle(go);
    facts = await oracle.versions(corpus);
  }, 300_000);

  it('agrees on every function of one version, for ≥2000 versions and toolchain names', (ctx) => {
    if (oracle === undefined) return ctx.skip(skipReason);
    expect(corpus.length).toBeGreaterThanOrEqual(2000);
    const differ = new Differ();
    corpus.forEach((v, i) => {
      const go = facts[i]!;
      differ.check('internal/gover.Parse', v, go.parse, goverParse(v) ?? null);
      differ.check('IsValid', v, go.isValid, goverIsValid(v));
      differ.check('IsLang', v, go.isLang, goverIsLang(v));
      differ.check('Lang', v, go.lang, goverLang(v));
      differ.check('IsPrerelease', v, go.isPrerelease, goverIsPrerelease(v));
      differ.check('Prev', v, go.prev, goverPrev(v));
      differ.check('FromToolchain', v, go.fromToolchain, goverFromToolchain(v));
      differ.check('IsToolchain', v, go.isToolchain, goverIsToolchain(v));
      differ.check('go/version.IsValid', v, go.goVersionIsValid, goVersionIsValid(v));
      differ.check('go/version.Lang', v, go.goVersionLang, goVersionLang(v));
      for (const path of ORACLE_MODULE_PATHS) {
        const input = { path, v };
        const mod = go.mod[path];
        differ.check('ModIsValid', input, mod.isValid, goverModIsValid(path, v));
        differ.check('ModIsPrefix', input, mod.isPrefix, goverModIsPrefix(path, v));
        differ.check('ModIsPrerelease', input, mod.isPrerelease, goverModIsPrerelease(path, v));
        differ.check('ModMajorMinor', input, mod.majorMinor, goverModMajorMinor(path, v));
      }
    });
    const valid = facts.filter((f) => f.isValid).length;
    const validNames = facts.filter((f) => f.goVersionIsValid).length;
    const toolchains = facts.filter((f) => f.fromToolchain !== '').length;
    figures.push(
      `gover (${oracle.goVersion}): ${corpus.length} versions (${valid} valid bare, ${validNames} valid ` +
        `for go/version, ${toolchains} toolchain names), ${differ.count} answers compared, ` +
        `${differ.mismatches.length} mismatches`,
    );
    expect(differ.summary).toEqual({ mismatches: 0, first: [] });
    for (const n of [valid, validNames, toolchains]) expect(n).toBeGreaterThan(200);
  });

  it('agrees on Compare, Max, go/version.Compare and ModCompare of pairs', async (ctx) => {
    if (oracle === undefined) return ctx.skip(skipReason);
    const meaningful = corpus.filter(
      (_, i) => facts[i]!.isValid || facts[i]!.goVersionIsValid || facts[i]!.fromToolchain !== '',
    );
    const pairs = pairsOf(meaningful.slice(0, 150), corpus, 10_000, 0x90_7e_c0);
    const go = await oracle.compare(pairs);
    const differ = new Differ();
    pairs.forEach(([x, y], i) => {
      const answer: OraclePairFacts = go[i]!;
      const input = [x, y];
      differ.check('Compare', input, answer.compare, goverCompare(x, y));
      differ.check('Max', input, answer.max, goverMax(x, y));
      differ.check('go/version.Compare', input, answer.goVersionCompare, goVersionCompare(x, y));
      for (const path of ORACLE_MODULE_PATHS) {
        differ.check('ModCompare', { path, x, y }, answer.modCompare[path], goverModCompare(path, x, y));
      }
    });
    figures.push(
      `gover Compare (${oracle.goVersion}): ${pairs.length} pairs, ${differ.count} answers compared, ` +
        `${differ.mismatches.length} mismatches`,
    );
    expect(differ.summary).toEqual({ mismatches: 0, first: [] });
    expect(new Set(go.map((a) => a.compare)).size).toBe(3);
    expect(new Set(go.map((a) => a.goVersionCompare)).size).toBe(3);
  });
});
