import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import type { Site } from '../../api/directory';
import { exclusionKinds, kindInfo, useExclusionsApi, type Exclusion, type ExclusionKind } from './api';

const fields = ['siteId', 'kind', 'pattern', 'note', 'enabled'] as const;
const allSites = '';

interface ExclusionFormProps {
  /** The exclusion to edit; a new one when absent. */
  exclusion?: Exclusion;
  sites: readonly Site[];
  onSaved(exclusion: Exclusion): void;
  onDeleted(exclusionId: string): void;
  onCancel(): void;
}

export function ExclusionForm({ exclusion, sites, onSaved, onDeleted, onCancel }: ExclusionFormProps) {
  const api = useExclusionsApi();
  const [siteId, setSiteId] = useState(exclusion?.siteId ?? allSites);
  const [kind, setKind] = useState<ExclusionKind>(exclusion?.kind ?? 'Page');
  const [pattern, setPattern] = useState(exclusion?.pattern ?? '');
  const [note, setNote] = useState(exclusion?.note ?? '');
  const [enabled, setEnabled] = useState(exclusion?.enabled ?? true);
  const [errors, setErrors] = useState(noFormErrors);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setErrors(noFormErrors);
    try {
      await action();
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const input = { siteId: siteId === allSites ? null : siteId, kind, pattern: pattern.trim(), note: note.trim(), enabled };
    void run(async () => onSaved(await (exclusion ? api.update(exclusion.id, input) : api.create(input))));
  }

  function remove() {
    if (exclusion && window.confirm(`Delete the ${kindInfo[exclusion.kind].label} exclusion "${exclusion.pattern}"?`)) {
      void run(async () => {
        await api.remove(exclusion.id);
        onDeleted(exclusion.id);
      });
    }
  }

  const title = exclusion ? 'Edit exclusion' : 'New exclusion';
  return (
    <form className="panel" onSubmit={save} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FormAlert messages={errors.alerts} />
      <Field name="siteId" label="Applies to" errors={errors.fields.siteId}>
        {(control) => (
          <select {...control} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value={allSites}>All sites</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="kind" label="Kind" errors={errors.fields.kind}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as ExclusionKind)}>
            {exclusionKinds.map((k) => (
              <option key={k} value={k}>
                {kindInfo[k].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="pattern" label="Pattern" errors={errors.fields.pattern}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            required
            placeholder={`Entries separated by ";", such as ${kindInfo[kind].example}`}
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
          />
        )}
      </Field>
      <Field name="note" label="Note" errors={errors.fields.note}>
        {(control) => <input {...control} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <Field name="enabled" label="Enabled" errors={errors.fields.enabled}>
        {(control) => (
          <input
            {...control}
            type="checkbox"
            style={{ width: 'auto' }}
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        {exclusion && (
          <button type="button" className="danger" disabled={busy} onClick={remove}>
            Delete exclusion
          </button>
        )}
      </div>
    </form>
  );
}
