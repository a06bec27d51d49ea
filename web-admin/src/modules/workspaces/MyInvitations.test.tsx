import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, noContent, signedIn as session } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';

const signedIn = { ...session(), 'GET /api/workspaces/sites': () => json([]) };

describe('the user’s invitations', () => {
  it('shows a received invitation on every page; accepting adds the workspace to the switcher', async () => {
    const server = fakeServer({
      ...signedIn,
      'GET /api/workspaces/me/invitations': () =>
        json([
          {
            id: 'i1',
            workspaceId: 'w3',
            workspaceName: 'Initech',
            role: 'Operator',
            invitedBy: 'Bill Lumbergh',
            invitedAt: '2026-12-01T10:00:00Z',
          },
        ]),
      'POST /api/workspaces/me/invitations/i1/accept': () => json({ id: 'w3', name: 'Initech', role: 'Operator' }),
    });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    const invitations = await screen.findByRole('region', { name: 'Your invitations' });
    expect(invitations.textContent).toContain('Bill Lumbergh invited you to Initech as Operator.');
    await user.click(screen.getByRole('button', { name: 'Accept the invitation to Initech' }));

    expect(await screen.findByText(/You joined Initech/)).toBeDefined();
    const switcher = screen.getByRole('combobox', { name: 'Workspace' }) as HTMLSelectElement;
    expect([...switcher.options].map((option) => option.text)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(switcher.value).toBe('w1');
    expect(screen.queryByRole('button', { name: 'Accept the invitation to Initech' })).toBeNull();

    await user.selectOptions(switcher, 'Initech');
    await waitFor(() => expect(server.to('GET', '/api/workspaces/sites').at(-1)?.headers['X-Workspace-Id']).toBe('w3'));
  });

  it('declines an invitation', async () => {
    const server = fakeServer({
      ...signedIn,
      'GET /api/workspaces/me/invitations': () =>
        json([
          { id: 'i1', workspaceId: 'w3', workspaceName: 'Initech', role: 'Admin', invitedBy: 'Bill', invitedAt: '2026-12-01T10:00:00Z' },
        ]),
      'POST /api/workspaces/me/invitations/i1/decline': () => noContent(),
    });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Decline the invitation to Initech' }));

    await waitFor(() => expect(screen.queryByRole('region', { name: 'Your invitations' })).toBeNull());
    expect(server.to('POST', '/api/workspaces/me/invitations/i1/decline')).toHaveLength(1);
    const switcher = screen.getByRole('combobox', { name: 'Workspace' }) as HTMLSelectElement;
    expect([...switcher.options].map((option) => option.text)).toEqual(['Acme', 'Globex']);
  });
});
