import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ProjectApplyRequest } from '../../../shared/contract';
import { parseGoProxy } from '../../../shared/go/goproxy';
import { parseGoSumDb } from '../../../shared/go/gosumdb';
import { AppError } from '../../dispatch';
import type { Host } from '../host';
import { GO_ENV_BLOCK, shellQuote, withBlock } from '../netproxy/env-unix';
import {
  byteTextOf,
  byteTextOfUtf8,
  bytesOfByteText,
  fileDriver,
  fileSteps,
  textOf,
} from '../netproxy/file-driver';
import { Journal } from '../netproxy/journal';
import type { PlannedScope } from '../netproxy/engine';
import { isModuleVar, MODULE_VARS } from './settings';
import { planVscodeToolsEnv } from './vscode';

/**
 * `project apply`: Go's module settings written into a project's own files, the two a tool may own
 * part of — a managed block in direnv's .envrc, the keys of go.toolsEnvVars in .vscode/settings.json
 * — as one journaled transaction per change through the netproxy engine (the safe writer, a snapshot
 * first, undone by `project restore`). Dockerfiles, compose and CI files are the team's: they get no
 * writer (`--to` refuses them); the checklist's evidence says what to change there.
 */

/** Each project has its own journal, so that restoring one never touches another. */
export function projectJournal(host: Pick<Host, 'dataDir' | 'now'>, dir: string): Journal {
  const id = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16);
  return new Journal(host, `project-journal-${id}.json`);
}

function checkValue(key: string, value: string): void {
  // eslint-disable-next-line no-control-regex -- what a line of a file cannot hold
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new AppError(
      'invalid-input',
      `${key}: the value holds a control character (a newline?); nothing was written.`,
    );
  }
  const checked =
    key === 'GOPROXY' ? parseGoProxy(value) : key === 'GOSUMDB' && value !== '' ? parseGoSumDb(value) : null;
  if (checked !== null && !checked.ok) {
    throw new AppError(
      'invalid-input',
      `go would reject ${key}=${value}: ${checked.error}. Nothing was written.`,
    );
  }
}

/** The .envrc block: one `export` per variable, in MODULE_VARS order. */
function envrcBlock(values: ReadonlyMap<string, string>): string | null {
  if (values.size === 0) return null;
  const lines = [
    GO_ENV_BLOCK.begin,
    '# Written by GoProxy Desk (`goproxy-desk project restore` takes it back). Run `direnv allow` after a change.',
    ...MODULE_VARS.filter((k) => values.has(k)).map((k) => `export ${k}=${shellQuote(values.get(k)!)}`),
    GO_ENV_BLOCK.end,
    '',
  ];
  return lines.join('\n');
}

/** What our block in an .envrc exports now (to keep the keys a request does not name). */
function blockValues(text: string | null): Map<string, string> {
  const values = new Map<string, string>();
  if (text === null) return values;
  const begin = text.indexOf(GO_ENV_BLOCK.begin);
  const end = text.indexOf(GO_ENV_BLOCK.end);
  if (begin < 0 || end < begin) return values;
  for (const line of text.slice(begin, end).split(/\r?\n/)) {
    const m = /^export ([A-Za-z_][A-Za-z0-9_]*)='((?:[^']|'\\'')*)'$/.exec(line);
    if (m) values.set(m[1]!, m[2]!.replace(/'\\''/g, "'"));
  }
  return values;
}

export async function planProjectWrite(host: Host, request: ProjectApplyRequest): Promise<PlannedScope[]> {
  const dir = path.resolve(request.dir);
  if ((await host.listDir(dir).catch(() => null)) === null) {
    throw new AppError(
      'invalid-input',
      `${dir} does not exist or is not a folder: name the project's folder.`,
    );
  }
  const entries = Object.entries(request.set);
  if (entries.length === 0) throw new AppError('invalid-input', 'Name at least one KEY=VALUE to write.');
  for (const [key, value] of entries) {
    if (!isModuleVar(key)) {
      throw new AppError(
        'invalid-input',
        `${key} is not one of the variables go reads for modules (${MODULE_VARS.join(', ')}); nothing was written.`,
      );
    }
    if (value !== null) checkValue(key, value);
  }

  if (request.to === 'vscode') {
    const file = path.join(dir, '.vscode', 'settings.json');
    const before = await fileDriver.read(host, { path: file });
    const after = planVscodeToolsEnv(textOf(before), Object.fromEntries(entries));
    const steps = await fileSteps(host, 'project', file, after, { before, mode: 0o644 });
    return [{ scope: 'project', plan: { steps, notify: [], warnings: [], conflicts: [] } }];
  }

  const file = path.join(dir, '.envrc');
  const before = await fileDriver.read(host, { path: file });
  const current = byteTextOf(before);
  const values = blockValues(current === null ? null : Buffer.from(current, 'latin1').toString('utf8'));
  for (const [key, value] of entries) {
    if (value === null) values.delete(key);
    else values.set(key, value);
  }
  const block = envrcBlock(values);
  const after = withBlock(current, block === null ? null : byteTextOfUtf8(block), '.envrc', GO_ENV_BLOCK);
  const steps = (await fileSteps(host, 'project', file, bytesOfByteText(after), { before, mode: 0o644 })).map(
    (step) => (step.place.driver === 'file' ? { ...step, merge: { kind: 'envrc-block' } } : step),
  );
  return [
    {
      scope: 'project',
      plan: {
        steps,
        notify: [],
        // direnv runs no .envrc it has not been allowed to since its last change.
        warnings:
          steps.length > 0 ? [`direnv loads the changed .envrc only after \`direnv allow ${dir}\``] : [],
        conflicts: [],
      },
    },
  ];
}
