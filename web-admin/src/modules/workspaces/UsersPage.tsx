import { useEffect, useState } from 'react';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useWorkspacesApi, type AddedUser, type WorkspaceUser } from './api';
import { UserForm } from './UserForm';

type Editing = { user?: WorkspaceUser } | null;

function byDisplayName(users: WorkspaceUser[]): WorkspaceUser[] {
  return [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function UsersPage() {
  const api = useWorkspacesApi();
  const [users, setUsers] = useState<WorkspaceUser[] | null>(null);
  const [pageErrors, setPageErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [handOver, setHandOver] = useState<{ email: string; password: string } | null>(null);

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

  function open(user?: WorkspaceUser) {
    setEditing({ user });
    setHandOver(null);
  }

  function added({ user, temporaryPassword }: AddedUser) {
    setUsers((current) => byDisplayName([...(current ?? []).filter((u) => u.id !== user.id), user]));
    setEditing(null);
    if (temporaryPassword !== null) setHandOver({ email: user.email, password: temporaryPassword });
  }

  function updated(user: WorkspaceUser) {
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

  return (
    <section>
      <div className="page-heading">
        <h1>Users</h1>
        <button type="button" onClick={() => open()}>
          Add user
        </button>
      </div>
      <FormAlert messages={pageErrors} />
      {handOver && (
        <div className="notice" role="status">
          <p>
            Temporary password for {handOver.email}: <code>{handOver.password}</code>
          </p>
          <p>It is shown only this once: hand it over now.</p>
          <button type="button" className="secondary" onClick={() => setHandOver(null)}>
            Done
          </button>
        </div>
      )}
      {editing && (
        <UserForm
          key={editing.user?.id ?? 'new'}
          user={editing.user}
          onAdded={added}
          onUpdated={updated}
          onCancel={() => setEditing(null)}
        />
      )}
      {users === null ? (
        pageErrors.length === 0 && <p>Loading users…</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Display name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.displayName}</td>
                <td>{user.email}</td>
                <td>{user.role}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Edit ${user.displayName}`}
                    onClick={() => open(user)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Remove ${user.displayName}`}
                    onClick={() => void remove(user)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
