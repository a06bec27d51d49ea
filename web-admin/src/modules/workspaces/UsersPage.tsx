import { useEffect, useState } from 'react';
import { actionsColumn, DataTable } from '../../shell/DataTable';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useSession } from '../../shell/Session';
import { useLoad } from '../../shell/useLoad';
import { useWorkspacesApi, type AddUserResult, type Invitation, type WorkspaceUser } from './api';
import { UserForm } from './UserForm';

type Editing = { user?: WorkspaceUser } | null;

/** What adding a user leaves on the page until it is dismissed. */
type Notice = { kind: 'password'; email: string; password: string } | { kind: 'invited'; email: string } | null;

function byDisplayName(users: WorkspaceUser[]): WorkspaceUser[] {
  return [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function UsersPage() {
  const api = useWorkspacesApi();
  const { state, updateUser } = useSession();
  const [users, setUsers] = useState<WorkspaceUser[] | null>(null);
  const [pageErrors, setPageErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<Notice>(null);

  // Only a workspace's Admins see its invitations.
  const isAdmin =
    state.status === 'signedIn' && state.workspaces.find((w) => w.id === state.workspaceId)?.role === 'Admin';
  const pending = useLoad(() => (isAdmin ? api.listInvitations() : Promise.resolve([])), [api, isAdmin]);
  const invitations = pending.loaded ?? [];
  const setInvitations = (change: (current: Invitation[]) => Invitation[]) =>
    pending.setLoaded((current) => change(current ?? []));

  useEffect(() => {
    let cancelled = false;
    api.listUsers().then(
      (loaded) => !cancelled && setUsers(loaded),
      (error: unknown) => !cancelled && setPageErrors(formErrorsFrom(error, []).alerts),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  /** Only the user themself or an installation owner may rename someone; the server refuses anyone else. */
  function mayRename(user: WorkspaceUser): boolean {
    return state.status === 'signedIn' && (state.installationOwner || state.user.id === user.id);
  }

  function open(user?: WorkspaceUser) {
    setEditing({ user });
    setNotice(null);
  }

  function added(result: AddUserResult) {
    setEditing(null);
    if ('invited' in result) {
      const invitation = result.invited;
      setInvitations((current) => [...current.filter((i) => i.id !== invitation.id), invitation]);
      setNotice({ kind: 'invited', email: invitation.email });
      return;
    }
    const { user, temporaryPassword } = result.added;
    setUsers((current) => byDisplayName([...(current ?? []).filter((u) => u.id !== user.id), user]));
    if (temporaryPassword !== null) setNotice({ kind: 'password', email: user.email, password: temporaryPassword });
  }

  function updated(user: WorkspaceUser) {
    // An Admin who renamed themself sees their new name in the header too.
    if (state.status === 'signedIn' && state.user.id === user.id) {
      updateUser({ id: user.id, email: user.email, displayName: user.displayName });
    }
    setUsers((current) => byDisplayName((current ?? []).map((u) => (u.id === user.id ? user : u))));
    setEditing(null);
  }

  async function remove(user: WorkspaceUser) {
    if (!window.confirm(`Remove ${user.displayName} (${user.email}) from this workspace?`)) return;
    setPageErrors([]);
    try {
      await api.removeUser(user.id);
      setUsers((current) => (current ?? []).filter((u) => u.id !== user.id));
      if (editing?.user?.id === user.id) setEditing(null);
    } catch (error) {
      setPageErrors(formErrorsFrom(error, []).alerts);
    }
  }

  async function withdraw(invitation: Invitation) {
    if (!window.confirm(`Withdraw the invitation of ${invitation.email}?`)) return;
    setPageErrors([]);
    try {
      await api.withdrawInvitation(invitation.id);
      setInvitations((current) => current.filter((i) => i.id !== invitation.id));
    } catch (error) {
      setPageErrors(formErrorsFrom(error, []).alerts);
    }
  }

  return (
    <section>
      <div className="page-heading">
        <h1>Users</h1>
        <button type="button" onClick={() => open()}>
          Add user
        </button>
      </div>
      <FormAlert messages={[...pageErrors, ...pending.errors]} />
      {notice?.kind === 'password' && (
        <div className="notice" role="status">
          <p>
            Temporary password for {notice.email}: <code>{notice.password}</code>
          </p>
          <p>It is shown only this once: hand it over now.</p>
          <button type="button" className="secondary" onClick={() => setNotice(null)}>
            Done
          </button>
        </div>
      )}
      {notice?.kind === 'invited' && (
        <div className="notice" role="status">
          <p>Invitation sent to {notice.email}; they join when they accept.</p>
          <button type="button" className="secondary" onClick={() => setNotice(null)}>
            Done
          </button>
        </div>
      )}
      {editing && (
        <UserForm
          key={editing.user?.id ?? 'new'}
          user={editing.user}
          mayRename={editing.user === undefined || mayRename(editing.user)}
          onAdded={added}
          onUpdated={updated}
          onCancel={() => setEditing(null)}
        />
      )}
      {users === null ? (
        pageErrors.length === 0 && <p>Loading users…</p>
      ) : (
        <>
          <DataTable
            rows={users}
            rowKey={(user) => user.id}
            columns={[
              { header: 'Display name', cell: (user) => user.displayName },
              { header: 'Email', cell: (user) => user.email },
              { header: 'Role', cell: (user) => user.role },
              actionsColumn<WorkspaceUser>((user) => (
                <>
                  <button type="button" className="secondary" aria-label={`Edit ${user.displayName}`} onClick={() => open(user)}>
                    Edit
                  </button>
                  <button type="button" className="danger" aria-label={`Remove ${user.displayName}`} onClick={() => void remove(user)}>
                    Remove
                  </button>
                </>
              )),
            ]}
          />
          {invitations.length > 0 && (
            <>
              <h2>Pending invitations</h2>
              <DataTable
                label="Pending invitations"
                rows={invitations}
                rowKey={(invitation) => invitation.id}
                columns={[
                  { header: 'Email', cell: (invitation) => invitation.email },
                  { header: 'Role', cell: (invitation) => invitation.role },
                  { header: 'Invited', cell: (invitation) => new Date(invitation.invitedAt).toLocaleString() },
                  actionsColumn<Invitation>((invitation) => (
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Withdraw the invitation of ${invitation.email}`}
                      onClick={() => void withdraw(invitation)}
                    >
                      Withdraw
                    </button>
                  )),
                ]}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
