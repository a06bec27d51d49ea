import { useState } from 'react';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useSession } from '../../shell/Session';
import { useLoad } from '../../shell/useLoad';
import { useWorkspacesApi, type ReceivedInvitation } from './api';

/**
 * The invitations the signed-in user has received, shown above every page until they accept or decline them:
 * an existing account joins a workspace only when its owner says yes.
 */
export function MyInvitations() {
  const api = useWorkspacesApi();
  const { joinWorkspace } = useSession();
  const { loaded, setLoaded: setInvitations, errors, setErrors } = useLoad(() => api.myInvitations(), [api]);
  const invitations = loaded ?? [];
  const [joined, setJoined] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function answer(invitation: ReceivedInvitation, accept: boolean) {
    setBusy(true);
    setErrors([]);
    setJoined(null);
    try {
      if (accept) {
        const workspace = await api.acceptInvitation(invitation.id);
        joinWorkspace(workspace);
        setJoined(workspace.name);
      } else {
        await api.declineInvitation(invitation.id);
      }
      setInvitations((current) => (current ?? []).filter((i) => i.id !== invitation.id));
    } catch (error) {
      setErrors(formErrorsFrom(error, []).alerts);
    } finally {
      setBusy(false);
    }
  }

  if (invitations.length === 0 && errors.length === 0 && joined === null) return null;
  return (
    <section className="notice invitations" aria-label="Your invitations">
      <FormAlert messages={errors} />
      {joined !== null && (
        <p role="status">
          You joined {joined}; open it with the workspace menu.{' '}
          <button type="button" className="secondary" onClick={() => setJoined(null)}>
            Done
          </button>
        </p>
      )}
      {invitations.map((invitation) => (
        <p key={invitation.id}>
          {invitation.invitedBy} invited you to {invitation.workspaceName} as {invitation.role}.{' '}
          <button
            type="button"
            disabled={busy}
            aria-label={`Accept the invitation to ${invitation.workspaceName}`}
            onClick={() => void answer(invitation, true)}
          >
            Accept
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            aria-label={`Decline the invitation to ${invitation.workspaceName}`}
            onClick={() => void answer(invitation, false)}
          >
            Decline
          </button>
        </p>
      ))}
    </section>
  );
}
