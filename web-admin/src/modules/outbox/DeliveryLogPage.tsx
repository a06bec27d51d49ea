import { useState, type FormEvent } from 'react';
import { actionsColumn, DataTable, type Column } from '../../shell/DataTable';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { Pager } from '../../shell/Pager';
import { useLoad } from '../../shell/useLoad';
import { useUrlPaging } from '../../shell/useUrlPaging';
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
  const paging = useUrlPaging(deliveriesPageSize);
  const { page, pageSize } = paging;
  const statusParam = paging.param('status');
  const filter: DeliveryFilter = {
    channel: paging.param('channel'),
    status: isStatus(statusParam) ? statusParam : '',
    recipient: paging.param('recipient'),
  };
  const [typed, setTyped] = useState<DeliveryFilter>(filter);
  const [histories, setHistories] = useState<Record<string, DeliveryDetail | 'loading'>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const { channel, status, recipient } = filter;
  const { loaded, loading, errors, setLoaded, setErrors } = useLoad(
    () => api.deliveries({ channel, status, recipient }, { page, pageSize }),
    [api, channel, status, recipient, page, pageSize],
  );

  function submitFilter(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    paging.show({ channel: typed.channel.trim(), status: typed.status, recipient: typed.recipient.trim() });
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
          <DataTable
            rows={loaded.items}
            columns={columns((delivery) => void toggleHistory(delivery), (delivery) => void resend(delivery), histories)}
            rowKey={(delivery) => delivery.id}
            detail={(delivery) => {
              const history = histories[delivery.id];
              return history === undefined ? null : <AttemptHistory delivery={delivery} history={history} />;
            }}
            detailClassName="attempt-history"
          />
          <Pager
            of={loaded}
            noun="Deliveries"
            loading={loading}
            onPage={(next) => {
              setNotice(null);
              paging.goTo(next);
            }}
          />
        </>
      )}
    </section>
  );
}

/** The log's columns; a row's actions open its attempts and resend a dead letter. */
function columns(
  onToggleHistory: (delivery: Delivery) => void,
  onResend: (delivery: Delivery) => void,
  histories: Record<string, DeliveryDetail | 'loading'>,
): Column<Delivery>[] {
  return [
    { header: 'Accepted', cell: (delivery) => formatTime(delivery.createdAt) },
    {
      header: 'Recipient',
      cell: (delivery) => (
        <>
          {recipientOf(delivery)}
          {delivery.recipientName !== null && delivery.address !== '' && <div className="secondary-text">{delivery.address}</div>}
        </>
      ),
    },
    { header: 'Channel', cell: (delivery) => delivery.channel },
    { header: 'Subject', cell: (delivery) => delivery.subject },
    {
      header: 'Status',
      cell: (delivery) => (
        <>
          <span className={`delivery-status ${delivery.status}`}>{statusLabels[delivery.status]}</span>
          {delivery.sending && <> (sending)</>}
          {delivery.lastReason !== null && <p className="delivery-reason">{delivery.lastReason}</p>}
          {delivery.nextAttemptAt !== null && delivery.status === 'retrying' && (
            <p className="delivery-reason">Next attempt {formatTime(delivery.nextAttemptAt)}</p>
          )}
        </>
      ),
    },
    { header: 'Attempts', cell: (delivery) => delivery.attemptCount },
    actionsColumn((delivery) => (
      <>
        <button
          type="button"
          className="link"
          aria-expanded={histories[delivery.id] !== undefined}
          aria-label={`Attempts to ${recipientOf(delivery)}`}
          onClick={() => onToggleHistory(delivery)}
        >
          Attempts
        </button>
        {delivery.status === 'dead' && delivery.address !== '' && (
          <button type="button" className="link" aria-label={`Resend to ${recipientOf(delivery)}`} onClick={() => onResend(delivery)}>
            Resend
          </button>
        )}
      </>
    )),
  ];
}

const attemptColumns: Column<DeliveryDetail['attempts'][number]>[] = [
  { header: '#', cell: (attempt) => attempt.number },
  { header: 'Started', cell: (attempt) => formatTime(attempt.startedAt) },
  { header: 'Finished', cell: (attempt) => formatTime(attempt.finishedAt) },
  { header: 'Outcome', cell: (attempt) => (attempt.outcome === null ? 'Under way' : outcomeLabels[attempt.outcome]) },
  { header: 'Reason', cell: (attempt) => attempt.reason ?? '—' },
];

/** A delivery's attempts, shown under its row. */
function AttemptHistory({ delivery, history }: { delivery: Delivery; history: DeliveryDetail | 'loading' }) {
  if (history === 'loading') return <p>Loading attempts…</p>;
  if (history.attempts.length === 0) return <p>No attempt yet.</p>;
  return (
    <DataTable
      label={`Attempts to ${recipientOf(delivery)}`}
      rows={history.attempts}
      columns={attemptColumns}
      rowKey={(attempt) => String(attempt.number)}
    />
  );
}
