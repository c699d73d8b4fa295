import type { HandlerTable } from './dispatch';
import type { Services } from './services';

/** The handler table: one function per contract channel, each a thin call into a service. */
export function createHandlers(services: Services): HandlerTable {
  return {
    'goenv:read': () => services.goenv.read(),
  };
}
