import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { alice, fakeServer, json, loadedModules, noContent, problem, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import { contact, contactDetail } from './fixtures';

const references = [
  { kind: 'siteAlert', id: 't1', name: 'Pricing page visit' },
  { kind: 'wizardAlert', id: 'w9', name: 'Hot lead on the shop' },
];
const adaDetail = contactDetail({ lists: [{ id: 'l1', name: 'Suppliers' }], references });

function renderContact(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json([...loadedModules, { name: 'contacts', title: 'Contacts', order: 30 }]),
    'GET /api/contacts/contacts/c1': () => json(adaDetail),
    'GET /api/contacts/contacts?page=1&pageSize=25': () => json({ items: [], total: 0, page: 1, pageSize: 25 }),
    ...routes,
  });
  renderApp(server.client, '/contacts/c1');
  return { server, user: userEvent.setup() };
}

describe('ContactPage', () => {
  it('shows the lists the contact belongs to and what names it', async () => {
    renderContact({});

    expect(await screen.findByRole('form', { name: 'Edit Ada Lovelace' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Suppliers' }).getAttribute('href')).toBe('/contacts/lists/l1');
    expect(screen.getByText('Site alert: Pricing page visit')).toBeDefined();
    expect(screen.getByText('Wizard alert: Hot lead on the shop')).toBeDefined();
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@analytical.example');
  });

  it('saves changes with a PUT of every field', async () => {
    const { server, user } = renderContact({
      'PUT /api/contacts/contacts/c1': (request) =>
        json(contact({ ...(request.body as object), updatedAt: '2026-11-21T09:00:00Z' })),
    });

    const notes = await screen.findByLabelText('Notes');
    await user.type(notes, 'Prefers mornings');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved')).toBeDefined();
    expect(server.to('PUT', '/api/contacts/contacts/c1')[0]?.body).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@analytical.example',
      mobile: '+447700900123',
      timeZone: 'Europe/London',
      csv: { delimiter: ',', header: true, dateFormat: 'yyyy-MM-dd', encoding: 'utf-8' },
      preferredChannel: 'email',
      fallbackChannels: ['sms'],
      notes: 'Prefers mornings',
      tags: ['supplier'],
    });
  });

  it('shows what still names the contact when the delete is refused, then removes it from them and deletes', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { server, user } = renderContact({
      'DELETE /api/contacts/contacts/c1': () =>
        problem(409, 'The contact is still named by triggers or lists.', {
          references: [...references, { kind: 'list', id: 'l1', name: 'Suppliers' }],
        }),
      'DELETE /api/contacts/contacts/c1?removeReferences=true': () => noContent(),
    });

    await user.click(await screen.findByRole('button', { name: 'Delete contact' }));

    const refusal = within(await screen.findByRole('alert'));
    expect(refusal.getByText('The contact is still named by triggers or lists.')).toBeDefined();
    expect(refusal.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Site alert: Pricing page visit',
      'Wizard alert: Hot lead on the shop',
      'List: Suppliers',
    ]);
    await user.click(refusal.getByRole('button', { name: 'Remove from these and delete' }));

    expect(await screen.findByText(/^No contacts yet/)).toBeDefined();
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/contacts/contacts/c1',
      '/api/contacts/contacts/c1?removeReferences=true',
    ]);
  });

  it('keeps the contact when the refusal is answered with "Keep it"', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { server, user } = renderContact({
      'DELETE /api/contacts/contacts/c1': () => problem(409, 'Still used.', { references }),
    });

    await user.click(await screen.findByRole('button', { name: 'Delete contact' }));
    await user.click(await screen.findByRole('button', { name: 'Keep it' }));

    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete contact' })).toBeDefined();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('says so when the contact is not known', async () => {
    renderContact({ 'GET /api/contacts/contacts/c1': () => problem(404, 'Not Found') });

    expect(await screen.findByText('This contact is not known.')).toBeDefined();
  });

  describe('copy or move to another workspace', () => {
    const withInitech = {
      'GET /api/workspaces/me': () => json({ user: alice, workspaces: [...workspaces, { id: 'w3', name: 'Initech', role: 'Admin' }] }),
    };

    it('offers only the other workspaces the user administers, and copies there', async () => {
      const { server, user } = renderContact({
        ...withInitech,
        'POST /api/contacts/contacts/transfer': () => json({ transferred: [{ id: 'c1', targetId: 'c9' }], skipped: [] }),
      });

      const form = within(await screen.findByRole('form', { name: 'Copy or move to another workspace' }));
      const target = form.getByLabelText('Workspace') as HTMLSelectElement;
      expect(Array.from(target.options).map((option) => option.text)).toEqual(['Initech']);
      await user.click(form.getByRole('button', { name: 'Copy contact' }));

      expect(await form.findByText('Copied to Initech.')).toBeDefined();
      expect(server.to('POST', '/api/contacts/contacts/transfer')[0]?.body).toEqual({
        contactIds: ['c1'],
        targetWorkspaceId: 'w3',
        move: false,
      });
    });

    it('goes back to the contacts after a move', async () => {
      const { server, user } = renderContact({
        ...withInitech,
        'POST /api/contacts/contacts/transfer': () => json({ transferred: [{ id: 'c1', targetId: 'c1' }], skipped: [] }),
      });

      const form = within(await screen.findByRole('form', { name: 'Copy or move to another workspace' }));
      await user.click(form.getByLabelText('Move'));
      await user.click(form.getByRole('button', { name: 'Move contact' }));

      expect(await screen.findByRole('button', { name: 'Add contact' })).toBeDefined();
      expect(server.to('POST', '/api/contacts/contacts/transfer')[0]?.body).toMatchObject({ move: true });
    });

    it('says why the contact was skipped', async () => {
      const { user } = renderContact({
        ...withInitech,
        'POST /api/contacts/contacts/transfer': () =>
          json({ transferred: [], skipped: [{ id: 'c1', reason: 'The target workspace already has a contact with this email address.' }] }),
      });

      const form = within(await screen.findByRole('form', { name: 'Copy or move to another workspace' }));
      await user.click(form.getByRole('button', { name: 'Copy contact' }));

      expect(
        await form.findByText('Not copied to Initech: The target workspace already has a contact with this email address.'),
      ).toBeDefined();
    });

    it('is not offered when the user administers no other workspace', async () => {
      renderContact({});

      expect(await screen.findByRole('form', { name: 'Edit Ada Lovelace' })).toBeDefined();
      expect(screen.queryByRole('form', { name: 'Copy or move to another workspace' })).toBeNull();
    });
  });
});
