import { z } from 'zod';
import { APP_PAGES, type Channel, type EventName } from './channels';
import { DIAGNOSIS_REASONS } from './diagnose';

/**
 * The IPC contract: every channel maps to a zod schema for its input and its output, every event to a
 * schema for its payload. Main validates input before a handler runs and output before it leaves; the
 * renderer's client type is derived from this object, so a channel that does not exist does not compile.
 */

export const ERROR_CODES = [
  'invalid-input',
  'invalid-output',
  'unknown-channel',
  'forbidden',
  'internal',
  'go-failed',
  'cancelled',
  'no-healthy-mirror',
  /** A change to the machine's network settings never finished (a crash): restore it first. */
  'unfinished-change',
  /** A scope cannot be used on this machine (no git, no supported desktop...). */
  'unavailable',
  /** Writing a place failed part way; what had been written was put back. */
  'apply-failed',
  /** Browser mode: the page lost its server (`goproxy-desk ui` stopped, or the session ended). */
  'disconnected',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ipcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** English, for the CLI and logs; the UI shows it only under "Details". */
  message: z.string(),
  details: z.unknown().optional(),
  /** What the message means (shared/diagnose.ts), when it is known: the UI says its cause and action. */
  reason: z.enum(DIAGNOSIS_REASONS).optional(),
  /** The reason's values: host, address, status, url, path. */
  params: z.record(z.string(), z.string()).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Channels that take no arguments accept exactly `{}`: anything more is a caller's mistake. */
const noInput = z.object({}).strict();

/** Where a value comes from, strongest first: the OS, the user's env file, `$GOROOT/go.env` (go 1.21+), go's built-in default. */
export const GOENV_SOURCES = ['os-env', 'env-file', 'goroot-env', 'default'] as const;
export const goEnvSourceSchema = z.enum(GOENV_SOURCES);
export type GoEnvSource = z.infer<typeof goEnvSourceSchema>;

export const goEnvVarSchema = z.object({
  value: z.string(),
  source: goEnvSourceSchema,
  /** The raw value in the user's go env file, when the file sets this variable. */
  fileValue: z.string().optional(),
  /** The value in the process environment, when it is set and not empty. */
  osValue: z.string().optional(),
  /** The value in `$GOROOT/go.env` (go 1.21+), when that file sets this variable. */
  gorootValue: z.string().optional(),
  /** go env -w refuses to change it in this version of go ("cannot be modified", or OS environment only). */
  readOnly: z.boolean().optional(),
});
export type GoEnvVar = z.infer<typeof goEnvVarSchema>;

export const goEnvReportSchema = z.object({
  go: z.object({ path: z.string(), version: z.string() }).nullable(),
  /** Where `go env -w` writes; null when GOENV=off. */
  envFile: z.string().nullable(),
  /** `$GOROOT/go.env` of this go (1.21+), whether or not it exists; null for older go or no go. */
  gorootEnvFile: z.string().nullable().optional(),
  vars: z.record(z.string(), goEnvVarSchema),
  /** go was found but `go env -json` failed: its own message. Values then come from the file and OS. */
  goError: z.string().optional(),
  /** The env file exists but cannot be read (not a regular file, too large, no permission): go reads on without it. */
  envFileError: z.string().optional(),
});
export type GoEnvReport = z.infer<typeof goEnvReportSchema>;

/** One variable whose env-file value a write changed; null = the file does not set it. */
export const goEnvChangeSchema = z.object({
  key: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type GoEnvChange = z.infer<typeof goEnvChangeSchema>;

export const goEnvOverrideSourceSchema = z.object({
  kind: z.enum(['file', 'registry', 'launchctl']),
  /** A startup file's path, a registry key, or "launchctl". */
  location: z.string(),
  line: z.number().int().positive().optional(),
  /** The line that sets it, or the value found there. */
  text: z.string().optional(),
});
export type GoEnvOverrideSource = z.infer<typeof goEnvOverrideSourceSchema>;

/** An OS environment variable that wins over the env file, and where it is likely set. */
export const goEnvOverrideSchema = z.object({
  key: z.string(),
  osValue: z.string(),
  sources: z.array(goEnvOverrideSourceSchema),
});
export type GoEnvOverride = z.infer<typeof goEnvOverrideSchema>;

const snapshotRefSchema = z.object({ id: z.string(), at: z.string() });

const goEnvArgsSchema = z.array(z.string().max(32_768)).max(100);
/** `go env -w` for `set` ("KEY=VALUE"), then `go env -u` for `unset`, as one change. */
export const goEnvWriteRequestSchema = z
  .object({
    set: goEnvArgsSchema.optional(),
    unset: goEnvArgsSchema.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type GoEnvWriteRequest = z.infer<typeof goEnvWriteRequestSchema>;

export const goEnvWriteResultSchema = z.object({
  /** The file written (null only when undo had nothing to undo and GOENV=off). */
  envFile: z.string().nullable(),
  changed: z.array(goEnvChangeSchema),
  /** go's own warnings verbatim, then where overriding OS variables are set. English. */
  warnings: z.array(z.string()),
  overrides: z.array(goEnvOverrideSchema),
  /** The snapshot taken before writing; null for a dry run or when nothing had to be written. */
  snapshot: snapshotRefSchema.nullable(),
});
export type GoEnvWriteResult = z.infer<typeof goEnvWriteResultSchema>;

export const goEnvUndoResultSchema = goEnvWriteResultSchema.extend({
  /** The snapshot whose change was undone; null when there was nothing to undo. */
  undone: snapshotRefSchema.nullable(),
});
export type GoEnvUndoResult = z.infer<typeof goEnvUndoResultSchema>;

export const goEnvHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['write', 'undo']),
  envFile: z.string(),
  set: z.array(z.string()),
  unset: z.array(z.string()),
  changed: z.array(goEnvChangeSchema),
  /** False when there was no env file before this change (undoing it removes the file). */
  fileExisted: z.boolean(),
  /** For an undo: the write it took back (that write leaves the history; set/unset repeat it). */
  undoes: z.string().optional(),
});

export const goEnvHistorySchema = z.object({
  /** Newest first; at most 50. */
  entries: z.array(goEnvHistoryEntrySchema),
});
export type GoEnvHistory = z.infer<typeof goEnvHistorySchema>;

export const routeStepSchema = z.object({
  kind: z.enum(['proxy', 'direct', 'noproxy', 'off']),
  url: z.string().optional(),
  fallback: z.enum(['notfound', 'any']),
  insecure: z.boolean().optional(),
  pattern: z.string().optional(),
});

const liveFileSchema = z.enum(['list', 'latest', 'info', 'mod', 'zip']);

const routeChecksumSchema = z.object({
  verified: z.boolean(),
  db: z.string().optional(),
  url: z.string().optional(),
  reason: z.enum(['checked', 'gosumdb-off', 'gonosumdb', 'invalid-gosumdb', 'toolchain']),
  pattern: z.string().optional(),
  /** Toolchains: go's error verifying the download when the database cannot be used (GOSUMDB=off). */
  failure: z.string().optional(),
});

const routeLiveSchema = z.object({
  servedBy: z.number().int().nullable(),
  files: z.partialRecord(liveFileSchema, z.number().int()),
  attempts: z.array(
    z.object({
      file: liveFileSchema,
      index: z.number().int(),
      outcome: z.enum(['ok', 'not-found', 'error', 'timeout', 'off', 'not-checked']),
      status: z.number().int().optional(),
      error: z.string().optional(),
    }),
  ),
  error: z.string().optional(),
  version: z.string().optional(),
  /** Why a mirror answered 401/403, by the installed go's credential rules (i18n key auth.explain.<code>). */
  auth: z
    .array(
      z.object({
        index: z.number().int(),
        status: z.number().int(),
        code: z.string(),
        values: z.record(z.string(), z.union([z.string(), z.number()])),
      }),
    )
    .optional(),
});

export const routeReportSchema = z.object({
  module: z.string(),
  version: z.string().optional(),
  error: z.string().optional(),
  steps: z.array(routeStepSchema),
  checksum: routeChecksumSchema,
  live: routeLiveSchema.optional(),
});
export type RouteReport = z.infer<typeof routeReportSchema>;

/** Which Go toolchain go runs for a folder (go 1.21+), and what a switch would download (§4b). */
export const toolchainReportSchema = z.object({
  go: z.object({ path: z.string(), version: z.string() }).nullable(),
  /** The folder judged (absolute). */
  project: z.string(),
  /** The user's GOTOOLCHAIN and where it comes from; null before go 1.21 (no toolchain switching). */
  gotoolchain: z.object({ value: z.string(), source: goEnvSourceSchema }).nullable(),
  /** The go.work or go.mod go reads for it, with its `go` and `toolchain` lines ('' when absent). */
  file: z
    .object({ path: z.string(), kind: z.enum(['go.work', 'go.mod']), go: z.string(), toolchain: z.string() })
    .nullable(),
  mode: z.enum(['auto', 'path', 'local', 'exact', 'none', 'unset']).nullable(),
  /** The toolchain go runs ("go1.25.12", or the one it switches to); null without go or when go stops. */
  run: z.string().nullable(),
  reason: z.enum(['default', 'go-line', 'toolchain-line', 'toolchain-default']).nullable(),
  switches: z.boolean(),
  /** The version the file asks for, when more than the default. */
  required: z.string().nullable(),
  /** What go downloads (when the toolchain is not on PATH), through which entries, and its checksum check. */
  download: z
    .object({
      module: z.string(),
      version: z.string(),
      steps: z.array(routeStepSchema),
      checksum: routeChecksumSchema,
      /** The toolchain go would look for on PATH first (`go1.99.0` from golang.org/dl), when there. */
      onPath: z.string().nullable(),
    })
    .nullable(),
  /** go's own message when it would stop (invalid GOTOOLCHAIN, go.mod too new under local, no toolchain). */
  error: z.string().optional(),
  /** With `live`: the walk of @v/list, then .info/.mod/.zip of that version, as go fetches them. */
  live: routeLiveSchema.extend({ listed: z.boolean().nullable() }).optional(),
});
export type ToolchainReport = z.infer<typeof toolchainReportSchema>;

export const toolchainRequestSchema = z
  .object({
    /** The folder (default: none, i.e. no go.mod: what go runs outside a module). */
    project: z.string().min(1).max(4096).optional(),
    live: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();
export type ToolchainRequest = z.infer<typeof toolchainRequestSchema>;

export const routeRequestSchema = z
  .object({
    target: z.string().min(1).max(1024),
    set: z.array(z.string().max(8192)).max(32).optional(),
    live: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();

export const PROBE_STATUSES = ['ok', 'slow', 'degraded', 'dead'] as const;
export const PROBE_ERROR_KINDS = [
  'dns',
  'refused',
  'reset',
  'timeout',
  'tls',
  'http-status',
  'bad-response',
  'proxy',
] as const;
/** Where a request was when it failed: reading the answer's headers is 'ttfb', its body 'body'. */
export const PROBE_PHASES = ['dns', 'connect', 'tls', 'ttfb', 'body'] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];
export type ProbeErrorKind = (typeof PROBE_ERROR_KINDS)[number];
export type ProbePhase = (typeof PROBE_PHASES)[number];

/** Milliseconds; null when the phase did not happen (no DNS for an IP, no TLS over http, no success). */
const msOrNull = z.number().nonnegative().nullable();

export const probeErrorSchema = z.object({
  kind: z.enum(PROBE_ERROR_KINDS),
  phase: z.enum(PROBE_PHASES),
  /** English, complete: what happened, to what, and what to do next. */
  message: z.string(),
  /** The HTTP status behind an http-status or proxy error. */
  status: z.number().int().optional(),
  /** A finer code, e.g. the certificate problem of a tls error ('self-signed', 'expired', 'wrong-host'). */
  detail: z.string().optional(),
});
export type ProbeError = z.infer<typeof probeErrorSchema>;

export const probePhasesSchema = z.object({
  dns: msOrNull,
  connect: msOrNull,
  tls: msOrNull,
  ttfb: msOrNull,
  total: msOrNull,
});
export type ProbePhases = z.infer<typeof probePhasesSchema>;

export const probeSampleSchema = z.object({
  index: z.number().int().nonnegative(),
  ok: z.boolean(),
  /** The HTTP status of the final answer (after redirects), when there was one. */
  httpStatus: z.number().int().optional(),
  redirects: z.number().int().nonnegative(),
  /** The request on a new connection; after a failure, the phases done and the time until it failed. */
  cold: probePhasesSchema,
  /** The same request again on the kept-alive connection; null when the cold one failed. */
  warm: z.object({ ttfb: msOrNull, total: msOrNull, reused: z.boolean() }).nullable(),
  error: probeErrorSchema.optional(),
});
export type ProbeSample = z.infer<typeof probeSampleSchema>;

export const probeResultSchema = z.object({
  id: z.string(),
  /** The mirror's base URL, any password shown as xxxxx. */
  url: z.string(),
  status: z.enum(PROBE_STATUSES),
  successRate: z.number().min(0).max(1),
  /** Over the successful samples' cold totals. */
  latency: z.object({ p50: msOrNull, p95: msOrNull, min: msOrNull, max: msOrNull }),
  /** Medians over the successful samples' cold requests. */
  phases: probePhasesSchema,
  /** Medians over the warm (reused-connection) requests. */
  warm: z.object({ ttfb: msOrNull, total: msOrNull }),
  samples: z.array(probeSampleSchema),
  /** The most frequent failure, when any sample failed. */
  error: probeErrorSchema.optional(),
  /** Answers <url>/sumdb/sum.golang.org/supported with 200 (go can verify through it). */
  sumdb: z.boolean().optional(),
  /** Offers HTTP/2 by ALPN. */
  http2: z.boolean().optional(),
  /**
   * Serves go toolchains: <url>/golang.org/toolchain/@v/list answers 200 listing at least one
   * `v0.0.1-go<version>.<goos>-<goarch>`. False for 404/410, another 4xx, or a 200 without such a
   * line; null when not known (a dead mirror is not asked; a network error, 5xx, 408 or 429 tells nothing).
   * Always present.
   */
  toolchain: z.boolean().nullable(),
  /** The HTTP proxy go would use for this mirror (HTTPS_PROXY/HTTP_PROXY/NO_PROXY), and so did we. */
  proxy: z.object({ url: z.string(), tunnel: z.boolean() }).optional(),
  /** The mirror's @latest of a fast-moving module compared with the freshest mirror probed. */
  freshness: z
    .object({
      module: z.string(),
      latest: z.string().optional(),
      time: z.string().optional(),
      /** Versions published after this mirror's latest, up to the freshest mirror's. */
      behind: z.number().int().nonnegative().optional(),
      /** How much older this mirror's latest is than the freshest mirror's. */
      behindMs: z.number().nonnegative().optional(),
      error: z.string().optional(),
    })
    .optional(),
  throughput: z
    .object({
      url: z.string(),
      bytes: z.number().int().nonnegative().optional(),
      ms: z.number().nonnegative().optional(),
      mbPerSecond: z.number().nonnegative().optional(),
      error: z.string().optional(),
    })
    .optional(),
  /** With `verify`: the mirror's copy of the probe module checked against the checksum database. */
  integrity: z
    .object({
      /** The signed tree was checked and the record proved in it. */
      verified: z.boolean(),
      /** The .zip and .mod hash to what the database says. */
      ok: z.boolean(),
      error: z.string().optional(),
    })
    .optional(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

export const probeReportSchema = z.object({
  startedAt: z.string(),
  /** The module@version whose .info was requested. */
  module: z.string(),
  results: z.array(probeResultSchema),
});
export type ProbeReport = z.infer<typeof probeReportSchema>;

/** Bounds of probe:run's numbers (the CLI names them in its messages). */
export const PROBE_LIMITS = {
  samples: { min: 1, max: 50 },
  timeoutMs: { min: 50, max: 120_000 },
  concurrency: { min: 1, max: 32 },
  slowMs: { min: 1, max: 120_000 },
} as const;
const bounded = (limits: { min: number; max: number }) => z.number().int().min(limits.min).max(limits.max);

export const probeRunRequestSchema = z
  .object({
    /** Names this run in probe:progress events and probe:cancel; one is made up when absent. */
    runId: z.string().min(1).max(128).optional(),
    /** Catalogue ids or mirror URLs; the whole catalogue when absent. */
    mirrors: z.array(z.string().min(1).max(2048)).min(1).max(64).optional(),
    samples: bounded(PROBE_LIMITS.samples).optional(),
    /** Per phase (DNS, connect, TLS, first byte, body). */
    timeoutMs: bounded(PROBE_LIMITS.timeoutMs).optional(),
    /** PATH@VERSION whose .info is requested. */
    module: z.string().min(3).max(512).optional(),
    concurrency: bounded(PROBE_LIMITS.concurrency).optional(),
    /** A median total above this makes a mirror 'slow'. */
    slowMs: bounded(PROBE_LIMITS.slowMs).optional(),
    freshnessModule: z.string().min(1).max(512).optional(),
    /** Also download a larger zip and report MB/s. */
    throughput: z.boolean().optional(),
    /** PATH@VERSION of that zip (implies throughput). */
    throughputModule: z.string().min(3).max(512).optional(),
    /** Also verify each healthy mirror's copy of the module against the checksum database (GOSUMDB). */
    verify: z.boolean().optional(),
  })
  .strict();
export type ProbeRunRequest = z.infer<typeof probeRunRequestSchema>;

export const probeProgressSchema = z.object({
  runId: z.string(),
  id: z.string(),
  url: z.string(),
  samples: z.number().int().positive(),
  sample: probeSampleSchema,
});
export type ProbeProgress = z.infer<typeof probeProgressSchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  status: z.enum(PROBE_STATUSES),
  successRate: z.number().min(0).max(1),
  p50: msOrNull,
  p95: msOrNull,
  phases: probePhasesSchema,
  error: z.enum(PROBE_ERROR_KINDS).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyReportSchema = z.object({
  mirrors: z.array(z.object({ id: z.string(), url: z.string(), entries: z.array(historyEntrySchema) })),
});
export type HistoryReport = z.infer<typeof historyReportSchema>;

export const historyReadRequestSchema = z
  .object({
    /** Catalogue ids or URLs; every mirror with a history when absent. */
    mirrors: z.array(z.string().min(1).max(2048)).max(64).optional(),
    /** The newest entries per mirror, oldest first. */
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type HistoryReadRequest = z.infer<typeof historyReadRequestSchema>;

export const goEnvUseRequestSchema = z
  .object({
    /** A catalogue id, a mirror URL, or "fastest" (probe the catalogue, take the best healthy mirror). */
    target: z.string().min(1).max(2048),
    /** A second mirror tried on any error of the first: `<target>|<fallback>,direct`. */
    fallback: z.string().min(1).max(2048).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type GoEnvUseRequest = z.infer<typeof goEnvUseRequestSchema>;

// --- Network settings (netproxy) and profiles ---------------------------------------------------

export const NETPROXY_SCOPES = ['env', 'git', 'system'] as const;
export const netProxyScopeSchema = z.enum(NETPROXY_SCOPES);
export type NetProxyScope = z.infer<typeof netProxyScopeSchema>;

export const netProxyConflictSchema = z.object({
  file: z.string(),
  /** 1-based; 0 when the place is not a line of a file (a registry value, another git config). */
  line: z.number().int().nonnegative(),
  text: z.string(),
});

/** A scope's note as a code (the English `note` stays for the CLI and logs): electron/services/netproxy/scope-notes.ts. */
export const SCOPE_NOTE_CODES = [
  'no-desktop',
  'unsupported-desktop',
  'other-desktop-apps',
  'no-session-bus',
  'gsettings-memory',
  'no-gsettings',
  'no-gnome-schema',
  'no-git',
  'macos-only',
  'windows-only',
  'gnome-mode',
  'wpad-on',
  'pac-on',
  'read-failed',
] as const;
export const scopeNoteSchema = z.object({
  code: z.enum(SCOPE_NOTE_CODES),
  params: z.record(z.string(), z.string()).optional(),
});
export type ScopeNote = z.infer<typeof scopeNoteSchema>;

export const scopeReadingSchema = z.object({
  scope: netProxyScopeSchema,
  variant: z.string(),
  source: z.string(),
  /** As written there, passwords hidden; null = not set. */
  http: z.string().nullable(),
  https: z.string().nullable(),
  noProxy: z.string().nullable(),
  available: z.boolean(),
  note: z.string().optional(),
  /** `note` as codes, when every part of it is one the UI can say in the user's language. */
  notes: z.array(scopeNoteSchema).optional(),
  conflicts: z.array(netProxyConflictSchema),
});
export type ScopeReadingReport = z.infer<typeof scopeReadingSchema>;

export const TRANSACTION_STATES = ['pending', 'applied', 'restoring', 'restored', 'failed'] as const;
export const transactionSummarySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['apply', 'profile']),
  summary: z.string(),
  scopes: z.array(z.string()),
  state: z.enum(TRANSACTION_STATES),
  places: z.number().int().nonnegative(),
});
export type TransactionSummary = z.infer<typeof transactionSummarySchema>;

export const netProxyReportSchema = z.object({
  scopes: z.array(scopeReadingSchema),
  /** The proxy variables of the environment this process was started with (passwords hidden). */
  process: z.object({
    http: z.string().nullable(),
    https: z.string().nullable(),
    noProxy: z.string().nullable(),
  }),
  /** A change that started and never finished (the app or CLI was killed): `restore` undoes it. */
  unfinished: transactionSummarySchema.nullable(),
  /** The journal, newest first. */
  journal: z.array(transactionSummarySchema),
});
export type NetProxyReport = z.infer<typeof netProxyReportSchema>;

const proxyUrlInput = z.string().max(2048);
export const netProxyApplyRequestSchema = z
  .object({
    http: proxyUrlInput.nullable().optional(),
    https: proxyUrlInput.nullable().optional(),
    noProxy: z.string().max(8192).nullable().optional(),
    /** Default: env and git. */
    scopes: z.array(netProxyScopeSchema).min(1).max(3).optional(),
    /** Take the proxy out of the scopes instead of setting it. */
    unset: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type NetProxyApplyRequest = z.infer<typeof netProxyApplyRequestSchema>;

export const stepPreviewSchema = z.object({
  scope: z.string(),
  place: z.string(),
  action: z.enum(['create', 'modify', 'delete', 'set', 'reset']),
  diff: z.string().optional(),
  commands: z.array(z.array(z.string())).optional(),
});
export type StepPreview = z.infer<typeof stepPreviewSchema>;

export const netProxyChangeResultSchema = z.object({
  dryRun: z.boolean(),
  /** The journal entry of this change; null when nothing needed changing (or a dry run). */
  transaction: transactionSummarySchema.nullable(),
  steps: z.array(stepPreviewSchema),
  warnings: z.array(z.string()),
  conflicts: z.array(netProxyConflictSchema.extend({ scope: z.string() })),
});
export type NetProxyChangeResult = z.infer<typeof netProxyChangeResultSchema>;

export const netProxyRestoreRequestSchema = z
  .object({
    /** Every change in the journal, newest first, back to the state before the first. */
    all: z.boolean().optional(),
    /** Put back places that changed since, too (their current content is lost). */
    force: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type NetProxyRestoreRequest = z.infer<typeof netProxyRestoreRequestSchema>;

export const netProxyRestoreResultSchema = z.object({
  dryRun: z.boolean(),
  restored: z.array(transactionSummarySchema),
  places: z.array(
    z.object({
      scope: z.string(),
      place: z.string(),
      outcome: z.enum(['restored', 'unchanged', 'merged', 'conflict']),
      preview: stepPreviewSchema.optional(),
    }),
  ),
  warnings: z.array(z.string()),
  /** False when a place changed since and was left as it is (see warnings; --force puts it back). */
  complete: z.boolean(),
});
export type NetProxyRestoreResult = z.infer<typeof netProxyRestoreResultSchema>;

export const proxyCheckRequestSchema = z
  .object({
    proxy: proxyUrlInput.min(1),
    mirror: z.string().min(1).max(2048).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();
export type ProxyCheckRequestInput = z.infer<typeof proxyCheckRequestSchema>;

export const proxyCheckReportSchema = z.object({
  proxy: z.string(),
  mirror: z.string(),
  ok: z.boolean(),
  checks: z.array(
    z.object({
      mode: z.enum(['forward', 'connect']),
      target: z.string(),
      outcome: z.enum(['ok', 'auth-required', 'refused', 'timeout', 'dns', 'tls', 'bad-response', 'error']),
      status: z.number().int().optional(),
      message: z.string(),
      timings: z.object({
        connect: msOrNull,
        tunnel: msOrNull,
        tls: msOrNull,
        ttfb: msOrNull,
        total: z.number().nonnegative(),
      }),
    }),
  ),
});
export type ProxyCheckReportOutput = z.infer<typeof proxyCheckReportSchema>;

export const PROFILE_NAME_MAX = 64;
export const profileNameSchema = z
  .string()
  .min(1)
  .max(PROFILE_NAME_MAX)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters')
  .refine((s) => s.trim() === s, 'no leading or trailing spaces');

export const profileSchema = z
  .object({
    name: profileNameSchema,
    /** Go env values to set (KEY -> value) and to unset, as `go env -w` / `-u`. */
    goenv: z
      .object({
        set: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().max(8192)).default({}),
        unset: z
          .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/))
          .max(64)
          .default([]),
      })
      .strict()
      .default({ set: {}, unset: [] }),
    /** The HTTP proxy for the given scopes; null: take the proxy out of them; absent: leave the network alone. */
    proxy: z
      .object({
        http: proxyUrlInput.nullable().optional(),
        https: proxyUrlInput.nullable().optional(),
        noProxy: z.string().max(8192).nullable().optional(),
        scopes: z.array(netProxyScopeSchema).min(1).max(3),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

export const profileExportSchema = z
  .object({
    format: z.literal('goproxy-desk-profiles'),
    version: z.literal(1),
    profiles: z.array(profileSchema).max(256),
  })
  .strict();
export type ProfileExport = z.infer<typeof profileExportSchema>;

export const profileListSchema = z.object({
  profiles: z.array(
    profileSchema.extend({
      /** True when the profile's proxy password is stored (encrypted with the OS keychain). */
      hasSecret: z.boolean(),
    }),
  ),
});
export type ProfileList = z.infer<typeof profileListSchema>;

export const profileApplyResultSchema = netProxyChangeResultSchema.extend({ profile: z.string() });
export type ProfileApplyResult = z.infer<typeof profileApplyResultSchema>;

export const profileImportResultSchema = z.object({
  imported: z.array(z.string()),
  replaced: z.array(z.string()),
  skipped: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ProfileImportResult = z.infer<typeof profileImportResultSchema>;

// --- The checklist (doctor) ------------------------------------------------------------------------

export const DOCTOR_SEVERITIES = ['error', 'warning', 'info'] as const;
export const DOCTOR_FAMILIES = ['syntax', 'integrity', 'upstream', 'timeout', 'leak'] as const;

export const doctorFindingSchema = z.object({
  /** The rule's stable id. */
  id: z.string(),
  family: z.enum(DOCTOR_FAMILIES),
  severity: z.enum(DOCTOR_SEVERITIES),
  title: z.string(),
  detail: z.string(),
  remedy: z.string(),
  /** What was observed, one fact per line (no secrets). */
  evidence: z.array(z.string()),
  /** A change the doctor can make: `doctor --fix ID`; `preview` is exactly what it would change. */
  fix: z.object({ id: z.string(), summary: z.string(), preview: z.string() }).optional(),
});
export type DoctorFinding = z.infer<typeof doctorFindingSchema>;

export const doctorReportSchema = z.object({
  startedAt: z.string(),
  findings: z.array(doctorFindingSchema),
  counts: z.object({
    error: z.number().int().nonnegative(),
    warning: z.number().int().nonnegative(),
    info: z.number().int().nonnegative(),
  }),
  /** What was looked at. */
  checked: z.object({
    go: z.object({ path: z.string(), version: z.string() }).nullable(),
    projects: z.array(z.string()),
    nginx: z.array(z.string()),
    probed: z.boolean(),
  }),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

const doctorScopeFields = {
  projects: z.array(z.string().min(1).max(4096)).max(32).optional(),
  nginx: z.array(z.string().min(1).max(4096)).max(32).optional(),
  /** Live checks of mirrors, the proxy and the checksum DB (default on). */
  probe: z.boolean().optional(),
  language: z.enum(['en', 'zh-CN']).optional(),
};
export const doctorRunRequestSchema = z.object(doctorScopeFields).strict();
export type DoctorRunRequest = z.infer<typeof doctorRunRequestSchema>;

export const doctorFixRequestSchema = z
  .object({
    ...doctorScopeFields,
    ids: z.array(z.string().min(1).max(128)).min(1).max(64),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type DoctorFixRequest = z.infer<typeof doctorFixRequestSchema>;

export const doctorFixResultSchema = z.object({
  dryRun: z.boolean(),
  applied: z.array(z.object({ id: z.string(), summary: z.string() })),
  /** The go env snapshot (`goproxy-desk undo` reverts it) or the netproxy journal entry (`proxy restore`). */
  goenvSnapshot: z.object({ id: z.string(), at: z.string() }).nullable(),
  netproxyTransactions: z.array(transactionSummarySchema),
  preview: z.string(),
  warnings: z.array(z.string()),
  /** The checklist again, after the fixes. */
  report: doctorReportSchema,
});
export type DoctorFixResult = z.infer<typeof doctorFixResultSchema>;

// --- Integrity: the checksum database client (sumdb) ---------------------------------------------

export const sumdbVerifyRequestSchema = z
  .object({
    /** PATH@VERSION. */
    module: z.string().min(3).max(1024),
    /** The mirror to check; default: the first http(s) entry of GOPROXY. */
    mirror: z.string().min(1).max(2048).optional(),
    /** "KEY [URL]" as in GOSUMDB; default: GOSUMDB. */
    sumdb: z.string().min(1).max(2048).optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();
export type SumdbVerifyRequest = z.infer<typeof sumdbVerifyRequestSchema>;

const fileCheckSchema = z.object({
  /** What we computed from the mirror's bytes. */
  h1: z.string().nullable(),
  /** What the checksum database says. */
  expected: z.string().nullable(),
  ok: z.boolean(),
});
export const sumdbVerifyResultSchema = z.object({
  module: z.string(),
  version: z.string(),
  mirror: z.string(),
  mod: fileCheckSchema,
  zip: fileCheckSchema,
  sumdb: z.object({
    name: z.string(),
    url: z.string(),
    /** Reached through the mirror's /sumdb/<name>/ or directly. */
    via: z.enum(['mirror', 'direct']),
    treeSize: z.number().int().nonnegative().nullable(),
    /** The signed tree note checked, the record proved in it, the tree consistent with the last one seen. */
    verified: z.boolean(),
  }),
  error: z.string().optional(),
});
export type SumdbVerifyResult = z.infer<typeof sumdbVerifyResultSchema>;

// --- App settings, the mirror list, the verify download, project folders ---------------------------

export const THEMES = ['system', 'light', 'dark'] as const;
export const customMirrorSchema = z.object({
  /** Made from the URL's host (and path), unique among catalogue and custom mirrors. */
  id: z.string().min(1).max(256),
  name: z.string().min(1).max(128),
  url: z.string().min(1).max(2048),
});
export type CustomMirror = z.infer<typeof customMirrorSchema>;

export const appSettingsSchema = z.object({
  /** 'system' follows the OS locale. */
  language: z.enum(['system', 'en', 'zh-CN']),
  theme: z.enum(THEMES),
  /** Background probing of the active chain; 0 = off. */
  probeIntervalMinutes: z.number().int().min(0).max(1440),
  /** Move to the fastest healthy mirror after this many failed background probes in a row. */
  autoSwitch: z.boolean(),
  autoSwitchAfterFailures: z.number().int().min(1).max(20),
  launchAtLogin: z.boolean(),
  /** Take the HTTP proxy we set out of the system settings when the app quits. */
  restoreProxyOnQuit: z.boolean(),
  /** Probe history older than this is dropped. */
  historyRetentionDays: z.number().int().min(1).max(365),
  customMirrors: z.array(customMirrorSchema).max(32),
  /** The module the wizard's last step downloads with the real go. */
  verifyModule: z.string().min(3).max(512),
  /** When the first-run wizard was finished (ISO time); null until then. */
  wizardCompletedAt: z.string().nullable(),
  /** Project folders the Projects page shows (added there, or scanned by the wizard). */
  projectDirs: z.array(z.string().min(1).max(4096)).max(32),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

export const settingsReportSchema = z.object({
  /** False on first run: no settings file yet (the app opens the wizard). */
  exists: z.boolean(),
  settings: appSettingsSchema,
});
export type SettingsReport = z.infer<typeof settingsReportSchema>;

/** Any subset of the settings; customMirrors change through mirrors:add/remove only. */
export const settingsWriteRequestSchema = z
  .object({ patch: appSettingsSchema.omit({ customMirrors: true }).partial().strict() })
  .strict();

export const mirrorEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  region: z.enum(['global', 'cn', 'custom']),
  sumdbProxy: z.boolean().optional(),
  notes: z.string(),
  custom: z.boolean(),
});
export type MirrorEntry = z.infer<typeof mirrorEntrySchema>;
export const mirrorListSchema = z.object({ mirrors: z.array(mirrorEntrySchema) });
export type MirrorList = z.infer<typeof mirrorListSchema>;

export const mirrorAddRequestSchema = z
  .object({ url: z.string().min(1).max(2048), name: z.string().min(1).max(128).optional() })
  .strict();

export const goDownloadRequestSchema = z
  .object({
    /** PATH@VERSION; default: the verifyModule setting (rsc.io/quote@v1.5.2). */
    module: z.string().min(3).max(512).optional(),
    /** Instead of a module: prove that go can switch to this toolchain (go1.99.0), downloading it as a project would. */
    toolchain: z
      .string()
      .regex(/^go\d+\.\d+(\.\d+)?((rc|beta)\d+)?$/)
      .optional(),
    /** Names this download for goenv:cancel. */
    runId: z.string().min(1).max(128).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).optional(),
  })
  .strict()
  .refine((r) => r.module === undefined || r.toolchain === undefined, {
    message: 'give a module or a toolchain, not both',
  });
export type GoDownloadRequest = z.infer<typeof goDownloadRequestSchema>;

export const goDownloadResultSchema = z.object({
  ok: z.boolean(),
  module: z.string(),
  /** The version go resolved. */
  version: z.string().optional(),
  /** go.sum lines' hashes: the zip (h1:...) and the go.mod. */
  sum: z.string().optional(),
  goModSum: z.string().optional(),
  durationMs: z.number().nonnegative(),
  /** The GOPROXY, GOSUMDB and GOPRIVATE go used (from its own `go env`). */
  env: z.record(z.string(), z.string()),
  /** go's own error (its JSON "Error" or the end of stderr) when ok is false. */
  error: z.string().optional(),
  exitCode: z.number().int().nullable(),
  cancelled: z.boolean(),
  timedOut: z.boolean(),
});
export type GoDownloadResult = z.infer<typeof goDownloadResultSchema>;

export const projectsScanRequestSchema = z
  .object({ dirs: z.array(z.string().min(1).max(4096)).min(1).max(32) })
  .strict();
export const projectsScanResultSchema = z.object({
  projects: z.array(
    z.object({
      dir: z.string(),
      /** The module path in go.mod; null when the folder has no go.mod (or go.work). */
      module: z.string().nullable(),
      requires: z.array(z.string()),
      error: z.string().optional(),
    }),
  ),
  /** GOPRIVATE patterns for module paths that look private (not on a public code host). */
  suggestions: z.array(z.object({ pattern: z.string(), modules: z.array(z.string()) })),
});
export type ProjectsScanResult = z.infer<typeof projectsScanResultSchema>;

/** One project folder's files that set Go's module settings (issue 16), passwords masked. */
export const projectLayersRequestSchema = z.object({ dir: z.string().min(1).max(4096) }).strict();
export const projectLayerSchema = z.object({
  /** Relative to the project folder, '/' separators. */
  file: z.string(),
  line: z.number().int().nonnegative(),
  key: z.string(),
  value: z.string(),
  /** terminal, editor-tools, make, container:<stage or service>, ci:<job>. */
  context: z.string(),
  /** How the file sets it ("ENV", "export", "go.toolsEnvVars"...). */
  how: z.string(),
  goVersion: z.string().optional(),
});
export const projectLayersResultSchema = z.object({
  dir: z.string(),
  /** Whether DIR is a folder that could be listed (false: missing, a file, unreadable). */
  isFolder: z.boolean(),
  layers: z.array(projectLayerSchema),
  /** Per context, each variable's value and where it comes from (`file:line`, env-file, os, go.env...). */
  effective: z.record(z.string(), z.record(z.string(), z.object({ value: z.string(), from: z.string() }))),
  files: z.array(z.object({ file: z.string(), kind: z.string() })),
  problems: z.array(
    z.object({ file: z.string(), line: z.number().int().nonnegative(), message: z.string() }),
  ),
});
export type ProjectLayersResult = z.infer<typeof projectLayersResultSchema>;

/** Where `project apply` writes: direnv's .envrc (a managed block) or VS Code's go.toolsEnvVars. */
export const PROJECT_TARGETS = ['direnv', 'vscode'] as const;
export type ProjectTarget = (typeof PROJECT_TARGETS)[number];
export const projectApplyRequestSchema = z
  .object({
    dir: z.string().min(1).max(4096),
    to: z.enum(PROJECT_TARGETS),
    /** KEY → value; null removes the key (vscode) or leaves it out of the block (direnv). */
    set: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(8192).nullable()).default({}),
    /** A saved profile whose module variables are written (before `set`, which wins). */
    profile: z.string().min(1).max(128).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type ProjectApplyRequest = z.infer<typeof projectApplyRequestSchema>;
export const projectRestoreRequestSchema = z
  .object({ dir: z.string().min(1).max(4096), dryRun: z.boolean().optional() })
  .strict();

/** `proxy detect` (issue 17): the OS proxy configuration and what go and git need to match it. */
export const proxyDetectRequestSchema = z
  .object({
    urls: z.array(z.string().url().max(2048)).max(64).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict();
export type ProxyDetectRequest = z.infer<typeof proxyDetectRequestSchema>;
/** Where the OS proxy settings were read, as a code the UI translates (`source` stays, in English). */
export const DETECT_SOURCE_CODES = [
  'gnome',
  'kde',
  'windows',
  'macos',
  'no-desktop',
  'desktop-without-proxy',
] as const;

/** The detection's warnings as codes (the English `warnings` stay for the CLI and logs). */
export const DETECT_WARNING_CODES = [
  'env-vars',
  'fallback-wpad',
  'fallback-pac',
  'fallback-manual',
  'socks',
  'pac-fetch-failed',
  'wpad-none',
  'pac-time',
  'pac-address',
  'pac-failed',
  'pac-failover',
  'two-proxies',
] as const;
export const detectWarningSchema = z.object({
  code: z.enum(DETECT_WARNING_CODES),
  params: z.record(z.string(), z.string()).optional(),
});
export type DetectWarning = z.infer<typeof detectWarningSchema>;

export const proxyDetectResultSchema = z.object({
  source: z.string(),
  sourceCode: z
    .object({ code: z.enum(DETECT_SOURCE_CODES), params: z.record(z.string(), z.string()).optional() })
    .optional(),
  mode: z.enum(['none', 'manual', 'pac', 'wpad']),
  pacUrl: z.string().optional(),
  decisions: z.array(z.object({ url: z.string(), pac: z.string().optional(), proxy: z.string().nullable() })),
  suggestion: z
    .object({ http: z.string().nullable(), https: z.string().nullable(), noProxy: z.string().nullable() })
    .nullable(),
  warnings: z.array(z.string()),
  /** One per warning, in the same order: its code, or null for a note only said in English. */
  warningCodes: z.array(detectWarningSchema.nullable()).optional(),
});
export type ProxyDetectResult = z.infer<typeof proxyDetectResultSchema>;

export const STATE_AREAS = ['goenv', 'netproxy', 'profiles', 'doctor', 'settings', 'mirrors'] as const;
export type StateArea = (typeof STATE_AREAS)[number];

export const contract = {
  channels: {
    'goenv:read': { input: noInput, output: goEnvReportSchema },
    'goenv:write': { input: goEnvWriteRequestSchema, output: goEnvWriteResultSchema },
    'goenv:undo': { input: noInput, output: goEnvUndoResultSchema },
    'goenv:history': { input: noInput, output: goEnvHistorySchema },
    'route:explain': { input: routeRequestSchema, output: routeReportSchema },
    'goenv:toolchain': { input: toolchainRequestSchema, output: toolchainReportSchema },
    'goenv:use': { input: goEnvUseRequestSchema, output: goEnvWriteResultSchema },
    'probe:run': { input: probeRunRequestSchema, output: probeReportSchema },
    'probe:cancel': {
      input: z.object({ runId: z.string().min(1).max(128).optional() }).strict(),
      output: z.object({ cancelled: z.number().int().nonnegative() }),
    },
    'history:read': { input: historyReadRequestSchema, output: historyReportSchema },
    'netproxy:read': { input: noInput, output: netProxyReportSchema },
    'netproxy:apply': { input: netProxyApplyRequestSchema, output: netProxyChangeResultSchema },
    'netproxy:restore': { input: netProxyRestoreRequestSchema, output: netProxyRestoreResultSchema },
    'netproxy:test': { input: proxyCheckRequestSchema, output: proxyCheckReportSchema },
    'sumdb:verify': { input: sumdbVerifyRequestSchema, output: sumdbVerifyResultSchema },
    'doctor:run': { input: doctorRunRequestSchema, output: doctorReportSchema },
    'doctor:fix': { input: doctorFixRequestSchema, output: doctorFixResultSchema },
    'profiles:list': { input: noInput, output: profileListSchema },
    'profiles:save': {
      input: z.object({ profile: profileSchema, replace: z.boolean().optional() }).strict(),
      output: profileListSchema,
    },
    'profiles:delete': { input: z.object({ name: profileNameSchema }).strict(), output: profileListSchema },
    'profiles:apply': {
      input: z.object({ name: profileNameSchema, dryRun: z.boolean().optional() }).strict(),
      output: profileApplyResultSchema,
    },
    'profiles:export': {
      input: z.object({ names: z.array(profileNameSchema).max(256).optional() }).strict(),
      output: profileExportSchema,
    },
    'profiles:import': {
      input: z.object({ document: z.unknown(), replace: z.boolean().optional() }).strict(),
      output: profileImportResultSchema,
    },
    'settings:read': { input: noInput, output: settingsReportSchema },
    'settings:write': { input: settingsWriteRequestSchema, output: settingsReportSchema },
    'mirrors:list': { input: noInput, output: mirrorListSchema },
    'mirrors:add': { input: mirrorAddRequestSchema, output: mirrorListSchema },
    'mirrors:remove': {
      input: z.object({ id: z.string().min(1).max(256) }).strict(),
      output: mirrorListSchema,
    },
    'goenv:download': { input: goDownloadRequestSchema, output: goDownloadResultSchema },
    'goenv:cancel': {
      input: z.object({ runId: z.string().min(1).max(128).optional() }).strict(),
      output: z.object({ cancelled: z.number().int().nonnegative() }),
    },
    'projects:scan': { input: projectsScanRequestSchema, output: projectsScanResultSchema },
    'projects:layers': { input: projectLayersRequestSchema, output: projectLayersResultSchema },
    'netproxy:detect': { input: proxyDetectRequestSchema, output: proxyDetectResultSchema },
    'projects:apply': { input: projectApplyRequestSchema, output: netProxyChangeResultSchema },
    'projects:restore': { input: projectRestoreRequestSchema, output: netProxyRestoreResultSchema },
    /** The OS folder picker (the app only); null when the user cancelled. */
    'dialog:pickFolder': { input: noInput, output: z.object({ path: z.string().nullable() }) },
  },
  events: {
    'state:changed': z.object({ area: z.enum(STATE_AREAS) }).strict(),
    'probe:progress': probeProgressSchema,
    /** The tray (or a notification) asks the window to show a page. */
    'app:navigate': z.object({ page: z.enum(APP_PAGES) }).strict(),
  },
} satisfies {
  channels: Record<Channel, { input: z.ZodType; output: z.ZodType }>;
  events: Record<EventName, z.ZodType>;
};

// The name lists in channels.ts and the keys here must be the same set, in both directions.
type Keys<T> = keyof T & string;
type SameKeys<A extends string, B extends string> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : never
  : never;
const channelsMatch: SameKeys<Keys<typeof contract.channels>, Channel> = true;
const eventsMatch: SameKeys<Keys<typeof contract.events>, EventName> = true;
void channelsMatch;
void eventsMatch;

export type ChannelInput<C extends Channel> = z.input<(typeof contract.channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof contract.channels)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof contract.events)[E]>;

/**
 * What the preload exposes as `window.goproxy` (and the test bridge imitates); in browser mode the
 * renderer builds the same over HTTP. `mode` says which: the desktop app has a tray, notifications, a
 * folder picker and a login item; a browser page has none of them.
 */
export interface GoproxyApi {
  readonly mode: 'desktop' | 'browser';
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type { AppPage, Channel, EventName } from './channels';
export { APP_PAGES } from './channels';
