import type { SpaModule } from '../../shell/navigation';
import { ContactsRoutes } from './routes';

export const contactsModule: SpaModule = {
  name: 'contacts',
  pages: [{ label: 'Contacts', path: '/contacts', Page: ContactsRoutes }],
};
