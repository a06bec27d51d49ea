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
});
