import { lookup as dnsLookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { createPacResolver, sandbox as pacBuiltins } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { shExpMatch } from './glob';

/**
 * Runs an untrusted PAC script (from the network, via WPAD) in QuickJS compiled to WebAssembly: the
 * script sees the PAC functions and nothing of Node. pac-resolver 9 compiles the script (turning the
 * DNS helpers into awaits) into a QuickJS VM we create ourselves, so the VM carries the limits.
 */

export interface EvaluatePacOptions {
  /** Whole evaluation, DNS included. Default 2 s. */
  timeoutMs?: number;
  /** QuickJS heap. Default 32 MiB. */
  memoryBytes?: number;
  /** Each dnsResolve / isResolvable / isInNet lookup; a timeout reads as "does not resolve". Default 1 s. */
  dnsTimeoutMs?: number;
  /** All addresses of a name. Default: the OS resolver (dns.lookup, all: true). */
  lookup?: (host: string) => Promise<string[]>;
  /** What myIpAddress() returns. Default: the first non-internal IPv4 address of this machine. */
  myIp?: string;
}

export type PacErrorCode =
  'timeout' | 'memory' | 'script-error' | 'not-a-string' | 'invalid-input' | 'internal';

export type PacEvaluation = { ok: true; result: string } | { ok: false; code: PacErrorCode; error: string };

const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_MEMORY_BYTES = 32 * 1024 * 1024;
const DEFAULT_DNS_TIMEOUT_MS = 1000;
/** QuickJS's own stack guard: deep recursion is a RangeError in the guest, not a crash of the host. */
const MAX_STACK_BYTES = 256 * 1024;
/**
 * esprima parses the script on the host before QuickJS sees it, outside the deadline: this caps that
 * cost. Real PAC files are a few KiB, the largest seen in the wild a few hundred.
 */
const MAX_SCRIPT_CHARS = 4 * 1024 * 1024;
/** How long a guest past its deadline gets to unwind before its VM is disposed. */
const SETTLE_MS = 50;

let wasm: Promise<WebAssembly.Module> | undefined;
/** tsconfig.node.json's libs declare WebAssembly's types but not the global object. */
const wasmApi = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly;

function quickjsWasm(): Promise<WebAssembly.Module> {
  wasm ??= (async () => {
    // The CLI is a CommonJS bundle (import.meta.url is empty there); the app's main process is not.
    const base = typeof __filename === 'string' ? __filename : import.meta.url;
    const file = createRequire(base).resolve('quickjs-wasi/quickjs.wasm');
    // Compiled once: instantiating a compiled module is what makes a VM per evaluation cheap.
    return wasmApi.compile(await readFile(file));
  })().catch((error: unknown) => {
    wasm = undefined;
    throw error;
  });
  return wasm;
}

function fail(code: PacErrorCode, error: string): PacEvaluation {
  return { ok: false, code, error };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** Runs FindProxyForURL(url, host) of `script`. Never throws; every failure is a value. */
export async function evaluatePac(
  script: string,
  url: string,
  options: EvaluatePacOptions = {},
): Promise<PacEvaluation> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return fail(
      'invalid-input',
      `${url} is not a URL; a PAC script is asked about a full URL such as https://proxy.golang.org/.`,
    );
  }
  if (script.length > MAX_SCRIPT_CHARS) {
    return fail(
      'invalid-input',
      `The PAC script is ${script.length} characters, more than the ${MAX_SCRIPT_CHARS} GoProxy Desk runs; is it the right file?`,
    );
  }

  let module: WebAssembly.Module;
  try {
    module = await quickjsWasm();
  } catch (error) {
    return fail(
      'internal',
      `Could not load the PAC sandbox (quickjs-wasi/quickjs.wasm): ${String(error)}. Reinstall GoProxy Desk.`,
    );
  }

  const vm = await QuickJS.create({
    wasm: module,
    memoryLimit: options.memoryBytes ?? DEFAULT_MEMORY_BYTES,
    maxStackSize: MAX_STACK_BYTES,
    // QuickJS calls this every few thousand bytecodes, not each one: reading the clock costs nothing measurable.
    interruptHandler: () => Date.now() > deadline,
  });

  const lookups = new DnsLookups(
    options.lookup ?? systemLookup,
    options.dnsTimeoutMs ?? DEFAULT_DNS_TIMEOUT_MS,
  );
  const run = (async (): Promise<PacEvaluation> => {
    try {
      const findProxy = createPacResolver(vm, script, {
        filename: 'proxy.pac',
        sandbox: sandboxFor(lookups, options.myIp, deadline),
      });
      const result: unknown = await findProxy(pacUrlOf(url), host);
      if (typeof result !== 'string') {
        return fail(
          'not-a-string',
          `The PAC script's FindProxyForURL returned ${describe(result)} instead of a string such as "PROXY proxy.corp:8080; DIRECT".`,
        );
      }
      return { ok: true, result };
    } catch (error) {
      return classify(error, timeoutMs);
    }
  })();

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<PacEvaluation>((resolve) => {
    timer = setTimeout(() => resolve(timeoutError(timeoutMs)), Math.max(0, deadline - Date.now()));
  });
  try {
    const outcome = await Promise.race([run, timedOut]);
    // The interrupt handler and the timer race each other; past the deadline, the answer is "too slow".
    return !outcome.ok && Date.now() > deadline && outcome.code !== 'timeout' && outcome.code !== 'memory'
      ? timeoutError(timeoutMs)
      : outcome;
  } finally {
    clearTimeout(timer);
    // A lookup settling later would resume the guest on a disposed VM: settle the pending ones now and
    // answer later ones at once, let the guest run out (its deadline is past, so it is interrupted),
    // then dispose. Nothing of ours is pending after close(), so a guest still waiting is waiting on
    // itself and is dropped with the VM.
    lookups.close();
    await Promise.race([run, new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
    vm.dispose();
  }
}

/**
 * The URL a PAC script is shown: for https only `https://host[:port]/`, as Chrome and Firefox do. The
 * script comes from the network and may resolve any name it builds (dnsResolve), which would carry a
 * private module path out in a DNS query; the path of a plain http URL is on the wire anyway.
 */
export function pacUrlOf(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? `${u.protocol}//${u.host}/` : url;
  } catch {
    return url;
  }
}

function timeoutError(timeoutMs: number): PacEvaluation {
  return fail(
    'timeout',
    `The PAC script did not answer within ${seconds(timeoutMs)} (an endless loop, or DNS lookups that do not answer). Ask the network administrator to check the script, or set the proxy by hand.`,
  );
}

function classify(error: unknown, timeoutMs: number): PacEvaluation {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (/\binterrupted\b/i.test(message)) return timeoutError(timeoutMs);
  if (/out of memory/i.test(message)) {
    return fail(
      'memory',
      'The PAC script used more memory than GoProxy Desk allows a PAC script. Ask the network administrator to check the script, or set the proxy by hand.',
    );
  }
  if (/Expected a "function" named `FindProxyForURL`|FindProxyForURL is not defined/.test(message)) {
    return fail(
      'script-error',
      'The PAC script does not define FindProxyForURL(url, host); is it a PAC file?',
    );
  }
  if (/^Error: Line \d+:/.test(message)) {
    return fail(
      'script-error',
      `The PAC script is not valid JavaScript (${message.slice('Error: '.length)}).`,
    );
  }
  return fail('script-error', `The PAC script failed: ${message.split('\n')[0]}.`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

async function systemLookup(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true });
  return answers.map((answer) => answer.address);
}

/** Lookups bounded one by one, and all settled at once when the evaluation ends. */
class DnsLookups {
  private readonly pending = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly lookup: (host: string) => Promise<string[]>,
    private readonly timeoutMs: number,
  ) {}

  /** The addresses of `host`, or null when it does not resolve in time, as browsers read it. */
  resolve(host: string): Promise<string[] | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const done = (addresses: string[] | null): void => {
        clearTimeout(timer);
        this.pending.delete(settle);
        resolve(addresses);
      };
      const settle = (): void => done(null);
      const timer = setTimeout(settle, this.timeoutMs);
      this.pending.add(settle);
      this.lookup(host).then(
        (addresses) => done(Array.isArray(addresses) && addresses.length > 0 ? addresses : null),
        () => done(null),
      );
    });
  }

  /** Settles every pending lookup with null, and answers null at once from now on. */
  close(): void {
    this.closed = true;
    for (const settle of [...this.pending]) settle();
  }
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToNumber(text: string): number | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((n, octet) => n * 256 + octet, 0);
}

