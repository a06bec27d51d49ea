import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from './forms';
import { useSession, type SignedIn } from './Session';

export function WorkspaceSwitcher({ session }: { session: SignedIn }) {
  const { switchWorkspace, createWorkspace } = useSession();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      await createWorkspace(name.trim());
      setCreating(false);
      setName('');
      setErrors(noFormErrors);
    } catch (error) {
      setErrors(formErrorsFrom(error, ['name']));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="workspace-switcher">
      {session.workspaces.length > 0 && (
        <select
          aria-label="Workspace"
          value={session.workspaceId ?? ''}
          onChange={(event) => switchWorkspace(event.target.value)}
        >
          {session.workspaces.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </select>
      )}
      {!session.mayCreateWorkspaces ? null : creating ? (
        <form className="inline-form" onSubmit={create} aria-label="New workspace">
          <FormAlert messages={errors.alerts} />
          <Field name="name" label="Workspace name" idPrefix="workspace-" errors={errors.fields.name}>
            {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="submit" disabled={saving}>
              Create
            </button>
            <button type="button" className="secondary" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => setCreating(true)}>
          New workspace
        </button>
      )}
    </div>
  );
}
