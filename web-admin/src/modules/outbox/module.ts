import type { SpaModule } from '../../shell/navigation';
import { DeliveryLogPage } from './DeliveryLogPage';

export const outboxModule: SpaModule = {
  name: 'outbox',
  pages: [{ label: 'Delivery log', path: '/delivery-log', Page: DeliveryLogPage }],
};
