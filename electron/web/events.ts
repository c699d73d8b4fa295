import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import type { Services } from '../services';

/** The services' events as the window gets them (state changes, probe progress), for one listener. */
export function forwardServiceEvents(
  services: Services,
  send: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
): () => void {
  const stops = [
    services.probe.onProgress((progress) => send('probe:progress', progress)),
    services.events.onStateChanged((area) => send('state:changed', { area })),
  ];
  return () => stops.forEach((stop) => stop());
}
