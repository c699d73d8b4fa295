import type { Host } from '../host';

/**
 * The vocabulary of netproxy: what the user asks for (ProxySettings), the places on the machine that
 * hold it (Place, read and written by a PlaceDriver), and the scopes that turn settings into changes
 * of places (ScopeAdapter). Everything a driver reads or writes is plain JSON, so that the journal can
 * keep the exact previous state of every place and put it back after a crash, in another process.
 */

export type Scope = 'env' | 'git' | 'system';
export const SCOPES: readonly Scope[] = ['env', 'git', 'system'];
/** Where a step belongs: a scope, or the go env file (which a profile changes in the same transaction). */
export type StepScope = Scope | 'goenv' | 'project';

/** A proxy URL as validated by settings.ts: http or https scheme, a host, a port (explicit or the scheme's). */
export interface ProxyUrl {
  scheme: 'http' | 'https';
  /** Host name or IP address; IPv6 without brackets. */
  host: string;
  port: number;
  /** Decoded user name and password, when the URL has them. */
  username?: string;
  password?: string;
  /** The URL as written into places: scheme://[user[:password]@]host:port (credentials percent-encoded). */
  href: string;
  /** The same with the password replaced by "xxxxx" (as go's url.Redacted): for messages, previews and logs. */
  display: string;
}

/** One NO_PROXY entry, classified so that each target can write it its own way (bypass.ts). */
export type BypassRule =
  /** "*": everything. */
  | { kind: 'all'; text: string }
  /** "example.com" (Go: the domain and its subdomains) or ".example.com" / "*.example.com" (subdomains only in Go). */
  | { kind: 'domain'; text: string; domain: string; subdomainsOnly: boolean; port?: number }
  /** "10.1.2.3" or "::1", optionally with a port. */
  | { kind: 'ip'; text: string; ip: string; port?: number }
  /** "10.0.0.0/8". */
  | { kind: 'cidr'; text: string; ip: string; prefix: number }
  /** Windows' "<local>": host names without a dot. */
  | { kind: 'local'; text: string };

/** What the user wants: both null means "no proxy" (unset). */
export interface ProxySettings {
  http: ProxyUrl | null;
  https: ProxyUrl | null;
  noProxy: BypassRule[];
}

/**
 * A place on the machine: which driver handles it and its address (a path, a registry value, a
 * gsettings key, a network service...). Address and state are JSON for the journal.
 */
export interface Place<A = unknown> {
  driver: string;
  address: A;
}

/** The result of a command a driver ran, kept for error messages. */
export class DriverError extends Error {
  constructor(
    message: string,
    /** The argv that failed, if any (shown to the user; never contains a password). */
    readonly argv?: readonly string[],
  ) {
    super(message);
  }
}

export interface PlaceDriver<A = unknown, S = unknown> {
  name: string;
  /** Validates an address and a state read back from the journal (which is a file anyone could edit). */
  parseAddress(value: unknown): A;
  parseState(value: unknown): S;
  /** Where this is, for people: "~/.profile", "gsettings org.gnome.system.proxy mode", "HKCU\\Environment\\HTTP_PROXY". */
  describe(address: A, host: Host): string;
  read(host: Host, address: A): Promise<S>;
  /**
   * Throws (a message naming the place and what to do) when `write` could not put `state` there, without
   * changing anything: every place of a transaction is checked before the first write.
   */
  check?(host: Host, address: A, state: S): Promise<void>;
  /** Puts the place into `state` exactly; must be idempotent. */
  write(host: Host, address: A, state: S): Promise<void>;
  /** Deep equality of two states as this driver understands them. */
  equal(a: S, b: S): boolean;
  /**
   * The part of a state that identifies it, hashed into the journal in place of the state we wrote
   * (which may hold a password): default the whole state; files use their bytes only.
   */
  identity?(state: S): unknown;
  /**
   * What writing `after` over `before` would do, for --dry-run: a unified diff for files, the argv
   * that would run for commands. Secrets must already be hidden (use `redact`).
   */
  preview(host: Host, address: A, before: S, after: S, redact: (text: string) => string): Preview;
}

export interface Preview {
  /** 'create' | 'modify' | 'delete' for files; 'set' | 'reset' for values. */
  action: 'create' | 'modify' | 'delete' | 'set' | 'reset';
  diff?: string;
  commands?: string[][];
}

/** A change a scope wants: one place from `before` (as read now) to `after`. */
export interface Step<A = unknown, S = unknown> {
  scope: StepScope;
  place: Place<A>;
  before: S;
  after: S;
  /**
   * How a restore takes back only our part when something else changed the place after we wrote it
   * (a merger registered in drivers.ts, with its non-secret data); without one, such a place is left
   * as it is and reported.
   */
  merge?: { kind: string; data?: unknown };
}

/** Something to run after the places of a scope changed (and after a restore of them): a notification. */
export interface Notifier {
  name: string;
  /** The argv it would run, for --dry-run. */
  commands(host: Host): string[][];
  /** Runs it; a failure is a warning, not an error (the settings are written; apps see them on restart). */
  run(host: Host): Promise<void>;
}

/** A line outside our managed blocks that also sets a proxy variable, and so may win over ours. */
export interface Conflict {
  file: string;
  line: number;
  text: string;
}

export interface ScopePlan {
  steps: Step[];
  /** Names of notifiers (registered in drivers.ts) to run after the steps. */
  notify: string[];
  warnings: string[];
  conflicts: Conflict[];
}

/** The proxy settings one scope holds now, for `proxy show`. */
export interface ScopeReading {
  scope: Scope;
  /** Where they were read ("~/.profile (managed block)", "gsettings", "Wi-Fi, Ethernet"...). */
  source: string;
  /** As written there, passwords hidden. null = not set. */
  http: string | null;
  https: string | null;
  noProxy: string | null;
  /** False when this scope is not available here (no git, no supported desktop...), with why in `note`. */
  available: boolean;
  note?: string;
  conflicts: Conflict[];
}

export interface ScopeAdapter {
  scope: Scope;
  /** Which implementation this is: "linux-shells", "gnome", "kde", "windows", "macos", "git". */
  variant: string;
  /** null when the scope can be used here; otherwise why not (e.g. "gsettings is not installed"). */
  unavailable(): Promise<string | null>;
  read(): Promise<ScopeReading>;
  /** The steps that bring this scope to `desired` (null: no proxy); steps whose place already holds the state are left out. */
  plan(desired: ProxySettings | null): Promise<ScopePlan>;
}
