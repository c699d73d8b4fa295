import type { CustomMirror, MirrorEntry, MirrorList } from '../../../shared/contract';
import { normalizeMirrorUrl } from '../../../shared/go/chain';
import type { MirrorInfo } from '../../../shared/mirrors';
import { AppError } from '../../dispatch';
import { parseEndpoint, type Endpoint } from '../probe/targets';
import type { SettingsStore } from './settings';

/**
 * The mirror list: the catalogue, then the user's own mirrors (kept in the settings). A custom mirror
 * is checked with go's GOPROXY rules (so `goproxy.corp.example` means https://goproxy.corp.example),
 * must be http(s), and must not repeat a mirror already listed. Its id comes from its host and path.
 */
export interface MirrorsService {
  list(): Promise<MirrorList>;
  add(request: { url: string; name?: string | undefined }): Promise<MirrorList>;
  remove(id: string): Promise<MirrorList>;
}

/** The most custom mirrors the settings hold (appSettingsSchema). */
const MAX_CUSTOM = 32;
const MAX_ID = 256;
const MAX_NAME = 128;

/**
 * Hides the password of every `user:password@` in a message, whatever surrounds it: word by word (a
 * regular expression here backtracked quadratically over a long word without '@').
 */
export function maskUserinfo(text: string): string {
  return text
    .split(/([\s/,|"]+)/)
    .map((word) => {
      const colon = word.indexOf(':');
      const at = word.indexOf('@', colon + 1);
      return colon > 0 && at > colon + 1 ? `${word.slice(0, colon + 1)}xxxxx${word.slice(at)}` : word;
    })
    .join('');
}

/** The same mirror whatever the case of its scheme and host, its default port or a trailing slash. */
function sameMirrorKey(e: Endpoint): string {
  return `${e.scheme}://${e.hostname.toLowerCase()}:${e.port}${e.path}`;
}

function keyOf(url: string): string | null {
  const parsed = parseEndpoint(url);
  return parsed.ok ? sameMirrorKey(parsed.value) : null;
}

function catalogueEntry(m: MirrorInfo): MirrorEntry {
  return {
    id: m.id,
    name: m.name,
    url: m.url,
    region: m.region,
    ...(m.sumdbProxy !== undefined ? { sumdbProxy: m.sumdbProxy } : {}),
    notes: m.notes,
    custom: false,
  };
}

function customEntry(m: CustomMirror): MirrorEntry {
  return { id: m.id, name: m.name, url: m.url, region: 'custom', notes: '', custom: true };
}

function invalid(message: string): AppError {
  return new AppError('invalid-input', maskUserinfo(message));
}

export function createMirrorsService(
  catalogue: readonly MirrorInfo[],
  settings: SettingsStore,
): MirrorsService {
  const listOf = (custom: readonly CustomMirror[]): MirrorList => ({
    mirrors: [...catalogue.map(catalogueEntry), ...custom.map(customEntry)],
  });

  return {
    list: async () => listOf((await settings.read()).settings.customMirrors),

    async add({ url, name }) {
      const normalized = normalizeMirrorUrl(url);
      if (!normalized.ok) {
        throw invalid(
          `This mirror URL was not added: ${normalized.error}. Type a URL such as https://goproxy.example.com.`,
        );
      }
      const endpoint = parseEndpoint(normalized.value);
      if (!endpoint.ok) {
        throw invalid(
          `The mirror ${normalized.value} was not added: ${endpoint.error}. Go module mirrors are reached over http or https.`,
        );
      }
      const key = sameMirrorKey(endpoint.value);
      const display = endpoint.value.display;
      const baseId = `${endpoint.value.subject.toLowerCase()}${endpoint.value.path.split('?')[0]}`.slice(
        0,
        MAX_ID,
      );
      const saved = await settings.updateCustomMirrors((custom) => {
        const listed = [...catalogue, ...custom];
        const same = listed.find((m) => keyOf(m.url) === key);
        if (same) throw invalid(`${display} is already in the list as "${same.name}" (${same.id}).`);
        if (custom.length >= MAX_CUSTOM) {
          throw invalid(
            `The list already holds ${MAX_CUSTOM} custom mirrors; remove one before adding ${display}.`,
          );
        }
        const ids = new Set(listed.map((m) => m.id));
        let id = baseId;
        for (let n = 2; ids.has(id); n++) id = `${baseId.slice(0, MAX_ID - 1 - String(n).length)}-${n}`;
        const label = name?.trim() || id;
        return [...custom, { id, name: label.slice(0, MAX_NAME), url: normalized.value }];
      });
      return listOf(saved.customMirrors);
    },

    async remove(id) {
      if (catalogue.some((m) => m.id === id)) {
        throw invalid(`"${id}" is a catalogue mirror, which cannot be removed; only mirrors you added can.`);
      }
      const saved = await settings.updateCustomMirrors((custom) => {
        if (!custom.some((m) => m.id === id)) {
          throw invalid(
            `There is no custom mirror with the id "${id}"; reload the mirror list and try again.`,
          );
        }
        return custom.filter((m) => m.id !== id);
      });
      return listOf(saved.customMirrors);
    },
  };
}
