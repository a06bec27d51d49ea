import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../api/ApiContext';
import { fakeServer, json, problem } from '../../test/fakeServer';
import { adaOption, bobOption, recipientSearches, suppliersOption } from './fixtures';
import { RecipientPicker, type RecipientEntry, type RecipientPickerProps } from './RecipientPicker';

type Options = Partial<Omit<RecipientPickerProps, 'value' | 'onChange'>> & { initial?: RecipientEntry[] };

function renderPicker(routes: Parameters<typeof fakeServer>[0], { initial = [], ...props }: Options = {}) {
  const server = fakeServer({
    ...recipientSearches({ a: [adaOption, bobOption, suppliersOption], ada: [adaOption], s: [bobOption, suppliersOption] }),
    ...routes,
  });
  const changes = vi.fn<(next: RecipientEntry[]) => void>();
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <RecipientPicker
        label="Recipients"
        {...props}
        value={value}
        onChange={(next) => {
          changes(next);
          setValue(next);
        }}
      />
    );
  }
  render(
    <ApiProvider client={server.client}>
      <Harness />
    </ApiProvider>,
  );
  return { server, changes, user: userEvent.setup(), input: screen.getByRole('combobox', { name: 'Recipients' }) };
}

function chips() {
  return within(screen.getByRole('list', { name: 'Recipients: chosen' }));
}

