import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { FormAlert } from '../../shell/forms';
import { leadsPageSize, useVisitorsApi, type Lead } from './api';
import { formatTime } from './format';
import { useLoad } from '../../shell/useLoad';

function offsetFrom(text: string | null): number {
  const offset = Math.floor(Number(text));
  return Number.isFinite(offset) && offset > 0 ? offset : 0;
}

export function LeadsPage() {
  const api = useVisitorsApi();
  // Search and page live in the address so that coming back from a lead finds the same list.
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const offset = offsetFrom(params.get('offset'));
  const [typed, setTyped] = useState(search);

  const { loaded: leads, loading, errors } = useLoad(() => api.leads(search, offset), [api, search, offset]);

  function show(nextSearch: string, nextOffset: number) {
    const next = new URLSearchParams();
    if (nextSearch !== '') next.set('search', nextSearch);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    setParams(next);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    show(typed.trim(), 0);
  }

  return (
    <section>
      <div className="page-heading">
        <h1>Leads</h1>
      </div>
      <form role="search" className="inline-form search-form" onSubmit={submitSearch}>
        <div className="field">
          <label htmlFor="lead-search">Search leads</label>
          <input
            id="lead-search"
            type="search"
            placeholder="Name, email or company"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <button type="submit">Search</button>
      </form>
      <FormAlert messages={errors} />
      {leads === null ? (
        errors.length === 0 && <p>Loading leads…</p>
      ) : leads.length === 0 && offset === 0 ? (
        <p>
          {search === ''
            ? 'No leads yet. A visitor becomes a lead when a tracked page identifies it.'
            : `No lead matches "${search}".`}
        </p>
      ) : (
        <>
          <LeadsTable leads={leads} />
          <div className="actions pager">
            <button
              type="button"
              className="secondary"
              disabled={loading || offset === 0}
              onClick={() => show(search, Math.max(0, offset - leadsPageSize))}
            >
              Previous
            </button>
            <span>
              {leads.length === 0 ? 'No more leads' : `Leads ${offset + 1}–${offset + leads.length}`}
            </span>
            <button
              type="button"
              className="secondary"
              // The server tells no total: a full page means there may be more.
              disabled={loading || leads.length < leadsPageSize}
              onClick={() => show(search, offset + leadsPageSize)}
            >
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function LeadsTable({ leads }: { leads: readonly Lead[] }) {
  return (
    <table className="wide-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Company</th>
          <th scope="col">Owner</th>
          <th scope="col">Tags</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => (
          <tr key={lead.id}>
            <td>
              <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{lead.name || lead.email}</Link>
            </td>
            <td>{lead.email}</td>
            <td>{lead.company ?? ''}</td>
            <td>{lead.ownerName ?? ''}</td>
            <td>{lead.tags.join(', ')}</td>
            <td>{formatTime(lead.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
