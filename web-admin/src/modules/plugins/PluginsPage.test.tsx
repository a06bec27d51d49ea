import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem } from '../../test/fakeServer';
import type { Plugin } from './api';
import { PluginsPage } from './PluginsPage';

const webhook: Plugin = {
  id: 'sample-webhook',
  name: 'Webhook (sample)',
  version: '1.0.0',
  sdkVersion: '1.0',
  source: 'folder',
  status: 'loaded',
  reason: null,
  channels: ['webhook'],
  attachmentRenderers: [],
  hasSettings: false,
};
const attachments: Plugin = {
  ...webhook,
  id: 'attachments',
  name: 'attachments',
  source: 'built-in',
  channels: [],
  attachmentRenderers: ['csv', 'html'],
};
const future: Plugin = {
  ...webhook,
  id: 'future-webhook',
  name: 'future-webhook',
  version: '3.0.0',
  sdkVersion: '99.0',
  status: 'failed',
  reason: 'It was built for SDK 99.0; this host provides SDK 1.0.',
  channels: [],
};
const corrupt: Plugin = {
  ...future,
  id: 'corrupt',
  name: 'corrupt',
  version: null,
  sdkVersion: null,
  reason: 'Corrupt.dll is not a valid .NET assembly.',
};

function renderPlugins(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <PluginsPage />
    </ApiProvider>,
  );
  return server;
}

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr') as HTMLElement;
}

describe('PluginsPage', () => {
  it('lists each plugin with its version, SDK, source, status and what it provides', async () => {
    renderPlugins({ 'GET /api/plugins': () => json([attachments, webhook, future]) });

    expect(await screen.findByText('Webhook (sample)')).toBeDefined();
    const sample = rowOf('Webhook (sample)');
    expect(within(sample).getByText('sample-webhook')).toBeDefined();
    expect(within(sample).getByText('1.0.0')).toBeDefined();
    expect(within(sample).getByText('1.0')).toBeDefined();
    expect(within(sample).getByText('Plugins folder')).toBeDefined();
    expect(within(sample).getByText('Loaded').className).toBe('plugin-status loaded');
    expect(within(sample).getByText('webhook channel')).toBeDefined();

    const builtIn = rowOf('attachments');
    expect(within(builtIn).getByText('Built in')).toBeDefined();
    expect(within(builtIn).getByText('csv attachments, html attachments')).toBeDefined();

    expect(screen.getByRole('status').textContent).toBe('2 loaded, 1 failed.');
  });

  it('shows why a plugin failed next to its status', async () => {
    renderPlugins({ 'GET /api/plugins': () => json([webhook, future, corrupt]) });

    await screen.findByText('Webhook (sample)');
    const failed = rowOf('future-webhook');
    expect(within(failed).getByText('Failed').className).toBe('plugin-status failed');
    expect(within(failed).getByText('It was built for SDK 99.0; this host provides SDK 1.0.')).toBeDefined();
    expect(within(failed).getByText('99.0')).toBeDefined();

    const broken = rowOf('corrupt');
    expect(within(broken).getByText('Corrupt.dll is not a valid .NET assembly.')).toBeDefined();
    expect(within(broken).getAllByText('—')).toHaveLength(3);
    expect(within(rowOf('Webhook (sample)')).queryByText('Failed')).toBeNull();
  });

  it('says when no plugin is installed', async () => {
    renderPlugins({ 'GET /api/plugins': () => json([]) });

    expect(await screen.findByText('No plugins are installed.')).toBeDefined();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows a refused request as an alert', async () => {
    renderPlugins({ 'GET /api/plugins': () => problem(403, 'This needs the Admin role in this workspace.') });

    expect((await screen.findByRole('alert')).textContent).toContain('This needs the Admin role in this workspace.');
    expect(screen.queryByText('Loading plugins…')).toBeNull();
  });

  it('shows names and reasons as text, never as markup', async () => {
    const hostile: Plugin = { ...corrupt, name: '<img src=x onerror=alert(1)>', reason: '<script>alert(2)</script>' };
    renderPlugins({ 'GET /api/plugins': () => json([hostile]) });

    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeDefined();
    expect(screen.getByText('<script>alert(2)</script>')).toBeDefined();
    expect(document.querySelector('table img, table script')).toBeNull();
  });
});
