import type { HandlerTable } from './dispatch';
import type { Services } from './services';

/** The handler table: one function per contract channel, each a thin call into a service. */
export function createHandlers(services: Services): HandlerTable {
  return {
    'goenv:read': () => services.goenv.read(),
    'goenv:write': (request) => services.goenv.write(request),
    'goenv:undo': () => services.goenv.undo(),
    'goenv:history': () => services.goenv.history(),
    'route:explain': (request) => services.goenv.route(request),
    'goenv:use': (request) => services.goenv.use(request),
    'probe:run': (request) => services.probe.run(request),
    'probe:cancel': async ({ runId }) => ({ cancelled: services.probe.cancel(runId) }),
    'history:read': (request) => services.probe.history(request),
  };
}
