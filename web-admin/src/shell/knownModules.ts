import * as registry from '../modules/registry';
import type { SpaModule } from './navigation';

/** Every module listed in `src/modules/registry.ts`. */
export const knownModules: readonly SpaModule[] = Object.values(registry);
