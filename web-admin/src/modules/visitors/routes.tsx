import { Navigate, Route, Routes } from 'react-router-dom';
import { LeadPage } from './LeadPage';
import { LeadsPage } from './LeadsPage';
import { LiveVisitorsPage } from './LiveVisitorsPage';
import { VisitorPage } from './VisitorPage';

/** Everything under /visitors: the live list and a visitor's detail. */
export function VisitorsRoutes() {
  return (
    <Routes>
      <Route index element={<LiveVisitorsPage />} />
      <Route path=":siteId/:visitorId" element={<VisitorPage />} />
      <Route path="*" element={<Navigate to="/visitors" replace />} />
    </Routes>
  );
}

/** Everything under /leads: the list and a lead's detail. */
export function LeadsRoutes() {
  return (
    <Routes>
      <Route index element={<LeadsPage />} />
      <Route path=":id" element={<LeadPage />} />
      <Route path="*" element={<Navigate to="/leads" replace />} />
    </Routes>
  );
}
