import type { SpaModule } from '../../shell/navigation';
import { OutboxMailPage } from './email/OutboxMailPage';
import { PluginsPage } from './PluginsPage';

export const pluginsModule: SpaModule = {
  name: 'plugins',
  pages: [
    { label: 'Plugins', path: '/plugins', Page: PluginsPage },
    // The email plugin's pickup folder: mail written instead of sent while no SMTP server is set.
    { label: 'Outbox mail', path: '/outbox-mail', Page: OutboxMailPage },
  ],
};
