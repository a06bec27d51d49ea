import { describe, expect, it } from 'vitest';
import { knownModules } from './knownModules';
import { headerItemsFor, navigationFor, type SpaModule } from './navigation';

const Page = () => null;
const contacts: SpaModule = { name: 'contacts', pages: [{ label: 'Contacts', path: '/contacts', Page }] };
const workspaces: SpaModule = {
  name: 'workspaces',
  pages: [
    { label: 'Sites', path: '/sites', Page },
    { label: 'Users', path: '/users', Page },
  ],
};

describe('navigationFor', () => {
  it('lists the pages of loaded modules in the order the SPA lists its modules, whatever the server order', () => {
    const pages = navigationFor(
      [
        { name: 'workspaces', title: 'Workspaces', order: 0 },
        { name: 'contacts', title: 'Contacts', order: 1 },
      ],
      [contacts, workspaces],
    );

    expect(pages.map((page) => page.label)).toEqual(['Contacts', 'Sites', 'Users']);
  });

  it('leaves out modules the server did not load and server modules the SPA does not know', () => {
    const pages = navigationFor(
      [
        { name: 'workspaces', title: 'Workspaces', order: 10 },
        { name: 'chat', title: 'Chat', order: 70 },
      ],
      [contacts, workspaces],
    );

    expect(pages.map((page) => page.path)).toEqual(['/sites', '/users']);
  });
});

describe('headerItemsFor', () => {
  it('lists the header items of loaded modules only, in the SPA order', () => {
    const Console = () => null;
    const Clock = () => null;
    const items = headerItemsFor(
      [
        { name: 'contacts', title: 'Contacts', order: 20 },
        { name: 'workspaces', title: 'Workspaces', order: 10 },
      ],
      [
        { ...workspaces, HeaderItem: Console },
        { ...contacts, HeaderItem: Clock },
        { name: 'chat', pages: [], HeaderItem: () => null },
      ],
    );

    expect(items).toEqual([Console, Clock]);
  });
});

describe('the module registry', () => {
  it('lists the navigation in the order people expect: sites first, plugins last', () => {
    const names = knownModules.map((module) => module.name);
    expect(names).toEqual(['workspaces', 'exclusions', 'visitors', 'contacts', 'outbox', 'plugins']);
  });

  it('knows each module once', () => {
    const names = knownModules.map((module) => module.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('registers the workspaces module with its Sites and Users pages', () => {
    const pages = navigationFor([{ name: 'workspaces', title: 'Workspaces', order: 10 }], knownModules);
    expect(pages.map(({ label, path }) => ({ label, path }))).toEqual([
      { label: 'Sites', path: '/sites' },
      { label: 'Users', path: '/users' },
    ]);
  });

  it('registers the visitors module with its Live visitors and Leads pages', () => {
    const pages = navigationFor([{ name: 'visitors', title: 'Visitors', order: 20 }], knownModules);
    expect(pages.map(({ label, path }) => ({ label, path }))).toEqual([
      { label: 'Live visitors', path: '/visitors' },
      { label: 'Leads', path: '/leads' },
    ]);
  });
});
