import type { SpaModule } from '../../shell/navigation';
import { ExclusionsPage } from './ExclusionsPage';

export const exclusionsModule: SpaModule = {
  name: 'exclusions',
  pages: [{ label: 'Exclusions', path: '/exclusions', Page: ExclusionsPage }],
};
