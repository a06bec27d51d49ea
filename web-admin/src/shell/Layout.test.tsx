import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aliceSession, fakeServer, json, noContent, problem, signedIn as session } from '../test/fakeServer';
import { renderApp } from '../test/renderApp';

const signedIn = {
  ...session(),
  'GET /api/workspaces/sites': () => json([]),
  'GET /api/workspaces/users': () => json([]),
};

describe('the shell', () => {
  it('shows the navigation of the loaded modules and the workspace switcher', async () => {
    const server = fakeServer(signedIn);
    renderApp(server.client, '/');

    const nav = await screen.findByRole('navigation');
    const links = [...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Sites', '/sites'],
      ['Users', '/users'],
    ]);
    const switcher = screen.getByRole('combobox', { name: 'Workspace' }) as HTMLSelectElement;
    expect(switcher.value).toBe('w1');
    expect([...switcher.options].map((option) => option.text)).toEqual(['Acme', 'Globex']);
  });

  it('switches workspace, remembers the choice and sends it with the next requests', async () => {
    const server = fakeServer(signedIn);
    renderApp(server.client, '/users');
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Workspace' }), 'Globex');

    await waitFor(() => expect(server.to('GET', '/api/workspaces/users')).toHaveLength(2));
    expect(server.to('GET', '/api/workspaces/users')[1]?.headers['X-Workspace-Id']).toBe('w2');
    expect(localStorage.getItem('lookout.workspaceId')).toBe('w2');
  });

  it('starts in the remembered workspace', async () => {
    localStorage.setItem('lookout.workspaceId', 'w2');
    const server = fakeServer(signedIn);
    renderApp(server.client, '/sites');

    await screen.findByRole('heading', { name: 'Sites' });
    // The heading shows before the page's first request goes out.
    await waitFor(() => expect(server.to('GET', '/api/workspaces/sites')).toHaveLength(1));
    expect(server.to('GET', '/api/workspaces/sites')[0]?.headers['X-Workspace-Id']).toBe('w2');
  });

  it('goes to the login page when a request answers 401', async () => {
    const server = fakeServer({ ...signedIn, 'GET /api/workspaces/sites': () => problem(401, 'Unauthorized') });
    renderApp(server.client, '/sites');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeDefined();
  });

  it('signs out and fetches an antiforgery token for the anonymous visitor', async () => {
    const server = fakeServer({ ...signedIn, 'POST /api/workspaces/logout': () => noContent() });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeDefined();
    expect(server.to('POST', '/api/workspaces/logout')[0]?.headers['X-XSRF-TOKEN']).toBe('token-1');
    expect(server.to('GET', '/api/workspaces/antiforgery')).toHaveLength(2);
  });

  it('creates a workspace and switches to it', async () => {
    const server = fakeServer({
      ...signedIn,
      'POST /api/workspaces': () => json({ id: 'w3', name: 'Initech', role: 'Admin' }, 201),
    });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'New workspace' }));
    await user.type(screen.getByLabelText('Workspace name'), 'Initech');
    await user.click(screen.getByRole('button', { name: 'Create' }));

    const switcher = screen.getByRole('combobox', { name: 'Workspace' }) as HTMLSelectElement;
    await waitFor(() => expect(switcher.value).toBe('w3'));
    expect(server.to('POST', '/api/workspaces')[0]?.body).toEqual({ name: 'Initech' });
  });

  it('offers no new workspace when the user may not create one', async () => {
    const server = fakeServer({ ...signedIn, ...session({ ...aliceSession, mayCreateWorkspaces: false }) });
    renderApp(server.client, '/sites');

    await screen.findByRole('heading', { name: 'Sites' });
    expect(screen.getByRole('combobox', { name: 'Workspace' })).toBeDefined();
    expect(screen.queryByRole('button', { name: 'New workspace' })).toBeNull();
  });

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

  it('opens the user’s profile from the header and shows a new name there once saved', async () => {
    const server = fakeServer({
      ...signedIn,
      'PUT /api/workspaces/me/profile': (request) => json({ ...aliceSession.user, ...(request.body as object) }),
    });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Your profile' }));
    const name = (await screen.findByRole('dialog', { name: 'Your profile' })).querySelector('#profile-displayName') as HTMLInputElement;
    expect(name.value).toBe('Alice Admin');
    await user.clear(name);
    await user.type(name, 'Alice A.');
    await user.click(screen.getByRole('button', { name: 'Save name' }));

    expect(await screen.findByText('Name saved')).toBeDefined();
    expect(server.to('PUT', '/api/workspaces/me/profile')[0]?.body).toEqual({ displayName: 'Alice A.' });
    expect(document.querySelector('.user-name')?.textContent).toBe('Alice A.');
  });

  it('shows a refused password change next to its fields', async () => {
    const server = fakeServer({
      ...signedIn,
      'PUT /api/workspaces/me/password': () =>
        problem(400, 'The request has invalid fields.', {
          errors: { currentPassword: ['Not your current password.'], newPassword: ['Between 8 and 128 characters.'] },
        }),
    });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Your profile' }));
    await user.type(await screen.findByLabelText('Current password'), 'wrong');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect((await screen.findByText('Not your current password.')).id).toBe('profile-currentPassword-error');
    expect(screen.getByText('Between 8 and 128 characters.').id).toBe('profile-newPassword-error');
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(server.to('PUT', '/api/workspaces/me/password')[0]?.body).toEqual({ currentPassword: 'wrong', newPassword: 'short' });
  });

  it('changes the password and empties the fields', async () => {
    const server = fakeServer({ ...signedIn, 'PUT /api/workspaces/me/password': () => noContent() });
    renderApp(server.client, '/sites');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Your profile' }));
    await user.type(await screen.findByLabelText('Current password'), 'old-password');
    await user.type(screen.getByLabelText('New password'), 'new-password-1');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Password changed')).toBeDefined();
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
    expect(server.to('PUT', '/api/workspaces/me/password')).toHaveLength(1);
  });
});
