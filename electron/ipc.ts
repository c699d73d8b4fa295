import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventName } from '../shared/channels';
import { contract, type EventPayload } from '../shared/contract';
import { dispatch, failure, type HandlerTable } from './dispatch';
import { isTrustedRendererUrl } from './security';

/**
 * Binds the handler table to ipcMain behind one channel. Each call is checked for its sender (a frame
 * of one of our windows showing our page) before dispatch validates the channel and the payload.
 */
export function bindIpc(
  handlers: HandlerTable,
  rendererUrl: string,
  isOurWindow: (wc: WebContents) => boolean,
): void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isOurWindow(event.sender) || !isTrustedRendererUrl(frameUrl, rendererUrl)) {
      return failure('forbidden', 'IPC from an untrusted sender was refused.');
    }
    return dispatch(handlers, channel, input);
  });
}

/** Sends an event to a window after checking its payload against the contract. */
export function emit<E extends EventName>(target: WebContents, event: E, payload: EventPayload<E>): void {
  const parsed = contract.events[event].parse(payload);
  target.send(IPC_EVENT, event, parsed);
}
