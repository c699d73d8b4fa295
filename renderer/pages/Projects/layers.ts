import type { DoctorFinding, ProjectLayersResult } from '../../../shared/contract';

export type ProjectLayer = ProjectLayersResult['layers'][number];

/** The variables `projects:apply` writes, in the order the form offers them. */
export const APPLY_KEYS = [
  'GOPROXY',
  'GOPRIVATE',
  'GONOSUMDB',
  'GONOPROXY',
  'GOSUMDB',
  'GOFLAGS',
  'GOTOOLCHAIN',
] as const;
export type ApplyKey = (typeof APPLY_KEYS)[number];

/** A context's kind (terminal, editor-tools, make, container, ci) and its name (a stage, a job). */
export function splitContext(context: string): { kind: string; name: string } {
  const colon = context.indexOf(':');
  return colon < 0
    ? { kind: context, name: '' }
    : { kind: context.slice(0, colon), name: context.slice(colon + 1) };
}

const KIND_ORDER = ['terminal', 'editor-tools', 'make', 'container', 'ci'];
const kindRank = (context: string) => {
  const rank = KIND_ORDER.indexOf(splitContext(context).kind);
  return rank < 0 ? KIND_ORDER.length : rank;
};

export interface ContextGroup {
  context: string;
  layers: ProjectLayer[];
  effective: Record<string, { value: string; from: string }>;
}

/**
 * The layers by context, the builds on this machine first (terminal, editor, make), then containers and
 * CI jobs by name; within a context in file and line order, as go would meet them.
 */
export function groupByContext(result: ProjectLayersResult): ContextGroup[] {
  const contexts = new Set([...result.layers.map((l) => l.context), ...Object.keys(result.effective)]);
  return [...contexts]
    .sort((a, b) => kindRank(a) - kindRank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((context) => ({
      context,
      layers: result.layers
        .filter((l) => l.context === context)
        .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
      effective: result.effective[context] ?? {},
    }));
}

/** The answer in two numbers: files that set a Go module variable, and the builds they set up. */
export function layerSummary(result: ProjectLayersResult): { files: number; builds: number } {
  return {
    files: new Set(result.layers.map((l) => l.file)).size,
    builds: new Set(result.layers.map((l) => l.context)).size,
  };
}

const findingKey = (f: DoctorFinding) => `${f.id}\n${f.title}`;

/**
 * The findings a project adds to the checklist: those of a run with the project that a run without it
 * (same language, no probing) does not have. This catches every kind the doctor makes of a project —
 * its files' own rules (project-*), each build's settings judged (titles prefixed with the context),
 * and machine rules fed by the project (its go.mod's private paths) — without knowing their ids; the
 * doctor itself drops a build's finding that this machine has too by the same key.
 */
export function projectOnly(withProject: DoctorFinding[], machine: DoctorFinding[]): DoctorFinding[] {
  const seen = new Set(machine.map(findingKey));
  return withProject.filter((f) => !seen.has(findingKey(f)));
}
