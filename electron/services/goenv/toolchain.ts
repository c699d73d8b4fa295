import path from 'node:path';
import type { GoEnvReport, ToolchainReport, ToolchainRequest } from '../../../shared/contract';
import { planRoute, TOOLCHAIN_MODULE } from '../../../shared/go/route';
import { goModLookup, selectToolchain } from '../../../shared/go/toolchain';
import { goFacts } from '../../../shared/go/versions';
import type { Host } from '../host';
import { findUp, readProjectFile, type FileRead } from '../host/files';
import { AppError } from '../../dispatch';
import { effectiveSettings } from './route';
import { walkRoute, type ProxyFetcher } from './route-live';
import { goHostOf } from './validate';

/**
 * Which toolchain go runs for a folder and what a switch costs (DESIGN.md §4b): the installed go, the
 * user's GOTOOLCHAIN, the go.work (else go.mod) lines, then the golang.org/toolchain download through
 * the GOPROXY list with its always-on checksum check. Only reads: no go command runs here, so nothing
 * is downloaded unless `live` asks the mirrors, and then only as go itself would.
 */

export type ToolchainFile = NonNullable<ToolchainReport['file']>;

/**
 * The file go reads the `go`/`toolchain` lines from for `dir`: $GOWORK (unless "off"), else a go.work
 * in the folder or a parent, else the nearest go.mod. Null when there is none; `unreadable` names the
 * file go would read when it cannot be read (a FIFO, no permission...). `found` passes the go.work and
 * go.mod a caller has already looked up from `dir`, so that they are not read twice.
 */
export async function readToolchainFile(
  host: Host,
  dir: string,
  found?: { work: FileRead | null; mod: FileRead | null },
): Promise<{ file: ToolchainFile | null; unreadable: { file: string; error: string } | null }> {
  const p = host.platform === 'win32' ? path.win32 : path.posix;
  const gowork = host.env.GOWORK ?? '';
  const work =
    gowork === 'off'
      ? null
      : gowork !== ''
        ? await readProjectFile(host, p.resolve(dir, gowork))
        : (found?.work ?? (await findUp(host, p, dir, 'go.work')));
  if (work !== null && 'error' in work) return { file: null, unreadable: work };
  const mod = work ?? (found ? found.mod : await findUp(host, p, dir, 'go.mod'));
  if (mod === null) return { file: null, unreadable: null };
  if ('error' in mod) return { file: null, unreadable: mod };
  return {
    file: {
      path: mod.file,
      kind: work !== null ? 'go.work' : 'go.mod',
      go: goModLookup(mod.text, 'go'),
      toolchain: goModLookup(mod.text, 'toolchain'),
    },
    unreadable: null,
  };
}

/** readToolchainFile's file only: null also when it cannot be read. */
export async function toolchainFileFor(host: Host, dir: string): Promise<ToolchainFile | null> {
  return (await readToolchainFile(host, dir)).file;
}

export async function explainToolchain(
  host: Host,
  report: GoEnvReport,
  request: ToolchainRequest,
  fetcher: ProxyFetcher,
): Promise<ToolchainReport> {
  const facts = goFacts(report.go?.version);
  const project = request.project === undefined ? '' : path.resolve(request.project);
  const file = project === '' ? null : await projectToolchainFile(host, project);
  const gotoolchain = report.vars.GOTOOLCHAIN;
  const base: ToolchainReport = {
    go: report.go,
    project,
    gotoolchain:
      facts.toolchains && gotoolchain ? { value: gotoolchain.value, source: gotoolchain.source } : null,
    file,
    mode: null,
    run: null,
    reason: null,
    switches: false,
    required: null,
    download: null,
  };
  if (report.go === null || report.go.version === '') return base;

  const { goos, goarch } = goHostOf(host.platform, process.arch);
  const decision = selectToolchain(facts, {
    local: report.go.version,
    gotoolchain: gotoolchain?.value ?? '',
    file:
      file === null
        ? null
        : { ...file, path: project === '' ? file.path : path.relative(project, file.path) },
    goos,
    goarch,
  });
  if (!decision.ok) return { ...base, error: decision.error };
  const chosen: ToolchainReport = {
    ...base,
    mode: decision.mode,
    run: decision.run,
    reason: decision.reason,
    switches: decision.switches,
    required: decision.required,
    ...(decision.failure !== null ? { error: decision.failure } : {}),
  };
  if (!decision.switches || decision.download === null) {
    if (decision.switches && decision.pathOnly && (await host.which(decision.run)) === null)
      return { ...chosen, error: `go: cannot find ${JSON.stringify(decision.run)} in PATH` };
    return chosen;
  }

  const plan = planRoute(TOOLCHAIN_MODULE, effectiveSettings(report, []), {
    toolchainAlwaysChecksummed: facts.toolchainAlwaysChecksummed,
    ...(host.env.GIT_HTTP_USER_AGENT !== undefined ? { gitHttpUserAgent: host.env.GIT_HTTP_USER_AGENT } : {}),
  });
  const notAvailable = `go: download ${decision.run} for ${goos}/${goarch}: toolchain not available`;
  const download = {
    ...decision.download,
    steps: plan.steps,
    checksum: plan.checksum,
    onPath: (await host.which(decision.run)) === null ? null : decision.run,
  };
  // GOPROXY=off (first) refuses every lookup: go reports the toolchain as not available.
  const error =
    chosen.error ??
    plan.error ??
    (download.onPath === null && plan.steps[0]?.kind === 'off' ? notAvailable : undefined);
  const result: ToolchainReport = { ...chosen, download, ...(error !== undefined ? { error } : {}) };
  if (!request.live || download.onPath !== null || plan.error) return result;
  const live = await walkRoute(
    plan,
    { path: decision.download.module, version: decision.download.version },
    fetcher,
    { listFirst: { notListed: notAvailable } },
  );
  return { ...result, live: { ...live, listed: live.listed ?? null } };
}

/** A project folder the user named: one that is not there, or whose go.mod go cannot read, is an error. */
async function projectToolchainFile(host: Host, dir: string): Promise<ToolchainFile | null> {
  if ((await host.listDir(dir).catch(() => null)) === null) {
    throw new AppError(
      'invalid-input',
      `${dir} does not exist or is not a folder: name the folder of a Go project.`,
    );
  }
  const { file, unreadable } = await readToolchainFile(host, dir);
  if (unreadable !== null) {
    throw new AppError(
      'invalid-input',
      `${unreadable.error.replace(/\.$/, '')}; go reads the go and toolchain lines for ${dir} from it.`,
    );
  }
  return file;
}
