import type { ComponentType } from 'react';

/** A module as `GET /api/modules` reports it (with its place in the server's dependency order, and what it depends on). */
export interface LoadedModule {
  name: string;
  title: string;
  order?: number;
  dependsOn?: readonly string[];
}

/** A page a module adds to the navigation. */
export interface ModulePage {
  label: string;
  /** Where the navigation links to; the page also gets the paths below it, to route with nested <Routes>. */
  path: string;
  Page: ComponentType;
}

/** What an SPA module declares in `src/modules/<module>/module.ts`; `name` matches the server module's name. */
export interface SpaModule {
  name: string;
  pages: readonly ModulePage[];
  /** Shown in the shell's header while a workspace is open, for what stays on whatever the page (the operators' console). */
  HeaderItem?: ComponentType;
}

/**
 * The pages to show: those of the modules the server has loaded and the SPA knows, in the order the SPA lists its
 * modules (`src/modules/registry.ts`: the server orders modules by their dependencies, which is no order for people),
 * each module's pages in the order it declares them.
 */
export function navigationFor(loaded: readonly LoadedModule[], known: readonly SpaModule[]): ModulePage[] {
  return loadedOf(loaded, known).flatMap((module) => module.pages);
}

/** The header items of the modules the server has loaded and the SPA knows, in the SPA's module order. */
export function headerItemsFor(loaded: readonly LoadedModule[], known: readonly SpaModule[]): ComponentType[] {
  return loadedOf(loaded, known).flatMap((module) => module.HeaderItem ?? []);
}

function loadedOf(loaded: readonly LoadedModule[], known: readonly SpaModule[]): SpaModule[] {
  return known.filter((module) => loaded.some((server) => server.name === module.name));
}
