import type { SpaModule } from '../../shell/navigation';
import { SitesPage } from './SitesPage';
import { UsersPage } from './UsersPage';

export const workspacesModule: SpaModule = {
  name: 'workspaces',
  pages: [
    { label: 'Sites', path: '/sites', Page: SitesPage },
    { label: 'Users', path: '/users', Page: UsersPage },
  ],
};
