import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/problem';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useVisitorsApi, type CurrentVisitPage, type LiveVisitor, type VisitorDetail } from './api';
import {
  dwellOnCurrentPage,
  formatDuration,
  formatTime,
  locationOf,
  newOrReturning,
  softwareOf,
  sourceOf,
  visitorName,
} from './format';
import { TrackedPage } from './TrackedPage';
import { useNow } from './useNow';
import { VisitHistory } from './VisitHistory';

type Loaded = { status: 'loading' } | { status: 'unknown' } | { status: 'loaded'; detail: VisitorDetail };

export function VisitorPage() {
  const api = useVisitorsApi();
  const { siteId = '', visitorId = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    let cancelled = false;
    api.visitor(siteId, visitorId).then(
      (detail) => !cancelled && setLoaded({ status: 'loaded', detail }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ status: 'unknown' });
        else setErrors(formErrorsFrom(error, []).alerts);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, siteId, visitorId]);

  const name = loaded.status === 'loaded' && loaded.detail.now ? visitorName(loaded.detail.now) : 'Visitor';
  return (
    <section>
      <p>
        <Link to="/visitors">All live visitors</Link>
      </p>
      <h1>{name}</h1>
      <p className="secondary-text">Visitor id {visitorId}</p>
      <FormAlert messages={errors} />
      {loaded.status === 'loading' && errors.length === 0 && <p>Loading visitor…</p>}
      {loaded.status === 'unknown' && <p>This visitor is not known.</p>}
      {loaded.status === 'loaded' && (
        <>
          <h2>Now</h2>
          {loaded.detail.now ? <VisitorNow live={loaded.detail.now} /> : <p>Not on the site now.</p>}
          <h2>Current visit</h2>
          <CurrentVisitPages pages={loaded.detail.currentVisitPages} />
          <h2>History</h2>
          <VisitHistory visits={loaded.detail.visits} pageViews={loaded.detail.pageViews} />
        </>
      )}
    </section>
  );
}

function VisitorNow({ live }: { live: LiveVisitor }) {
  const now = useNow();
  const { visitor } = live;
  return (
    <dl className="facts">
      {visitor.leadId !== null && (
        <>
          <dt>Lead</dt>
          <dd>
            <Link to={`/leads/${encodeURIComponent(visitor.leadId)}`}>{visitorName(live)}</Link>
            {[live.leadEmail, live.leadCompany].filter(Boolean).map((fact, index) => (
              <div key={index} className="secondary-text">
                {fact}
              </div>
            ))}
          </dd>
          <dt>Owner</dt>
          <dd>{live.ownerName ?? '(none)'}</dd>
        </>
      )}
      <dt>Site</dt>
      <dd>{live.siteName ?? ''}</dd>
      <dt>Current page</dt>
      <dd>
        <TrackedPage title={visitor.currentTitle} url={visitor.currentUrl} />
      </dd>
      <dt>On page</dt>
      <dd>{formatDuration(dwellOnCurrentPage(visitor, now))}</dd>
      <dt>Pages this visit</dt>
      <dd>{visitor.pagesThisVisit}</dd>
      <dt>Time on site</dt>
      <dd>{formatDuration(visitor.timeOnSiteMs)}</dd>
      <dt>Visit started</dt>
      <dd>{formatTime(visitor.visitStartedAt)}</dd>
      <dt>Referrer</dt>
      <dd>{sourceOf(visitor)}</dd>
      <dt>New / returning</dt>
      <dd>{newOrReturning(visitor)}</dd>
      <dt>Location</dt>
      <dd>{locationOf(visitor)}</dd>
      <dt>Organization</dt>
      <dd>{visitor.organization ?? ''}</dd>
      <dt>Device</dt>
      <dd>{softwareOf(visitor)}</dd>
    </dl>
  );
}

function CurrentVisitPages({ pages }: { pages: readonly CurrentVisitPage[] }) {
  // Excluded page views are left out of every view.
  const shown = pages.filter((page) => !page.excluded);
  if (shown.length === 0) return <p>No visit in progress.</p>;
  return (
    <table className="wide-table">
      <thead>
        <tr>
          <th scope="col">Page</th>
          <th scope="col">Entered</th>
          <th scope="col">Time on page</th>
          <th scope="col">Referrer</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((page) => (
          <tr key={page.pageId}>
            <td>
              <TrackedPage title={page.title} url={page.url} />
            </td>
            <td>{formatTime(page.enteredAt)}</td>
            <td>{formatDuration(page.dwellMs)}</td>
            <td className="url">{page.referrer ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