describe('RecipientPicker', () => {
  it('marks each suggestion with the icon of its kind', async () => {
    const { user, input } = renderPicker({});

    await user.type(input, 'a');

    const listbox = await screen.findByRole('listbox', { name: 'Recipients suggestions' });
    const ada = await within(listbox).findByRole('option', { name: /Ada Lovelace/ });
    const bob = within(listbox).getByRole('option', { name: /Bob Sales/ });
    const suppliers = within(listbox).getByRole('option', { name: /Suppliers/ });
    expect(within(ada).getByRole('img', { name: 'Contact' }).getAttribute('data-kind')).toBe('contact');
    expect(within(bob).getByRole('img', { name: 'User' }).getAttribute('data-kind')).toBe('user');
    expect(within(suppliers).getByRole('img', { name: 'List' }).getAttribute('data-kind')).toBe('list');
    expect(within(ada).getByText('ada@analytical.example')).toBeDefined();
    expect(input.getAttribute('aria-expanded')).toBe('true');
  });

  it('is driven by the keyboard: arrows move, Enter chooses, and the chip keeps the icon', async () => {
    const { user, input, changes } = renderPicker({});

    await user.type(input, 'a');
    await screen.findByRole('option', { name: /Suppliers/ });
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    const active = screen.getByRole('option', { selected: true });
    expect(active.textContent).toContain('Bob Sales');
    expect(input.getAttribute('aria-activedescendant')).toBe(active.id);
    await user.keyboard('{Enter}');

    expect(changes).toHaveBeenLastCalledWith([{ kind: 'user', id: 'u2', name: 'Bob Sales' }]);
    expect((input as HTMLInputElement).value).toBe('');
    const chip = chips().getByText('Bob Sales').closest('li') as HTMLElement;
    expect(within(chip).getByRole('img', { name: 'User' }).getAttribute('data-kind')).toBe('user');
  });

  it('chooses with the mouse, does not offer a chosen recipient twice, and removes a chip', async () => {
    const { user, input, changes } = renderPicker({});

    await user.type(input, 'ada');
    await user.click(await screen.findByRole('option', { name: /Ada Lovelace/ }));
    expect(chips().getByRole('img', { name: 'Contact' }).getAttribute('data-kind')).toBe('contact');

    await user.type(input, 'a');
    await screen.findByRole('option', { name: /Bob Sales/ });
    expect(screen.queryByRole('option', { name: /Ada Lovelace/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Remove Ada Lovelace' }));
    expect(changes).toHaveBeenLastCalledWith([]);
  });

  it('offers "me" and the lead\'s owner when allowed', async () => {
    const { user, input, changes } = renderPicker({}, { allowSpecial: true });

    await user.click(input);
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('Me'),
      expect.stringContaining("The lead's owner"),
    ]);
    await user.click(screen.getByRole('option', { name: /lead's owner/ }));

    expect(changes).toHaveBeenLastCalledWith([{ kind: 'leadOwner', name: "The lead's owner" }]);
  });

  it('adds typed addresses after the server checked them, on Enter and on a comma', async () => {
    const { server, user, input, changes } = renderPicker(
      {
        'POST /api/contacts/recipients/validate': (request) => {
          const [typed] = (request.body as { adHoc: string[] }).adHoc;
          const checked =
            typed === 'Sales@Shop.example'
              ? { value: 'sales@shop.example', kind: 'email' }
              : { value: '+33612345678', kind: 'phone' };
          return json({ adHoc: [checked] });
        },
      },
      { allowAdHoc: true },
    );

    await user.type(input, 'Sales@Shop.example{Enter}');
    await vi.waitFor(() => expect(chips().getByText('sales@shop.example')).toBeDefined());
    await user.type(input, '06 12 34 56 78,');
    await vi.waitFor(() => expect(chips().getByText('+33612345678')).toBeDefined());

    expect(server.to('POST', '/api/contacts/recipients/validate').map((r) => r.body)).toEqual([
      { adHoc: ['Sales@Shop.example'] },
      { adHoc: ['06 12 34 56 78'] },
    ]);
    expect(changes).toHaveBeenLastCalledWith([
      { kind: 'adHoc', value: 'sales@shop.example', name: 'sales@shop.example' },
      { kind: 'adHoc', value: '+33612345678', name: '+33612345678' },
    ]);
    expect(chips().getByRole('img', { name: 'Email address' }).getAttribute('data-kind')).toBe('adHoc');
    expect(chips().getByRole('img', { name: 'Phone number' }).getAttribute('data-kind')).toBe('adHoc');
  });

  it('shows the refused address with the server\'s reason and keeps the text to fix it', async () => {
    const { user, input, changes } = renderPicker(
      {
        ...recipientSearches({ 'ok@shop.example; nope@': [] }),
        'POST /api/contacts/recipients/validate': () =>
          problem(400, 'One or more validation errors occurred.', {
            errors: { 'adHoc[1]': ['Not an email address or a phone number.'] },
          }),
      },
      { allowAdHoc: true },
    );

    await user.click(input);
    await user.paste('ok@shop.example; nope@');
    await user.keyboard('{Enter}');

    const error = await screen.findByText('"nope@": Not an email address or a phone number.');
    expect(error.id).toBe(input.getAttribute('aria-describedby'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((input as HTMLInputElement).value).toBe('ok@shop.example; nope@');
    expect(changes).not.toHaveBeenCalled();
  });

  it('takes no typed address unless allowed, and Enter then never submits the form around it', async () => {
    const submit = vi.fn((event: Event) => event.preventDefault());
    const server = fakeServer(recipientSearches({ 'zed@x.example': [] }));
    render(
      <ApiProvider client={server.client}>
        <form onSubmit={(event) => submit(event.nativeEvent)}>
          <RecipientPicker label="Members" value={[]} onChange={() => undefined} />
        </form>
      </ApiProvider>,
    );
    const user = userEvent.setup();

    await user.type(screen.getByRole('combobox', { name: 'Members' }), 'zed@x.example{Enter}');

    expect(await screen.findByText('No user, contact or list matches "zed@x.example".')).toBeDefined();
    expect(server.to('POST', '/api/contacts/recipients/validate')).toHaveLength(0);
    expect(submit).not.toHaveBeenCalled();
  });

  it('shows names as text, never as markup', async () => {
    const hostile = { ...adaOption, name: '<img src=x onerror=alert(1)>' };
    const { user, input } = renderPicker(recipientSearches({ '<img': [hostile] }));

    await user.type(input, '<img');

    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeDefined();
    expect(document.querySelector('[role="listbox"] img')).toBeNull();
  });
});
