import type {
  GoEnvReport,
  NetProxyChangeResult,
  NetProxyRestoreResult,
  ProfileList,
  ProjectApplyRequest,
  ProjectLayersResult,
  ProjectsScanResult,
} from '../../../shared/contract';
import { gatherProjects, type ProjectFacts } from '../doctor/projects';
import { privatePaths } from '../doctor/rules-integrity';
import { maskSecrets } from '../doctor/credentials';
import type { Host } from '../host';
import { applyPlans, restoreTransactions } from '../netproxy/engine';
import { effectiveByContext, readProjectLayers } from './scan';
import { AppError } from '../../dispatch';
import { isModuleVar } from './settings';
import { planProjectWrite, projectJournal } from './write';

/**
 * The user's project folders, read for the wizard and the environment page: each module's path and
 * what it requires, and GOPRIVATE patterns for the hosts that look private. Offline, like the doctor:
 * a host is judged from its name and from the user's own git remotes, never by asking the network,
 * and a host that may serve public modules (any public code host, any vanity domain without evidence)
 * is never suggested, because GOPRIVATE would take its modules off the mirror and the checksum database.
 */
export interface ProjectsService {
  scan(dirs: readonly string[]): Promise<ProjectsScanResult>;
  /**
   * The settings of Go's module variables in a project's own files (.envrc, editors, Dockerfiles,
   * compose, CI, Makefile), and each context's resulting values over this machine's go env.
   */
  layers(dir: string): Promise<ProjectLayersResult>;
  /** Writes Go's module settings into the project's .envrc block or VS Code's go.toolsEnvVars, journaled. */
  apply(request: ProjectApplyRequest): Promise<NetProxyChangeResult>;
  /** Takes back every `apply` to this project, newest first, byte for byte. */
  restore(dir: string, dryRun: boolean): Promise<NetProxyRestoreResult>;
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

/**
 * A profile applied to a project: its module variables (set, and unset as removals), then the
 * request's own values; variables that are not module settings (GOPATH...) are not the project's.
 */
async function withProfile(
  request: ProjectApplyRequest,
  readProfiles: () => Promise<ProfileList>,
): Promise<ProjectApplyRequest> {
  const profile = (await readProfiles()).profiles.find((p) => p.name === request.profile);
  if (profile === undefined) {
    throw new AppError(
      'invalid-input',
      `There is no profile named "${request.profile}" (goproxy-desk profile list).`,
    );
  }
  const set: Record<string, string | null> = {};
  for (const key of profile.goenv.unset) if (isModuleVar(key)) set[key] = null;
  for (const [key, value] of Object.entries(profile.goenv.set)) if (isModuleVar(key)) set[key] = value;
  if (Object.keys(set).length === 0 && Object.keys(request.set).length === 0) {
    throw new AppError(
      'invalid-input',
      `The profile "${profile.name}" sets no module variable (GOPROXY, GOPRIVATE, GOSUMDB...): nothing to write to the project.`,
    );
  }
  return { ...request, set: { ...set, ...request.set } };
}

export function createProjectsService(
  host: Host,
  readGoEnv: () => Promise<GoEnvReport>,
  readProfiles: () => Promise<ProfileList>,
): ProjectsService {
  return {
    scan: async (dirs) => summarizeProjects(await gatherProjects(host, [...dirs])),
    async layers(dir) {
      const found = await readProjectLayers(host, dir);
      const effective = effectiveByContext(found.layers, await readGoEnv(), host.env);
      // Passwords as go prints them (xxxxx), and user names that are tokens: nothing secret leaves.
      for (const values of Object.values(effective)) {
        for (const v of Object.values(values)) v.value = maskSecrets(v.value);
      }
      return {
        dir: found.dir,
        isFolder: found.isFolder,
        layers: found.layers.map((s) => ({
          file: s.file,
          line: s.line,
          key: s.key,
          value: maskSecrets(s.value),
          context: s.context,
          how: s.how,
          ...(s.goVersion !== undefined ? { goVersion: s.goVersion } : {}),
        })),
        effective,
        files: found.files,
        problems: found.problems.map((p) => ({ ...p, message: maskSecrets(p.message) })),
      };
    },
    async apply(input) {
      const request = input.profile === undefined ? input : await withProfile(input, readProfiles);
      const planned = await planProjectWrite(host, request);
      const keys = Object.entries(request.set)
        .map(([k, v]) => (v === null ? `-${k}` : `${k}=${v}`))
        .join(' ');
      return applyPlans(host, projectJournal(host, request.dir), planned, {
        kind: 'apply',
        summary: `project apply --to ${request.to} ${keys} (${request.dir})`,
        redact: maskSecrets,
        ...(request.dryRun ? { dryRun: true } : {}),
      });
    },
    restore: (dir, dryRun) =>
      restoreTransactions(host, projectJournal(host, dir), { all: true, dryRun }, maskSecrets),
  };
}
