import type { SpaModule } from '../../shell/navigation';
import { PluginsPage } from './PluginsPage';

export const pluginsModule: SpaModule = {
  name: 'plugins',
  pages: [{ label: 'Plugins', path: '/plugins', Page: PluginsPage }],
};
