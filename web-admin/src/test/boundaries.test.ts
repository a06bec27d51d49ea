import { describe, expect, it } from 'vitest';

// Every source file under src/modules, as text, keyed by its path from here ('../modules/contacts/api.ts').
const sources = import.meta.glob<string>('../modules/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

const specifiers = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** `from` + a relative specifier, as a path from src/ ('modules/contacts/api'). */
function resolve(from: string, specifier: string): string {
  const parts = from.replace(/^\.\.\//, '').split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** The module a path from src/ belongs to ('contacts'), or null outside src/modules/<module>/. */
function moduleOf(path: string): string | null {
  const [top, module, ...rest] = path.split('/');
  return top === 'modules' && rest.length > 0 ? (module ?? null) : null;
}

/** Imports that reach from one module into another: a module may use shell/, api/ and its own folder only. */
function crossings(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const own = moduleOf(file.replace(/^\.\.\//, ''));
    if (own === null) continue; // modules/registry.ts lists the modules: that is its job
    for (const [, specifier] of text.matchAll(specifiers)) {
      if (specifier === undefined || !specifier.startsWith('.')) continue;
      const target = moduleOf(resolve(file, specifier));
      if (target !== null && target !== own) found.push(`${file.replace(/^\.\.\//, '')} imports ${specifier}`);
    }
  }
  return found;
}

describe('module boundaries', () => {
  it('reads the modules it checks', () => {
    expect(Object.keys(sources)).toContain('../modules/contacts/ContactsPage.tsx');
  });

  it('finds an import of another module, whatever its form, and lets shell, api and own files through', () => {
    expect(
      crossings({
        '../modules/visitors/LeadForm.tsx': [
          "import { Dialog } from '../../shell/Dialog';",
          "import type { Site } from '../../api/directory';",
          "import { formatTime } from './format';",
          "import type { Contact } from '../contacts/api';",
          "export { channels } from '../contacts/api';",
          "const page = import('../workspaces/SitesPage');",
        ].join('\n'),
      }),
    ).toEqual([
      "modules/visitors/LeadForm.tsx imports ../contacts/api",
      "modules/visitors/LeadForm.tsx imports ../contacts/api",
      "modules/visitors/LeadForm.tsx imports ../workspaces/SitesPage",
    ]);
  });

  it('holds: no module imports another module’s files', () => {
    expect(crossings(sources)).toEqual([]);
  });
});