function firstIpv4(addresses: string[] | null): string | null {
  return addresses?.find((address) => ipv4ToNumber(address) !== null) ?? null;
}

function defaultMyIp(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const address = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (address) return address.address;
  }
  return '127.0.0.1';
}

/** pac-resolver awaits the sandbox functions it recognises as async (by `async: true` or by kind). */
function asyncFunction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return Object.assign(fn, { async: true });
}

type SandboxFunction = ((...args: never[]) => unknown) & { async?: boolean };

/**
 * Refuses calls past the deadline. A loop of host calls runs few bytecodes between them, and QuickJS
 * asks the interrupt handler only every few thousand, so the handler alone would let it overrun.
 */
function withDeadline(fn: SandboxFunction, deadline: number): SandboxFunction {
  const guarded = (...args: never[]): unknown => {
    if (Date.now() > deadline) throw new Error('interrupted: the PAC deadline has passed');
    return fn(...args);
  };
  return Object.assign(guarded, { async: fn.async === true || fn.constructor.name === 'AsyncFunction' });
}

/**
 * The PAC functions. Replaced from pac-resolver's set: the DNS ones (ours are injected and bounded),
 * myIpAddress (pac-resolver's opens a socket to 8.8.8.8), shExpMatch (pac-resolver's builds a host
 * RegExp from the pattern, where "(a+)+$" would hang the main process), localHostOrDomainIs (to the
 * letter of the spec) and alert (which would print to our console).
 */
