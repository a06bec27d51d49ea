import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem, type RecordedRequest } from '../../test/fakeServer';
import { parseAllowedOrigins } from './allowedOrigins';
import type { Site, WorkspaceUser } from './api';
import { SitesPage } from './SitesPage';

const shop: Site = {
  id: 's1',
  name: 'Shop',
  siteKey: 'sk_shop',
  allowedOrigins: ['https://shop.example'],
  timeZone: 'Europe/Paris',
  anonymizeIp: false,
  defaultOwnerUserId: null,
  snippet: '<script src="/lookout.js" data-site-key="sk_shop" async></script>',
};

const bob: WorkspaceUser = { id: 'u2', email: 'bob@example.com', displayName: 'Bob Sales', role: 'SalesRep' };
const carol: WorkspaceUser = { id: 'u3', email: 'carol@example.com', displayName: 'Carol Sales', role: 'SalesRep' };

function renderSites(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({
    'GET /api/workspaces/sites': () => json([shop]),
    'GET /api/workspaces/users': () => json([carol, bob]),
    ...routes,
  });
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <SitesPage />
    </ApiProvider>,
  );
  return { server, user: userEvent.setup() };
}

/** The default owner can be chosen once the workspace's users are in. */
async function usersLoaded() {
  await waitFor(() => expect((screen.getByLabelText('Default owner') as HTMLSelectElement).disabled).toBe(false));
}

async function fillNewSite(user: ReturnType<typeof userEvent.setup>, origins: string, timeZone: string) {
  await user.click(await screen.findByRole('button', { name: 'New site' }));
  await usersLoaded();
  await user.type(screen.getByLabelText('Name'), 'Blog');
  await user.type(screen.getByLabelText('Allowed origins'), origins);
  await user.clear(screen.getByLabelText('Time zone'));
  await user.type(screen.getByLabelText('Time zone'), timeZone);
  await user.click(screen.getByRole('button', { name: 'Save' }));
}

