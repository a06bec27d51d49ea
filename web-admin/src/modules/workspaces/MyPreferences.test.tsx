import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem } from '../../test/fakeServer';
import { MyPreferencesButton } from './MyPreferences';

function renderPreferences(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  render(
    <ApiProvider client={server.client}>
      <MyPreferencesButton />
    </ApiProvider>,
  );
  return { server, user: userEvent.setup() };
}

const saveButton = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;

const saved = {
  timeZone: 'Europe/Lisbon',
  csv: { delimiter: ';', header: false, dateFormat: 'dd/MM/yyyy', encoding: 'utf-8-bom' },
};

describe('My preferences', () => {
  it('opens from the header with the user’s own time zone and CSV preference, and saves the changes', async () => {
    const { server, user } = renderPreferences({
      'GET /api/workspaces/me/preferences': () => json(saved),
      'PUT /api/workspaces/me/preferences': (request) => json(request.body),
    });

    await user.click(screen.getByRole('button', { name: 'My preferences' }));

    const dialog = await screen.findByRole('dialog', { name: 'My preferences' });
    const timeZone = () => (screen.getByLabelText('My time zone') as HTMLInputElement).value;
    await vi.waitFor(() => expect(timeZone()).toBe('Europe/Lisbon'));
    expect(dialog).toBeTruthy();
    expect((screen.getByLabelText('Delimiter') as HTMLSelectElement).value).toBe(';');
    expect((screen.getByLabelText('Encoding') as HTMLSelectElement).value).toBe('utf-8-bom');
    expect((screen.getByLabelText('Date/time format') as HTMLInputElement).value).toBe('dd/MM/yyyy');
    expect((screen.getByLabelText('First row is a header') as HTMLInputElement).checked).toBe(false);

    await user.clear(screen.getByLabelText('My time zone'));
    await user.type(screen.getByLabelText('My time zone'), 'America/Denver');
    await user.selectOptions(screen.getByLabelText('Delimiter'), 'Tab');
    await user.click(screen.getByLabelText('First row is a header'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved');
    expect(server.to('PUT', '/api/workspaces/me/preferences')[0]?.body).toEqual({
      timeZone: 'America/Denver',
      csv: { delimiter: '\t', header: true, dateFormat: 'dd/MM/yyyy', encoding: 'utf-8-bom' },
    });
  });

  it('starts from the default CSV preference and sends no time zone when the user has chosen none', async () => {
    const { server, user } = renderPreferences({
      'GET /api/workspaces/me/preferences': () => json({ timeZone: null, csv: null }),
      'PUT /api/workspaces/me/preferences': (request) => json(request.body),
    });

    await user.click(screen.getByRole('button', { name: 'My preferences' }));
    await vi.waitFor(() => expect(saveButton().disabled).toBe(false));
    expect((screen.getByLabelText('My time zone') as HTMLInputElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByRole('status');
    expect(server.to('PUT', '/api/workspaces/me/preferences')[0]?.body).toEqual({
      timeZone: null,
      csv: { delimiter: ',', header: true, dateFormat: 'yyyy-MM-dd', encoding: 'utf-8' },
    });
  });

  it('shows what the server refuses next to its field', async () => {
    const { user } = renderPreferences({
      'GET /api/workspaces/me/preferences': () => json({ timeZone: null, csv: null }),
      'PUT /api/workspaces/me/preferences': () =>
        problem(400, 'The request has invalid fields.', {
          errors: {
            timeZone: ['Not an IANA time zone id, e.g. Europe/Paris.'],
            'csv.dateFormat': ['Not a date format.'],
          },
        }),
    });

    await user.click(screen.getByRole('button', { name: 'My preferences' }));
    await vi.waitFor(() => expect(saveButton().disabled).toBe(false));
    await user.type(screen.getByLabelText('My time zone'), 'Mars/Base');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect((await screen.findByText('Not an IANA time zone id, e.g. Europe/Paris.')).id).toBe('me-timeZone-error');
    expect(screen.getByText('Not a date format.').id).toBe('me-csv.dateFormat-error');
  });

  it('closes with Escape', async () => {
    const { user } = renderPreferences({ 'GET /api/workspaces/me/preferences': () => json(saved) });

    await user.click(screen.getByRole('button', { name: 'My preferences' }));
    await screen.findByRole('dialog', { name: 'My preferences' });
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
