import { useState } from 'react';
import { DataTable } from '../../shell/DataTable';
import { FormAlert } from '../../shell/forms';
import { useLoad } from '../../shell/useLoad';
import { useWorkspacesApi, type Site } from './api';
import { SiteForm } from './SiteForm';
import { TrackingSnippet } from './TrackingSnippet';

type Editing = { site?: Site } | null;

export function SitesPage() {
  const api = useWorkspacesApi();
  const { loaded: sites, setLoaded: setSites, errors: loadErrors } = useLoad(() => api.listSites(), [api]);
  const [editing, setEditing] = useState<Editing>(null);
  const [snippetSite, setSnippetSite] = useState<Site | null>(null);

  function open(site?: Site) {
    setEditing({ site });
    setSnippetSite(site ?? null);
  }

  function saved(site: Site) {
    setSites((current) => {
      const others = (current ?? []).filter((existing) => existing.id !== site.id);
      return [...others, site].sort((a, b) => a.name.localeCompare(b.name));
    });
    setEditing(null);
    setSnippetSite(site);
  }

  function deleted(siteId: string) {
    setSites((current) => (current ?? []).filter((site) => site.id !== siteId));
    setEditing(null);
    setSnippetSite(null);
  }

  return (
    <section>
      <div className="page-heading">
        <h1>Sites</h1>
        <button type="button" onClick={() => open()}>
          New site
        </button>
      </div>
      <FormAlert messages={loadErrors} />
      {editing && (
        <SiteForm
          key={editing.site?.id ?? 'new'}
          site={editing.site}
          onSaved={saved}
          onDeleted={deleted}
          onCancel={() => setEditing(null)}
        />
      )}
      {snippetSite && <TrackingSnippet site={snippetSite} />}
      {sites === null ? (
        loadErrors.length === 0 && <p>Loading sites…</p>
      ) : sites.length === 0 ? (
        <p>No sites yet. Add the first one with "New site".</p>
      ) : (
        <DataTable
          rows={sites}
          rowKey={(site) => site.id}
          columns={[
            {
              header: 'Name',
              cell: (site) => (
                <button type="button" className="link" onClick={() => open(site)}>
                  {site.name}
                </button>
              ),
            },
            { header: 'Site key', cell: (site) => <code>{site.siteKey}</code> },
            { header: 'Time zone', cell: (site) => site.timeZone },
          ]}
        />
      )}
    </section>
  );
}
