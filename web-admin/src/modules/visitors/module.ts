import type { SpaModule } from '../../shell/navigation';
import { LeadsRoutes, VisitorsRoutes } from './routes';

export const visitorsModule: SpaModule = {
  name: 'visitors',
  pages: [
    { label: 'Live visitors', path: '/visitors', Page: VisitorsRoutes },
    { label: 'Leads', path: '/leads', Page: LeadsRoutes },
  ],
};
