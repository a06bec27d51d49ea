import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem } from '../../test/fakeServer';
import type { ImportPreview, ImportResult, UploadedImport } from './api';
import { ImportWizard } from './ImportWizard';

const csvText = 'Full name,E-mail,Phone,Zone,Labels\nAda Lovelace,ada@analytical.example,+447700900123,Europe/London,vip\n';
const uploaded: UploadedImport = {
  importId: 'imp1',
  columns: ['Full name', 'E-mail', 'Phone', 'Zone', 'Labels'],
  sampleRows: [['Ada Lovelace', 'ada@analytical.example', '+447700900123', 'Europe/London', 'vip']],
  suggestedMapping: { name: 'Full name', email: 'E-mail', mobile: 'Phone', notes: 'Gone column' },
};
const preview: ImportPreview = {
  rows: [
    {
      row: 2,
      name: 'Ada Lovelace',
      email: 'ada@analytical.example',
      mobile: '+447700900123',
      timeZone: 'Europe/London',
      action: 'update',
    },
    {
      row: 3,
      name: 'Grace Hopper',
      email: 'grace@navy.example',
      mobile: '',
      timeZone: 'America/New_York',
      action: 'create',
    },
  ],
  errors: [{ row: 4, column: 'E-mail', reason: '"grace@" is not an email address.' }],
};
const result: ImportResult = {
  created: 1,
  updated: 0,
  skipped: 1,
  errors: [{ row: 4, column: 'E-mail', reason: '"grace@" is not an email address.' }],
};

function renderWizard(routes: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer({ 'POST /api/contacts/import': () => json(uploaded), ...routes });
  server.client.setWorkspaceId('w1');
  render(
    <MemoryRouter>
      <ApiProvider client={server.client}>
        <ImportWizard />
      </ApiProvider>
    </MemoryRouter>,
  );
  return { server, user: userEvent.setup() };
}

async function uploadFile(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText('CSV file'), new File([csvText], 'contacts.csv', { type: 'text/csv' }));
  await user.click(screen.getByRole('button', { name: 'Upload' }));
  return within(await screen.findByRole('form', { name: 'Map columns' }));
}

describe('ImportWizard', () => {
  it('uploads the file as CSV, maps columns, previews, runs and reports row errors', async () => {
    const { server, user } = renderWizard({
      'POST /api/contacts/import/imp1/preview': () => json(preview),
      'POST /api/contacts/import/imp1/run': () => json(result),
    });

    const mapping = await uploadFile(user);
    const upload = server.to('POST', '/api/contacts/import')[0];
    expect(upload?.headers['Content-Type']).toBe('text/csv');
    expect(await (upload?.body as Blob).text()).toBe(csvText);
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('2. Map columns');

    const sample = within(mapping.getByRole('table', { name: 'First rows of the file' }));
    expect(sample.getByText('ada@analytical.example')).toBeDefined();
    expect((mapping.getByLabelText('Name column') as HTMLSelectElement).value).toBe('Full name');
    expect((mapping.getByLabelText('Email column') as HTMLSelectElement).value).toBe('E-mail');
    expect((mapping.getByLabelText('Time zone column') as HTMLSelectElement).value).toBe('');
    expect((mapping.getByLabelText('Notes column') as HTMLSelectElement).value).toBe('');
    await user.selectOptions(mapping.getByLabelText('Time zone column'), 'Zone');
    await user.selectOptions(mapping.getByLabelText('Tags column'), 'Labels');
    await user.selectOptions(mapping.getByLabelText('Mobile column'), 'Not imported');
    await user.selectOptions(mapping.getByLabelText("When the email is already a contact's"), 'Skip the row');
    await user.click(mapping.getByRole('button', { name: 'Preview' }));

    const planned = await screen.findByRole('table', { name: 'What the import will do' });
    expect(within(within(planned).getByText('Grace Hopper').closest('tr') as HTMLElement).getByText('Create')).toBeDefined();
    expect(within(within(planned).getByText('Ada Lovelace').closest('tr') as HTMLElement).getByText('Update')).toBeDefined();
    const previewErrors = screen.getByRole('table', { name: 'Rows with errors (not imported)' });
    expect(within(previewErrors).getByText('"grace@" is not an email address.')).toBeDefined();
    const expectedRequest = {
      mapping: { name: 'Full name', email: 'E-mail', timeZone: 'Zone', tags: 'Labels' },
      duplicatePolicy: 'skip',
    };
    expect(server.to('POST', '/api/contacts/import/imp1/preview')[0]?.body).toEqual(expectedRequest);

    await user.click(screen.getByRole('button', { name: 'Import' }));

    const outcome = within((await screen.findByText('Created')).closest('dl') as HTMLElement);
    expect(outcome.getByText('Created').nextElementSibling?.textContent).toBe('1');
    expect(outcome.getByText('Updated').nextElementSibling?.textContent).toBe('0');
    expect(outcome.getByText('Skipped').nextElementSibling?.textContent).toBe('1');
    const resultErrors = within(screen.getByRole('table', { name: 'Rows with errors (not imported)' }));
    const errorRow = resultErrors.getAllByRole('row')[1] as HTMLElement;
    expect(within(errorRow).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      '4',
      'E-mail',
      '"grace@" is not an email address.',
    ]);
    expect(server.to('POST', '/api/contacts/import/imp1/run')[0]?.body).toEqual(expectedRequest);
  });

  it('shows a refused mapping next to its field', async () => {
    const { user } = renderWizard({
      'POST /api/contacts/import/imp1/preview': () =>
        problem(400, 'One or more validation errors occurred.', {
          errors: { 'mapping.email': ['Map a column to email: duplicates are found by email.'] },
        }),
    });

    const mapping = await uploadFile(user);
    await user.selectOptions(mapping.getByLabelText('Email column'), 'Not imported');
    await user.click(mapping.getByRole('button', { name: 'Preview' }));

    const error = await mapping.findByText('Map a column to email: duplicates are found by email.');
    expect(error.id).toBe('mapping.email-error');
    expect(mapping.getByLabelText('Email column').getAttribute('aria-describedby')).toBe('mapping.email-error');
  });

  it('says why an upload is refused and stays on the first step', async () => {
    const { user } = renderWizard({
      'POST /api/contacts/import': () => problem(400, 'The file has no header row.'),
    });

    await user.upload(screen.getByLabelText('CSV file'), new File([''], 'empty.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    expect(await screen.findByText('The file has no header row.')).toBeDefined();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('1. Choose a file');
  });
});
