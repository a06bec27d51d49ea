import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, noContent, problem } from '../../test/fakeServer';
import type { Site } from '../../api/directory';
import type { Exclusion } from './api';
import { ExclusionsPage } from './ExclusionsPage';

const shop: Site = {
  id: 's1',
  name: 'Shop',
  siteKey: 'sk_shop',
  allowedOrigins: [],
  timeZone: 'Europe/Paris',
  anonymizeIp: false,
  defaultOwnerUserId: null,
  snippet: '',
};
const blog: Site = { ...shop, id: 's2', name: 'Blog', siteKey: 'sk_blog' };

const officeIps: Exclusion = {
  id: 'e1',
  siteId: null,
  kind: 'Ip',
  pattern: '192.168.*; 10.0.0.0/8',
  note: 'Our offices',
  enabled: true,
  hitCount: 42,
  lastHitAt: '2026-11-20T08:30:00Z',
};
const supportPages: Exclusion = {
  id: 'e2',
  siteId: 's1',
  kind: 'Page',
  pattern: 'support/*.*',
  note: '',
  enabled: false,
  hitCount: 0,
  lastHitAt: null,
};

function renderExclusions(routes: Parameters<typeof fakeServer>[0] = {}, exclusions: Exclusion[] = [officeIps, supportPages]) {
  const server = fakeServer({
    'GET /api/exclusions': () => json(exclusions),
    'GET /api/workspaces/sites': () => json([shop, blog]),
    'GET /api/exclusions/countries': () => json([{ code: 'FR', name: 'France' }]),
    ...routes,
  });
  server.client.setWorkspaceId('w1');
  render(
    <ApiProvider client={server.client}>
      <ExclusionsPage />
    </ApiProvider>,
  );
  return { server, user: userEvent.setup() };
}

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr') as HTMLElement;
}

