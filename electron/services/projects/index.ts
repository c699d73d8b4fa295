import type { ProjectsScanResult } from '../../../shared/contract';
import { gatherProjects, type ProjectFacts } from '../doctor/projects';
import { privatePaths } from '../doctor/rules-integrity';
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
  // The doctor's judgement of which hosts are private, so the suggestions and its leak findings agree.
  const byHost = new Map<string, Set<string>>();
  for (const { path, host } of privatePaths(facts).paths) {
    const modules = byHost.get(host) ?? new Set<string>();
    modules.add(path);
    byHost.set(host, modules);
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
