import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../api/ApiContext';
import { fakeServer, json } from '../../../test/fakeServer';
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
};

const validation = (errors: Record<string, string[]>) =>
  new Response(JSON.stringify({ title: 'The request has invalid fields.', status: 400, errors }), {
    status: 400,
    headers: { 'Content-Type': 'application/problem+json' },
  });

async function openSettings(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({ 'GET /api/plugins': () => json([email]), 'GET /api/plugins/email/settings': () => json(settings), ...routes });
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <PluginsPage />
    </ApiProvider>,
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Settings of Email' }));
  await screen.findByLabelText('SMTP host');
  return server;
}

describe('PluginSettingsForm', () => {
  it('shows each setting with its value, and a secret only as set', async () => {
    await openSettings({});

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
});