describe('ExclusionsPage', () => {
  it('lists each exclusion with its kind, pattern, scope, hits and last hit', async () => {
    renderExclusions();

    await screen.findByText('192.168.*; 10.0.0.0/8');
    const office = rowOf('192.168.*; 10.0.0.0/8');
    expect(within(office).getByText('IP address')).toBeDefined();
    expect(within(office).getByText('All sites')).toBeDefined();
    expect(within(office).getByText('42')).toBeDefined();
    expect(within(office).getByText('Our offices')).toBeDefined();
    expect(within(office).getByText(new Date('2026-11-20T08:30:00Z').toLocaleString())).toBeDefined();

    const support = rowOf('support/*.*');
    expect(within(support).getByText('Page')).toBeDefined();
    expect(within(support).getByText('Shop')).toBeDefined();
    expect(within(support).getByText('0')).toBeDefined();
    expect(within(support).getByText('Never')).toBeDefined();
    expect(within(support).getByText('(disabled)')).toBeDefined();
  });

  it('names the scope of an exclusion whose site was deleted', async () => {
    renderExclusions({}, [{ ...supportPages, siteId: 'gone' }]);

    await screen.findByText('support/*.*');
    expect(within(rowOf('support/*.*')).getByText('A deleted site')).toBeDefined();
  });

  it('creates an exclusion for one site and adds it to the list', async () => {
    const created: Exclusion = { ...officeIps, id: 'e3', siteId: 's2', kind: 'Country', pattern: 'RU; Germany', note: '' };
    const { server, user } = renderExclusions({ 'POST /api/exclusions': () => json(created, 201) });

    await user.click(await screen.findByRole('button', { name: 'New exclusion' }));
    await user.selectOptions(screen.getByLabelText('Applies to'), 'Blog');
    await user.selectOptions(screen.getByLabelText('Kind'), 'Country');
    await user.type(screen.getByLabelText('Pattern'), '  RU; Germany ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('RU; Germany')).toBeDefined();
    expect(server.to('POST', '/api/exclusions')[0]?.body).toEqual({
      siteId: 's2',
      kind: 'Country',
      pattern: 'RU; Germany',
      note: '',
      enabled: true,
    });
    expect(within(rowOf('RU; Germany')).getByText('Blog')).toBeDefined();
    expect(screen.queryByRole('form', { name: 'New exclusion' })).toBeNull();
  });

  it('shows server field errors next to Pattern and Applies to', async () => {
    const { user } = renderExclusions({
      'POST /api/exclusions': () =>
        problem(400, 'The request has invalid fields.', {
          errors: {
            pattern: ["'10.0.0.0/33' is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32."],
            siteId: ['Not a site of this workspace.'],
          },
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'New exclusion' }));
    await user.selectOptions(screen.getByLabelText('Kind'), 'IP address');
    await user.type(screen.getByLabelText('Pattern'), '10.0.0.0/33');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const pattern = screen.getByLabelText('Pattern');
    const patternError = await screen.findByText(/is not a CIDR block/);
    expect(patternError.id).toBe('pattern-error');
    expect(pattern.getAttribute('aria-describedby')).toBe('pattern-error');
    expect(pattern.parentElement?.contains(patternError)).toBe(true);
    expect(screen.getByLabelText('Applies to').parentElement?.textContent).toContain('Not a site of this workspace.');
    expect(screen.queryByText('The request has invalid fields.')).toBeNull();
  });

  it('edits an exclusion with a PUT of all its settings', async () => {
    const { server, user } = renderExclusions({
      'PUT /api/exclusions/e1': (request) => json({ ...officeIps, ...(request.body as object) }),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit IP address exclusion 192.168.*; 10.0.0.0/8' }));
    expect((screen.getByLabelText('Pattern') as HTMLTextAreaElement).value).toBe('192.168.*; 10.0.0.0/8');
    await user.clear(screen.getByLabelText('Pattern'));
    await user.type(screen.getByLabelText('Pattern'), '192.168.*');
    await user.click(screen.getByLabelText('Enabled'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('192.168.*')).toBeDefined();
    expect(server.to('PUT', '/api/exclusions/e1')[0]?.body).toEqual({
      siteId: null,
      kind: 'Ip',
      pattern: '192.168.*',
      note: 'Our offices',
      enabled: false,
    });
    expect(within(rowOf('192.168.*')).getByText('(disabled)')).toBeDefined();
  });

  it('deletes an exclusion after confirmation', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { server, user } = renderExclusions({ 'DELETE /api/exclusions/e2': () => noContent() });

    await user.click(await screen.findByRole('button', { name: 'Edit Page exclusion support/*.*' }));
    await user.click(screen.getByRole('button', { name: 'Delete exclusion' }));

    await vi.waitFor(() => expect(screen.queryByText('support/*.*')).toBeNull());
    expect(server.to('DELETE', '/api/exclusions/e2')).toHaveLength(1);
    expect(screen.getByText('192.168.*; 10.0.0.0/8')).toBeDefined();
  });

  it('shows patterns and notes as text, never as markup', async () => {
    const hostile: Exclusion = { ...officeIps, pattern: '<img src=x onerror=alert(1)>', note: '<script>alert(2)</script>' };
    const { user } = renderExclusions({}, [hostile]);

    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeDefined();
    expect(screen.getByText('<script>alert(2)</script>')).toBeDefined();
    expect(document.querySelector('table img, table script')).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Edit IP address exclusion/ }));
    expect((screen.getByLabelText('Pattern') as HTMLTextAreaElement).value).toBe(hostile.pattern);
  });
});

describe('the test box', () => {
  it('sends the sample fields that are filled and tells which exclusion would leave it out', async () => {
    const { server, user } = renderExclusions({
      'POST /api/exclusions/test': () => json({ excluded: true, exclusion: officeIps }),
    });

    const box = within(await screen.findByRole('form', { name: 'Test exclusions' }));
    await user.selectOptions(box.getByLabelText('Site'), 'Blog');
    await user.type(box.getByLabelText('Page URL'), 'https://blog.example/post');
    await user.type(box.getByLabelText('IP address'), ' 192.168.1.20 ');
    await user.type(box.getByLabelText('Country'), 'France');
    await user.click(box.getByRole('button', { name: 'Test' }));

    const status = await box.findByRole('status');
    expect(status.textContent).toBe('Excluded by the IP address exclusion 192.168.*; 10.0.0.0/8 (Our offices).');
    expect(server.to('POST', '/api/exclusions/test')[0]?.body).toEqual({
      siteId: 's2',
      url: 'https://blog.example/post',
      ip: '192.168.1.20',
      country: 'France',
    });
  });

  it('says when the sample would be kept', async () => {
    const { user } = renderExclusions({
      'POST /api/exclusions/test': () => json({ excluded: false, exclusion: null }),
    });

    const box = within(await screen.findByRole('form', { name: 'Test exclusions' }));
    await user.type(box.getByLabelText('User agent'), 'Mozilla/5.0');
    await user.click(box.getByRole('button', { name: 'Test' }));

    expect((await box.findByRole('status')).textContent).toBe('Not excluded: no enabled exclusion matches this sample.');
  });

  it('shows a refused sample value next to its field', async () => {
    const { user } = renderExclusions({
      'POST /api/exclusions/test': () =>
        problem(400, 'The request has invalid fields.', { errors: { ip: ['Not an IP address such as 203.0.113.7 or 2001:db8::1.'] } }),
    });

    const box = within(await screen.findByRole('form', { name: 'Test exclusions' }));
    await user.type(box.getByLabelText('IP address'), '10.1');
    await user.click(box.getByRole('button', { name: 'Test' }));

    const error = await box.findByText('Not an IP address such as 203.0.113.7 or 2001:db8::1.');
    expect(error.id).toBe('test-ip-error');
    expect(box.getByLabelText('IP address').getAttribute('aria-describedby')).toBe('test-ip-error');
    expect(box.queryByRole('status')).toBeNull();
  });

  it('asks for a site first when the workspace has none', async () => {
    const server = fakeServer({
      'GET /api/exclusions': () => json([]),
      'GET /api/workspaces/sites': () => json([]),
    });
    render(
      <ApiProvider client={server.client}>
        <ExclusionsPage />
      </ApiProvider>,
    );

    expect(await screen.findByText('Add a site to test exclusions on it.')).toBeDefined();
    expect(screen.getByText('No exclusions yet. Add the first one with "New exclusion".')).toBeDefined();
    expect(screen.queryByRole('form', { name: 'Test exclusions' })).toBeNull();
  });
});
