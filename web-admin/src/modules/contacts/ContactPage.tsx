import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/problem';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { useContactsApi, type Contact, type ContactDetail, type Reference } from './api';
import { ContactForm } from './ContactForm';
import { listPath } from './paths';
import { ReferenceList, ReferencesRefusal, refusedReferencesOf } from './ReferencesRefusal';
import { TransferForm } from './TransferForm';

type Loaded = { status: 'loading' } | { status: 'unknown' } | { status: 'loaded'; detail: ContactDetail };

/** One contact: edit it, see the lists and the triggers and alerts that name it, delete it. */
export function ContactPage() {
  const api = useContactsApi();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [errors, setErrors] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<{ title: string; references: Reference[] } | null>(null);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.contact(id).then(
      (detail) => !cancelled && setLoaded({ status: 'loaded', detail }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ status: 'unknown' });
        else setErrors(formErrorsFrom(error, []).alerts);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  function saved(contact: Contact) {
    setLoaded((current) =>
      current.status === 'loaded' ? { status: 'loaded', detail: { ...current.detail, ...contact } } : current,
    );
  }

  async function remove(contact: ContactDetail, removeReferences: boolean) {
    if (!removeReferences && !window.confirm(`Delete the contact ${contact.name}?`)) return;
    setDeleting(true);
    setErrors([]);
    try {
      await api.deleteContact(contact.id, removeReferences);
      navigate('/contacts', { replace: true });
    } catch (error) {
      const refused = refusedReferencesOf(error);
      if (refused) setRefusal(refused);
      else setErrors(formErrorsFrom(error, []).alerts);
      setDeleting(false);
    }
  }

  return (
    <section>
      <p>
        <Link to="/contacts">All contacts</Link>
      </p>
      <FormAlert messages={errors} />
      {loaded.status === 'loading' && errors.length === 0 && <p>Loading contact…</p>}
      {loaded.status === 'unknown' && <p>This contact is not known.</p>}
      {loaded.status === 'loaded' && (
        <>
          <ContactForm key={loaded.detail.id} contact={loaded.detail} onSaved={saved} />
          <h2>Distribution lists</h2>
          {loaded.detail.lists.length === 0 ? (
            <p>Not in any distribution list.</p>
          ) : (
            <ul>
              {loaded.detail.lists.map((list) => (
                <li key={list.id}>
                  <Link to={listPath(list.id)}>{list.name}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>Used by</h2>
          {loaded.detail.references.length === 0 ? (
            <p>No trigger or alert names this contact.</p>
          ) : (
            <ReferenceList references={loaded.detail.references} />
          )}
          <TransferForm contact={loaded.detail} onMoved={() => navigate('/contacts', { replace: true })} />
          {refusal ? (
            <ReferencesRefusal
              title={refusal.title}
              references={refusal.references}
              busy={deleting}
              onRemoveAndDelete={() => void remove(loaded.detail, true)}
              onKeep={() => setRefusal(null)}
            />
          ) : (
            <div className="actions">
              <button
                type="button"
                className="danger"
                disabled={deleting}
                onClick={() => void remove(loaded.detail, false)}
              >
                Delete contact
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
