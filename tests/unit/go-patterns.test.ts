import { describe, expect, it } from 'vitest';
import { matchPrefixPatterns, pathMatch, patternProblems } from '../../shared/go/patterns';

describe('pathMatch (path.Match)', () => {
  // Go's own table: src/path/match_test.go (go 1.19). bad = ErrBadPattern.
  const table: Array<[pattern: string, name: string, matched: boolean, bad?: true]> = [
    ['abc', 'abc', true],
    ['*', 'abc', true],
    ['*c', 'abc', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true],
    ['a*/b', 'a/c/b', false],
    ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
    ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true],
    ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true],
    ['ab[b-d]', 'abc', true],
    ['ab[e-g]', 'abc', false],
    ['ab[^c]', 'abc', false],
    ['ab[^b-d]', 'abc', false],
    ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true],
    ['a[^a]b', 'a☺b', true],
    ['a???b', 'a☺b', false],
    ['a[^a][^a][^a]b', 'a☺b', false],
    ['[a-ζ]*', 'α', true],
    ['*[a-ζ]', 'A', false],
    ['a?b', 'a/b', false],
    ['a*b', 'a/b', false],
    ['[\\]a]', ']', true],
    ['[\\-]', '-', true],
    ['[x\\-]', 'x', true],
    ['[x\\-]', '-', true],
    ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true],
    ['[\\-x]', '-', true],
    ['[\\-x]', 'a', false],
    ['[]a]', ']', false, true],
    ['[-]', '-', false, true],
    ['[x-]', 'x', false, true],
    ['[x-]', '-', false, true],
    ['[x-]', 'z', false, true],
    ['[-x]', 'x', false, true],
    ['[-x]', '-', false, true],
    ['[-x]', 'a', false, true],
    ['\\', 'a', false, true],
    ['[a-b-c]', 'a', false, true],
    ['[', 'a', false, true],
    ['[^', 'a', false, true],
    ['[^bc', 'a', false, true],
    ['a[', 'a', false, true],
    ['a[', 'ab', false, true],
    ['a[', 'x', false, true],
    ['a/b[', 'x', false, true],
    ['*x', 'xxx', true],
  ];
  it.each(table)('Match(%j, %j) = %s', (pattern, name, matched, bad) => {
    expect(pathMatch(pattern, name)).toEqual({ matched, bad: bad === true });
  });
});

describe('matchPrefixPatterns (module.MatchPrefixPatterns)', () => {
  // x/mod's own table: module/module_test.go TestMatchPrefixPatterns.
  const table: Array<[globs: string, target: string, want: boolean]> = [
    ['', 'rsc.io/quote', false],
    ['/', 'rsc.io/quote', false],
    ['*/quote', 'rsc.io/quote', true],
    ['*/quo', 'rsc.io/quote', false],
    ['*/quo??', 'rsc.io/quote', true],
    ['*/quo*', 'rsc.io/quote', true],
    ['*quo*', 'rsc.io/quote', false],
    ['rsc.io', 'rsc.io/quote', true],
    ['*.io', 'rsc.io/quote', true],
    ['rsc.io/', 'rsc.io/quote', true],
    ['rsc', 'rsc.io/quote', false],
    ['rsc*', 'rsc.io/quote', true],
    ['rsc.io', 'rsc.io/quote/v3', true],
    ['*/quote', 'rsc.io/quote/v3', true],
    ['*/quote/', 'rsc.io/quote/v3', true],
    ['*/quote/*', 'rsc.io/quote/v3', true],
    ['*/quote/*/', 'rsc.io/quote/v3', true],
    ['*/v3', 'rsc.io/quote/v3', false],
    ['*/*/v3', 'rsc.io/quote/v3', true],
    ['*/*/*', 'rsc.io/quote/v3', true],
    ['*/*/*/', 'rsc.io/quote/v3', true],
    ['*/*/*', 'rsc.io/quote', false],
    ['*/*/*/', 'rsc.io/quote', false],
    ['*/*/*,,', 'rsc.io/quote', false],
    ['*/*/*,,*/quote', 'rsc.io/quote', true],
    [',,*/quote', 'rsc.io/quote', true],
  ];
  it.each(table)('MatchPrefixPatterns(%j, %j) = %s', (globs, target, want) => {
    expect(matchPrefixPatterns(globs, target)).toBe(want);
  });

  it('does not trim: a space after the comma makes the pattern match nothing', () => {
    expect(matchPrefixPatterns('github.com/a,git.corp.example', 'git.corp.example/x')).toBe(true);
    expect(matchPrefixPatterns('github.com/a, git.corp.example', 'git.corp.example/x')).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(matchPrefixPatterns('github.com/Corp', 'github.com/corp/repo')).toBe(false);
  });

  it('drops only one trailing slash', () => {
    expect(matchPrefixPatterns('corp.example/', 'corp.example/x')).toBe(true);
    expect(matchPrefixPatterns('corp.example//', 'corp.example/x')).toBe(false);
  });

  it('never matches with a malformed glob, even where a prefix would', () => {
    expect(matchPrefixPatterns('corp.example/[', 'corp.example/[')).toBe(false);
    expect(matchPrefixPatterns('corp.example/[,corp.example', 'corp.example/x')).toBe(true);
  });
});

describe('patternProblems', () => {
  it('reports spaces, URL schemes, malformed globs and empty entries, each with its pattern', () => {
    expect(
      patternProblems('git.corp.example, github.com/corp,https://gitlab.corp,corp.example/[,,/'),
    ).toEqual([
      { pattern: ' github.com/corp', problem: 'space' },
      { pattern: 'https://gitlab.corp', problem: 'scheme' },
      { pattern: 'corp.example/[', problem: 'malformed' },
      { pattern: '', problem: 'empty' },
      { pattern: '/', problem: 'empty' },
    ]);
  });

  it('finds nothing wrong in an unset variable or well-formed globs', () => {
    expect(patternProblems('')).toEqual([]);
    expect(patternProblems('*.corp.example,github.com/corp/*,golang.org/x/[a-m]*')).toEqual([]);
  });
});
