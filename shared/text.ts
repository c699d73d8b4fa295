/**
 * Trimming the end of user data in one pass. `s.replace(/\/+$/, '')` and its kind look harmless but
 * are quadratic: the engine tries the run at every position it starts from, so 40,000 slashes before
 * a last character took over a second and 5 MB would take hours.
 */
export function trimEnd(text: string, drop: (c: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** A URL or path without its trailing slashes. */
export const withoutTrailingSlashes = (text: string): string => trimEnd(text, (c) => c === '/');
