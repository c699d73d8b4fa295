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
    'goenv:toolchain': (request) => services.goenv.toolchain(request),
    'goenv:use': (request) => services.goenv.use(request),
    'probe:run': (request) => services.probe.run(request),
    'probe:cancel': async ({ runId }) => ({ cancelled: services.probe.cancel(runId) }),
    'history:read': (request) => services.probe.history(request),
    'netproxy:read': () => services.netproxy.read(),
    'netproxy:apply': (request) => services.netproxy.apply(request),
    'netproxy:restore': (request) => services.netproxy.restore(request),
    'netproxy:test': (request) => services.netproxy.check(request),
    'sumdb:verify': (request) => services.sumdb.verify(request),
    'doctor:run': (request) => services.doctor.run(request),
    'doctor:fix': (request) => services.doctor.fix(request),
    'profiles:list': () => services.profiles.list(),
    'profiles:save': ({ profile, replace }) => services.profiles.save(profile, { replace: replace ?? false }),
    'profiles:delete': ({ name }) => services.profiles.remove(name),
    'profiles:apply': ({ name, dryRun }) => services.profiles.apply(name, { dryRun: dryRun ?? false }),
    'profiles:export': ({ names }) => services.profiles.export(names),
    'profiles:import': ({ document, replace }) =>
      services.profiles.import(document, { replace: replace ?? false }),
    'settings:read': () => services.settings.read(),
    'settings:write': ({ patch }) => services.settings.write(patch),
    'mirrors:list': () => services.mirrors.list(),
    'mirrors:add': (request) => services.mirrors.add(request),
    'mirrors:remove': ({ id }) => services.mirrors.remove(id),
    'goenv:download': (request) => services.goenv.download(request),
    'goenv:cancel': async ({ runId }) => ({ cancelled: services.goenv.cancel(runId) }),
    'projects:scan': ({ dirs }) => services.projects.scan(dirs),
    'projects:layers': ({ dir }) => services.projects.layers(dir),
    'netproxy:detect': (request) => services.netproxy.detect(request),
    'projects:apply': (request) => services.projects.apply(request),
    'projects:restore': ({ dir, dryRun }) => services.projects.restore(dir, dryRun === true),
    'dialog:pickFolder': async () => ({ path: await services.dialog.pickFolder() }),
  };
}
