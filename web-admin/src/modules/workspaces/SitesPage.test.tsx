import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem, type RecordedRequest } from '../../test/fakeServer';
import { parseAllowedOrigins } from './allowedOrigins';
import type { Site } from './api';
import { SitesPage } from './SitesPage';

const shop: Site = {
  id: 's1',
  name: 'Shop',
  siteKey: 'sk_shop',
  allowedOrigins: ['https://shop.example'],
  timeZone: 'Europe/Paris',
  snippet: '<script src="/lookout.js" data-site-key="sk_shop" async></script>',
};

function renderSites(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({ 'GET /api/workspaces/sites': () => json([shop]), ...routes });
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <SitesPage />
    </ApiProvider>,
  );
  return { server, user: userEvent.setup() };
}

async function fillNewSite(user: ReturnType<typeof userEvent.setup>, origins: string, timeZone: string) {
  await user.click(await screen.findByRole('button', { name: 'New site' }));
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
    expect((screen.getByLabelText('Allowed origins') as HTMLTextAreaElement).value).toBe('https://shop.example');
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Shop EU');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('button', { name: 'Shop EU' })).toBeDefined();
    expect(sent?.body).toEqual({ name: 'Shop EU', allowedOrigins: ['https://shop.example'], timeZone: 'Europe/Paris' });
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
});
