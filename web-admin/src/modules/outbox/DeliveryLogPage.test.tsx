import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem } from '../../test/fakeServer';
import type { Page } from '../../api/page';
import type { Delivery, DeliveryDetail } from './api';
import { DeliveryLogPage } from './DeliveryLogPage';

const delivered: Delivery = {
  id: 'd1',
  channel: 'email',
  address: 'ann@example.com',
  recipientName: 'Ann Owner',
  subject: 'Acme is on /pricing',
  status: 'delivered',
  attempts: 1,
  attemptCount: 1,
  lastReason: null,
  sending: false,
  createdAt: '2026-11-21T09:00:00Z',
  updatedAt: '2026-11-21T09:00:01Z',
  nextAttemptAt: null,
  deliveredAt: '2026-11-21T09:00:01Z',
  messageKey: 'alert-1',
};
const dead: Delivery = {
  ...delivered,
  id: 'd2',
  channel: 'sms',
  address: '+15550000000',
  recipientName: null,
  status: 'dead',
  attempts: 8,
  attemptCount: 8,
  lastReason: 'Gave up after 8 attempts. The gateway answered HTTP 503.',
  deliveredAt: null,
};
const unreachable: Delivery = {
  ...dead,
  id: 'd3',
  channel: 'email',
  address: '',
  recipientName: 'Tex Texter',
  attempts: 0,
  attemptCount: 0,
  lastReason: 'Has no email address (only sms).',
};

function page(items: Delivery[], total = items.length, pageNumber = 1): Page<Delivery> {
  return { items, total, page: pageNumber, pageSize: 25 };
}

const firstPage = '/api/outbox/deliveries?page=1&pageSize=25';

function renderLog(routes: Parameters<typeof fakeServer>[0] = {}, path = '/delivery-log') {
  const server = fakeServer({ [`GET ${firstPage}`]: () => json(page([delivered, dead, unreachable])), ...routes });
  server.client.setWorkspaceId('w1');
  render(
    <MemoryRouter initialEntries={[path]}>
      <ApiProvider client={server.client}>
        <DeliveryLogPage />
      </ApiProvider>
    </MemoryRouter>,
  );
  return { server, user: userEvent.setup() };
}

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr') as HTMLElement;
}

