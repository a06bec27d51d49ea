import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { alice, fakeServer, json, loadedModules, problem, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import type { WorkspaceUser } from '../../api/directory';
import type { Page } from '../../api/page';
import type { Lead, LeadDetail } from './api';
import { lead, pageView, visit } from './fixtures';

const bob: WorkspaceUser = { id: 'u2', email: 'bob@example.com', displayName: 'Bob Sales', role: 'SalesRep' };
const carol: WorkspaceUser = { id: 'u3', email: 'carol@example.com', displayName: 'Carol Sales', role: 'SalesRep' };
const dana = lead({ ownerUserId: 'u3', ownerName: 'Carol Sales', tags: ['trade fair', 'vip'] });
const fullPage = Array.from({ length: 50 }, (_, index) =>
  lead({ id: `l${index + 100}`, email: `lead${index}@example.com`, name: `Lead ${index}` }),
);
function leads(items: Lead[], total = items.length, page = 1): () => Response {
  return () => json({ items, total, page, pageSize: 50 } satisfies Page<Lead>);
}

const detail: LeadDetail = {
  lead: dana,
  visitors: [{ siteId: 's1', visitorId: 'v1', visits: [visit()], pageViews: [pageView()] }],
};

function renderLeads(path: string, routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json([...loadedModules, { name: 'visitors', title: 'Visitors', order: 20 }]),
    'GET /api/workspaces/users': () => json([carol, bob]),
    ...routes,
  });
  renderApp(server.client, path);
  return { server, user: userEvent.setup() };
}

describe('LeadsPage', () => {
  it('lists the leads with owner and tags', async () => {
    renderLeads('/leads', { 'GET /api/visitors/leads?page=1&pageSize=50': leads([dana]) });

    expect(await screen.findByRole('heading', { name: 'Leads' })).toBeDefined();
    const row = (await screen.findByRole('link', { name: 'Dana Scully' })).closest('tr') as HTMLElement;
    for (const text of ['dana@initech.example', 'Initech', 'Carol Sales', 'trade fair, vip']) {
      expect(within(row).getByText(text)).toBeDefined();
    }
    expect(screen.getByRole('link', { name: 'Dana Scully' }).getAttribute('href')).toBe('/leads/l1');
  });

  it('searches from the first page', async () => {
    const { server, user } = renderLeads('/leads?page=2', {
      'GET /api/visitors/leads?page=2&pageSize=50': leads([dana], 51, 2),
      'GET /api/visitors/leads?search=initech+corp&page=1&pageSize=50': leads([dana]),
    });
    await screen.findByText('Dana Scully');

    await user.type(screen.getByLabelText('Search leads'), ' initech corp ');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    await waitFor(() =>
      expect(server.to('GET', '/api/visitors/leads?search=initech+corp&page=1&pageSize=50')).toHaveLength(1),
    );
  });

  it('says when no lead matches', async () => {
    const { user } = renderLeads('/leads', {
      'GET /api/visitors/leads?page=1&pageSize=50': leads([dana]),
      'GET /api/visitors/leads?search=nobody&page=1&pageSize=50': leads([]),
    });
    await screen.findByText('Dana Scully');

    await user.type(screen.getByLabelText('Search leads'), 'nobody');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByText('No lead matches "nobody".')).toBeDefined();
  });

  it('pages through the leads 50 at a time, saying where the page stands in all', async () => {
    const { server, user } = renderLeads('/leads', {
      'GET /api/visitors/leads?page=1&pageSize=50': leads(fullPage, 51),
      'GET /api/visitors/leads?page=2&pageSize=50': leads([dana], 51, 2),
    });
    await screen.findByText('Lead 0');
    const previous = screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);
    expect(screen.getByText('Leads 1–50 of 51')).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('Dana Scully')).toBeDefined();
    expect(screen.getByText('Leads 51–51 of 51')).toBeDefined();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Previous' }));

    expect(await screen.findByText('Lead 0')).toBeDefined();
    expect(server.to('GET', '/api/visitors/leads?page=1&pageSize=50')).toHaveLength(2);
  });
});

