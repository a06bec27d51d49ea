import { useEffect, useReducer, useState } from 'react';
import { Link } from 'react-router-dom';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useSession } from '../../shell/Session';
import { useVisitorsApi, type LiveVisitor } from './api';
import {
  dwellOnCurrentPage,
  formatDuration,
  locationOf,
  newOrReturning,
  sourceOf,
  visitorName,
  visitorPath,
} from './format';
import { useLiveHub } from './liveHub';
import { inDisplayOrder, liveVisitorsReducer, noLiveVisitors } from './liveVisitors';
import { TrackedPage } from './TrackedPage';
import { useNow } from './useNow';

type HubStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

const hubStatusText: Record<HubStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  stopped: 'Live updates stopped: reload the page to resume them.',
};

export function LiveVisitorsPage() {
  const api = useVisitorsApi();
  const connect = useLiveHub();
  const { state } = useSession();
  const workspaceId = state.status === 'signedIn' ? state.workspaceId : null;
  const [live, dispatch] = useReducer(liveVisitorsReducer, noLiveVisitors);
  const [hubStatus, setHubStatus] = useState<HubStatus>('connecting');
  const [loadErrors, setLoadErrors] = useState<string[]>([]);

  useEffect(() => {
    if (workspaceId === null) return;
    let stopped = false;
    let latestLoad = 0;
    const connection = connect(workspaceId);

    async function load() {
      const thisLoad = ++latestLoad;
      dispatch({ kind: 'reloading' });
      try {
        const visitors = await api.live();
        if (stopped || thisLoad !== latestLoad) return;
        dispatch({ kind: 'loaded', visitors });
        setLoadErrors([]);
      } catch (error) {
        if (stopped || thisLoad !== latestLoad) return;
        dispatch({ kind: 'loadFailed' });
        setLoadErrors(formErrorsFrom(error, []).alerts);
      }
    }

    connection.on('visitor', (visitor) => !stopped && dispatch({ kind: 'visitor', visitor }));
    connection.on('visitorGone', (siteId, visitorId) => !stopped && dispatch({ kind: 'gone', siteId, visitorId }));
    connection.onreconnecting(() => !stopped && setHubStatus('reconnecting'));
    connection.onreconnected(() => {
      if (stopped) return;
      setHubStatus('live');
      // Whatever was pushed while the connection was down is lost: start again from the server's list.
      void load();
    });
    connection.onclose(() => !stopped && setHubStatus('stopped'));
    // The list is read once the connection is up, so that no change falls between the two.
    connection
      .start()
      .then(
        () => !stopped && setHubStatus('live'),
        () => !stopped && setHubStatus('stopped'),
      )
      .finally(() => {
        if (!stopped) void load();
      });

    return () => {
      stopped = true;
      connection.stop().catch(() => undefined);
    };
  }, [api, connect, workspaceId]);

  return (
    <section>
      <div className="page-heading">
        <h1>Live visitors</h1>
        <span role="status" className="hub-status">
          {hubStatusText[hubStatus]}
        </span>
      </div>
      <FormAlert messages={loadErrors} />
      {live.visitors === null ? (
        loadErrors.length === 0 && <p>Loading visitors…</p>
      ) : live.visitors.size === 0 ? (
        <p>
          Nobody is on your sites right now. Open the <a href="/demo/">demo site</a> in another window to see yourself
          here.
        </p>
      ) : (
        <LiveVisitorsTable visitors={inDisplayOrder(live.visitors)} />
      )}
    </section>
  );
}

function LiveVisitorsTable({ visitors }: { visitors: readonly LiveVisitor[] }) {
  const now = useNow();
  return (
    <table className="wide-table">
      <thead>
        <tr>
          <th scope="col">Visitor</th>
          <th scope="col">Location</th>
          <th scope="col">Organization</th>
          <th scope="col">Current page</th>
          <th scope="col">On page</th>
          <th scope="col">Pages</th>
          <th scope="col">Time on site</th>
          <th scope="col">Referrer</th>
          <th scope="col">New / returning</th>
          <th scope="col">Owner</th>
          <th scope="col">Site</th>
        </tr>
      </thead>
      <tbody>
        {visitors.map((live) => {
          const { visitor } = live;
          return (
            <tr key={visitorPath(visitor.siteId, visitor.visitorId)}>
              <td>
                <Link to={visitorPath(visitor.siteId, visitor.visitorId)}>{visitorName(live)}</Link>
                {live.leadCompany && <div className="secondary-text">{live.leadCompany}</div>}
              </td>
              <td>{locationOf(visitor)}</td>
              <td>{visitor.organization ?? ''}</td>
              <td>
                <TrackedPage title={visitor.currentTitle} url={visitor.currentUrl} />
                {visitor.left && <div className="secondary-text">Left</div>}
              </td>
              <td>{formatDuration(dwellOnCurrentPage(visitor, now))}</td>
              <td>{visitor.pagesThisVisit}</td>
              <td>{formatDuration(visitor.timeOnSiteMs)}</td>
              <td>{sourceOf(visitor)}</td>
              <td>{newOrReturning(visitor)}</td>
              <td>{live.ownerName ?? ''}</td>
              <td>{live.siteName ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
