import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem } from '../../test/fakeServer';
import { ExportForm } from './ExportForm';

function renderExport(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(routes);
  server.client.setWorkspaceId('w2');
  render(
    <ApiProvider client={server.client}>
      <ExportForm />
    </ApiProvider>,
  );
  return { server, user: userEvent.setup() };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ExportForm', () => {
  it('downloads the CSV in the chosen format, in the current workspace', async () => {
    const createObjectURL = vi.fn(() => 'blob:contacts');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL = createObjectURL;
        static override revokeObjectURL = revokeObjectURL;
      },
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const path = '/api/contacts/export?delimiter=%09&header=false&dateFormat=dd%2FMM%2Fyyyy+HH%3Amm&encoding=utf-8-bom';
    const { server, user } = renderExport({
      [`GET ${path}`]: () => new Response('\uFEFFname\tcreated\n', { headers: { 'Content-Type': 'text/csv' } }),
    });

    expect((screen.getByLabelText('Delimiter') as HTMLSelectElement).value).toBe(',');
    expect((screen.getByLabelText('First row is a header') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Date/time format') as HTMLInputElement).value).toBe('yyyy-MM-dd');
    await user.selectOptions(screen.getByLabelText('Delimiter'), 'Tab');
    await user.click(screen.getByLabelText('First row is a header'));
    await user.clear(screen.getByLabelText('Date/time format'));
    await user.type(screen.getByLabelText('Date/time format'), 'dd/MM/yyyy HH:mm');
    await user.selectOptions(screen.getByLabelText('Encoding'), 'UTF-8 with BOM (for Excel)');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));

    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(server.to('GET', path)[0]?.headers['X-Workspace-Id']).toBe('w2');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('contacts.csv');
    expect(link.href).toBe('blob:contacts');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:contacts');
  });

  it('starts from the user’s own CSV preference', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.stubGlobal(
      'URL',
      class extends URL {
        static override createObjectURL = vi.fn(() => 'blob:contacts');
        static override revokeObjectURL = vi.fn();
      },
    );
    const path = '/api/contacts/export?delimiter=%3B&header=false&dateFormat=dd.MM.yyyy&encoding=utf-8-bom';
    const { server, user } = renderExport({
      'GET /api/workspaces/me/preferences': () =>
        json({
          timeZone: null,
          csv: { delimiter: ';', header: false, dateFormat: 'dd.MM.yyyy', encoding: 'utf-8-bom' },
        }),
      [`GET ${path}`]: () =>
        new Response('\uFEFFAnn;ann@example.com\n', { headers: { 'Content-Type': 'text/csv' } }),
    });

    await vi.waitFor(() => expect((screen.getByLabelText('Delimiter') as HTMLSelectElement).value).toBe(';'));
    expect((screen.getByLabelText('First row is a header') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Date/time format') as HTMLInputElement).value).toBe('dd.MM.yyyy');
    expect((screen.getByLabelText('Encoding') as HTMLSelectElement).value).toBe('utf-8-bom');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));

    await vi.waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(server.to('GET', path)).toHaveLength(1);
  });

  it('shows a refused format next to its field', async () => {
    const { user } = renderExport({
      'GET /api/contacts/export?delimiter=%2C&header=true&dateFormat=qq&encoding=utf-8': () =>
        problem(400, 'One or more validation errors occurred.', { errors: { dateFormat: ['"qq" is not a date format.'] } }),
    });

    await user.clear(screen.getByLabelText('Date/time format'));
    await user.type(screen.getByLabelText('Date/time format'), 'qq');
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));

    expect((await screen.findByText('"qq" is not a date format.')).id).toBe('export-dateFormat-error');
  });
});
