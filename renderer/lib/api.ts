import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  IpcError,
} from '../../shared/contract';

/** Raised by `call` when main answers `{ ok: false }`; `error.code` picks the translated message. */
export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** Calls a contract channel and returns its value, or throws ApiError. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await window.goproxy.invoke(channel, input);
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
  return window.goproxy.on(event, listener);
}