describe('LeadPage', () => {
  it('sets the owner and the tags', async () => {
    const { server, user } = renderLeads('/leads/l1', {
      'GET /api/visitors/leads/l1': () => json(detail),
      'PUT /api/visitors/leads/l1': () =>
        json({ ...dana, ownerUserId: 'u2', ownerName: 'Bob Sales', tags: ['vip', 'customer'] }),
    });

    const owner = (await screen.findByLabelText('Owner')) as HTMLSelectElement;
    await waitFor(() => expect(owner.options).toHaveLength(3));
    expect([...owner.options].map((option) => option.text)).toEqual(['(none)', 'Bob Sales', 'Carol Sales']);
    expect(owner.value).toBe('u3');
    expect((screen.getByLabelText('Tags') as HTMLInputElement).value).toBe('trade fair, vip');

    await user.selectOptions(owner, 'Bob Sales');
    await user.clear(screen.getByLabelText('Tags'));
    await user.type(screen.getByLabelText('Tags'), 'vip, customer,');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved')).toBeDefined();
    expect(server.to('PUT', '/api/visitors/leads/l1')[0]?.body).toEqual({
      ownerUserId: 'u2',
      tags: ['vip', 'customer'],
    });
    expect(server.to('PUT', '/api/visitors/leads/l1')[0]?.headers['X-XSRF-TOKEN']).toBe('token-1');
  });

  it('takes the owner away with ""', async () => {
    const { server, user } = renderLeads('/leads/l1', {
      'GET /api/visitors/leads/l1': () => json(detail),
      'PUT /api/visitors/leads/l1': () => json({ ...dana, ownerUserId: null, ownerName: null }),
    });

    await user.selectOptions(await screen.findByLabelText('Owner'), '(none)');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved')).toBeDefined();
    expect(server.to('PUT', '/api/visitors/leads/l1')[0]?.body).toMatchObject({ ownerUserId: '' });
  });

  it('shows the server errors next to Owner and Tags', async () => {
    const { user } = renderLeads('/leads/l1', {
      'GET /api/visitors/leads/l1': () => json(detail),
      'PUT /api/visitors/leads/l1': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: {
            ownerUserId: ['The owner must be a user of this workspace.'],
            'tags[1]': ['A tag has at most 40 characters.'],
          },
        }),
    });

    await screen.findByLabelText('Owner');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const ownerError = await screen.findByText('The owner must be a user of this workspace.');
    const owner = screen.getByLabelText('Owner');
    expect(ownerError.id).toBe('ownerUserId-error');
    expect(owner.getAttribute('aria-describedby')).toBe('ownerUserId-error');
    expect(owner.getAttribute('aria-invalid')).toBe('true');
    expect(owner.parentElement?.contains(ownerError)).toBe(true);
    expect(screen.getByText('A tag has at most 40 characters.').id).toBe('tags-error');
    expect(screen.queryByText('One or more validation errors occurred.')).toBeNull();
  });

  it('keeps the current owner selectable when the users cannot be loaded', async () => {
    renderLeads('/leads/l1', {
      'GET /api/visitors/leads/l1': () => json(detail),
      'GET /api/workspaces/users': () => problem(403, 'Forbidden'),
    });

    const owner = (await screen.findByLabelText('Owner')) as HTMLSelectElement;
    expect(await screen.findByText('Forbidden')).toBeDefined();
    expect([...owner.options].map((option) => option.text)).toEqual(['(none)', 'Carol Sales']);
    expect(owner.value).toBe('u3');
  });

  it('shows the timeline of the lead’s visitors', async () => {
    renderLeads('/leads/l1', { 'GET /api/visitors/leads/l1': () => json(detail) });

    expect(await screen.findByRole('heading', { name: 'Dana Scully' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Visitor v1' }).getAttribute('href')).toBe('/visitors/s1/v1');
    const visits = screen.getByRole('table', { name: 'Visits' });
    expect(within(visits).getByText('https://shop.example/')).toBeDefined();
    const pageViews = screen.getByRole('table', { name: 'Page views' });
    expect(within(pageViews).getByText('Home')).toBeDefined();
    expect(within(pageViews).getByText('1:35')).toBeDefined();
  });

  it('says when the lead is unknown', async () => {
    renderLeads('/leads/nope', { 'GET /api/visitors/leads/nope': () => problem(404, 'Not Found') });

    expect(await screen.findByText('This lead is not known.')).toBeDefined();
  });
});
