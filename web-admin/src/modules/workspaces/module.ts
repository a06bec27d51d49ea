import type { SpaModule } from '../../shell/navigation';
import { OperatorConsole } from './operators/OperatorConsole';
import { SitesPage } from './SitesPage';
import { UsersPage } from './UsersPage';

export const workspacesModule: SpaModule = {
  name: 'workspaces',
  pages: [
    { label: 'Sites', path: '/sites', Page: SitesPage },
    { label: 'Users', path: '/users', Page: UsersPage },
  ],
  // The operators' console belongs to the workspaces server module (modules/Workspaces/Operators).
  HeaderItem: OperatorConsole,
};
