import { useEffect, useState } from 'react';
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
        <table>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">From</th>
              <th scope="col">Date</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mail.map((message) => (
              <tr key={message.name}>
                <td>{message.subject}</td>
                <td>{message.to}</td>
                <td>{message.from}</td>
                <td>{message.date}</td>
                <td>
                  <button type="button" onClick={() => void show(message.name)}>
                    Show
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
