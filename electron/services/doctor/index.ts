import type {
  DoctorFixRequest,
  DoctorFixResult,
  DoctorReport,
  DoctorRunRequest,
  TransactionSummary,
} from '../../../shared/contract';
import type { Language } from '../../../shared/i18n';
import { AppError } from '../../dispatch';
import type { GoEnvService } from '../goenv';
import type { Host } from '../host';
import type { NetProxyService } from '../netproxy';
import { redactor } from '../netproxy/settings';
import type { ProbeService } from '../probe';
import type { SumdbService } from '../sumdb';
import { checksumRules, gatherChecksums } from './checksums';
import { evaluate, render, type RawFinding } from './engine';
import { gatherGo } from './gather';
import { gatherNetwork } from './network';
import { gatherNginx } from './nginx';
import { gatherProjects } from './projects';
import { integrityRules } from './rules-integrity';
import { networkRules } from './rules-network';
import { osProxyRules } from './rules-os-proxy';
import { readOsProxyConfig } from '../netproxy/os-proxy';
import { nginxRules } from './rules-nginx';
import { syntaxRules } from './rules-syntax';
import { toolchainRules } from './rules-toolchain';
import { layerFindings, projectFileFindings } from './layers';
import { SEVERITIES, type Facts, type FixSpec, type Rule } from './types';
import { readProjectLayers } from '../projects/scan';

/**
 * The misconfiguration checklist (DESIGN §7): gather the facts once (go's settings, the projects,
 * nginx configs, live checks), run every rule over them, and offer each safe fix with a preview of
 * exactly what it would change. Fixes go through the existing services, so a go env fix is a
 * snapshot `goproxy-desk undo` reverts and a network fix a journal entry `proxy restore` takes back.
 */
export const RULES: readonly Rule[] = [
  ...syntaxRules,
  ...toolchainRules,
  ...integrityRules,
  ...checksumRules,
  ...networkRules,
  ...osProxyRules,
  ...nginxRules,
];

export interface DoctorService {
  run(request: DoctorRunRequest): Promise<DoctorReport>;
  fix(request: DoctorFixRequest): Promise<DoctorFixResult>;
}

export interface DoctorDependencies {
  goenv: GoEnvService;
  probe: ProbeService;
  netproxy: NetProxyService;
  sumdb: SumdbService;
}

function ruleFailureFinding(failures: string[], language: Language): DoctorReport['findings'] {
  if (failures.length === 0) return [];
  return [
    {
      id: 'doctor-rule-failed',
      family: 'syntax',
      severity: 'warning',
      title: language === 'zh-CN' ? '部分检查未能完成' : 'Some checks could not run',
      detail:
        language === 'zh-CN'
          ? '以下检查出错，结果可能不完整。这是 GoProxy Desk 的缺陷，请报告。'
          : 'These checks failed, so the list may be incomplete. This is a bug in GoProxy Desk; please report it.',
      remedy: language === 'zh-CN' ? '请附上证据报告此问题。' : 'Please report this with the evidence.',
      evidence: failures,
    },
  ];
}

/** A fix writes the real value (a GOPROXY password included); what is shown of it never does. */
const hide = redactor(null);
const changeLine = (c: { key: string; from: string | null; to: string | null }): string =>
  hide(`${c.key}: ${c.from ?? '(not set)'} → ${c.to ?? '(not set)'}`);

