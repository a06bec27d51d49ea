import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '../../shell/DataTable';
import { Dialog } from '../../shell/Dialog';
import { FormAlert } from '../../shell/forms';
import { Pager } from '../../shell/Pager';
import { useLoad } from '../../shell/useLoad';
import { useUrlPaging } from '../../shell/useUrlPaging';
import { contactsPageSize, useContactsApi, type Contact } from './api';
import { channelLabels, ContactForm } from './ContactForm';
import { contactPath } from './paths';
import { RecipientPicker, type RecipientEntry } from './RecipientPicker';

const columns: Column<Contact>[] = [
  { header: 'Name', cell: (contact) => <Link to={contactPath(contact.id)}>{contact.name}</Link> },
  { header: 'Email', cell: (contact) => contact.email ?? '' },
  { header: 'Mobile', cell: (contact) => contact.mobile ?? '' },
  { header: 'Time zone', cell: (contact) => contact.timeZone },
  { header: 'Preferred channel', cell: (contact) => channelLabels[contact.preferredChannel] ?? contact.preferredChannel },
  { header: 'Tags', cell: (contact) => contact.tags.join(', ') },
];

/** The contacts bar (search, Add contact), the contacts table with paging, and a recipient search to try. */
export function ContactsPage() {
  const api = useContactsApi();
  // Search and page live in the address so that coming back from a contact finds the same list.
  const paging = useUrlPaging(contactsPageSize);
  const { page, pageSize } = paging;
  const search = paging.param('search');
  const [typed, setTyped] = useState(search);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Contact | null>(null);
  const [found, setFound] = useState<RecipientEntry[]>([]);

  const { loaded, loading, errors, reload } = useLoad(() => api.contacts(search, { page, pageSize }), [api, search, page, pageSize]);

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    paging.show({ search: typed.trim() });
  }

  function contactAdded(contact: Contact) {
    setAdding(false);
    setTyped('');
    paging.show({});
    setAdded(contact);
    reload();
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
          <DataTable className="wide-table" rows={loaded.items} columns={columns} rowKey={(contact) => contact.id} />
          <Pager
            of={loaded}
            noun="Contacts"
            loading={loading}
            onPage={(next) => {
              setAdded(null);
              paging.goTo(next);
            }}
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
