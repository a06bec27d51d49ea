import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { alice, fakeServer, json, loadedModules, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import type { LiveVisitor } from './api';
import { fakeLiveHub, liveVisitor } from './fixtures';
import { LiveHubProvider } from './liveHub';

function renderLiveVisitors(visitors: () => LiveVisitor[]) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json([...loadedModules, { name: 'visitors', title: 'Visitors', order: 20 }]),
    'GET /api/visitors/live': () => json(visitors()),
  });
  const hub = fakeLiveHub();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <LiveHubProvider connect={hub.connect}>{children}</LiveHubProvider>
  );
  const view = renderApp(server.client, '/visitors', { wrapper });
  return { server, hub, view, user: userEvent.setup() };
}

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr') as HTMLElement;
}

function visitorRows(): HTMLElement[] {
  return within(screen.getByRole('table')).getAllByRole('row').slice(1);
}

describe('LiveVisitorsPage', () => {
  it('shows one row per visitor with what it is doing now', async () => {
    const lead = liveVisitor(
      { visitorId: 'v2', leadId: 'l1', returning: false, visitCount: 1, searchKeywords: null, searchEngine: null },
      { leadName: 'Dana Scully', leadCompany: 'Initech', ownerName: 'Bob Sales' },
    );
    renderLiveVisitors(() => [liveVisitor(), lead]);

    expect(await screen.findByRole('heading', { name: 'Live visitors' })).toBeDefined();
    const anonymous = (await screen.findByRole('link', { name: 'Anonymous visitor' })).closest('tr') as HTMLElement;
    for (const text of ['France / Paris', 'Orange', 'Pricing', 'https://shop.example/pricing', '0:42', '3', '9:00']) {
      expect(within(anonymous).getByText(text)).toBeDefined();
    }
    expect(within(anonymous).getByText('Google: "blue shoes"')).toBeDefined();
    expect(within(anonymous).getByText('Returning (visit 3)')).toBeDefined();
    expect(within(anonymous).getByText('Shop')).toBeDefined();

    const known = screen.getByRole('link', { name: 'Dana Scully' });
    expect(known.getAttribute('href')).toBe('/visitors/s1/v2');
    const knownRow = known.closest('tr') as HTMLElement;
    expect(within(knownRow).getByText('Initech')).toBeDefined();
    expect(within(knownRow).getByText('Bob Sales')).toBeDefined();
    expect(within(knownRow).getByText('New')).toBeDefined();
    expect(within(knownRow).getByText('https://www.google.com/search?q=blue+shoes')).toBeDefined();
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('link', { name: 'Live visitors' })).toBeDefined();
    expect(within(nav).getByRole('link', { name: 'Leads' })).toBeDefined();
  });

  it('connects to the hub of the current workspace before reading the list', async () => {
    const { server, hub } = renderLiveVisitors(() => []);

    expect(await screen.findByText(/Nobody is on your sites right now/)).toBeDefined();
    expect(hub.connections.map((connection) => connection.workspaceId)).toEqual(['w1']);
    expect(hub.current.state).toBe('started');
    expect(server.to('GET', '/api/visitors/live')).toHaveLength(1);
    expect(server.to('GET', '/api/visitors/live')[0]?.headers['X-Workspace-Id']).toBe('w1');
    expect(screen.getByRole('status').textContent).toBe('Live');
  });

  it('adds a pushed visitor and updates a known one in place', async () => {
    const { hub } = renderLiveVisitors(() => [liveVisitor()]);
    await screen.findByText('Pricing');

    hub.current.push('visitor', 
      liveVisitor({ visitorId: 'v2', currentTitle: 'Blog', currentUrl: 'https://shop.example/blog' }),
    );
    expect(await screen.findByText('Blog')).toBeDefined();
    expect(visitorRows()).toHaveLength(2);

    hub.current.push('visitor', 
      liveVisitor({ currentTitle: 'Checkout', currentUrl: 'https://shop.example/checkout', pagesThisVisit: 4 }),
    );
    expect(await screen.findByText('Checkout')).toBeDefined();
    expect(screen.queryByText('Pricing')).toBeNull();
    expect(within(rowOf('Checkout')).getByText('4')).toBeDefined();
    expect(visitorRows()).toHaveLength(2);
  });

  it('tells a visitor of another site apart from one with the same id', async () => {
    const { hub } = renderLiveVisitors(() => [liveVisitor()]);
    await screen.findByText('Pricing');

    hub.current.push('visitor', liveVisitor({ siteId: 's2', currentTitle: 'Docs' }, { siteName: 'Docs site' }));

    expect(await screen.findByText('Docs')).toBeDefined();
    expect(visitorRows()).toHaveLength(2);
  });

  it('removes a visitor who is gone, then shows that nobody is there', async () => {
    const { hub } = renderLiveVisitors(() => [liveVisitor(), liveVisitor({ visitorId: 'v2', currentTitle: 'Blog' })]);
    await screen.findByText('Blog');

    hub.current.push('visitorGone', 's1', 'v2');
    await waitFor(() => expect(screen.queryByText('Blog')).toBeNull());
    expect(visitorRows()).toHaveLength(1);

    hub.current.push('visitorGone', 's1', 'v1');
    expect(await screen.findByText(/Nobody is on your sites right now/)).toBeDefined();
  });

  it('renders a hostile title, url and referrer as text', async () => {
    const title = '<script>window.pwned = true</script><img src=x onerror="window.pwned = true">';
    const { hub, view } = renderLiveVisitors(() => []);
    await screen.findByText(/Nobody is on your sites right now/);

    hub.current.push('visitor', 
      liveVisitor({
        currentTitle: title,
        currentUrl: 'javascript:window.pwned=true',
        referrer: '<b>bold</b>',
        searchEngine: null,
        searchKeywords: null,
        organization: '<iframe src="https://evil.example">',
      }),
    );

    expect(await screen.findByText(title)).toBeDefined();
    expect(screen.getByText('javascript:window.pwned=true').closest('a')).toBeNull();
    expect(screen.getByText('<b>bold</b>')).toBeDefined();
    expect(screen.getByText('<iframe src="https://evil.example">')).toBeDefined();
    const main = view.container.querySelector('main') as HTMLElement;
    expect(main.querySelector('script, img, iframe, b')).toBeNull();
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('counts the time on the current page every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      vi.setSystemTime(new Date('2026-11-21T10:00:00Z'));
      renderLiveVisitors(() => [liveVisitor({ pageEnteredAt: '2026-11-21T09:58:55Z', currentDwellMs: 60_000 })]);
      const row = (await screen.findByText('Pricing')).closest('tr') as HTMLElement;
      expect(within(row).getByText('1:05')).toBeDefined();

      act(() => vi.advanceTimersByTime(3000));

      expect(within(row).getByText('1:08')).toBeDefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the list again after a reconnection', async () => {
    let visitors = [liveVisitor()];
    const { server, hub } = renderLiveVisitors(() => visitors);
    await screen.findByText('Pricing');

    visitors = [liveVisitor({ visitorId: 'v3', currentTitle: 'Contact' })];
    hub.current.reconnect();

    expect(await screen.findByText('Contact')).toBeDefined();
    expect(screen.queryByText('Pricing')).toBeNull();
    expect(server.to('GET', '/api/visitors/live')).toHaveLength(2);
    expect(hub.connections).toHaveLength(1);
  });

  it('opens a new connection when the workspace changes', async () => {
    const { hub, user } = renderLiveVisitors(() => []);
    await screen.findByText(/Nobody is on your sites right now/);
    const first = hub.current;

    await user.selectOptions(screen.getByRole('combobox', { name: 'Workspace' }), 'Globex');

    await waitFor(() => expect(hub.connections).toHaveLength(2));
    expect(first.state).toBe('stopped');
    expect(hub.current.workspaceId).toBe('w2');
    expect(hub.current.state).toBe('started');
  });
});
