// The SPA modules, one line each. The shell shows a module's pages when the server reports the module loaded.
export { workspacesModule } from './workspaces/module';
export { exclusionsModule } from './exclusions/module';
export { visitorsModule } from './visitors/module';
export { contactsModule } from './contacts/module';
export { pluginsModule } from './plugins/module';
export { outboxModule } from './outbox/module';
