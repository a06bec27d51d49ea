import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/problem';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useDirectoryApi, type WorkspaceUser } from '../../api/directory';
import { useVisitorsApi, type Lead, type LeadDetail } from './api';
import { formatTime, visitorPath } from './format';
import { LeadForm } from './LeadForm';
import { VisitHistory } from './VisitHistory';

type Loaded = { status: 'loading' } | { status: 'unknown' } | { status: 'loaded'; detail: LeadDetail };

export function LeadPage() {
  const api = useVisitorsApi();
  const directory = useDirectoryApi();
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [users, setUsers] = useState<WorkspaceUser[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  useEffect(() => {
    let cancelled = false;
    function fail(error: unknown) {
      if (cancelled) return;
      if (error instanceof ApiError && error.status === 404) setLoaded({ status: 'unknown' });
      else setErrors((current) => [...current, ...formErrorsFrom(error, []).alerts]);
    }
    api.lead(id).then((detail) => !cancelled && setLoaded({ status: 'loaded', detail }), fail);
    directory.listUsers().then((loadedUsers) => !cancelled && setUsers(loadedUsers), fail);
    return () => {
      cancelled = true;
    };
  }, [api, directory, id]);

  function saved(lead: Lead) {
    setLoaded((current) =>
      current.status === 'loaded' ? { ...current, detail: { ...current.detail, lead } } : current,
    );
  }

  return (
    <section>
      <p>
        <Link to="/leads">All leads</Link>
      </p>
      {loaded.status === 'loaded' ? <h1>{loaded.detail.lead.name || loaded.detail.lead.email}</h1> : <h1>Lead</h1>}
      <FormAlert messages={errors} />
      {loaded.status === 'loading' && errors.length === 0 && <p>Loading lead…</p>}
      {loaded.status === 'unknown' && <p>This lead is not known.</p>}
      {loaded.status === 'loaded' && (
        <>
          <LeadFacts lead={loaded.detail.lead} />
          <LeadForm lead={loaded.detail.lead} users={users} onSaved={saved} />
          <h2>Timeline</h2>
          {loaded.detail.visitors.length === 0 && <p>No visits recorded.</p>}
          {loaded.detail.visitors.map((visitor) => (
            <section key={visitorPath(visitor.siteId, visitor.visitorId)} className="lead-visitor">
              <h3>
                <Link to={visitorPath(visitor.siteId, visitor.visitorId)}>Visitor {visitor.visitorId}</Link>
              </h3>
              <VisitHistory visits={visitor.visits} pageViews={visitor.pageViews} />
            </section>
          ))}
        </>
      )}
    </section>
  );
}

function LeadFacts({ lead }: { lead: Lead }) {
  return (
    <dl className="facts">
      <dt>Email</dt>
      <dd>{lead.email}</dd>
      <dt>Name</dt>
      <dd>{lead.name ?? ''}</dd>
      <dt>Company</dt>
      <dd>{lead.company ?? ''}</dd>
      <dt>Phone</dt>
      <dd>{lead.phone ?? ''}</dd>
      <dt>Created</dt>
      <dd>{formatTime(lead.createdAt)}</dd>
      <dt>Updated</dt>
      <dd>{formatTime(lead.updatedAt)}</dd>
    </dl>
  );
}
