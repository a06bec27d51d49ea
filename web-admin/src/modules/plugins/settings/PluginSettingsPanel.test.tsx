import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../api/ApiContext';
import { aliceSession, fakeServer, json, signedIn } from '../../../test/fakeServer';
import { renderApp } from '../../../test/renderApp';
import type { Plugin } from '../api';
import { PluginsPage } from '../PluginsPage';
import type { PluginSettings } from './api';

const email: Plugin = {
  id: 'email',
  name: 'Email',
  version: '1.0.0',
  sdkVersion: '1.0',
  source: 'built-in',
  status: 'loaded',
  reason: null,
  channels: ['email'],
  attachmentRenderers: [],
  hasSettings: true,
};

const settings: PluginSettings = {
  pluginId: 'email',
  fields: [
    { name: 'host', label: 'SMTP host', kind: 'text', secret: false, choices: [], description: 'Leave empty for the pickup folder.' },
    { name: 'port', label: 'SMTP port', kind: 'number', secret: false, choices: [], description: null },
    { name: 'startTls', label: 'Use STARTTLS', kind: 'boolean', secret: false, choices: [], description: null },
    { name: 'password', label: 'Password', kind: 'text', secret: true, choices: [], description: null },
    { name: 'mode', label: 'Mode', kind: 'choice', secret: false, choices: ['Twilio', 'Generic'], description: null },
  ],
  values: { host: '', port: 587, startTls: true, mode: 'Twilio' },
  secretsSet: ['password'],
  inherited: false,
};

/** What a workspace without settings of its own is shown: the plugin's defaults, no secret set. */
const inherited: PluginSettings = { ...settings, values: { host: '', port: 25, startTls: false, mode: 'Twilio' }, secretsSet: [], inherited: true };

const pluginsModule = [{ name: 'plugins', title: 'Plugins', order: 10 }];

const validation = (errors: Record<string, string[]>) =>
  new Response(JSON.stringify({ title: 'The request has invalid fields.', status: 400, errors }), {
    status: 400,
    headers: { 'Content-Type': 'application/problem+json' },
  });

async function openSettings(routes: Parameters<typeof fakeServer>[0], me: unknown = aliceSession) {
  const server = fakeServer({
    ...signedIn(me, pluginsModule),
    'GET /api/plugins': () => json([email]),
    'GET /api/plugins/email/settings': () => json(settings),
    ...routes,
  });
  renderApp(server.client, '/plugins');
  fireEvent.click(await screen.findByRole('button', { name: 'Settings of Email' }));
  return server;
}

