import { useEffect, useState } from 'react';
import { DataTable } from '../../../shell/DataTable';
import { FormAlert, formErrorsFrom } from '../../../shell/forms';
import { useMailPickupApi, type PickedUpMail } from './api';
import './OutboxMailPage.css';

/**
 * "Outbox mail": the emails the server wrote to its pickup folder because no SMTP server is set. Everything is shown
 * as text: a message's HTML is never rendered, only its raw source.
 */
export function OutboxMailPage() {
  const api = useMailPickupApi();
  const [mail, setMail] = useState<PickedUpMail[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [open, setOpen] = useState<{ name: string; raw: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.list().then(
      (loaded) => !cancelled && setMail(loaded),
      (error: unknown) => !cancelled && setErrors(formErrorsFrom(error, []).alerts),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  async function show(name: string) {
    try {
      setOpen({ name, raw: await api.read(name) });
      setErrors([]);
    } catch (error) {
      setErrors(formErrorsFrom(error, []).alerts);
    }
  }

  return (
    <section>
      <div className="page-heading">
        <h1>Outbox mail</h1>
      </div>
      <p>
        With no SMTP server set in the Email plugin's settings, emails are written to the server's pickup folder
        instead of sent. These are this workspace's, newest first.
      </p>
      <FormAlert messages={errors} />
      {mail === null ? (
        errors.length === 0 && <p>Loading mail…</p>
      ) : mail.length === 0 ? (
        <p>No mail in the pickup folder.</p>
      ) : (
        <DataTable
          rows={mail}
          rowKey={(message) => message.name}
          columns={[
            { header: 'Subject', cell: (message) => message.subject },
            { header: 'To', cell: (message) => message.to },
            { header: 'From', cell: (message) => message.from },
            { header: 'Date', cell: (message) => message.date },
            {
              header: 'Actions',
              hiddenHeader: true,
              cell: (message) => (
                <button type="button" onClick={() => void show(message.name)}>
                  Show
                </button>
              ),
            },
          ]}
        />
      )}
      {open !== null && (
        <section aria-label="Message source">
          <h2>{open.name}</h2>
          <pre className="mail-source">{open.raw}</pre>
          <button type="button" onClick={() => setOpen(null)}>
            Close
          </button>
        </section>
      )}
    </section>
  );
}
