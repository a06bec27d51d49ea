import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { alice, fakeServer, json, loadedModules, problem, workspaces } from '../../test/fakeServer';
import { renderApp } from '../../test/renderApp';
import type { Contact, ContactInput } from './api';
import { adaOption, contact, recipientSearches } from './fixtures';

const ada = contact();
const firstPage = '/api/contacts/contacts?page=1&pageSize=25';

function page(items: Contact[], total = items.length, pageNumber = 1) {
  return () => json({ items, total, page: pageNumber, pageSize: 25 });
}

function renderContacts(path: string, routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({
    'GET /api/workspaces/me': () => json({ user: alice, workspaces }),
    'GET /api/modules': () => json([...loadedModules, { name: 'contacts', title: 'Contacts', order: 30 }]),
    ...routes,
  });
  renderApp(server.client, path);
  return { server, user: userEvent.setup() };
}

/** Pastes rather than types: a form with every field typed key by key is slow. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

function rowOf(name: string): HTMLElement {
  return screen.getByRole('link', { name }).closest('tr') as HTMLElement;
}

describe('ContactsPage', () => {
  it('is the Contacts entry of the navigation and lists the contacts', async () => {
    renderContacts('/contacts', { [`GET ${firstPage}`]: page([ada]) });

    expect(await screen.findByRole('heading', { name: 'Users & Contacts' })).toBeDefined();
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).toContain('Contacts');
    await screen.findByRole('link', { name: 'Ada Lovelace' });
    const row = rowOf('Ada Lovelace');
    for (const text of ['ada@analytical.example', '+447700900123', 'Europe/London', 'Email', 'supplier']) {
      expect(within(row).getByText(text)).toBeDefined();
    }
    expect(screen.getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe('/contacts/c1');
  });

  it('pages by 25 and searches from the first page', async () => {
    const many = Array.from({ length: 25 }, (_, i) => contact({ id: `c${i + 10}`, name: `Contact ${i + 1}` }));
    const { server, user } = renderContacts('/contacts', {
      [`GET ${firstPage}`]: page(many, 60),
      'GET /api/contacts/contacts?page=2&pageSize=25': page([ada], 60, 2),
      'GET /api/contacts/contacts?search=ada+l&page=1&pageSize=25': page([ada]),
    });

    expect(await screen.findByText('Contacts 1–25 of 60')).toBeDefined();
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Contacts 26–26 of 60')).toBeDefined();

    await user.type(screen.getByLabelText('Search contacts'), ' ada l ');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByText('Contacts 1–1 of 1')).toBeDefined();
    expect(server.requests.filter((r) => r.path.startsWith('/api/contacts/contacts')).map((r) => r.path)).toEqual([
      firstPage,
      '/api/contacts/contacts?page=2&pageSize=25',
      '/api/contacts/contacts?search=ada+l&page=1&pageSize=25',
    ]);
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds a contact with every field through the dialog, then refreshes the list', async () => {
    const grace = contact({ id: 'c2', name: 'Grace Hopper', email: 'grace@navy.example', tags: ['vip', 'navy'] });
    let contacts = [ada];
    const { server, user } = renderContacts('/contacts', {
      [`GET ${firstPage}`]: () => page(contacts)(),
      'POST /api/contacts/contacts': () => {
        contacts = [ada, grace];
        return json(grace, 201);
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add contact' }));
    expect(document.activeElement).toBe(dialog.getByLabelText('Name'));
    expect((dialog.getByLabelText('Time zone') as HTMLInputElement).value).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    await fill(user, dialog.getByLabelText('Name'), ' Grace Hopper ');
    await fill(user, dialog.getByLabelText('Email'), 'grace@navy.example');
    await fill(user, dialog.getByLabelText('Mobile'), '+1 202 555 0100');
    await fill(user, dialog.getByLabelText('Time zone'), 'America/New_York');
    await user.selectOptions(dialog.getByLabelText('Delimiter'), 'Semicolon (;)');
    await user.selectOptions(dialog.getByLabelText('Encoding'), 'UTF-8 with BOM (for Excel)');
    await fill(user, dialog.getByLabelText('Date/time format'), 'MM/dd/yyyy');
    await user.click(dialog.getByLabelText('First row is a header'));
    await user.selectOptions(dialog.getByLabelText('Preferred channel'), 'SMS');
    await user.selectOptions(dialog.getByLabelText('Add a fallback channel'), 'Email');
    await fill(user, dialog.getByLabelText('Tags (comma-separated)'), 'vip, navy,');
    await fill(user, dialog.getByLabelText('Notes'), 'Call after 9');
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('link', { name: 'Grace Hopper' })).toBeDefined();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.to('POST', '/api/contacts/contacts')[0]?.body).toEqual({
      name: 'Grace Hopper',
      email: 'grace@navy.example',
      mobile: '+1 202 555 0100',
      timeZone: 'America/New_York',
      csv: { delimiter: ';', header: false, dateFormat: 'MM/dd/yyyy', encoding: 'utf-8-bom' },
      preferredChannel: 'sms',
      fallbackChannels: ['email'],
      notes: 'Call after 9',
      tags: ['vip', 'navy'],
    } satisfies ContactInput);
    expect(server.to('GET', firstPage)).toHaveLength(2);
    expect(within(screen.getByRole('status')).getByRole('link', { name: 'Grace Hopper' })).toBeDefined();
  });

  it('keeps the preferred channel out of the fallback channels', async () => {
    const { server, user } = renderContacts('/contacts', {
      [`GET ${firstPage}`]: page([]),
      'POST /api/contacts/contacts': () => json(ada, 201),
    });

    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add contact' }));
    await user.type(dialog.getByLabelText('Name'), 'Ada');
    await user.selectOptions(dialog.getByLabelText('Add a fallback channel'), 'SMS');
    expect((dialog.getByLabelText('Add a fallback channel') as HTMLSelectElement).disabled).toBe(true);
    await user.selectOptions(dialog.getByLabelText('Preferred channel'), 'SMS');
    expect(dialog.queryByRole('list', { name: 'Fallback channels, in order' })).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(server.to('POST', '/api/contacts/contacts')).toHaveLength(1));
    expect(server.to('POST', '/api/contacts/contacts')[0]?.body).toMatchObject({
      preferredChannel: 'sms',
      fallbackChannels: [],
    });
  });

  it('shows the server\'s field errors next to their fields, nested CSV fields included', async () => {
    const { user } = renderContacts('/contacts', {
      [`GET ${firstPage}`]: page([ada]),
      'POST /api/contacts/contacts': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: {
            email: ['"grace@" is not an email address.'],
            mobile: ['"12" is not a phone number.'],
            timeZone: ['"Mars/Olympus" is not an IANA time zone id.'],
            'csv.dateFormat': ['"qq" is not a date format.'],
          },
        }),
    });

    await user.click(await screen.findByRole('button', { name: 'Add contact' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add contact' }));
    await user.type(dialog.getByLabelText('Name'), 'Grace');
    await user.type(dialog.getByLabelText('Email'), 'grace@');
    await user.click(dialog.getByRole('button', { name: 'Save' }));

    const emailError = await dialog.findByText('"grace@" is not an email address.');
    expect(emailError.id).toBe('email-error');
    expect(dialog.getByLabelText('Email').getAttribute('aria-describedby')).toBe('email-error');
    expect(dialog.getByLabelText('Mobile').parentElement?.textContent).toContain('"12" is not a phone number.');
    expect(dialog.getByLabelText('Time zone').parentElement?.textContent).toContain('is not an IANA time zone id.');
    const dateFormat = dialog.getByLabelText('Date/time format');
    expect(dateFormat.getAttribute('aria-invalid')).toBe('true');
    expect(dateFormat.parentElement?.textContent).toContain('"qq" is not a date format.');
    expect(dialog.queryByText('One or more validation errors occurred.')).toBeNull();
  });

  it('closes the dialog on Escape without saving', async () => {
    const { server, user } = renderContacts('/contacts', { [`GET ${firstPage}`]: page([ada]) });

    const add = await screen.findByRole('button', { name: 'Add contact' });
    await user.click(add);
    await user.type(screen.getByLabelText('Name'), 'Half typed');
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(add);
    expect(server.to('POST', '/api/contacts/contacts')).toHaveLength(0);
  });

  it('finds a contact in the recipient picker on the page, marked with the envelope icon', async () => {
    const { user } = renderContacts('/contacts', {
      [`GET ${firstPage}`]: page([ada]),
      ...recipientSearches({ 'Ada Lovelace': [adaOption] }),
    });

    await user.type(await screen.findByRole('combobox', { name: 'Find a recipient' }), 'Ada Lovelace');

    const option = await screen.findByRole('option', { name: /Ada Lovelace/ });
    const icon = within(option).getByRole('img', { name: 'Contact' });
    expect(icon.getAttribute('data-kind')).toBe('contact');
  });

  it('shows names and tags as text, never as markup', async () => {
    const hostile = contact({ name: '<img src=x onerror=alert(1)>', tags: ['<script>alert(2)</script>'] });
    renderContacts('/contacts', { [`GET ${firstPage}`]: page([hostile]) });

    expect(await screen.findByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeDefined();
    expect(screen.getByText('<script>alert(2)</script>')).toBeDefined();
    expect(document.querySelector('table img, table script')).toBeNull();
  });
});
