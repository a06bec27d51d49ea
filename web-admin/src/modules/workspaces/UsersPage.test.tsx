import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { alice, aliceSession, fakeServer, json, noContent, problem, signedIn } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import type { Invitation, WorkspaceUser } from './api';

const bob: WorkspaceUser = { id: 'u2', email: 'bob@example.com', displayName: 'Bob Operator', role: 'Operator' };

const dave: Invitation = { id: 'i1', email: 'dave@example.com', role: 'Operator', invitedAt: '2026-12-01T10:00:00Z' };

/** The users page of Acme, where Alice is an Admin (and, unless `me` says so, no installation owner). */
function renderUsers(routes: Parameters<typeof fakeServer>[0], me: unknown = aliceSession) {
  const server = fakeServer({
    ...signedIn(me),
    'GET /api/workspaces/sites': () => json([]),
    'GET /api/workspaces/users': () => json([bob]),
    'GET /api/workspaces/invitations': () => json([]),
    ...routes,
  });
  renderApp(server.client, '/users');
  return { server, user: userEvent.setup() };
}

describe('UsersPage', () => {
  it('adds a user without a password and shows the generated one once', async () => {
    const carol: WorkspaceUser = { id: 'u3', email: 'carol@example.com', displayName: 'Carol', role: 'SalesRep' };
    const { server, user } = renderUsers({
      'POST /api/workspaces/users': () => json({ user: carol, temporaryPassword: 'Tmp-9x7!' }, 201),
    });

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    await user.type(screen.getByLabelText('Email'), 'carol@example.com');
    await user.type(screen.getByLabelText('Display name'), 'Carol');
    await user.selectOptions(screen.getByLabelText('Role'), 'SalesRep');
    expect((screen.getByLabelText('Password (leave empty to generate)') as HTMLInputElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Tmp-9x7!')).toBeDefined();
    expect(server.to('POST', '/api/workspaces/users')[0]?.body).toEqual({
      email: 'carol@example.com',
      displayName: 'Carol',
      role: 'SalesRep',
    });
    const row = screen.getByText('carol@example.com').closest('tr') as HTMLElement;
    expect(within(row).getByText('SalesRep')).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('Tmp-9x7!')).toBeNull();
  });

  it('lets an installation owner change a role and display name with a PUT', async () => {
    const { server, user } = renderUsers(
      { 'PUT /api/workspaces/users/u2': () => json({ ...bob, displayName: 'Bob', role: 'Admin' }) },
      { ...aliceSession, installationOwner: true },
    );

    await user.click(await screen.findByRole('button', { name: 'Edit Bob Operator' }));
    await user.clear(screen.getByLabelText('Display name'));
    await user.type(screen.getByLabelText('Display name'), 'Bob');
    await user.selectOptions(screen.getByLabelText('Role'), 'Admin');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const row = (await screen.findByText('Bob')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Admin')).toBeDefined();
    expect(server.to('PUT', '/api/workspaces/users/u2')[0]?.body).toEqual({ displayName: 'Bob', role: 'Admin' });
  });

  it('shows another member’s name read-only to an Admin who is no installation owner, and sends only the role', async () => {
    const { server, user } = renderUsers({
      'PUT /api/workspaces/users/u2': () => json({ ...bob, role: 'SalesRep' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Bob Operator' }));
    const name = screen.getByLabelText('Display name') as HTMLInputElement;
    expect(name.readOnly).toBe(true);
    expect(screen.getByText('Only they (in their profile) or an installation owner can change it.')).toBeDefined();
    await user.selectOptions(screen.getByLabelText('Role'), 'SalesRep');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const row = (await screen.findByText('SalesRep')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Bob Operator')).toBeDefined();
    expect(server.to('PUT', '/api/workspaces/users/u2')[0]?.body).toEqual({ role: 'SalesRep' });
  });

  it('lets an Admin rename themself', async () => {
    const aliceMember: WorkspaceUser = { ...alice, role: 'Admin' };
    const { server, user } = renderUsers({
      'GET /api/workspaces/users': () => json([aliceMember, bob]),
      'PUT /api/workspaces/users/u1': (request) => json({ ...aliceMember, ...(request.body as object) }),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Alice Admin' }));
    const name = screen.getByLabelText('Display name') as HTMLInputElement;
    expect(name.readOnly).toBe(false);
    await user.clear(name);
    await user.type(name, 'Alice');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('button', { name: 'Edit Alice' })).toBeDefined();
    expect(server.to('PUT', '/api/workspaces/users/u1')[0]?.body).toEqual({ role: 'Admin', displayName: 'Alice' });
  });

  it('invites an email that already has an account and lists the invitation as pending', async () => {
    const { server, user } = renderUsers({
      'POST /api/workspaces/users': () => json(dave, 202),
    });

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    await user.type(screen.getByLabelText('Email'), 'dave@example.com');
    await user.type(screen.getByLabelText('Display name'), 'Dave');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Invitation sent to dave@example.com; they join when they accept.')).toBeDefined();
    const pending = screen.getByRole('table', { name: 'Pending invitations' });
    expect(within(pending).getByText('dave@example.com')).toBeDefined();
    expect(within(pending).getByText('Operator')).toBeDefined();
    // Nothing else about them: they are no member until they accept.
    const members = screen.getAllByRole('table')[0] as HTMLElement;
    expect(within(members).queryByText('dave@example.com')).toBeNull();
    expect(server.to('POST', '/api/workspaces/users')).toHaveLength(1);
  });

  it('withdraws a pending invitation after confirmation', async () => {
    const { server, user } = renderUsers({
      'GET /api/workspaces/invitations': () => json([dave]),
      'DELETE /api/workspaces/invitations/i1': () => noContent(),
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);

    const pending = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(pending).getByText('dave@example.com')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Withdraw the invitation of dave@example.com' }));

    await waitFor(() => expect(screen.queryByRole('table', { name: 'Pending invitations' })).toBeNull());
    expect(server.to('DELETE', '/api/workspaces/invitations/i1')).toHaveLength(1);
  });

  it('asks for no invitations where the user is no Admin', async () => {
    localStorage.setItem('lookout.workspaceId', 'w2');
    const { server } = renderUsers({});

    await screen.findByText('bob@example.com');
    expect(server.to('GET', '/api/workspaces/invitations')).toHaveLength(0);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('removes a user after confirmation', async () => {
    const { server, user } = renderUsers({ 'DELETE /api/workspaces/users/u2': () => noContent() });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);

    await user.click(await screen.findByRole('button', { name: 'Remove Bob Operator' }));

    await waitFor(() => expect(screen.queryByText('bob@example.com')).toBeNull());
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(server.to('DELETE', '/api/workspaces/users/u2')).toHaveLength(1);
  });

  it('keeps the user when the removal is not confirmed, and shows a refusal', async () => {
    const { server, user } = renderUsers({
      'DELETE /api/workspaces/users/u2': () => problem(403, 'Only admins can remove users'),
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);

    await user.click(await screen.findByRole('button', { name: 'Remove Bob Operator' }));
    expect(server.to('DELETE', '/api/workspaces/users/u2')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Remove Bob Operator' }));
    expect(await screen.findByText('Only admins can remove users')).toBeDefined();
    expect(screen.getByText('bob@example.com')).toBeDefined();
    expect(confirm).toHaveBeenCalledTimes(2);
  });
});
