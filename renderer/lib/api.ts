import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  IpcError,
  GoproxyApi,
} from '../../shared/contract';
import { createWebApi } from './webApi';

/**
 * The desktop app's preload (or the test bridge) defines window.goproxy; a page served by
 * `goproxy-desk ui` has none and talks HTTP to the server it came from.
 */
let webApi: GoproxyApi | null = null;
const goproxy = (): GoproxyApi => window.goproxy ?? (webApi ??= createWebApi());

/** 'desktop' (tray, notifications, folder picker, login item) or 'browser' (`goproxy-desk ui`). */
export const appMode = (): GoproxyApi['mode'] => goproxy().mode;

/** Raised by `call` when main answers `{ ok: false }`; `error.code` picks the translated message. */
export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** Calls a contract channel and returns its value, or throws ApiError. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await goproxy().invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof ApiError) return error.error;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Listens to a contract event; returns the function that stops listening. */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return goproxy().on(event, listener);
}
