/** How the doctor writes a changed go env variable in a fix preview: `KEY: old → new`. */
const CHANGE = /^([A-Z][A-Z0-9_]*): (.*) → (.*)$/;
/** The doctor's word for a variable the env file does not set. */
const NOT_SET = '(not set)';

/**
 * A fix preview as diff lines, so that DiffView marks what goes and what comes: each changed go env
 * variable becomes its env-file line removed and added; other lines (network places) stay as they are.
 */
export function fixDiff(preview: string): string {
  return preview
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => {
      const change = CHANGE.exec(line);
      if (!change) return [` ${line}`];
      const [, key, from, to] = change;
      return [...(from === NOT_SET ? [] : [`-${key}=${from}`]), ...(to === NOT_SET ? [] : [`+${key}=${to}`])];
    })
    .join('\n');
}
