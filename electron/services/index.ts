import { createGoEnvService, type GoEnvService } from './goenv';
import type { Host } from './host';

/** Every service, built once from the Host: the composition root shared by the app and the CLI. */
export interface Services {
  goenv: GoEnvService;
}

export function createServices(host: Host): Services {
  return {
    goenv: createGoEnvService(host),
  };
}
