import { registry } from '../modules/registry';
import type { SpaModule } from './navigation';

/** Every module listed in `src/modules/registry.ts`, in its order. */
export const knownModules: readonly SpaModule[] = registry;
