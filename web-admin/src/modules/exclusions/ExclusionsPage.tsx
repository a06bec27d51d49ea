import { useEffect, useState } from 'react';
import { actionsColumn, DataTable } from '../../shell/DataTable';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useDirectoryApi, type Site } from '../../api/directory';
import { kindInfo, useExclusionsApi, type Exclusion } from './api';
import { ExclusionForm } from './ExclusionForm';
import { ExclusionTestBox } from './ExclusionTestBox';

type Editing = { exclusion?: Exclusion } | null;

function scopeOf(exclusion: Exclusion, sites: readonly Site[]): string {
  if (exclusion.siteId === null) return 'All sites';
  return sites.find((site) => site.id === exclusion.siteId)?.name ?? 'A deleted site';
}

function formatLastHit(lastHitAt: string | null): string {
  return lastHitAt === null ? 'Never' : new Date(lastHitAt).toLocaleString();
}

export function ExclusionsPage() {
  const api = useExclusionsApi();
  const directory = useDirectoryApi();
  const [exclusions, setExclusions] = useState<Exclusion[] | null>(null);
  const [sites, setSites] = useState<Site[] | null>(null);
  const [loadErrors, setLoadErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.list(), directory.listSites()]).then(
      ([loadedExclusions, loadedSites]) => {
        if (cancelled) return;
        setExclusions(loadedExclusions);
        setSites(loadedSites);
      },
      (error: unknown) => !cancelled && setLoadErrors(formErrorsFrom(error, []).alerts),
    );
    return () => {
      cancelled = true;
    };
  }, [api, directory]);

  function saved(exclusion: Exclusion) {
    setExclusions((current) => {
      const list = current ?? [];
      return list.some((e) => e.id === exclusion.id)
        ? list.map((e) => (e.id === exclusion.id ? exclusion : e))
        : [...list, exclusion];
    });
    setEditing(null);
  }

  function deleted(exclusionId: string) {
    setExclusions((current) => (current ?? []).filter((e) => e.id !== exclusionId));
    setEditing(null);
  }

  const loaded = exclusions !== null && sites !== null;
  return (
    <section>
      <div className="page-heading">
        <h1>Exclusions</h1>
        <button type="button" disabled={!loaded} onClick={() => setEditing({})}>
          New exclusion
        </button>
      </div>
      <p>
        Page views and visitors that match an exclusion are left out of every view and count, and cannot chat. Separate
        entries with ";"; use * for any run of characters and ? for one.
      </p>
      <FormAlert messages={loadErrors} />
      {editing && sites && (
        <ExclusionForm
          key={editing.exclusion?.id ?? 'new'}
          exclusion={editing.exclusion}
          sites={sites}
          onSaved={saved}
          onDeleted={deleted}
          onCancel={() => setEditing(null)}
        />
      )}
      {!loaded ? (
        loadErrors.length === 0 && <p>Loading exclusions…</p>
      ) : exclusions.length === 0 ? (
        <p>No exclusions yet. Add the first one with "New exclusion".</p>
      ) : (
        <DataTable
          rows={exclusions}
          rowKey={(exclusion) => exclusion.id}
          columns={[
            { header: 'Kind', cell: (exclusion) => kindInfo[exclusion.kind].label },
            {
              header: 'Pattern',
              cell: (exclusion) => (
                <>
                  <code>{exclusion.pattern}</code>
                  {!exclusion.enabled && <> (disabled)</>}
                  {exclusion.note !== '' && <div>{exclusion.note}</div>}
                </>
              ),
            },
            { header: 'Applies to', cell: (exclusion) => scopeOf(exclusion, sites) },
            { header: 'Hits', cell: (exclusion) => exclusion.hitCount },
            { header: 'Last hit', cell: (exclusion) => formatLastHit(exclusion.lastHitAt) },
            actionsColumn<Exclusion>((exclusion) => (
              <button
                type="button"
                className="link"
                aria-label={`Edit ${kindInfo[exclusion.kind].label} exclusion ${exclusion.pattern}`}
                onClick={() => setEditing({ exclusion })}
              >
                Edit
              </button>
            )),
          ]}
        />
      )}
      {sites && (sites.length === 0 ? <p>Add a site to test exclusions on it.</p> : <ExclusionTestBox sites={sites} />)}
    </section>
  );
}
