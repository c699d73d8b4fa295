import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Host } from '../host';
import { toGitNoProxyUrls } from './bypass';
import { fileDriver, fileSteps, type FileState } from './file-driver';
import { hasCredentials, redactor } from './settings';
import { DriverError, type Conflict, type ProxySettings, type ScopeAdapter, type ScopePlan } from './types';

/**
 * The 'git' scope: `http.proxy` in the user's global git config (go runs git for direct and private
 * modules), and `http.<url>.proxy = ""` — git's way to say "no proxy for this URL" — for the no-proxy
 * list. git itself edits a copy of the file (`git config --file <copy>`), so the format is git's own;
 * the engine then replaces the real file atomically, which lets the journal keep its exact bytes.
 * No other key is touched.
 */
const PROXY_KEY = 'http.proxy';
const URL_PROXY_KEY = /^http\.(.+)\.proxy$/;

/** The file `git config --global` writes, found as git does. */
export async function globalConfigFile(host: Host): Promise<string> {
  if (host.env.GIT_CONFIG_GLOBAL) return path.resolve(host.env.GIT_CONFIG_GLOBAL);
  const home = path.join(host.homedir, '.gitconfig');
  if ((await host.readText(home)) !== null) return home;
  const xdg =
    host.env.XDG_CONFIG_HOME && path.isAbsolute(host.env.XDG_CONFIG_HOME)
      ? host.env.XDG_CONFIG_HOME
      : path.join(host.homedir, '.config');
  const xdgFile = path.join(xdg, 'git', 'config');
  if ((await host.readText(xdgFile)) !== null) return xdgFile;
  return home;
}

async function git(host: Host, gitPath: string, args: string[], okCodes: number[] = [0]): Promise<string> {
  const result = await host.run(gitPath, args, {
    env: { ...host.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
  });
  if (result.code === null || !okCodes.includes(result.code)) {
    throw new DriverError(`git ${args.join(' ')} failed: ${result.stderr.trim() || `exit ${result.code}`}`, [
      'git',
      ...args,
    ]);
  }
  return result.stdout;
}

/**
 * Runs `edit` on a throw-away copy of the config file's bytes and gives the bytes git left: as bytes,
 * so that a config that is not UTF-8 (a Latin-1 comment, say) keeps every byte git did not change.
 */
async function editCopy(bytes: Buffer | null, edit: (file: string) => Promise<void>): Promise<Buffer | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'goproxy-desk-git-'));
  const file = path.join(dir, 'config');
  try {
    await writeFile(file, bytes ?? '', { mode: 0o600 });
    await edit(file);
    const after = await readFile(file);
    return bytes === null && after.length === 0 ? null : after;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every `http.*proxy` key in a config file, with its values (-z: keys and values can hold anything). */
async function proxyKeys(host: Host, gitPath: string, file: string): Promise<Map<string, string[]>> {
  const out = await git(
    host,
    gitPath,
    ['config', '--file', file, '--null', '--get-regexp', '^http\\.(.+\\.)?proxy$'],
    [0, 1],
  );
  const keys = new Map<string, string[]>();
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const newline = record.indexOf('\n');
    const key = newline === -1 ? record : record.slice(0, newline);
    const value = newline === -1 ? '' : record.slice(newline + 1);
    keys.set(key, [...(keys.get(key) ?? []), value]);
  }
  return keys;
}

async function removeEmptyHttpSection(host: Host, gitPath: string, file: string): Promise<void> {
  const rest = await git(
    host,
    gitPath,
    ['config', '--file', file, '--null', '--get-regexp', '^http\\.[^.]+$'],
    [0, 1],
  );
  if (rest === '') await git(host, gitPath, ['config', '--file', file, '--remove-section', 'http'], [0, 128]);
}

const bytesOf = (state: FileState): Buffer | null =>
  state.bytes === null ? null : Buffer.from(state.bytes, 'base64');

