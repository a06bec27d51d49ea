import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { useSession } from '../../shell/Session';
import { Dialog } from '../../shell/Dialog';
import { useWorkspacesApi } from './api';

/** The signed-in user's display name, theirs alone to change: it shows in every workspace they belong to. */
function DisplayNameForm({ displayName: saved }: { displayName: string }) {
  const api = useWorkspacesApi();
  const { updateUser } = useSession();
  const [displayName, setDisplayName] = useState(saved);
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noFormErrors);
    setStatus('');
    try {
      const user = await api.updateMyProfile(displayName.trim());
      updateUser(user);
      setDisplayName(user.displayName);
      setStatus('Name saved');
    } catch (error) {
      setErrors(formErrorsFrom(error, ['displayName']));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} noValidate aria-label="Your name">
      <FormAlert messages={errors.alerts} />
      <Field name="displayName" label="Display name" idPrefix="profile-" errors={errors.fields.displayName}>
        {(control) => (
          <input {...control} required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={saving}>
          Save name
        </button>
        {status !== '' && <span role="status">{status}</span>}
      </div>
    </form>
  );
}

const passwordFields = ['currentPassword', 'newPassword'] as const;

function PasswordForm() {
  const api = useWorkspacesApi();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');

  async function change(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noFormErrors);
    setStatus('');
    try {
      await api.changeMyPassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setStatus('Password changed');
    } catch (error) {
      setErrors(formErrorsFrom(error, passwordFields));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={change} noValidate aria-label="Change password">
      <h3>Change password</h3>
      <FormAlert messages={errors.alerts} />
      <Field name="currentPassword" label="Current password" idPrefix="profile-" errors={errors.fields.currentPassword}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
        )}
      </Field>
      <Field name="newPassword" label="New password" idPrefix="profile-" errors={errors.fields.newPassword}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={saving}>
          Change password
        </button>
        {status !== '' && <span role="status">{status}</span>}
      </div>
    </form>
  );
}

/** The signed-in user's own name and password, the same in every workspace. */
export function MyProfile({ onClose }: { onClose?(): void }) {
  const { state } = useSession();
  if (state.status !== 'signedIn') return null;
  return (
    <section className="panel" aria-label="Your profile">
      <h2>Your profile</h2>
      <p>{state.user.email}</p>
      <DisplayNameForm displayName={state.user.displayName} />
      <PasswordForm />
      {onClose && (
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}

/** The shell's way to the user's profile: a header button opening it in a dialog, beside their preferences. */
export function MyProfileButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Your profile
      </button>
      {open && (
        <Dialog label="Your profile" onClose={() => setOpen(false)}>
          <MyProfile onClose={() => setOpen(false)} />
        </Dialog>
      )}
    </>
  );
}
