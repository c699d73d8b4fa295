import type { ProjectsScanResult } from '../../../shared/contract';
import { isKnownPublicHost, isPublicMirrorHost, privateLook } from '../doctor/hosts';
import { gatherProjects, type GitRemote, type ProjectFacts } from '../doctor/projects';
import type { Host } from '../host';

/**
 * The user's project folders, read for the wizard and the environment page: each module's path and
 * what it requires, and GOPRIVATE patterns for the hosts that look private. Offline, like the doctor:
 * a host is judged from its name and from the user's own git remotes, never by asking the network,
 * and a host that may serve public modules (any public code host, any vanity domain without evidence)
 * is never suggested, because GOPRIVATE would take its modules off the mirror and the checksum database.
 */
export interface ProjectsService {
  scan(dirs: readonly string[]): Promise<ProjectsScanResult>;
}

/** The first element of a module path when go would fetch it over the network (it has a dot). */
function fetchableHost(modulePath: string): string | null {
  const first = modulePath.split('/')[0] ?? '';
  return first.includes('.') ? first : null;
}

const privateRemoteHost = (remote: GitRemote | undefined): boolean =>
  remote !== undefined && remote.host !== null && !isKnownPublicHost(remote.host);

/** Hosts whose modules should be private, from the facts alone (see the service's comment). */
function privateHosts(facts: ProjectFacts): Set<string> {
  const remoteHosts = new Set(
    facts.modules.flatMap((m) => m.remotes.flatMap((r) => (privateRemoteHost(r) ? [r.host!] : []))),
  );
  const candidate = (host: string): boolean => !isKnownPublicHost(host) && !isPublicMirrorHost(host);
  const hosts = new Set<string>();
  for (const module of facts.modules) {
    // A module kept in a repository on a private git server makes its whole host private.
    const own = module.module ? fetchableHost(module.module.path) : null;
    const origin = module.remotes.find((r) => r.name === 'origin') ?? module.remotes[0];
    if (own !== null && candidate(own) && privateRemoteHost(origin)) hosts.add(own);
    const paths = [...(module.module ? [module.module.path] : []), ...module.requires.map((r) => r.path)];
    for (const path of paths) {
      const host = fetchableHost(path);
      if (host === null || !candidate(host)) continue;
      if (privateLook(host) !== null || remoteHosts.has(host.toLowerCase())) hosts.add(host);
    }
  }
  return hosts;
}

function summarizeProjects(facts: ProjectFacts): ProjectsScanResult {
  const projects: ProjectsScanResult['projects'] = [];
  for (const note of facts.notes) {
    if (note.code === 'missing' || note.code === 'not-go' || note.code === 'unreadable')
      projects.push({ dir: note.dir, module: null, requires: [], error: note.message });
  }
  for (const module of facts.modules) {
    projects.push({
      dir: module.dir,
      module: module.module?.path ?? null,
      requires: [...new Set(module.requires.map((r) => r.path))],
      ...(module.module === null
        ? { error: module.problems[0] ?? `${module.file} has no module statement` }
        : {}),
    });
  }
  const hosts = privateHosts(facts);
  const byHost = new Map<string, Set<string>>();
  for (const project of projects) {
    for (const path of [...(project.module ? [project.module] : []), ...project.requires]) {
      const host = fetchableHost(path);
      if (host === null || !hosts.has(host)) continue;
      const modules = byHost.get(host) ?? new Set<string>();
      modules.add(path);
      byHost.set(host, modules);
    }
  }
  const suggestions = [...byHost]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pattern, modules]) => ({ pattern, modules: [...modules].sort() }));
  return { projects, suggestions };
}

export function createProjectsService(host: Host): ProjectsService {
  return {
    scan: async (dirs) => summarizeProjects(await gatherProjects(host, [...dirs])),
  };
}
