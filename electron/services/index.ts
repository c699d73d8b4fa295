import { createGoEnvService, type GoEnvService } from './goenv';
import type { Host } from './host';
import { createProbeService, pickFastest, type ProbeService } from './probe';

/** Every service, built once from the Host: the composition root shared by the app and the CLI. */
export interface Services {
  goenv: GoEnvService;
  probe: ProbeService;
}

export function createServices(host: Host): Services {
  const probe = createProbeService(host);
  const fastestMirror = async (): Promise<string | null> =>
    pickFastest((await probe.run({})).results)?.url ?? null;
  return {
    goenv: createGoEnvService(host, { fastestMirror }),
    probe,
  };
}
