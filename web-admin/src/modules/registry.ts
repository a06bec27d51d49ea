// The SPA modules, one line each, in the navigation's order. The shell shows a module's pages when the server
// reports the module loaded. (An array, not a list of re-exports: a module namespace's keys come out sorted by name.)
import type { SpaModule } from '../shell/navigation';
import { workspacesModule } from './workspaces/module';
import { exclusionsModule } from './exclusions/module';
import { visitorsModule } from './visitors/module';
import { contactsModule } from './contacts/module';
import { outboxModule } from './outbox/module';
import { pluginsModule } from './plugins/module';

export const registry: readonly SpaModule[] = [
  workspacesModule,
  exclusionsModule,
  visitorsModule,
  contactsModule,
  outboxModule,
  pluginsModule,
];
