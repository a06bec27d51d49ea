import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { alice, fakeServer, json, loadedModules, problem, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import type { VisitorDetail } from './api';
import { fakeLiveHub, liveVisitor, pageView, visit } from './fixtures';
import { LiveHubProvider } from './liveHub';

const detail: VisitorDetail = {
  now: liveVisitor(
    { leadId: 'l1' },
    { leadName: 'Dana Scully', leadEmail: 'dana@initech.example', leadCompany: 'Initech', ownerName: 'Bob Sales' },
  ),
  currentVisitPages: [
    {
      pageId: 'c1',
      url: 'https://shop.example/',
      title: 'Home',
      referrer: 'https://www.google.com/search?q=blue+shoes',
      enteredAt: '2026-11-21T09:50:00Z',
      seenUntil: '2026-11-21T09:51:10Z',
      logged: true,
      excluded: false,
      dwellMs: 70_000,
    },
    {
      pageId: 'c2',
      url: 'https://shop.example/internal/secret',
      title: 'Internal',
      referrer: null,
      enteredAt: '2026-11-21T09:51:10Z',
      seenUntil: '2026-11-21T09:52:00Z',
      logged: false,
      excluded: true,
      dwellMs: 50_000,
    },
  ],
  visits: [visit(), visit({ number: 2, utmSource: null, utmMedium: null, utmCampaign: null, pageViews: 1 })],
  pageViews: [
    pageView(),
    pageView({ pageId: 'p2', url: 'https://shop.example/shoes', title: 'Shoes', dwellMs: 3_725_000 }),
  ],
};

function renderVisitorPage(path: string, answer: () => Response) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json([...loadedModules, { name: 'visitors', title: 'Visitors', order: 20 }]),
    'GET /api/visitors/live': () => json([liveVisitor()]),
    'GET /api/visitors/s1/v1': answer,
  });
  const hub = fakeLiveHub();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <LiveHubProvider connect={hub.connect}>{children}</LiveHubProvider>
  );
  renderApp(server.client, path, { wrapper });
  return { server, user: userEvent.setup() };
}

describe('VisitorPage', () => {
  it('opens from the live list and shows the visitor now, its current visit and its history', async () => {
    const { user } = renderVisitorPage('/visitors', () => json(detail));

    await user.click(await screen.findByRole('link', { name: 'Anonymous visitor' }));

    expect(await screen.findByRole('heading', { name: 'Dana Scully' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Dana Scully' }).getAttribute('href')).toBe('/leads/l1');
    expect(screen.getByText('Bob Sales')).toBeDefined();
    expect(screen.getByText('Google: "blue shoes"')).toBeDefined();

    const home = screen.getByText('https://www.google.com/search?q=blue+shoes').closest('tr') as HTMLElement;
    expect(within(home).getByText('Home')).toBeDefined();
    expect(within(home).getByText('1:10')).toBeDefined();
    expect(screen.queryByText('Internal')).toBeNull();

    const visits = screen.getByRole('table', { name: 'Visits' });
    expect(within(visits).getAllByRole('row').map((row) => row.firstElementChild?.textContent)).toEqual([
      'Visit',
      '2',
      '1',
    ]);
    expect(within(visits).getByText('newsletter / email / autumn')).toBeDefined();
    expect(within(visits).getAllByText('France / Lyon')).toHaveLength(2);

    const pageViews = screen.getByRole('table', { name: 'Page views' });
    const shoes = within(pageViews).getByText('Shoes').closest('tr') as HTMLElement;
    expect(within(shoes).getByText('1:02:05')).toBeDefined();
  });

  it('says when the visitor is not on the site now', async () => {
    renderVisitorPage('/visitors/s1/v1', () => json({ ...detail, now: null, currentVisitPages: [] }));

    expect(await screen.findByText('Not on the site now.')).toBeDefined();
    expect(screen.getByRole('heading', { name: 'Visitor' })).toBeDefined();
    expect(screen.getByRole('table', { name: 'Page views' })).toBeDefined();
  });

  it('says when the visitor is unknown', async () => {
    renderVisitorPage('/visitors/s1/v1', () => problem(404, 'Not Found'));

    expect(await screen.findByText('This visitor is not known.')).toBeDefined();
  });
});
