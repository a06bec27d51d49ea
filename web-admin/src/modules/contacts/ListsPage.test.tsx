import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { alice, fakeServer, json, loadedModules, noContent, problem, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import { adaOption, bobOption, distributionList, recipientSearches, suppliersOption } from './fixtures';

const suppliers = distributionList({
  members: [{ kind: 'contact', id: 'c1', name: 'Ada Lovelace' }],
  memberCount: 1,
});

function renderLists(path: string, routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json([...loadedModules, { name: 'contacts', title: 'Contacts', order: 30 }]),
    'GET /api/contacts/lists': () => json([suppliers]),
    ...recipientSearches({ bob: [bobOption], sup: [suppliersOption], ada: [adaOption] }),
    ...routes,
  });
  renderApp(server.client, path);
  return { server, user: userEvent.setup() };
}

describe('ListsPage', () => {
  it('lists the distribution lists with their member counts', async () => {
    renderLists('/contacts/lists', {});

    const row = (await screen.findByRole('link', { name: 'Suppliers' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('1')).toBeDefined();
  });

  it('creates a list with a user and a nested list chosen in the recipient picker', async () => {
    const created = distributionList({ id: 'l2', name: 'Escalation', memberCount: 2 });
    const { server, user } = renderLists('/contacts/lists', {
      'POST /api/contacts/lists': () => json(created, 201),
    });

    await user.click(await screen.findByRole('button', { name: 'New list' }));
    const form = within(await screen.findByRole('form', { name: 'New distribution list' }));
    await user.type(form.getByLabelText('Name'), 'Escalation');
    const members = form.getByRole('combobox', { name: 'Members' });
    await user.type(members, 'bob');
    await user.click(await form.findByRole('option', { name: /Bob Sales/ }));
    await user.type(members, 'sup');
    await form.findByRole('option', { name: /Suppliers/ });
    await user.keyboard('{ArrowDown}{Enter}');
    const chosen = within(form.getByRole('list', { name: 'Members: chosen' }));
    expect(chosen.getByRole('img', { name: 'User' })).toBeDefined();
    expect(chosen.getByRole('img', { name: 'List' })).toBeDefined();
    await user.click(form.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('link', { name: 'Escalation' })).toBeDefined();
    // The navigation away from the form is a transition of its own: it may land a render after the new row.
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New distribution list' })).toBeNull());
    expect(server.to('POST', '/api/contacts/lists')[0]?.body).toEqual({
      name: 'Escalation',
      members: [
        { kind: 'user', id: 'u2' },
        { kind: 'list', id: 'l1' },
      ],
    });
  });

  it('shows the cycle a list would make', async () => {
    const { user } = renderLists('/contacts/lists/l1', {
      'PUT /api/contacts/lists/l1': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: { 'members[1]': ['"Escalation" already contains "Suppliers": a list cannot contain itself.'] },
        }),
    });

    const form = within(await screen.findByRole('form', { name: 'Edit Suppliers' }));
    expect(within(form.getByRole('list', { name: 'Members: chosen' })).getByText('Ada Lovelace')).toBeDefined();
    await user.click(form.getByRole('button', { name: 'Save' }));

    const error = await form.findByText('"Escalation" already contains "Suppliers": a list cannot contain itself.');
    expect(form.getByRole('combobox', { name: 'Members' }).getAttribute('aria-describedby')).toBe(error.id);
  });

  it('deletes a list still named by a trigger only once asked to remove it from there', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { server, user } = renderLists('/contacts/lists/l1', {
      'DELETE /api/contacts/lists/l1': () =>
        problem(409, 'The list is still named.', { references: [{ kind: 'siteAlert', id: 't1', name: 'Pricing page' }] }),
      'DELETE /api/contacts/lists/l1?removeReferences=true': () => noContent(),
    });

    await user.click(await screen.findByRole('button', { name: 'Delete list' }));
    expect(await screen.findByText('Site alert: Pricing page')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Remove from these and delete' }));

    expect(await screen.findByText(/No distribution lists yet/)).toBeDefined();
    expect(server.to('DELETE', '/api/contacts/lists/l1?removeReferences=true')).toHaveLength(1);
  });
});
