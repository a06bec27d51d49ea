import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alice, fakeServer, json, loadedModules, workspaces } from '../../../test/fakeServer';
import { renderApp } from '../../../test/renderApp';
import type { OnlineOperator } from './api';
import { annOnline, bobOnline, fakeOperatorsHub, popup } from './fixtures';
import { OperatorsHubProvider } from './operatorsHub';

function renderConsole(online: () => OnlineOperator[] = () => [annOnline]) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json(loadedModules),
    'GET /api/workspaces/sites': () => json([]),
    'GET /api/workspaces/operators/online': () => json(online()),
  });
  const hub = fakeOperatorsHub();
  const wrapper = ({ children }: { children: ReactNode }) => <OperatorsHubProvider connect={hub.connect}>{children}</OperatorsHubProvider>;
  const view = renderApp(server.client, '/sites', { wrapper });
  return { server, hub, view };
}

function popups(): HTMLElement {
  return screen.getByRole('status', { name: 'Popups' });
}

/** A stand-in for the browser's Notification API, recording what it shows. */
function fakeNotifications(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: { title: string; options?: NotificationOptions }[] = [];
  const Fake = vi.fn(function (this: unknown, title: string, options?: NotificationOptions) {
    shown.push({ title, options });
  }) as unknown as typeof Notification & { permission: NotificationPermission };
  Object.assign(Fake, {
    permission,
    requestPermission: vi.fn(async () => {
      Fake.permission = answer;
      return answer;
    }),
  });
  vi.stubGlobal('Notification', Fake);
  return { shown, Fake };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the operators console', () => {
  it('connects to the operators hub in the chosen workspace and shows who is online', async () => {
    const { hub } = renderConsole();

    expect(await screen.findByText('1 online')).toBeDefined();
    expect(hub.current.workspaceId).toBe('w1');
    expect(hub.current.state).toBe('started');
    expect(within(screen.getByRole('list', { name: 'Online operators' })).getByText('Alice Admin')).toBeDefined();

    hub.current.push('operators', [annOnline, bobOnline]);

    expect(screen.getByText('2 online')).toBeDefined();
    expect(within(screen.getByRole('list', { name: 'Online operators' })).getByText('Bob Operator')).toBeDefined();
  });

  it('shows a popup as a toast with its title and text', async () => {
    const { hub } = renderConsole();
    await screen.findByText('1 online');

    hub.current.push('popup', popup());

    const toast = within(popups()).getByRole('article', { name: 'Ann Smith from Acme is on the pricing page' });
    expect(toast.textContent).toContain('For 2 minutes, her third visit this week.');
  });

  it('shows markup in a popup as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { hub } = renderConsole();
    await screen.findByText('1 online');

    hub.current.push('popup', popup({ title: hostile, text: '<script>window.__pwned=2</script>' }));

    expect(within(popups()).getByText(hostile)).toBeDefined();
    expect(within(popups()).getByText('<script>window.__pwned=2</script>')).toBeDefined();
    expect(popups().querySelector('img, script')).toBeNull();
  });

  it('shows a popup delivered twice once', async () => {
    const { hub } = renderConsole();
    await screen.findByText('1 online');

    hub.current.push('popup', popup({ id: 'n-7' }));
    hub.current.push('popup', popup({ id: 'n-7' }));

    expect(within(popups()).getAllByRole('article')).toHaveLength(1);
  });

  it('dismisses a toast with its button', async () => {
    const { hub } = renderConsole();
    await screen.findByText('1 online');
    hub.current.push('popup', popup({ title: 'Dana is back' }));

    await userEvent.click(screen.getByRole('button', { name: 'Dismiss Dana is back' }));

    expect(within(popups()).queryAllByRole('article')).toHaveLength(0);
  });

  it('hides a toast by itself after a while, but keeps an urgent one', async () => {
    const { hub } = renderConsole();
    await screen.findByText('1 online');
    vi.useFakeTimers();

    hub.current.push('popup', popup({ id: 'a', title: 'Passing by', severity: 'info' }));
    hub.current.push('popup', popup({ id: 'b', title: 'Call now', severity: 'urgent' }));
    act(() => vi.advanceTimersByTime(60_000));

    expect(within(popups()).getAllByRole('article').map((toast) => toast.getAttribute('aria-label'))).toEqual(['Call now']);
  });

  it('offers only http(s) and admin app links', async () => {
    const { hub } = renderConsole();
    await screen.findByText('1 online');

    hub.current.push('popup', popup({ id: 'a', title: 'Inside', link: '/visitors' }));
    hub.current.push('popup', popup({ id: 'b', title: 'Outside', link: 'https://crm.example.com/leads/42' }));
    hub.current.push('popup', popup({ id: 'c', title: 'Script', link: 'javascript:alert(1)' }));

    const linkOf = (title: string) => within(within(popups()).getByRole('article', { name: title })).queryByRole('link');
    expect(linkOf('Inside')?.getAttribute('href')).toBe('/visitors');
    expect(linkOf('Outside')?.getAttribute('href')).toBe('https://crm.example.com/leads/42');
    expect(linkOf('Outside')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(linkOf('Script')).toBeNull();
  });

  it('asks for desktop notifications from a click, then shows popups there too', async () => {
    const notifications = fakeNotifications('default');
    const { hub } = renderConsole();
    await screen.findByText('1 online');

    await userEvent.click(screen.getByRole('button', { name: 'Enable desktop notifications' }));
    hub.current.push('popup', popup({ id: 'n-9' }));

    expect(notifications.Fake.requestPermission).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Enable desktop notifications' })).toBeNull();
    expect(notifications.shown).toEqual([
      { title: 'Ann Smith from Acme is on the pricing page', options: { body: 'For 2 minutes, her third visit this week.', tag: 'n-9' } },
    ]);
  });

  it('shows no desktop notification when the operator refused them', async () => {
    const notifications = fakeNotifications('denied');
    const { hub } = renderConsole();
    await screen.findByText('1 online');

    hub.current.push('popup', popup());

    expect(screen.queryByRole('button', { name: 'Enable desktop notifications' })).toBeNull();
    expect(notifications.shown).toEqual([]);
    expect(within(popups()).getAllByRole('article')).toHaveLength(1);
  });

  it('reconnects in the new workspace when the operator switches', async () => {
    const { hub, server } = renderConsole();
    await screen.findByText('1 online');
    const first = hub.current;

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Workspace' }), 'Globex');

    await waitFor(() => expect(hub.current.workspaceId).toBe('w2'));
    expect(first.state).toBe('stopped');
    await waitFor(() => expect(server.to('GET', '/api/workspaces/operators/online').at(-1)?.headers['X-Workspace-Id']).toBe('w2'));
  });

  it('says so while reconnecting and reloads who is online after', async () => {
    let online = [annOnline];
    const { hub, server } = renderConsole(() => online);
    await screen.findByText('1 online');

    online = [annOnline, bobOnline];
    hub.current.reconnect();

    expect(await screen.findByText('2 online')).toBeDefined();
    expect(server.to('GET', '/api/workspaces/operators/online')).toHaveLength(2);
  });

  it('keeps a push over an answer to a request sent before it', async () => {
    // The hub counts a connection only after its start resolved, so the first request may still miss it.
    let answer: (response: Response) => void = () => undefined;
    const server = fakeServer({
      'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
      'GET /api/modules': () => json(loadedModules),
      'GET /api/workspaces/sites': () => json([]),
      'GET /api/workspaces/operators/online': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const hub = fakeOperatorsHub();
    const wrapper = ({ children }: { children: ReactNode }) => <OperatorsHubProvider connect={hub.connect}>{children}</OperatorsHubProvider>;
    renderApp(server.client, '/sites', { wrapper });
    await waitFor(() => expect(server.to('GET', '/api/workspaces/operators/online')).toHaveLength(1));

    hub.current.push('operators', [annOnline]);
    expect(screen.getByText('1 online')).toBeDefined();
    await act(async () => answer(json([])));

    expect(screen.getByText('1 online')).toBeDefined();
    expect(screen.queryByText('0 online')).toBeNull();
  });

  it('tries again when the hub cannot be reached at first', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = fakeServer({
      'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
      'GET /api/modules': () => json(loadedModules),
      'GET /api/workspaces/sites': () => json([]),
      'GET /api/workspaces/operators/online': () => json([annOnline]),
    });
    let attempts = 0;
    const hub = fakeOperatorsHub();
    const connect = (workspaceId: string) => {
      const connection = hub.connect(workspaceId);
      const start = connection.start.bind(connection);
      connection.start = () => (++attempts === 1 ? Promise.reject(new Error('unreachable')) : start());
      return connection;
    };
    const wrapper = ({ children }: { children: ReactNode }) => <OperatorsHubProvider connect={connect}>{children}</OperatorsHubProvider>;
    renderApp(server.client, '/sites', { wrapper });

    expect(await screen.findByText('Offline')).toBeDefined();
    await act(() => vi.advanceTimersByTimeAsync(5_000));

    expect(await screen.findByText('1 online')).toBeDefined();
    expect(attempts).toBe(2);
  });
});
