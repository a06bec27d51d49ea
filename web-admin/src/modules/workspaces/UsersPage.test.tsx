import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, noContent, problem } from '../../test/fakeServer';
import type { WorkspaceUser } from './api';
import { UsersPage } from './UsersPage';

const bob: WorkspaceUser = { id: 'u2', email: 'bob@example.com', displayName: 'Bob Operator', role: 'Operator' };

function renderUsers(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({ 'GET /api/workspaces/users': () => json([bob]), ...routes });
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <UsersPage />
    </ApiProvider>,
  );
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

  it('changes a role and display name with a PUT', async () => {
    const { server, user } = renderUsers({
      'PUT /api/workspaces/users/u2': () => json({ ...bob, displayName: 'Bob', role: 'Admin' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Bob Operator' }));
    await user.clear(screen.getByLabelText('Display name'));
    await user.type(screen.getByLabelText('Display name'), 'Bob');
    await user.selectOptions(screen.getByLabelText('Role'), 'Admin');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const row = (await screen.findByText('Bob')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Admin')).toBeDefined();
    expect(server.to('PUT', '/api/workspaces/users/u2')[0]?.body).toEqual({ displayName: 'Bob', role: 'Admin' });
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
