import type { ComponentType } from 'react';

/** A module as `GET /api/modules` reports it. */
export interface LoadedModule {
  name: string;
  title: string;
  order: number;
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
 * The pages to show: those of the modules the server has loaded and the SPA knows,
 * in the server's module order, each module's pages in the order it declares them.
 */
export function navigationFor(loaded: readonly LoadedModule[], known: readonly SpaModule[]): ModulePage[] {
  return [...loaded]
    .sort((a, b) => a.order - b.order)
    .flatMap((server) => known.find((module) => module.name === server.name)?.pages ?? []);
}

/** The header items of the modules the server has loaded and the SPA knows, in the server's module order. */
export function headerItemsFor(loaded: readonly LoadedModule[], known: readonly SpaModule[]): ComponentType[] {
  return [...loaded]
    .sort((a, b) => a.order - b.order)
    .flatMap((server) => known.find((module) => module.name === server.name)?.HeaderItem ?? []);
}
