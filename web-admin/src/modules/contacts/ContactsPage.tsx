import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { FormAlert } from '../../shell/forms';
import { contactsPageSize, useContactsApi, type Contact } from './api';
import { channelLabels, ContactForm } from './ContactForm';
import { Dialog } from '../../shell/Dialog';
import { contactPath } from './paths';
import { RecipientPicker, type RecipientEntry } from './RecipientPicker';
import { Pager } from '../../shell/Pager';
import { useLoad } from '../../shell/useLoad';

function pageFrom(text: string | null): number {
  const page = Math.floor(Number(text));
  return Number.isFinite(page) && page > 1 ? page : 1;
}

/** The contacts bar (search, Add contact), the contacts table with paging, and a recipient search to try. */
export function ContactsPage() {
  const api = useContactsApi();
  // Search and page live in the address so that coming back from a contact finds the same list.
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const page = pageFrom(params.get('page'));
  const [typed, setTyped] = useState(search);
  const [reloads, setReloads] = useState(0);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Contact | null>(null);
  const [found, setFound] = useState<RecipientEntry[]>([]);

  const { loaded, loading, errors } = useLoad(() => api.contacts(search, page), [api, search, page, reloads]);

  function show(nextSearch: string, nextPage: number) {
    setAdded(null);
    const next = new URLSearchParams();
    if (nextSearch !== '') next.set('search', nextSearch);
    if (nextPage > 1) next.set('page', String(nextPage));
    setParams(next);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    show(typed.trim(), 1);
  }

  function contactAdded(contact: Contact) {
    setAdding(false);
    setTyped('');
    show('', 1);
    setAdded(contact);
    setReloads((count) => count + 1);
  }

  return (
    <>
      <div className="page-heading">
        <form role="search" className="inline-form" onSubmit={submitSearch}>
          <div className="field">
            <label htmlFor="contact-search">Search contacts</label>
            <input
              id="contact-search"
              type="search"
              placeholder="Name, email, mobile or tag"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
          <button type="submit">Search</button>
        </form>
        <button type="button" onClick={() => setAdding(true)}>
          Add contact
        </button>
      </div>
      {adding && (
        <Dialog label="Add contact" onClose={() => setAdding(false)}>
          <ContactForm onSaved={contactAdded} onCancel={() => setAdding(false)} />
        </Dialog>
      )}
      {added && (
        <p className="notice" role="status">
          Added <Link to={contactPath(added.id)}>{added.name}</Link>.
        </p>
      )}
      <FormAlert messages={errors} />
      {loaded === null ? (
        errors.length === 0 && <p>Loading contacts…</p>
      ) : loaded.total === 0 ? (
        <p>
          {search === ''
            ? 'No contacts yet. Add the first one with "Add contact", or import a CSV file.'
            : `No contact matches "${search}".`}
        </p>
      ) : (
        <>
          <ContactsTable contacts={loaded.items} />
          <Pager
            page={page}
            pageSize={contactsPageSize}
            total={loaded.total}
            shown={loaded.items.length}
            noun="Contacts"
            loading={loading}
            onPage={(next) => show(search, next)}
          />
        </>
      )}
      <section className="panel" aria-labelledby="find-recipient-heading">
        <h2 id="find-recipient-heading">Try the recipient picker</h2>
        <p className="secondary-text">
          The same picker chooses who gets an alert: users, contacts and distribution lists by name, or a typed email
          address or phone number.
        </p>
        <RecipientPicker label="Find a recipient" value={found} onChange={setFound} allowAdHoc allowSpecial />
      </section>
    </>
  );
}

function ContactsTable({ contacts }: { contacts: readonly Contact[] }) {
  return (
    <table className="wide-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Mobile</th>
          <th scope="col">Time zone</th>
          <th scope="col">Preferred channel</th>
          <th scope="col">Tags</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((contact) => (
          <tr key={contact.id}>
            <td>
              <Link to={contactPath(contact.id)}>{contact.name}</Link>
            </td>
            <td>{contact.email ?? ''}</td>
            <td>{contact.mobile ?? ''}</td>
            <td>{contact.timeZone}</td>
            <td>{channelLabels[contact.preferredChannel] ?? contact.preferredChannel}</td>
            <td>{contact.tags.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
