import { useEffect, useState } from 'react';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useWorkspacesApi, type Site } from './api';
import { SiteForm } from './SiteForm';
import { TrackingSnippet } from './TrackingSnippet';

type Editing = { site?: Site } | null;

export function SitesPage() {
  const api = useWorkspacesApi();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [loadErrors, setLoadErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [snippetSite, setSnippetSite] = useState<Site | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.listSites().then(
      (loaded) => !cancelled && setSites(loaded),
      (error: unknown) => !cancelled && setLoadErrors(formErrorsFrom(error, []).alerts),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

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
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Site key</th>
              <th scope="col">Time zone</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.id}>
                <td>
                  <button type="button" className="link" onClick={() => open(site)}>
                    {site.name}
                  </button>
                </td>
                <td>
                  <code>{site.siteKey}</code>
                </td>
                <td>{site.timeZone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
