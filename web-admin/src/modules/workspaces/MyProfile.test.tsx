import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aliceSession, fakeServer, json, noContent, problem, signedIn as session } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';

const signedIn = { ...session(), 'GET /api/workspaces/sites': () => json([]) };

describe('Your profile', () => {
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
