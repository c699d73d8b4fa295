import { createGoEnvService, type GoEnvService } from './goenv';
import { createDoctorService, type DoctorService } from './doctor';
import type { Host } from './host';
import { createNetProxyService, type NetProxyService } from './netproxy';
import { createProbeService, pickFastest, type ProbeService } from './probe';
import { createSumdbService, type SumdbService } from './sumdb';
import { createProfilesService, type ProfilesService, type SecretBox } from './store/profiles';

/** Every service, built once from the Host: the composition root shared by the app and the CLI. */
export interface Services {
  goenv: GoEnvService;
  probe: ProbeService;
  netproxy: NetProxyService;
  profiles: ProfilesService;
  doctor: DoctorService;
  sumdb: SumdbService;
}

export interface ServiceOptions {
  /** The OS keychain, for profile passwords (the app has one; the CLI stores no passwords). */
  secrets?: SecretBox;
}

export function createServices(host: Host, options: ServiceOptions = {}): Services {
  // The probe verifies mirrors with the sumdb service, which is built below (it needs goenv, which needs the probe).
  const late: { sumdb?: SumdbService } = {};
  const probe = createProbeService(host, {
    verify: async (mirror, module) => {
      const r = await late.sumdb!.verify({ module, mirror });
      return {
        verified: r.sumdb.verified,
        ok: r.zip.ok && r.mod.ok,
        ...(r.error !== undefined ? { error: r.error } : {}),
      };
    },
  });
  const fastestMirror = async (): Promise<string | null> =>
    pickFastest((await probe.run({})).results)?.url ?? null;
  const goenv = createGoEnvService(host, { fastestMirror });
  const netproxy = createNetProxyService(host);
  const sumdb = createSumdbService(host, { goenv });
  late.sumdb = sumdb;
  return {
    goenv,
    probe,
    netproxy,
    doctor: createDoctorService(host, { goenv, probe, netproxy, sumdb }),
    sumdb,
    profiles: createProfilesService(host, {
      goenv,
      netproxy,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    }),
  };
}
