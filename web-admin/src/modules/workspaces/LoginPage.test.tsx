import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { alice, fakeServer, json, loadedModules, problem, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';

const signedOut = { 'GET /api/workspaces/me': () => problem(401, 'Unauthorized') };

async function signIn(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('shows the server error for email next to the Email field', async () => {
    const server = fakeServer({
      ...signedOut,
      'POST /api/workspaces/login': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: { email: ['Enter a valid email address.'] },
        }),
    });
    renderApp(server.client, '/login');

    await signIn('not-an-email', 'secret');

    const error = await screen.findByText('Enter a valid email address.');
    expect(error.id).toBe('email-error');
    expect(error.className).toBe('field-error');
    expect(error.getAttribute('role')).toBe('alert');
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-describedby')).toBe('email-error');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.parentElement?.contains(error)).toBe(true);
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')).toBeNull();
    expect(server.to('POST', '/api/workspaces/login')[0]?.body).toEqual({
      email: 'not-an-email',
      password: 'secret',
    });
  });

  it('shows "Invalid email or password" when the server refuses the credentials', async () => {
    const server = fakeServer({
      ...signedOut,
      'POST /api/workspaces/login': () => problem(401, 'Invalid email or password'),
    });
    renderApp(server.client, '/login');

    await signIn('alice@example.com', 'wrong');

    const alert = await screen.findByText('Invalid email or password');
    expect(alert.closest('.form-alert')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDefined();
  });

  it('asks to wait when login is rate limited', async () => {
    const server = fakeServer({ ...signedOut, 'POST /api/workspaces/login': () => problem(429, 'Too Many Requests') });
    renderApp(server.client, '/login');

    await signIn('alice@example.com', 'again');

    expect(await screen.findByText('Too many attempts, try again later')).toBeDefined();
  });

  it('signs in, takes a fresh antiforgery token and goes to the sites of the first workspace', async () => {
    const server = fakeServer({
      ...signedOut,
      'POST /api/workspaces/login': () => json({ user: alice, workspaces }),
      'GET /api/modules': () => json(loadedModules),
      'GET /api/workspaces/sites': () => json([]),
    });
    renderApp(server.client, '/login');

    await signIn('alice@example.com', 'right');

    expect(await screen.findByRole('heading', { name: 'Sites' })).toBeDefined();
    expect(server.to('POST', '/api/workspaces/login')[0]?.headers['X-XSRF-TOKEN']).toBe('token-1');
    expect(server.to('GET', '/api/workspaces/antiforgery')).toHaveLength(2);
    // The heading shows before the page's first request goes out.
    await waitFor(() => expect(server.to('GET', '/api/workspaces/sites')).toHaveLength(1));
    expect(server.to('GET', '/api/workspaces/sites')[0]?.headers['X-Workspace-Id']).toBe('w1');
    expect(screen.getByText('Alice Admin')).toBeDefined();
  });
});
