import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { parseTags } from '../../shell/tags';
import type { WorkspaceUser } from '../../api/directory';
import { useVisitorsApi, type Lead } from './api';

const fields = ['ownerUserId', 'tags'] as const;

interface Owner {
  id: string;
  displayName: string;
}

/** The workspace's users, plus the lead's owner should the list not hold it (not loaded, or no longer a member). */
function ownersFor(lead: Lead, users: readonly WorkspaceUser[]): Owner[] {
  const owners: Owner[] = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (lead.ownerUserId !== null && !owners.some((owner) => owner.id === lead.ownerUserId)) {
    owners.push({ id: lead.ownerUserId, displayName: lead.ownerName ?? lead.ownerUserId });
  }
  return owners;
}

interface LeadFormProps {
  lead: Lead;
  users: readonly WorkspaceUser[];
  onSaved(lead: Lead): void;
}

export function LeadForm({ lead, users, onSaved }: LeadFormProps) {
  const api = useVisitorsApi();
  const [owner, setOwner] = useState(lead.ownerUserId ?? '');
  const [tags, setTags] = useState(lead.tags.join(', '));
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noFormErrors);
    setStatus('');
    try {
      const saved = await api.updateLead(lead.id, { ownerUserId: owner, tags: parseTags(tags) });
      setOwner(saved.ownerUserId ?? '');
      setTags(saved.tags.join(', '));
      setStatus('Saved');
      onSaved(saved);
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="panel" onSubmit={save} noValidate aria-label="Owner and tags">
      <h2>Owner and tags</h2>
      <FormAlert messages={errors.alerts} />
      <Field name="ownerUserId" label="Owner" errors={errors.fields.ownerUserId}>
        {(control) => (
          <select {...control} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">(none)</option>
            {ownersFor(lead, users).map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="tags" label="Tags" errors={errors.fields.tags}>
        {(control) => (
          <input
            {...control}
            placeholder="customer, trade fair"
            value={tags}
            onChange={(e) => setTags(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={saving}>
          Save
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