describe('plugin settings', () => {
  it('shows each setting with its value, and a secret only as set', async () => {
    await openSettings({});

    await screen.findByLabelText('SMTP host');
    expect((screen.getByLabelText('SMTP port') as HTMLInputElement).value).toBe('587');
    expect((screen.getByLabelText('Use STARTTLS') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Mode') as HTMLSelectElement).value).toBe('Twilio');
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect(password.placeholder).toBe('Set; type to replace');
    expect(screen.getByText('Leave empty for the pickup folder.')).toBeDefined();
  });

  it('saves what was typed, leaves an untouched secret out, and shows the server’s field errors next to their fields', async () => {
    const server = await openSettings({
      'PUT /api/plugins/email/settings': () => validation({ port: ['A port number from 1 to 65535.'] }),
    });
    await screen.findByLabelText('SMTP host');

    fireEvent.change(screen.getByLabelText('SMTP host'), { target: { value: 'smtp.example.com' } });
    fireEvent.change(screen.getByLabelText('SMTP port'), { target: { value: '70000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const error = await screen.findByText('A port number from 1 to 65535.');
    expect(error.id).toBe('plugin-email-port-error');
    expect(screen.getByLabelText('SMTP port').getAttribute('aria-invalid')).toBe('true');
    expect(server.to('PUT', '/api/plugins/email/settings')[0]?.body).toEqual({
      host: 'smtp.example.com',
      port: 70000,
      startTls: true,
      mode: 'Twilio',
    });
  });

  it('says when the settings are saved', async () => {
    const server = await openSettings({
      'PUT /api/plugins/email/settings': () => json({ ...settings, values: { ...settings.values, host: 'smtp.example.com' } }),
    });
    await screen.findByLabelText('SMTP host');

    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'new-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Settings saved.')).toBeDefined();
    expect(server.to('PUT', '/api/plugins/email/settings')[0]?.body).toMatchObject({ password: 'new-secret' });
    expect((screen.getByLabelText('SMTP host') as HTMLInputElement).value).toBe('smtp.example.com');
  });

  it('offers settings only for loaded plugins that have them', async () => {
    const server = fakeServer({
      'GET /api/plugins': () => json([email, { ...email, id: 'attachments', name: 'Attachments', hasSettings: false }]),
    });
    server.client.setWorkspaceId('w1');
    render(
      <ApiProvider client={server.client}>
        <PluginsPage />
      </ApiProvider>,
    );

    await screen.findByText('Attachments');
    const row = screen.getByText('Attachments').closest('tr') as HTMLElement;
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.getByRole('button', { name: 'Settings of Email' })).toBeDefined();
  });

  it('says when the workspace uses the installation’s settings, and saves settings of its own on request', async () => {
    const server = await openSettings({
      'GET /api/plugins/email/settings': () => json(inherited),
      'PUT /api/plugins/email/settings': (request) =>
        json({ ...settings, values: request.body as PluginSettings['values'], secretsSet: [], inherited: false }),
    });

    expect(await screen.findByText("This workspace uses the installation's settings.")).toBeDefined();
    expect(screen.queryByLabelText('SMTP host')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Use settings of our own' }));

    expect((screen.getByLabelText('SMTP port') as HTMLInputElement).value).toBe('25');
    expect((screen.getByLabelText('Password') as HTMLInputElement).placeholder).toBe('Not set');
    fireEvent.change(screen.getByLabelText('SMTP host'), { target: { value: 'smtp.workspace.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Settings saved.')).toBeDefined();
    expect(server.to('PUT', '/api/plugins/email/settings')[0]?.body).toEqual({
      host: 'smtp.workspace.example',
      port: 25,
      startTls: false,
      mode: 'Twilio',
    });
    expect(screen.getByRole('button', { name: "Use the installation's settings" })).toBeDefined();
  });

  it('goes back to the installation’s settings after confirmation', async () => {
    const server = await openSettings({ 'DELETE /api/plugins/email/settings': () => json(inherited) });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);

    fireEvent.click(await screen.findByRole('button', { name: "Use the installation's settings" }));
    expect(server.to('DELETE', '/api/plugins/email/settings')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: "Use the installation's settings" }));

    expect(await screen.findByText("This workspace uses the installation's settings again.")).toBeDefined();
    expect(screen.getByText("This workspace uses the installation's settings.")).toBeDefined();
    expect(screen.queryByLabelText('SMTP host')).toBeNull();
    expect(server.to('DELETE', '/api/plugins/email/settings')).toHaveLength(1);
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it('shows the installation defaults to installation owners only', async () => {
    const server = await openSettings({ 'GET /api/plugins/email/settings': () => json(inherited) });

    await screen.findByText("This workspace uses the installation's settings.");
    expect(screen.queryByRole('heading', { name: 'Installation defaults' })).toBeNull();
    expect(server.to('GET', '/api/plugins/email/settings/installation')).toHaveLength(0);
  });

  it('lets an installation owner change the installation defaults', async () => {
    const server = await openSettings(
      {
        'GET /api/plugins/email/settings': () => json(inherited),
        'GET /api/plugins/email/settings/installation': () => json({ ...settings, values: { ...settings.values, host: 'smtp.example.com' } }),
        'PUT /api/plugins/email/settings/installation': (request) =>
          json({ ...settings, values: request.body as PluginSettings['values'] }),
      },
      { ...aliceSession, installationOwner: true },
    );

    const defaults = await screen.findByRole('form', { name: 'Email installation defaults' });
    const host = within(defaults).getByLabelText('SMTP host') as HTMLInputElement;
    await waitFor(() => expect(host.value).toBe('smtp.example.com'));
    expect(host.id).toBe('plugin-email-installation-host');
    fireEvent.change(host, { target: { value: 'smtp.installation.example' } });
    fireEvent.click(within(defaults).getByRole('button', { name: 'Save installation defaults' }));

    expect(await screen.findByText('Installation defaults saved.')).toBeDefined();
    expect(server.to('PUT', '/api/plugins/email/settings/installation')[0]?.body).toMatchObject({ host: 'smtp.installation.example' });
    expect(server.to('PUT', '/api/plugins/email/settings')).toHaveLength(0);
    expect(screen.getByText("This workspace uses the installation's settings.")).toBeDefined();
  });
});
