import path from 'node:path';
import { z } from 'zod';
import {
  profileExportSchema,
  profileSchema,
  type Profile,
  type ProfileApplyResult,
  type ProfileExport,
  type ProfileImportResult,
  type ProfileList,
} from '../../../shared/contract';
import { AppError } from '../../dispatch';
import type { GoEnvService } from '../goenv';
import type { Host } from '../host';
import { parseSettings, type NetProxyService, type PlannedScope } from '../netproxy';
import { fileSteps } from '../netproxy/file-driver';
import { redactor } from '../netproxy/settings';
import { JsonFile } from './index';

/**
 * Profiles: named sets of Go env values and proxy settings ("Home", "Office", "Travel"), applied as
 * one journaled transaction (the go env file and every proxy place together, one `proxy restore`
 * takes it all back).
 *
 * Passwords never sit in a file in plain text: the stored URLs have none, and a profile's proxy
 * passwords are kept encrypted with the OS keychain (Electron's safeStorage, through SecretBox) when
 * the app saves them. The CLI has no keychain access and stores none. Exports carry no passwords.
 */
export const PROFILES_FILE = 'profiles.json';

/** Encryption with a key the OS keeps (Electron safeStorage: Keychain, DPAPI, libsecret/kwallet). */
export interface SecretBox {
  available(): boolean;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const storedSchema = profileSchema.extend({
  /** The proxy passwords, sealed by the SecretBox: {"http": "...", "https": "..."}. */
  secret: z.string().optional(),
});
type StoredProfile = z.infer<typeof storedSchema>;

const documentSchema = z.object({ version: z.literal(1), profiles: z.array(storedSchema) });
type ProfilesDocument = z.infer<typeof documentSchema>;

const passwordsSchema = z.object({ http: z.string().optional(), https: z.string().optional() }).strict();

/** The URL without its password (user name kept), and the password. */
function splitPassword(url: string | null | undefined): {
  url: string | null | undefined;
  password?: string;
} {
  if (!url) return { url };
  const parsed = parseSettings({ http: url }).http!;
  if (parsed.password === undefined) return { url };
  const withoutPassword = parsed.href.replace(/:[^:@/]*@/, '@');
  return { url: withoutPassword, password: parsed.password };
}

function withPassword(
  url: string | null | undefined,
  password: string | undefined,
): string | null | undefined {
  if (!url || password === undefined) return url;
  return url.replace('@', `:${encodeURIComponent(password)}@`);
}

export interface ProfilesService {
  list(): Promise<ProfileList>;
  save(profile: Profile, options?: { replace?: boolean }): Promise<ProfileList>;
  remove(name: string): Promise<ProfileList>;
  apply(name: string, options?: { dryRun?: boolean }): Promise<ProfileApplyResult>;
  export(names?: readonly string[]): Promise<ProfileExport>;
  import(document: unknown, options?: { replace?: boolean }): Promise<ProfileImportResult>;
}

export function createProfilesService(
  host: Host,
  deps: { goenv: GoEnvService; netproxy: NetProxyService; secrets?: SecretBox },
): ProfilesService {
  const file = new JsonFile<ProfilesDocument>(path.join(host.dataDir, PROFILES_FILE), documentSchema, () => ({
    version: 1,
    profiles: [],
  }));

  /** Validates a profile's values the way applying it would, and seals its passwords. */
  const prepare = (profile: Profile, warnings: string[] | 'refuse'): StoredProfile => {
    const parsed = profileSchema.parse(profile);
    if (!parsed.proxy) return parsed;
    // Bad URLs or lists are refused now, not when the profile is applied.
    parseSettings(parsed.proxy);
    const http = splitPassword(parsed.proxy.http);
    const https = splitPassword(parsed.proxy.https);
    const stored: StoredProfile = { ...parsed, proxy: { ...parsed.proxy, http: http.url, https: https.url } };
    if (http.password === undefined && https.password === undefined) return stored;
    if (!deps.secrets?.available()) {
      if (warnings === 'refuse') {
        throw new AppError(
          'invalid-input',
          `profile "${parsed.name}": no OS keychain is available here to keep the proxy password encrypted, and GoProxy Desk never stores passwords in plain text; save the profile without the password`,
        );
      }
      warnings.push(
        `profile "${parsed.name}": the proxy password was not stored, because no OS keychain is available here (GoProxy Desk never writes passwords in plain text); you will be asked for it when the proxy needs it`,
      );
      return stored;
    }
    const passwords = {
      ...(http.password !== undefined ? { http: http.password } : {}),
      ...(https.password !== undefined ? { https: https.password } : {}),
    };
    return { ...stored, secret: deps.secrets.encrypt(JSON.stringify(passwords)) };
  };

  const listOf = (doc: ProfilesDocument): ProfileList => ({
    profiles: doc.profiles.map(({ secret, ...profile }) => ({ ...profile, hasSecret: secret !== undefined })),
  });

  const find = async (name: string): Promise<StoredProfile> => {
    const profile = (await file.read()).profiles.find((p) => p.name === name);
    if (!profile) throw new AppError('invalid-input', `there is no profile named "${name}"`);
    return profile;
  };

  return {
    list: async () => listOf(await file.read()),

    async save(profile, options = {}) {
      const stored = prepare(profile, 'refuse');
      return listOf(
        await file.update((doc) => {
          const exists = doc.profiles.some((p) => p.name === stored.name);
          if (exists && !options.replace)
            throw new AppError('invalid-input', `a profile named "${stored.name}" already exists`);
          return {
            ...doc,
            profiles: exists
              ? doc.profiles.map((p) => (p.name === stored.name ? stored : p))
              : [...doc.profiles, stored],
          };
        }),
      );
    },

    async remove(name) {
      await find(name);
      return listOf(
        await file.update((doc) => ({ ...doc, profiles: doc.profiles.filter((p) => p.name !== name) })),
      );
    },

    async apply(name, options = {}) {
      const profile = await find(name);
      const warnings: string[] = [];
      let passwords: z.infer<typeof passwordsSchema> = {};
      if (profile.secret !== undefined) {
        if (deps.secrets?.available()) {
          try {
            passwords = passwordsSchema.parse(JSON.parse(deps.secrets.decrypt(profile.secret)));
          } catch {
            warnings.push(
              `profile "${name}": its stored proxy password could not be decrypted (was the OS keychain reset?); applied without it`,
            );
          }
        } else {
          warnings.push(
            `profile "${name}": its proxy password is kept in the app's keychain, which the command line cannot read; applied without it`,
          );
        }
      }

      const planned: PlannedScope[] = [];
      const set = Object.entries(profile.goenv.set).map(([k, v]) => `${k}=${v}`);
      if (set.length > 0 || profile.goenv.unset.length > 0) {
        const goenv = await deps.goenv.planFile({ set, unset: profile.goenv.unset });
        const steps = await fileSteps(host, 'goenv', goenv.envFile, goenv.after, { mode: 0o644 });
        planned.push({
          scope: 'goenv',
          plan: { steps, notify: [], warnings: goenv.warnings, conflicts: [] },
        });
      }
      let settings = null;
      if (profile.proxy) {
        settings = parseSettings({
          http: withPassword(profile.proxy.http, passwords.http),
          https: withPassword(profile.proxy.https, passwords.https),
          noProxy: profile.proxy.noProxy,
        });
        const hasProxy = settings.http !== null || settings.https !== null;
        planned.push(...(await deps.netproxy.plan(hasProxy ? settings : null, profile.proxy.scopes)));
      }
      const result = await deps.netproxy.applyPlanned(planned, {
        kind: 'profile',
        summary: `profile "${name}"`,
        redact: redactor(settings),
        ...(options.dryRun ? { dryRun: true } : {}),
      });
      return { ...result, warnings: [...warnings, ...result.warnings], profile: name };
    },

    async export(names) {
      const doc = await file.read();
      for (const name of names ?? [])
        if (!doc.profiles.some((p) => p.name === name))
          throw new AppError('invalid-input', `there is no profile named "${name}"`);
      const chosen =
        names && names.length > 0 ? doc.profiles.filter((p) => names.includes(p.name)) : doc.profiles;
      // The stored URLs have no passwords; the sealed ones stay behind.
      return {
        format: 'goproxy-desk-profiles',
        version: 1,
        profiles: chosen.map(({ secret: _secret, ...p }) => p),
      };
    },

    async import(document, options = {}) {
      const parsed = profileExportSchema.safeParse(document);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError(
          'invalid-input',
          `not a GoProxy Desk profiles file: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
        );
      }
      const names = parsed.data.profiles.map((p) => p.name);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined) throw new AppError('invalid-input', `the file has two profiles named "${dup}"`);
      const warnings: string[] = [];
      const prepared = parsed.data.profiles.map((p) => prepare(p, warnings));
      const result: ProfileImportResult = { imported: [], replaced: [], skipped: [], warnings };
      await file.update((doc) => {
        const profiles = [...doc.profiles];
        for (const p of prepared) {
          const index = profiles.findIndex((q) => q.name === p.name);
          if (index === -1) {
            profiles.push(p);
            result.imported.push(p.name);
          } else if (options.replace) {
            profiles[index] = p;
            result.replaced.push(p.name);
          } else result.skipped.push(p.name);
        }
        return { ...doc, profiles };
      });
      return result;
    },
  };
}
