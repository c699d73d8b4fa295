import type { GoEnvReport, GoEnvWriteRequest } from '../../../shared/contract';
import { checkPath, splitPathVersion } from '../../../shared/go/modpath';

/**
 * The one go env change the wizard makes: GOPROXY always (it is what the wizard is for), GOPRIVATE
 * when the user changed it. A GOPRIVATE that only the OS environment sets is left out of the file
 * while the user keeps it, and an emptied GOPRIVATE is unset rather than written as an empty line.
 */
export function goEnvChange(
  report: GoEnvReport | null,
  goproxy: string,
  goprivate: string,
): Required<Pick<GoEnvWriteRequest, 'set' | 'unset'>> {
  const set = [`GOPROXY=${goproxy}`];
  const unset: string[] = [];
  const current = report?.vars.GOPRIVATE;
  const inFile = current?.fileValue;
  if (goprivate === '') {
    if (inFile !== undefined) unset.push('GOPRIVATE');
  } else if (inFile !== goprivate && !(current?.source === 'os-env' && current.value === goprivate)) {
    set.push(`GOPRIVATE=${goprivate}`);
  }
  return { set, unset };
}

/** GOPRIVATE with one more pattern at the end; unchanged when the pattern is already listed. */
export function withPattern(goprivate: string, pattern: string): string {
  const list = goprivate.split(',').filter((p) => p !== '');
  return list.includes(pattern) ? goprivate : [...list, pattern].join(',');
}

/** Whether a GOPRIVATE list already names the pattern (as one of its entries). */
export function hasPattern(goprivate: string, pattern: string): boolean {
  return goprivate.split(',').includes(pattern);
}

/** go mod download's argument: PATH@VERSION with a module path go accepts; null when fine. */
export function verifyModuleProblem(
  spec: string,
): { kind: 'no-version' } | { kind: 'bad-path'; error: string } | null {
  const { path, version } = splitPathVersion(spec.trim());
  if (version === undefined || version === '') return { kind: 'no-version' };
  const error = checkPath(path);
  return error === null ? null : { kind: 'bad-path', error };
}
