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

/** Go's built-in defaults (cmd/go/internal/cfg) for the variables we report, before go.env (1.21+). */
export const GO_BUILTIN_DEFAULTS: Readonly<Record<string, string>> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
};

/** The variables `goproxy-desk env` reports, in this order. GOTOOLCHAIN and GOAUTH only where go knows them. */
export const REPORTED_VARS = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOFLAGS',
  'GOVCS',
  'GOENV',
] as const;
export const VERSION_DEPENDENT_VARS = ['GOTOOLCHAIN', 'GOAUTH'] as const;

/** "go1.19.8" → [1, 19, 8]; "devel ..." or anything else → null. */
export function parseGoVersion(version: string): [number, number, number] | null {
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}
