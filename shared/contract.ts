import { z } from 'zod';
import type { Channel, EventName } from './channels';

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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ipcErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Channels that take no arguments accept exactly `{}`: anything more is a caller's mistake. */
const noInput = z.object({}).strict();

export const GOENV_SOURCES = ['os-env', 'env-file', 'default'] as const;
export const goEnvSourceSchema = z.enum(GOENV_SOURCES);
export type GoEnvSource = z.infer<typeof goEnvSourceSchema>;

export const goEnvVarSchema = z.object({
  value: z.string(),
  source: goEnvSourceSchema,
  /** The raw value in the user's go env file, when the file sets this variable. */
  fileValue: z.string().optional(),
  /** The value in the process environment, when it is set and not empty. */
  osValue: z.string().optional(),
});
export type GoEnvVar = z.infer<typeof goEnvVarSchema>;

export const goEnvReportSchema = z.object({
  go: z.object({ path: z.string(), version: z.string() }).nullable(),
  /** Where `go env -w` writes; null when GOENV=off. */
  envFile: z.string().nullable(),
  vars: z.record(z.string(), goEnvVarSchema),
  /** go was found but `go env -json` failed: its own message. Values then come from the file and OS. */
  goError: z.string().optional(),
});
export type GoEnvReport = z.infer<typeof goEnvReportSchema>;

export const contract = {
  channels: {
    'goenv:read': { input: noInput, output: goEnvReportSchema },
  },
  events: {
    'state:changed': z.object({ area: z.enum(['goenv']) }).strict(),
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

/** What the preload exposes as `window.goproxy` (and the test bridge imitates). */
export interface GoproxyApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export type { Channel, EventName } from './channels';
