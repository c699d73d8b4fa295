import type { GoVersionFacts } from './versions';

/**
 * The user's go env file, read exactly as cmd/go/internal/cfg does (initEnvCache): lines split at '\n'
 * only (a '\r' stays part of the value), each line split at its first '=', lines that do not start
 * with an upper-case ASCII letter or have no '=' ignored, the last duplicate wins.
 */
export function parseGoEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    const first = line.charCodeAt(0);
    if (eq < 0 || !(first >= 0x41 && first <= 0x5a)) continue;
    values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return values;
}

export type GoEnvLayerSource = 'os-env' | 'env-file' | 'goroot-env' | 'default';

/** The places go reads a variable from, strongest first. */
export interface GoEnvLayers {
  /** The OS environment. */
  os: Readonly<Record<string, string | undefined>>;
  /** The user env file (parseGoEnvFile). */
  file: ReadonlyMap<string, string>;
  /** `$GOROOT/go.env` (parseGoEnvFile), where the version reads one; null when it does not or the file is missing. */
  goroot: ReadonlyMap<string, string> | null;
}

/**
 * The value go uses for a variable, and the layer it came from: cfg.Getenv (a non-empty OS value, else
 * the user file, else go.env) and then envOr (an empty result takes the built-in default; GONOPROXY
 * and GONOSUMDB default to GOPRIVATE). Since 1.21 a `KEY=` line in the user file counts: it hides
 * go.env, so `GOPROXY=` there leaves GOPROXY empty. GOENV is not read from files and is not handled here.
 */
export function effectiveGoEnv(
  facts: Pick<GoVersionFacts, 'emptyFileValueCounts' | 'gorootEnv' | 'builtinDefaults'>,
  layers: GoEnvLayers,
  name: string,
): { value: string; source: GoEnvLayerSource } {
  const fallback = (): string =>
    name === 'GONOPROXY' || name === 'GONOSUMDB'
      ? effectiveGoEnv(facts, layers, 'GOPRIVATE').value
      : (facts.builtinDefaults[name] ?? '');
  const osValue = layers.os[name];
  if (osValue) return { value: osValue, source: 'os-env' };
  const fileValue = layers.file.get(name);
  if (fileValue !== undefined && (fileValue !== '' || facts.emptyFileValueCounts))
    return { value: fileValue || fallback(), source: 'env-file' };
  const gorootValue = facts.gorootEnv ? layers.goroot?.get(name) : undefined;
  if (gorootValue) return { value: gorootValue, source: 'goroot-env' };
  return { value: fallback(), source: 'default' };
}