export function gitAdapter(host: Host): ScopeAdapter {
  const gitPath = () => host.which('git');
  return {
    scope: 'git',
    variant: 'git',
    unavailable: async () => ((await gitPath()) === null ? 'git is not installed (not found on PATH)' : null),

    async read() {
      const g = await gitPath();
      const file = await globalConfigFile(host);
      if (g === null) {
        return {
          scope: 'git',
          source: fileDriver.describe({ path: file }, host),
          http: null,
          https: null,
          noProxy: null,
          available: false,
          note: 'git is not installed',
          conflicts: [],
        };
      }
      const redact = redactor(null);
      const keys =
        (await host.readText(file)) === null ? new Map<string, string[]>() : await proxyKeys(host, g, file);
      const proxy = keys.get(PROXY_KEY)?.at(-1) ?? null;
      const bypass = [...keys]
        .filter(([k, v]) => URL_PROXY_KEY.test(k) && v.at(-1) === '')
        .map(([k]) => URL_PROXY_KEY.exec(k)![1]!);
      return {
        scope: 'git',
        source: fileDriver.describe({ path: file }, host),
        http: proxy === null ? null : redact(proxy),
        https: proxy === null ? null : redact(proxy),
        noProxy: bypass.length > 0 ? bypass.join(',') : null,
        available: true,
        conflicts: await otherOrigins(host, g, file),
      };
    },

    async plan(desired: ProxySettings | null): Promise<ScopePlan> {
      const g = await gitPath();
      if (g === null) throw new DriverError('git is not installed (not found on PATH)');
      const file = await globalConfigFile(host);
      const before = await fileDriver.read(host, { path: file });
      const warnings: string[] = [];
      const touched = new Set<string>();
      const after = await editCopy(bytesOf(before), async (copy) => {
        const existing = await proxyKeys(host, g, copy);
        if (desired) {
          // git has one proxy for http and https remotes; go reaches modules over https.
          const proxy = desired.https ?? desired.http!;
          if (desired.http && desired.https && desired.http.href !== desired.https.href) {
            warnings.push(
              `git uses one proxy for http and https remotes; it gets the https one (${desired.https.display})`,
            );
          }
          if (existing.get(PROXY_KEY)?.length !== 1 || existing.get(PROXY_KEY)?.[0] !== proxy.href) {
            await git(host, g, ['config', '--file', copy, '--replace-all', PROXY_KEY, proxy.href]);
          }
          touched.add(PROXY_KEY);
          const bypass = toGitNoProxyUrls(desired.noProxy);
          warnings.push(...bypass.warnings);
          for (const url of bypass.value) {
            const key = `http.${url}.proxy`;
            touched.add(key);
            const values = existing.get(key);
            if (values?.length === 1 && values[0] === '') continue;
            await git(host, g, ['config', '--file', copy, '--replace-all', key, '']);
          }
        } else {
          for (const [key, values] of existing) {
            // Our no-proxy entries are the empty ones; a URL-specific proxy the user set stays.
            if (key === PROXY_KEY || (URL_PROXY_KEY.test(key) && values.every((v) => v === ''))) {
              await git(host, g, ['config', '--file', copy, '--unset-all', key], [0, 5]);
              touched.add(key);
            }
          }
          if (touched.size > 0) await removeEmptyHttpSection(host, g, copy);
        }
      });
      if (hasCredentials(desired)) {
        warnings.push(
          `the proxy password will be stored in plain text in ${fileDriver.describe({ path: file }, host)}; for a GOPROXY that needs a login, prefer ~/.netrc (chmod 600)`,
        );
      }
      const steps = (await fileSteps(host, 'git', file, after, { before, mode: 0o644 })).map((step) =>
        step.place.driver === 'file'
          ? { ...step, merge: { kind: 'git-keys', data: { keys: [...touched] } } }
          : step,
      );
      return { steps, notify: [], warnings, conflicts: await otherOrigins(host, g, file) };
    },
  };
}

/** http.proxy set in another git config file (system, included files) that go's git would also see. */
async function otherOrigins(host: Host, gitPath: string, file: string): Promise<Conflict[]> {
  const result = await host.run(gitPath, ['config', '--show-origin', '--null', '--get-all', PROXY_KEY], {
    env: { ...host.env, LC_ALL: 'C' },
  });
  if (result.code !== 0) return [];
  const redact = redactor(null);
  const conflicts: Conflict[] = [];
  const parts = result.stdout.split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const origin = parts[i]!.replace(/^file:/, '');
    if (path.resolve(origin) === path.resolve(file)) continue;
    conflicts.push({ file: origin, line: 0, text: redact(`${PROXY_KEY}=${parts[i + 1]}`) });
  }
  return conflicts;
}

/**
 * Restore of a git config that changed after we wrote it (the user set user.name, say): the keys we
 * touched get their values from before, everything else stays as it is now.
 */
export async function mergeGitKeys(
  host: Host,
  current: FileState,
  before: FileState,
  data: unknown,
): Promise<FileState | null> {
  const g = await host.which('git');
  const keys = (data as { keys?: unknown } | undefined)?.keys;
  if (g === null || !Array.isArray(keys) || !keys.every((k): k is string => typeof k === 'string'))
    return null;
  const beforeValues = new Map<string, string[]>();
  await editCopy(bytesOf(before), async (copy) => {
    for (const [k, v] of await proxyKeys(host, g, copy)) beforeValues.set(k, v);
  });
  const merged = await editCopy(bytesOf(current), async (copy) => {
    for (const key of keys) {
      await git(host, g, ['config', '--file', copy, '--unset-all', key], [0, 5]);
      for (const value of beforeValues.get(key) ?? [])
        await git(host, g, ['config', '--file', copy, '--add', key, value]);
    }
    if (beforeValues.size === 0) await removeEmptyHttpSection(host, g, copy);
  });
  return merged === null
    ? { bytes: null }
    : {
        bytes: merged.toString('base64'),
        ...(current.mode !== undefined ? { mode: current.mode } : {}),
      };
}
