import { decodeRune, RUNE_ERROR, toBytes } from './gostrings';

/**
 * GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE matching: Go's path.Match and x/mod's
 * module.MatchPrefixPatterns, ported byte for byte (go 1.19, x/mod as shipped by Debian).
 */

class BadPattern extends Error {}

/** getEsc: a possibly escaped character of a character class, and the rest of the chunk. */
function getEsc(chunk: string): [rune: number, rest: string] {
  if (chunk === '' || chunk[0] === '-' || chunk[0] === ']') throw new BadPattern();
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk === '') throw new BadPattern();
  }
  const [r, n] = decodeRune(chunk, 0);
  const rest = chunk.slice(n);
  if ((r === RUNE_ERROR && n === 1) || rest === '') throw new BadPattern();
  return [r, rest];
}

/**
 * matchChunk: whether chunk (no '*') matches the start of s, and the rest of s. Once the match has
 * failed it keeps reading the chunk, so that a malformed pattern is always reported.
 */
function matchChunk(chunk: string, s: string): string | null {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    switch (chunk[0]) {
      case '[': {
        let r = 0;
        if (!failed) {
          const [rune, n] = decodeRune(s, 0);
          r = rune;
          s = s.slice(n);
        }
        chunk = chunk.slice(1);
        let negated = false;
        if (chunk[0] === '^') {
          negated = true;
          chunk = chunk.slice(1);
        }
        let match = false;
        for (let nrange = 0; ; nrange++) {
          if (chunk[0] === ']' && nrange > 0) {
            chunk = chunk.slice(1);
            break;
          }
          let lo: number, hi: number;
          [lo, chunk] = getEsc(chunk);
          hi = lo;
          if (chunk[0] === '-') [hi, chunk] = getEsc(chunk.slice(1));
          if (lo <= r && r <= hi) match = true;
        }
        if (match === negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] === '/') failed = true;
          s = s.slice(decodeRune(s, 0)[1]);
        }
        chunk = chunk.slice(1);
        break;
      case '\\':
        chunk = chunk.slice(1);
        if (chunk === '') throw new BadPattern();
        matchLiteral();
        break;
      default:
        matchLiteral();
    }
  }
  return failed ? null : s;

  function matchLiteral() {
    if (!failed) {
      if (chunk[0] !== s[0]) failed = true;
      s = s.slice(1);
    }
    chunk = chunk.slice(1);
  }
}

/** scanChunk: leading stars, then the pattern up to the next star outside a character class. */
function scanChunk(pattern: string): [star: boolean, chunk: string, rest: string] {
  let star = false;
  while (pattern[0] === '*') {
    pattern = pattern.slice(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case '\\':
        if (i + 1 < pattern.length) i++;
        break;
      case '[':
        inrange = true;
        break;
      case ']':
        inrange = false;
        break;
      case '*':
        if (!inrange) break scan;
    }
  }
  return [star, pattern.slice(0, i), pattern.slice(i)];
}

function matchBytes(pattern: string, name: string): boolean {
  nextChunk: while (pattern.length > 0) {
    let star: boolean, chunk: string;
    [star, chunk, pattern] = scanChunk(pattern);
    if (star && chunk === '') return !name.includes('/');
    const t = matchChunk(chunk, name);
    // The last chunk must use up the name; otherwise a star may still find a later match.
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const t = matchChunk(chunk, name.slice(i + 1));
        if (t !== null) {
          if (pattern.length === 0 && t.length > 0) continue;
          name = t;
          continue nextChunk;
        }
      }
    }
    // Before reporting no match, make sure the rest of the pattern is well formed.
    while (pattern.length > 0) {
      [, chunk, pattern] = scanChunk(pattern);
      matchChunk(chunk, '');
    }
    return false;
  }
  return name.length === 0;
}

/** Go's path.Match: `bad` is true where Go returns ErrBadPattern (and then `matched` is false). */
export function pathMatch(pattern: string, name: string): { matched: boolean; bad: boolean } {
  return pathMatchBytes(toBytes(pattern), toBytes(name));
}

function pathMatchBytes(pattern: string, name: string): { matched: boolean; bad: boolean } {
  try {
    return { matched: matchBytes(pattern, name), bad: false };
  } catch (err) {
    if (err instanceof BadPattern) return { matched: false, bad: true };
    throw err;
  }
}

/**
 * module.MatchPrefixPatterns: whether a prefix of target (whole path elements) matches one of the
 * comma-separated globs. No trimming: " corp.example" never matches. One trailing slash is dropped,
 * empty globs are skipped, a glob with n slashes is matched against target's first n+1 elements,
 * and a malformed glob never matches.
 */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  const t = toBytes(target);
  return toBytes(globs)
    .split(',')
    .some((raw) => {
      const glob = raw.endsWith('/') ? raw.slice(0, -1) : raw;
      if (glob === '') return false;
      const prefix = targetPrefix(t, glob.split('/').length - 1);
      return prefix !== null && pathMatchBytes(glob, prefix).matched;
    });
}

/** The first n+1 path elements of target, or null when it has fewer. */
function targetPrefix(target: string, slashes: number): string | null {
  let n = slashes;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === '/') {
      if (n === 0) return target.slice(0, i);
      n--;
    }
  }
  return n > 0 ? null : target;
}

export type PatternProblem = 'space' | 'malformed' | 'empty' | 'scheme';

/**
 * What in a GOPRIVATE-style list does not do what its author likely meant. go accepts all of it
 * silently: an empty entry is skipped, and an entry with white space, a URL scheme or a malformed
 * glob never matches any module path.
 */
export function patternProblems(globs: string): Array<{ pattern: string; problem: PatternProblem }> {
  if (globs === '') return [];
  const problems: Array<{ pattern: string; problem: PatternProblem }> = [];
  for (const pattern of globs.split(',')) {
    const glob = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
    if (glob === '') problems.push({ pattern, problem: 'empty' });
    else if (/\s/.test(glob)) problems.push({ pattern, problem: 'space' });
    else if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(glob)) problems.push({ pattern, problem: 'scheme' });
    // path.Match reads the whole of a pattern before it says "no match", so any target will do.
    else if (pathMatch(glob, '').bad) problems.push({ pattern, problem: 'malformed' });
  }
  return problems;
}
