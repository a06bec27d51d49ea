// The SPA modules, one line each, in the navigation's order. The shell shows a module's pages when the server
// reports the module loaded.
export { workspacesModule } from './workspaces/module';
export { exclusionsModule } from './exclusions/module';
export { visitorsModule } from './visitors/module';
export { contactsModule } from './contacts/module';
export { outboxModule } from './outbox/module';
export { pluginsModule } from './plugins/module';
