/**
 * Past this many steps (|str| × |pattern|) the match is refused: it runs on the host, between two
 * checks of the deadline. Real calls compare a hostname with a short pattern, a few thousand steps.
 */
export const MAX_GLOB_STEPS = 1_000_000;

/**
 * shExpMatch's shell pattern (`*` any run, `?` one character, everything else literal), matched with
 * one backtrack point, so at worst |str| × |pattern| steps: the pattern comes from an untrusted PAC
 * script and this runs on the host, so it must not become a RegExp ("(a+)+$" would hang the process).
 */
export function shExpMatch(str: string, pattern: string): boolean {
  if (str.length * pattern.length > MAX_GLOB_STEPS) {
    throw new RangeError(
      `shExpMatch: a ${str.length}-character string against a ${pattern.length}-character pattern is too long`,
    );
  }
  let s = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (s < str.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === str[s])) {
      s++;
      p++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = s;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