function sandboxFor(
  lookups: DnsLookups,
  myIp: string | undefined,
  deadline: number,
): Record<string, SandboxFunction> {
  const dnsResolve = async (host: unknown): Promise<string | null> =>
    firstIpv4(await lookups.resolve(String(host)));
  const functions: Record<string, SandboxFunction> = {
    ...pacBuiltins,
    alert: () => undefined,
    dnsResolve: asyncFunction(dnsResolve),
    isResolvable: asyncFunction(async (host: unknown) => (await lookups.resolve(String(host))) !== null),
    isInNet: asyncFunction(async (host: unknown, pattern: unknown, mask: unknown) => {
      const address = ipv4ToNumber(String(host)) !== null ? String(host) : await dnsResolve(host);
      const ip = address === null ? null : ipv4ToNumber(address);
      const net = ipv4ToNumber(String(pattern));
      const bits = ipv4ToNumber(String(mask));
      if (ip === null || net === null || bits === null) return false;
      // Unsigned: JavaScript's & gives a signed 32-bit result.
      return (ip & bits) >>> 0 === (net & bits) >>> 0;
    }),
    myIpAddress: () => myIp ?? defaultMyIp(),
    shExpMatch: (str: unknown, pattern: unknown) => shExpMatch(String(str), String(pattern)),
    localHostOrDomainIs: (host: unknown, hostdom: unknown) => {
      const h = String(host);
      const d = String(hostdom);
      return h === d || (!h.includes('.') && d.startsWith(`${h}.`));
    },
  };
  return Object.fromEntries(
    Object.entries(functions).map(([name, fn]) => [name, withDeadline(fn, deadline)]),
  );
}
