import type { PageView, Visit } from './api';
import { formatDuration, formatTime, locationOf, softwareOf, sourceOf } from './format';
import { TrackedPage } from './TrackedPage';

function campaignOf({ utmSource, utmMedium, utmCampaign }: Visit): string {
  return [utmSource, utmMedium, utmCampaign].filter(Boolean).join(' / ');
}

/** A visitor's visits and page views, newest first. */
export function VisitHistory({ visits, pageViews }: { visits: readonly Visit[]; pageViews: readonly PageView[] }) {
  if (visits.length === 0 && pageViews.length === 0) return <p>No visits recorded.</p>;
  const newestVisits = [...visits].sort((a, b) => b.number - a.number);
  const newestPageViews = [...pageViews].sort((a, b) => b.enteredAt - a.enteredAt);
  return (
    <>
      <table className="wide-table">
        <caption>Visits</caption>
        <thead>
          <tr>
            <th scope="col">Visit</th>
            <th scope="col">Started</th>
            <th scope="col">Last activity</th>
            <th scope="col">Entry page</th>
            <th scope="col">Referrer</th>
            <th scope="col">Campaign</th>
            <th scope="col">Location</th>
            <th scope="col">Organization</th>
            <th scope="col">Device</th>
            <th scope="col">Page views</th>
          </tr>
        </thead>
        <tbody>
          {newestVisits.map((visit) => (
            <tr key={visit.number}>
              <td>{visit.number}</td>
              <td>{formatTime(visit.startedAt)}</td>
              <td>{formatTime(visit.lastActivityAt)}</td>
              <td className="url">{visit.entryUrl ?? ''}</td>
              <td>{sourceOf(visit)}</td>
              <td>{campaignOf(visit)}</td>
              <td>{locationOf(visit)}</td>
              <td>{visit.organization ?? ''}</td>
              <td>{softwareOf(visit)}</td>
              <td>{visit.pageViews}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="wide-table">
        <caption>Page views</caption>
        <thead>
          <tr>
            <th scope="col">Visit</th>
            <th scope="col">Page</th>
            <th scope="col">Entered</th>
            <th scope="col">Time on page</th>
            <th scope="col">Referrer</th>
          </tr>
        </thead>
        <tbody>
          {newestPageViews.map((pageView) => (
            <tr key={pageView.pageId}>
              <td>{pageView.visitNumber}</td>
              <td>
                <TrackedPage title={pageView.title} url={pageView.url} />
              </td>
              <td>{formatTime(pageView.enteredAt)}</td>
              <td>{formatDuration(pageView.dwellMs)}</td>
              <td className="url">{pageView.referrer ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
