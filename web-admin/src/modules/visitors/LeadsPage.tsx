import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '../../shell/DataTable';
import { FormAlert } from '../../shell/forms';
import { Pager } from '../../shell/Pager';
import { useLoad } from '../../shell/useLoad';
import { useUrlPaging } from '../../shell/useUrlPaging';
import { leadsPageSize, useVisitorsApi, type Lead } from './api';
import { formatTime } from './format';

const columns: Column<Lead>[] = [
  { header: 'Name', cell: (lead) => <Link to={`/leads/${encodeURIComponent(lead.id)}`}>{lead.name || lead.email}</Link> },
  { header: 'Email', cell: (lead) => lead.email },
  { header: 'Company', cell: (lead) => lead.company ?? '' },
  { header: 'Owner', cell: (lead) => lead.ownerName ?? '' },
  { header: 'Tags', cell: (lead) => lead.tags.join(', ') },
  { header: 'Updated', cell: (lead) => formatTime(lead.updatedAt) },
];

export function LeadsPage() {
  const api = useVisitorsApi();
  // Search and page live in the address so that coming back from a lead finds the same list.
  const paging = useUrlPaging(leadsPageSize);
  const { page, pageSize } = paging;
  const search = paging.param('search');
  const [typed, setTyped] = useState(search);

  const { loaded, loading, errors } = useLoad(() => api.leads(search, { page, pageSize }), [api, search, page, pageSize]);

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    paging.show({ search: typed.trim() });
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
      {loaded === null ? (
        errors.length === 0 && <p>Loading leads…</p>
      ) : loaded.total === 0 ? (
        <p>
          {search === ''
            ? 'No leads yet. A visitor becomes a lead when a tracked page identifies it.'
            : `No lead matches "${search}".`}
        </p>
      ) : (
        <>
          <DataTable className="wide-table" rows={loaded.items} columns={columns} rowKey={(lead) => lead.id} />
          <Pager of={loaded} noun="Leads" loading={loading} onPage={paging.goTo} />
        </>
      )}
    </section>
  );
}
