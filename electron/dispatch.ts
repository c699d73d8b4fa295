import type { z } from 'zod';
import { isChannel, type Channel } from '../shared/channels';
import { contract, type ChannelOutput, type ErrorCode, type IpcError, type Result } from '../shared/contract';
import { diagnose } from '../shared/diagnose';

/** One function per contract channel. Handlers return their value or throw an AppError. */
export type HandlerTable = {
  [C in Channel]: (input: z.output<(typeof contract.channels)[C]['input']>) => Promise<ChannelOutput<C>>;
};

/** An error with a code the renderer can translate; anything else thrown becomes code 'internal'. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * The error as it crosses to the renderer: its code, the English message, and what the message means
 * (reason and params, when shared/diagnose.ts recognises it) for the UI to say in the user's language.
 */
export function failure(code: ErrorCode, message: string, details?: unknown): { ok: false; error: IpcError } {
  const error: IpcError = details === undefined ? { code, message } : { code, message, details };
  const diagnosis = DIAGNOSED.has(code) ? diagnose(message) : null;
  if (diagnosis !== null) {
    error.reason = diagnosis.reason;
    if (Object.keys(diagnosis.params).length > 0) error.params = diagnosis.params;
  }
  return { ok: false, error };
}

/** Codes whose message comes from the world (go, git, the network, the file system), not from the app. */
const DIAGNOSED = new Set<ErrorCode>([
  'internal',
  'go-failed',
  'no-healthy-mirror',
  'apply-failed',
  'unavailable',
]);

function describeIssues(error: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

/**
 * The one place where a call crosses from an untrusted caller into the services: the channel must be in
 * the contract, the input must match its schema (else the handler is never called), and the output must
 * match its schema before it leaves. Used by the Electron IPC binding and by the test bridge alike.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return failure('unknown-channel', `No such channel: ${JSON.stringify(String(channel)).slice(0, 80)}`);
  }
  const spec = contract.channels[channel];
  const parsedInput = spec.input.safeParse(input);
  if (!parsedInput.success) {
    const { message, issues } = describeIssues(parsedInput.error);
    return failure('invalid-input', `${channel}: ${message}`, { issues });
  }
  let value: unknown;
  try {
    value = await (handlers[channel] as (i: unknown) => Promise<unknown>)(parsedInput.data);
  } catch (error) {
    if (error instanceof AppError) return failure(error.code, error.message, error.details);
    return failure('internal', error instanceof Error ? error.message : String(error));
  }
  const parsedOutput = spec.output.safeParse(value);
  if (!parsedOutput.success) {
    return failure('invalid-output', `${channel}: ${describeIssues(parsedOutput.error).message}`);
  }
  return { ok: true, value: parsedOutput.data };
}

/**
 * The same handlers, each call passed through `around` (which runs it with `call`): the app keeps the
 * calls still running, so that quitting waits for a write; tests record them.
 */
export function aroundEachCall(
  handlers: HandlerTable,
  around: (channel: Channel, call: () => Promise<unknown>, input: unknown) => Promise<unknown>,
): HandlerTable {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    Channel,
    (input: unknown) => Promise<unknown>,
  ][]) {
    wrapped[channel] = (input) => around(channel, () => handler(input), input);
  }
  return wrapped as HandlerTable;
}
