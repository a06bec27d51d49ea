import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { roles, useWorkspacesApi, type AddUserResult, type Role, type WorkspaceUser } from './api';

const fields = ['email', 'displayName', 'role', 'password'] as const;

interface UserFormProps {
  /** The user to edit; a new user when absent. */
  user?: WorkspaceUser;
  /** Whether the display name may be changed here: only by the user themself or an installation owner. */
  mayRename: boolean;
  onAdded(result: AddUserResult): void;
  onUpdated(user: WorkspaceUser): void;
  onCancel(): void;
}

export function UserForm({ user, mayRename, onAdded, onUpdated, onCancel }: UserFormProps) {
  const api = useWorkspacesApi();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'Operator');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noFormErrors);
    try {
      if (user) {
        onUpdated(await api.updateUser(user.id, mayRename ? { role, displayName: displayName.trim() } : { role }));
      } else {
        onAdded(
          await api.addUser({
            email: email.trim(),
            displayName: displayName.trim(),
            role,
            ...(password === '' ? {} : { password }),
          }),
        );
      }
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setSaving(false);
    }
  }

  return (
    <form className="panel" onSubmit={save} noValidate aria-label={user ? `Edit user ${user.email}` : 'Add user'}>
      <h2>{user ? `Edit ${user.email}` : 'Add user'}</h2>
      <FormAlert messages={errors.alerts} />
      {!user && (
        <Field name="email" label="Email" errors={errors.fields.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="off"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
      )}
      <Field name="displayName" label="Display name" errors={errors.fields.displayName}>
        {(control) => (
          <>
            <input
              {...control}
              required
              readOnly={!mayRename}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
            {!mayRename && <p className="field-hint">Only they (in their profile) or an installation owner can change it.</p>}
          </>
        )}
      </Field>
      <Field name="role" label="Role" errors={errors.fields.role}>
        {(control) => (
          <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!user && (
        <Field name="password" label="Password (leave empty to generate)" errors={errors.fields.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
      )}
      <div className="actions">
        <button type="submit" disabled={saving}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
