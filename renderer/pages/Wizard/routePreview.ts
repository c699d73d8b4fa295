import type { GoEnvReport } from '../../../shared/contract';
import { checkPath, splitPathVersion } from '../../../shared/go/modpath';
import { planRoute, type ChecksumPlan, type RouteSettings } from '../../../shared/go/route';

/**
 * The settings go would have after the wizard writes GOPROXY and GOPRIVATE: GONOPROXY and GONOSUMDB
 * follow the new GOPRIVATE unless the user set them apart, the rest stays what go reports now.
 */
export function proposedRouteSettings(
  report: GoEnvReport | null,
  goproxy: string,
  goprivate: string,
): RouteSettings {
  const vars = report?.vars ?? {};
  const follows = (key: string) => vars[key] === undefined || vars[key].source === 'default';
  return {
    GOPROXY: goproxy,
    GONOPROXY: follows('GONOPROXY') ? goprivate : vars.GONOPROXY!.value,
    GONOSUMDB: follows('GONOSUMDB') ? goprivate : vars.GONOSUMDB!.value,
    GOSUMDB: vars.GOSUMDB?.value ?? '',
    GOINSECURE: vars.GOINSECURE?.value ?? '',
  };
}

export type RoutePreview =
  | { kind: 'empty' }
  /** Not a module path go accepts: go's own message. */
  | { kind: 'bad-path'; error: string }
  /** go would stop before fetching anything: its message. */
  | { kind: 'invalid'; error: string }
  | { kind: 'direct'; pattern?: string; checksum: ChecksumPlan }
  | { kind: 'proxy'; url: string; checksum: ChecksumPlan }
  | { kind: 'off' };

/** How go would fetch the module the user typed (a version after @ is allowed and ignored). */
export function previewRoute(input: string, settings: RouteSettings): RoutePreview {
  const path = splitPathVersion(input.trim()).path;
  if (path === '') return { kind: 'empty' };
  const bad = checkPath(path);
  if (bad !== null) return { kind: 'bad-path', error: bad };
  const plan = planRoute(path, settings);
  if (plan.error !== undefined) return { kind: 'invalid', error: plan.error };
  const first = plan.steps[0];
  if (!first || first.kind === 'off') return { kind: 'off' };
  if (first.kind === 'proxy') return { kind: 'proxy', url: first.url!, checksum: plan.checksum };
  return { kind: 'direct', ...(first.pattern ? { pattern: first.pattern } : {}), checksum: plan.checksum };
}
