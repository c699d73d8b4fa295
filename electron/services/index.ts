import { createGoEnvService, type GoEnvService } from './goenv';
import { createDoctorService, type DoctorService } from './doctor';
import type { Host } from './host';
import { createNetProxyService, type NetProxyService } from './netproxy';
import { createProbeService, pickFastest, type ProbeService } from './probe';
import { createProfilesService, type ProfilesService, type SecretBox } from './store/profiles';

/** Every service, built once from the Host: the composition root shared by the app and the CLI. */
export interface Services {
  goenv: GoEnvService;
  probe: ProbeService;
  netproxy: NetProxyService;
  profiles: ProfilesService;
  doctor: DoctorService;
}

export interface ServiceOptions {
  /** The OS keychain, for profile passwords (the app has one; the CLI stores no passwords). */
  secrets?: SecretBox;
}

export function createServices(host: Host, options: ServiceOptions = {}): Services {
  const probe = createProbeService(host);
  const fastestMirror = async (): Promise<string | null> =>
    pickFastest((await probe.run({})).results)?.url ?? null;
  const goenv = createGoEnvService(host, { fastestMirror });
  const netproxy = createNetProxyService(host);
  return {
    goenv,
    probe,
    netproxy,
    doctor: createDoctorService(host, { goenv, probe, netproxy }),
    profiles: createProfilesService(host, {
      goenv,
      netproxy,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    }),
  };
}