describe('DeliveryLogPage', () => {
  it('lists each delivery with its recipient, channel, subject, status, reason and attempts', async () => {
    renderLog();

    await screen.findByText('Ann Owner');
    const ann = rowOf('Ann Owner');
    expect(within(ann).getByText('ann@example.com')).toBeDefined();
    expect(within(ann).getByText('email')).toBeDefined();
    expect(within(ann).getByText('Acme is on /pricing')).toBeDefined();
    expect(within(ann).getByText('Delivered')).toBeDefined();
    expect(within(ann).queryByRole('button', { name: /^Resend/ })).toBeNull();

    const sms = rowOf('+15550000000');
    expect(within(sms).getByText('Dead letter')).toBeDefined();
    expect(within(sms).getByText('Gave up after 8 attempts. The gateway answered HTTP 503.')).toBeDefined();
    expect(within(sms).getByText('8')).toBeDefined();
    expect(within(sms).getByRole('button', { name: 'Resend to +15550000000' })).toBeDefined();

    const tex = rowOf('Tex Texter');
    expect(within(tex).getByText('Has no email address (only sms).')).toBeDefined();
    // No address to send to: nothing to resend.
    expect(within(tex).queryByRole('button', { name: /^Resend/ })).toBeNull();
  });

  it('filters by channel, status and recipient and keeps the filters in the address', async () => {
    const filtered = '/api/outbox/deliveries?channel=sms&status=dead&recipient=%2B1555&page=1&pageSize=25';
    const { server, user } = renderLog({ [`GET ${filtered}`]: () => json(page([dead])) });
    await screen.findByText('Ann Owner');

    await user.type(screen.getByLabelText('Channel'), ' sms ');
    await user.selectOptions(screen.getByLabelText('Status'), 'Dead letter');
    await user.type(screen.getByLabelText('Recipient'), '+1555');
    await user.click(screen.getByRole('button', { name: 'Filter' }));

    await vi.waitFor(() => expect(screen.queryByText('Ann Owner')).toBeNull());
    expect(server.to('GET', filtered)).toHaveLength(1);
    expect(screen.getByText('+15550000000')).toBeDefined();
  });

  it('says when no delivery matches the filters', async () => {
    renderLog(
      { 'GET /api/outbox/deliveries?status=retrying&page=1&pageSize=25': () => json(page([])) },
      '/delivery-log?status=retrying',
    );

    expect(await screen.findByText('No delivery matches these filters.')).toBeDefined();
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('retrying');
  });

  it('pages through the log', async () => {
    const second = '/api/outbox/deliveries?page=2&pageSize=25';
    const { user } = renderLog({
      [`GET ${firstPage}`]: () => json(page([delivered], 26)),
      [`GET ${second}`]: () => json(page([dead], 26, 2)),
    });

    expect(await screen.findByText('Deliveries 1–1 of 26')).toBeDefined();
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('Deliveries 26–26 of 26')).toBeDefined();
    expect(screen.getByText('+15550000000')).toBeDefined();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the attempt history of a delivery', async () => {
    const history: DeliveryDetail = {
      delivery: dead,
      attempts: [
        { number: 1, startedAt: '2026-11-21T09:00:00Z', finishedAt: '2026-11-21T09:00:02Z', outcome: 'interrupted', reason: 'The host stopped.' },
        { number: 2, startedAt: '2026-11-21T09:02:00Z', finishedAt: '2026-11-21T09:02:01Z', outcome: 'permanent', reason: 'Not a mobile number.' },
        { number: 3, startedAt: '2026-11-21T09:05:00Z', finishedAt: null, outcome: null, reason: null },
      ],
    };
    const { user } = renderLog({ 'GET /api/outbox/deliveries/d2': () => json(history) });

    await user.click(await screen.findByRole('button', { name: 'Attempts to +15550000000' }));

    const attempts = await screen.findByRole('table', { name: 'Attempts to +15550000000' });
    const rows = within(attempts).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[3]!.textContent)).toEqual([
      'Interrupted',
      'Failed for good',
      'Under way',
    ]);
    expect(within(rows[1]!).getByText('Not a mobile number.')).toBeDefined();
    expect(within(rows[2]!).getAllByText('—')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Attempts to +15550000000' }));
    expect(screen.queryByRole('table', { name: 'Attempts to +15550000000' })).toBeNull();
  });

  it('resends a dead letter and shows it pending again', async () => {
    const resent: DeliveryDetail = {
      delivery: { ...dead, status: 'pending', attempts: 0, lastReason: null, nextAttemptAt: '2026-11-21T10:00:00Z' },
      attempts: [],
    };
    const { server, user } = renderLog({ 'POST /api/outbox/deliveries/d2/resend': () => json(resent) });

    await user.click(await screen.findByRole('button', { name: 'Resend to +15550000000' }));

    expect((await screen.findByRole('status')).textContent).toBe('Resending to +15550000000.');
    const sms = rowOf('+15550000000');
    expect(within(sms).getByText('Pending')).toBeDefined();
    expect(within(sms).queryByRole('button', { name: /^Resend/ })).toBeNull();
    expect(server.to('POST', '/api/outbox/deliveries/d2/resend')[0]?.headers['X-XSRF-TOKEN']).toBe('token-1');
  });

  it('shows why a resend was refused', async () => {
    const { user } = renderLog({
      'POST /api/outbox/deliveries/d2/resend': () => problem(409, 'Only dead letters can be resent; this delivery is delivered.'),
    });

    await user.click(await screen.findByRole('button', { name: 'Resend to +15550000000' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Only dead letters can be resent; this delivery is delivered.');
    expect(within(rowOf('+15550000000')).getByText('Dead letter')).toBeDefined();
  });

  it('shows recipients, subjects and reasons as text, never as markup', async () => {
    const hostile: Delivery = {
      ...dead,
      recipientName: '<img src=x onerror=alert(1)>',
      subject: '<script>alert(2)</script>',
      lastReason: '<b>bold</b>',
    };
    renderLog({ [`GET ${firstPage}`]: () => json(page([hostile])) });

    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeDefined();
    expect(screen.getByText('<script>alert(2)</script>')).toBeDefined();
    expect(screen.getByText('<b>bold</b>')).toBeDefined();
    expect(document.querySelector('table img, table script, table b')).toBeNull();
  });
});