export function createDoctorService(host: Host, deps: DoctorDependencies): DoctorService {
  const gather = async (request: DoctorRunRequest): Promise<Facts> => {
    const probe = request.probe ?? true;
    const projects = request.projects ?? [];
    const nginx = request.nginx ?? [];
    const go = await gatherGo(host, deps.goenv);
    const [projectFacts, nginxFacts, network, checksums, osProxy] = await Promise.all([
      projects.length > 0 ? gatherProjects(host, projects) : null,
      nginx.length > 0 ? gatherNginx(host, nginx, { live: probe }) : null,
      probe ? gatherNetwork(host, go, { probe: deps.probe }) : null,
      probe ? gatherChecksums(go, deps.sumdb) : null,
      // The OS proxy with its PAC script fetched and run: live, like the other network checks.
      probe ? deps.netproxy.detect({}).catch(() => null) : null,
    ]);
    const osProxyConfig = osProxy === null ? await readOsProxyConfig(host).catch(() => null) : null;
    return { go, projects: projectFacts, nginx: nginxFacts, network, checksums, osProxy, osProxyConfig };
  };

  const preview = async (fix: FixSpec): Promise<string> => {
    try {
      if (fix.action.kind === 'goenv') {
        const result = await deps.goenv.write({
          ...(fix.action.set ? { set: fix.action.set } : {}),
          ...(fix.action.unset ? { unset: fix.action.unset } : {}),
          dryRun: true,
        });
        return result.changed.map(changeLine).join('\n');
      }
      const result = await deps.netproxy.apply({ ...fix.action.request, dryRun: true });
      return result.steps.map((s) => `${s.scope}: ${s.action} ${s.place}`).join('\n');
    } catch (error) {
      return `(cannot be previewed: ${(error as Error).message})`;
    }
  };

  const report = async (request: DoctorRunRequest): Promise<{ report: DoctorReport; raw: RawFinding[] }> => {
    const startedAt = new Date(host.now()).toISOString();
    const language = request.language ?? 'en';
    const facts = await gather(request);
    const { raw, failures } = evaluate(RULES, facts);
    const machine = await Promise.all(
      raw.map(async (r) => render(r, language, r.hit.fix ? await preview(r.hit.fix) : undefined)),
    );
    // Each project's own files (.envrc, editors, Dockerfiles, CI...): the builds they set up, judged too.
    const layers = await Promise.all(
      (request.projects ?? []).map(async (dir) => ({ dir, found: await readProjectLayers(host, dir) })),
    );
    const findings = [
      ...machine,
      ...projectFileFindings(layers, language),
      ...layerFindings(facts, layers, machine, language),
      ...ruleFailureFinding(failures, language),
    ].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    return {
      raw,
      report: {
        startedAt,
        findings,
        counts,
        checked: {
          go: facts.go.report.go,
          projects: request.projects ?? [],
          nginx: request.nginx ?? [],
          probed: facts.network !== null,
        },
      },
    };
  };

  return {
    run: async (request) => (await report(request)).report,

    async fix(request) {
      const language = request.language ?? 'en';
      const { raw } = await report(request);
      const chosen: FixSpec[] = [];
      for (const id of new Set(request.ids)) {
        const fixes = raw.flatMap((r) => (r.hit.fix?.id === id ? [r.hit.fix] : []));
        if (fixes.length === 0) {
          throw new AppError(
            'invalid-input',
            `no finding offers the fix "${id}" now (run \`goproxy-desk doctor\` to see the fixes available)`,
          );
        }
        chosen.push(...fixes);
      }
      // Every go env fix in one write: one snapshot, one `undo`.
      const set = new Map<string, string>();
      const unset = new Set<string>();
      const netproxy: FixSpec[] = [];
      for (const fix of chosen) {
        if (fix.action.kind === 'netproxy') {
          netproxy.push(fix);
          continue;
        }
        for (const assignment of fix.action.set ?? []) {
          const key = assignment.slice(0, assignment.indexOf('='));
          if (set.has(key) && set.get(key) !== assignment) {
            throw new AppError(
              'invalid-input',
              `two of the chosen fixes change ${key} differently; apply them one at a time`,
            );
          }
          set.set(key, assignment);
        }
        for (const key of fix.action.unset ?? []) unset.add(key);
      }
      const dryRun = request.dryRun ?? false;
      const lines: string[] = [];
      const warnings: string[] = [];
      let goenvSnapshot: DoctorFixResult['goenvSnapshot'] = null;
      if (set.size > 0 || unset.size > 0) {
        const result = await deps.goenv.write({
          ...(set.size > 0 ? { set: [...set.values()] } : {}),
          ...(unset.size > 0 ? { unset: [...unset] } : {}),
          dryRun,
        });
        lines.push(...result.changed.map(changeLine));
        warnings.push(...result.warnings.map(hide));
        goenvSnapshot = result.snapshot;
      }
      const transactions: TransactionSummary[] = [];
      for (const fix of netproxy) {
        if (fix.action.kind !== 'netproxy') continue;
        const result = await deps.netproxy.apply({ ...fix.action.request, dryRun });
        lines.push(...result.steps.map((s) => `${s.scope}: ${s.action} ${s.place}`));
        warnings.push(...result.warnings);
        if (result.transaction) transactions.push(result.transaction);
      }
      const after = (await report(request)).report;
      return {
        dryRun,
        applied: chosen.map((f) => ({ id: f.id, summary: f.summary[language] })),
        goenvSnapshot,
        netproxyTransactions: transactions,
        preview: lines.join('\n'),
        warnings,
        report: after,
      };
    },
  };
}
