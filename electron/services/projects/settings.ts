/**
 * What a project's own files set of Go's module settings (issue 16): each parser of a file kind gives
 * the settings it finds, in the order the build applies them (a later one overrides an earlier one in
 * the same context), and the problems that kept it from reading part of the file.
 */

/** The variables go reads for modules, and the proxy variables its HTTP client reads. */
export const MODULE_VARS = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOSUMDB',
  'GOINSECURE',
  'GOFLAGS',
  'GOVCS',
  'GOTOOLCHAIN',
  'GOAUTH',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
] as const;
export type ModuleVar = (typeof MODULE_VARS)[number];

export const isModuleVar = (key: string): key is ModuleVar =>
  (MODULE_VARS as readonly string[]).includes(key);

/**
 * Which builds a setting reaches:
 * - `terminal`: a shell in the project (direnv's .envrc);
 * - `editor-tools`: gopls and the Go tools the editor runs (VS Code's go.toolsEnvVars, GoLand);
 * - `container:<stage>`: a Dockerfile build stage (its `AS` name, else its index from 0), or a compose
 *   service (`container:<service>`);
 * - `ci:<job>`: a CI job (GitHub Actions job id, GitLab CI job name);
 * - `make`: recipes of the Makefile.
 */
export type Context = string;

export interface Setting {
  /** The file, relative to the project folder, with '/' separators. */
  file: string;
  /** 1-based line of the key (for a multi-line construct, the line that names the key). */
  line: number;
  key: ModuleVar;
  /** The value the build sees (quotes and escapes of the file's syntax removed; variables not expanded). */
  value: string;
  context: Context;
  /** How the file sets it, for people: 'ENV', 'ARG default', 'RUN go env -w', 'export', 'env (job)'... */
  how: string;
  /** For a container stage: the Go version its base image names (`FROM golang:1.22-alpine` → '1.22'). */
  goVersion?: string;
  /** The value holds a variable reference the file's tool expands ($VAR, ${VAR}, ${{ secrets.X }}...). */
  expands?: boolean;
}

export interface ParseProblem {
  /** 1-based; 0 for the whole file. */
  line: number;
  message: string;
}

export interface ParsedFile {
  settings: Setting[];
  problems: ParseProblem[];
}
