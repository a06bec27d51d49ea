import { Fragment, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import {
  deliveriesPageSize,
  deliveryStatuses,
  useOutboxApi,
  type AttemptOutcome,
  type Delivery,
  type DeliveryDetail,
  type DeliveryFilter,
  type DeliveryStatus,
} from './api';
import './DeliveryLogPage.css';
import { Pager } from '../../shell/Pager';
import { useLoad } from '../../shell/useLoad';

const statusLabels: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  dead: 'Dead letter',
};

const outcomeLabels: Record<AttemptOutcome, string> = {
  delivered: 'Delivered',
  transient: 'Failed, retried later',
  permanent: 'Failed for good',
  interrupted: 'Interrupted',
};

function isStatus(text: string | null): text is DeliveryStatus {
  return deliveryStatuses.includes(text as DeliveryStatus);
}

function pageFrom(text: string | null): number {
  const page = Math.floor(Number(text));
  return Number.isFinite(page) && page > 1 ? page : 1;
}

function formatTime(iso: string | null): string {
  return iso === null ? '—' : new Date(iso).toLocaleString();
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}

function recipientOf(delivery: Delivery): string {
  return delivery.recipientName ?? (delivery.address === '' ? 'Unknown recipient' : delivery.address);
}

/** The delivery log: every notification the outbox accepted, per recipient, with its attempts; dead letters can be resent. */
export function DeliveryLogPage() {
  const api = useOutboxApi();
  // Filters and page live in the address, so that a filtered log can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const filter: DeliveryFilter = {
    channel: params.get('channel') ?? '',
    status: isStatus(statusParam) ? statusParam : '',
    recipient: params.get('recipient') ?? '',
  };
  const page = pageFrom(params.get('page'));
  const [typed, setTyped] = useState<DeliveryFilter>(filter);
  const [histories, setHistories] = useState<Record<string, DeliveryDetail | 'loading'>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const { channel, status, recipient } = filter;
  const { loaded, loading, errors, setLoaded, setErrors } = useLoad(
    () => api.deliveries({ channel, status, recipient }, page),
    [api, channel, status, recipient, page],
  );

  function show(next: DeliveryFilter, nextPage: number) {
    setNotice(null);
    const query = new URLSearchParams();
    if (next.channel !== '') query.set('channel', next.channel);
    if (next.status !== '') query.set('status', next.status);
    if (next.recipient !== '') query.set('recipient', next.recipient);
    if (nextPage > 1) query.set('page', String(nextPage));
    setParams(query);
  }

  function submitFilter(event: FormEvent) {
    event.preventDefault();
    show({ channel: typed.channel.trim(), status: typed.status, recipient: typed.recipient.trim() }, 1);
  }

  function replace(detail: DeliveryDetail) {
    setLoaded((current) =>
      current === null
        ? current
        : { ...current, items: current.items.map((d) => (d.id === detail.delivery.id ? detail.delivery : d)) },
    );
    setHistories((current) => (current[detail.delivery.id] === undefined ? current : { ...current, [detail.delivery.id]: detail }));
  }

  async function toggleHistory(delivery: Delivery) {
    if (histories[delivery.id] !== undefined) {
      setHistories((current) => without(current, delivery.id));
      return;
    }
    setHistories((current) => ({ ...current, [delivery.id]: 'loading' }));
    try {
      replace(await api.delivery(delivery.id));
    } catch (error: unknown) {
      setHistories((current) => without(current, delivery.id));
      setErrors(formErrorsFrom(error, []).alerts);
    }
  }

  async function resend(delivery: Delivery) {
    setNotice(null);
    try {
      const detail = await api.resend(delivery.id);
      replace(detail);
      setErrors([]);
      setNotice(`Resending to ${recipientOf(delivery)}.`);
    } catch (error: unknown) {
      setErrors(formErrorsFrom(error, []).alerts);
    }
  }

  const filtered = channel !== '' || status !== '' || recipient !== '';
  return (
    <section>
      <div className="page-heading">
        <h1>Delivery log</h1>
      </div>
      <p>
        Every email, SMS, popup and webhook Lookout sends, one line per recipient, with each attempt. Failures that may
        pass are retried with growing waits; a dead letter is one that failed for good or ran out of attempts.
      </p>
      <form role="search" aria-label="Filter deliveries" className="inline-form" onSubmit={submitFilter}>
        <div className="field">
          <label htmlFor="delivery-channel">Channel</label>
          <input
            id="delivery-channel"
            placeholder="email, sms…"
            value={typed.channel}
            onChange={(event) => setTyped({ ...typed, channel: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="delivery-status">Status</label>
          <select
            id="delivery-status"
            value={typed.status}
            onChange={(event) => setTyped({ ...typed, status: event.target.value as DeliveryStatus | '' })}
          >
            <option value="">Any status</option>
            {deliveryStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="delivery-recipient">Recipient</label>
          <input
            id="delivery-recipient"
            type="search"
            placeholder="Name or address"
            value={typed.recipient}
            onChange={(event) => setTyped({ ...typed, recipient: event.target.value })}
          />
        </div>
        <button type="submit">Filter</button>
      </form>
      {notice !== null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <FormAlert messages={errors} />
      {loaded === null ? (
        errors.length === 0 && <p>Loading deliveries…</p>
      ) : loaded.total === 0 ? (
        <p>{filtered ? 'No delivery matches these filters.' : 'Nothing has been sent yet.'}</p>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Accepted</th>
                <th scope="col">Recipient</th>
                <th scope="col">Channel</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.items.map((delivery) => (
                <DeliveryRows
                  key={delivery.id}
                  delivery={delivery}
                  history={histories[delivery.id]}
                  onToggleHistory={() => void toggleHistory(delivery)}
                  onResend={() => void resend(delivery)}
                />
              ))}
            </tbody>
          </table>
          <Pager
            page={page}
            pageSize={deliveriesPageSize}
            total={loaded.total}
            shown={loaded.items.length}
            noun="Deliveries"
            loading={loading}
            onPage={(next) => show(filter, next)}
          />
        </>
      )}
    </section>
  );
}

interface DeliveryRowsProps {
  delivery: Delivery;
  history: DeliveryDetail | 'loading' | undefined;
  onToggleHistory(): void;
  onResend(): void;
}

/** A delivery's row and, when opened, its attempt history below it. */
function DeliveryRows({ delivery, history, onToggleHistory, onResend }: DeliveryRowsProps) {
  const who = recipientOf(delivery);
  return (
    <Fragment>
      <tr>
        <td>{formatTime(delivery.createdAt)}</td>
        <td>
          {who}
          {delivery.recipientName !== null && delivery.address !== '' && <div className="secondary-text">{delivery.address}</div>}
        </td>
        <td>{delivery.channel}</td>
        <td>{delivery.subject}</td>
        <td>
          <span className={`delivery-status ${delivery.status}`}>{statusLabels[delivery.status]}</span>
          {delivery.sending && <> (sending)</>}
          {delivery.lastReason !== null && <p className="delivery-reason">{delivery.lastReason}</p>}
          {delivery.nextAttemptAt !== null && delivery.status === 'retrying' && (
            <p className="delivery-reason">Next attempt {formatTime(delivery.nextAttemptAt)}</p>
          )}
        </td>
        <td>{delivery.attemptCount}</td>
        <td className="row-actions">
          <button
            type="button"
            className="link"
            aria-expanded={history !== undefined}
            aria-label={`Attempts to ${who}`}
            onClick={onToggleHistory}
          >
            Attempts
          </button>
          {delivery.status === 'dead' && delivery.address !== '' && (
            <button type="button" className="link" aria-label={`Resend to ${who}`} onClick={onResend}>
              Resend
            </button>
          )}
        </td>
      </tr>
      {history !== undefined && (
        <tr className="attempt-history">
          <td colSpan={7}>
            {history === 'loading' ? (
              <p>Loading attempts…</p>
            ) : history.attempts.length === 0 ? (
              <p>No attempt yet.</p>
            ) : (
              <table aria-label={`Attempts to ${who}`}>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Started</th>
                    <th scope="col">Finished</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {history.attempts.map((attempt) => (
                    <tr key={attempt.number}>
                      <td>{attempt.number}</td>
                      <td>{formatTime(attempt.startedAt)}</td>
                      <td>{formatTime(attempt.finishedAt)}</td>
                      <td>{attempt.outcome === null ? 'Under way' : outcomeLabels[attempt.outcome]}</td>
                      <td>{attempt.reason ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
