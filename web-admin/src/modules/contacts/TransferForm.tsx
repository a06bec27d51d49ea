import { useState, type FormEvent } from 'react';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useSession } from '../../shell/Session';
import { useContactsApi, type Contact, type TransferResult } from './api';

interface TransferFormProps {
  contact: Contact;
  /** Called after a move: the contact is no longer in this workspace. */
  onMoved(): void;
}

/** Copies or moves a contact to another workspace in which the user is an Admin (the server checks both). */
export function TransferForm({ contact, onMoved }: TransferFormProps) {
  const api = useContactsApi();
  const { state } = useSession();
  const targets =
    state.status === 'signedIn'
      ? state.workspaces.filter((workspace) => workspace.id !== state.workspaceId && workspace.role === 'Admin')
      : [];
  const [target, setTarget] = useState('');
  const [move, setMove] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  if (targets.length === 0) {
    return null;
  }
  const chosen = targets.find((workspace) => workspace.id === target) ?? targets[0]!;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    setDone(null);
    try {
      const result: TransferResult = await api.transferContacts([contact.id], chosen.id, move);
      const skipped = result.skipped.find((entry) => entry.id === contact.id);
      if (skipped) {
        setErrors([`Not ${move ? 'moved' : 'copied'} to ${chosen.name}: ${skipped.reason}`]);
      } else if (move) {
        onMoved();
        return;
      } else {
        setDone(`Copied to ${chosen.name}.`);
      }
    } catch (error) {
      setErrors(formErrorsFrom(error, []).alerts);
    }
    setBusy(false);
  }

  return (
    <form className="panel" aria-label="Copy or move to another workspace" onSubmit={submit}>
      <h2>Copy or move to another workspace</h2>
      <FormAlert messages={errors} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor="transfer-target">Workspace</label>
          <select id="transfer-target" value={chosen.id} onChange={(event) => setTarget(event.target.value)}>
            {targets.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>What to do</legend>
          <label>
            <input type="radio" name="transfer-mode" checked={!move} onChange={() => setMove(false)} /> Copy
          </label>
          <label>
            <input type="radio" name="transfer-mode" checked={move} onChange={() => setMove(true)} /> Move
          </label>
        </fieldset>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {move ? 'Move contact' : 'Copy contact'}
        </button>
      </div>
    </form>
  );
}
