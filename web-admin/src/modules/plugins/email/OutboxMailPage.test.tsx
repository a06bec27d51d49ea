import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../api/ApiContext';
import { fakeServer, json } from '../../../test/fakeServer';
import type { PickedUpMail } from './api';
import { OutboxMailPage } from './OutboxMailPage';

const hostile: PickedUpMail = {
  name: '0123abcd.eml',
  size: 2048,
  writtenAt: '2026-11-21T09:30:00Z',
  subject: '<img src=x onerror=alert(1)> Ann is on /pricing',
  from: 'Lookout <lookout@localhost>',
  to: 'ann@acme.example',
  date: 'Sat, 21 Nov 2026 09:30:00 +0000',
};

function renderPage(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <OutboxMailPage />
    </ApiProvider>,
  );
  return server;
}

describe('OutboxMailPage', () => {
  it('lists the pickup folder and shows a message’s source as text, never as markup', async () => {
    const source = 'Subject: Hi\r\nContent-Type: text/html\r\n\r\n<script>alert(2)</script><b>bold</b>';
    renderPage({
      'GET /api/plugins/email/pickup': () => json([hostile]),
      'GET /api/plugins/email/pickup/0123abcd.eml': () => new Response(source, { status: 200, headers: { 'Content-Type': 'text/plain' } }),
    });

    expect(await screen.findByText('<img src=x onerror=alert(1)> Ann is on /pricing')).toBeDefined();
    expect(screen.getByText('ann@acme.example')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));

    const pre = await screen.findByText((_, element) => element?.tagName === 'PRE' && element.textContent === source);
    expect(pre).toBeDefined();
    expect(document.querySelector('img, script, b')).toBeNull();
  });

  it('says when the pickup folder is empty', async () => {
    renderPage({ 'GET /api/plugins/email/pickup': () => json([]) });

    expect(await screen.findByText('No mail in the pickup folder.')).toBeDefined();
  });
});