describe('parseAllowedOrigins', () => {
  it('trims each line and drops empty ones', () => {
    expect(parseAllowedOrigins('  https://a.example \r\n\n\nhttps://b.example\n   \n')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});

describe('SitesPage', () => {
  it('lists the sites with name, site key and time zone', async () => {
    renderSites({});

    const row = (await screen.findByRole('button', { name: 'Shop' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('sk_shop')).toBeDefined();
    expect(within(row).getByText('Europe/Paris')).toBeDefined();
  });

  it('defaults the time zone of a new site to the browser zone', async () => {
    const { user } = renderSites({});

    await user.click(await screen.findByRole('button', { name: 'New site' }));

    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).value).toBe(zone);
  });

  it('sends the origins typed one per line as an array, then shows the snippet and the new site', async () => {
    const blog: Site = {
      id: 's2',
      name: 'Blog',
      siteKey: 'sk_blog',
      allowedOrigins: ['https://blog.example', 'https://www.blog.example'],
      timeZone: 'America/New_York',
      anonymizeIp: false,
      defaultOwnerUserId: null,
      snippet: '<script src="/lookout.js" data-site-key="sk_blog" async></script>',
    };
    const { server, user } = renderSites({ 'POST /api/workspaces/sites': () => json(blog, 201) });

    await fillNewSite(user, '  https://blog.example {enter}{enter}https://www.blog.example{enter}', 'America/New_York');

    const snippet = (await screen.findByLabelText('Tracking snippet')) as HTMLTextAreaElement;
    expect(snippet.value).toBe(blog.snippet);
    expect(snippet.readOnly).toBe(true);
    expect(server.to('POST', '/api/workspaces/sites')[0]?.body).toEqual({
      name: 'Blog',
      allowedOrigins: ['https://blog.example', 'https://www.blog.example'],
      timeZone: 'America/New_York',
      anonymizeIp: false,
      defaultOwnerUserId: null,
    });
    expect(within(screen.getByRole('table')).getByText('sk_blog')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('shows server field errors next to Time zone and Allowed origins', async () => {
    const { user } = renderSites({
      'POST /api/workspaces/sites': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: {
            timeZone: ['"Mars/Olympus" is not a known time zone.'],
            'allowedOrigins[1]': ['"blog" is not an origin.'],
          },
        }),
    });

    await fillNewSite(user, 'https://blog.example{enter}blog', 'Mars/Olympus');

    const timeZone = screen.getByLabelText('Time zone');
    const timeZoneError = await screen.findByText('"Mars/Olympus" is not a known time zone.');
    expect(timeZoneError.id).toBe('timeZone-error');
    expect(timeZone.getAttribute('aria-describedby')).toBe('timeZone-error');
    expect(timeZone.parentElement?.contains(timeZoneError)).toBe(true);

    const origins = screen.getByLabelText('Allowed origins');
    const originsError = screen.getByText('"blog" is not an origin.');
    expect(originsError.id).toBe('allowedOrigins-error');
    expect(origins.getAttribute('aria-describedby')).toBe('allowedOrigins-error');
    expect(screen.queryByText('One or more validation errors occurred.')).toBeNull();
  });

  it('shows the problem title when the user may not change sites', async () => {
    const { user } = renderSites({ 'POST /api/workspaces/sites': () => problem(403, 'Forbidden') });

    await fillNewSite(user, 'https://blog.example', 'Europe/Paris');

    const alert = await screen.findByText('Forbidden');
    expect(alert.closest('.form-alert')).not.toBeNull();
  });

  it('edits a site with a PUT and shows its snippet', async () => {
    let sent: RecordedRequest | undefined;
    const { user } = renderSites({
      'PUT /api/workspaces/sites/s1': (request) => {
        sent = request;
        return json({ ...shop, name: 'Shop EU' });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Shop' }));
    await usersLoaded();
    expect((screen.getByLabelText('Allowed origins') as HTMLTextAreaElement).value).toBe('https://shop.example');
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Shop EU');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('button', { name: 'Shop EU' })).toBeDefined();
    expect(sent?.body).toEqual({
      name: 'Shop EU',
      allowedOrigins: ['https://shop.example'],
      timeZone: 'Europe/Paris',
      anonymizeIp: false,
      defaultOwnerUserId: '',
    });
    expect(screen.queryByRole('button', { name: 'Shop' })).toBeNull();
  });

  it('copies the snippet to the clipboard', async () => {
    const { user } = renderSites({});
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();

    await user.click(await screen.findByRole('button', { name: 'Shop' }));
    await user.click(screen.getByRole('button', { name: 'Copy' }));

    expect(writeText).toHaveBeenCalledWith(shop.snippet);
    expect(await screen.findByText('Copied')).toBeDefined();
  });

  it('creates a site that anonymizes IP addresses and has a default owner', async () => {
    const { server, user } = renderSites({
      'POST /api/workspaces/sites': () =>
        json({ ...shop, id: 's2', name: 'Blog', anonymizeIp: true, defaultOwnerUserId: 'u2' }, 201),
    });

    await user.click(await screen.findByRole('button', { name: 'New site' }));
    await usersLoaded();
    const owner = screen.getByLabelText('Default owner') as HTMLSelectElement;
    expect([...owner.options].map((option) => option.text)).toEqual(['(none)', 'Bob Sales', 'Carol Sales']);
    expect(owner.value).toBe('');
    expect((screen.getByLabelText('Anonymize IP addresses') as HTMLInputElement).checked).toBe(false);
    await user.type(screen.getByLabelText('Name'), 'Blog');
    await user.type(screen.getByLabelText('Allowed origins'), 'https://blog.example');
    await user.click(screen.getByLabelText('Anonymize IP addresses'));
    await user.selectOptions(owner, 'Bob Sales');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByLabelText('Tracking snippet');
    expect(server.to('POST', '/api/workspaces/sites')[0]?.body).toMatchObject({
      name: 'Blog',
      anonymizeIp: true,
      defaultOwnerUserId: 'u2',
    });
  });

  it('shows the stored settings of a site and takes its default owner away with ""', async () => {
    const guarded: Site = { ...shop, anonymizeIp: true, defaultOwnerUserId: 'u3' };
    const { server, user } = renderSites({
      'GET /api/workspaces/sites': () => json([guarded]),
      'PUT /api/workspaces/sites/s1': () => json({ ...guarded, anonymizeIp: false, defaultOwnerUserId: null }),
    });

    await user.click(await screen.findByRole('button', { name: 'Shop' }));
    await usersLoaded();
    const anonymize = screen.getByLabelText('Anonymize IP addresses') as HTMLInputElement;
    const owner = screen.getByLabelText('Default owner') as HTMLSelectElement;
    expect(anonymize.checked).toBe(true);
    expect(owner.value).toBe('u3');
    await user.click(anonymize);
    await user.selectOptions(owner, '(none)');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByLabelText('Tracking snippet');
    expect(server.to('PUT', '/api/workspaces/sites/s1')[0]?.body).toMatchObject({
      anonymizeIp: false,
      defaultOwnerUserId: '',
    });
  });

  it('keeps the stored default owner when the users cannot be loaded', async () => {
    const owned: Site = { ...shop, defaultOwnerUserId: 'u3' };
    const { server, user } = renderSites({
      'GET /api/workspaces/sites': () => json([owned]),
      'GET /api/workspaces/users': () => problem(403, 'Forbidden'),
      'PUT /api/workspaces/sites/s1': () => json(owned),
    });

    await user.click(await screen.findByRole('button', { name: 'Shop' }));
    expect(await screen.findByText(/The users could not be loaded \(Forbidden\)/)).toBeDefined();
    expect((screen.getByLabelText('Default owner') as HTMLSelectElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByLabelText('Tracking snippet');
    const body = server.to('PUT', '/api/workspaces/sites/s1')[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('defaultOwnerUserId');
    expect(body.anonymizeIp).toBe(false);
  });

  it('shows a server error next to Default owner', async () => {
    const { user } = renderSites({
      'POST /api/workspaces/sites': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: { defaultOwnerUserId: ['The default owner must be a user of this workspace.'] },
        }),
    });

    await fillNewSite(user, 'https://blog.example', 'Europe/Paris');

    const error = await screen.findByText('The default owner must be a user of this workspace.');
    expect(error.id).toBe('defaultOwnerUserId-error');
    expect(screen.getByLabelText('Default owner').getAttribute('aria-describedby')).toBe('defaultOwnerUserId-error');
  });
});
