import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import type { ApiClient } from '../../api/client';
import { pageQuery, type Page, type Paging } from '../../api/page';

export const deliveriesPageSize = 25;

export const deliveryStatuses = ['pending', 'retrying', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A delivery as `GET /api/outbox/deliveries` reports it: one recipient address on one channel. */
export interface Delivery {
  id: string;
  channel: string;
  /** Empty for a recipient who could not be reached (`lastReason` says why). */
  address: string;
  recipientName: string | null;
  subject: string;
  status: DeliveryStatus;
  /** Attempts in the current budget (a resend starts a fresh one). */
  attempts: number;
  /** Every attempt ever made. */
  attemptCount: number;
  lastReason: string | null;
  /** A host is attempting it right now. */
  sending: boolean;
  createdAt: string;
  updatedAt: string;
  /** When it is tried next, while pending or retrying. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  messageKey: string;
}

export type AttemptOutcome = 'delivered' | 'transient' | 'permanent' | 'interrupted';

export interface Attempt {
  number: number;
  startedAt: string;
  /** null while the attempt is under way. */
  finishedAt: string | null;
  outcome: AttemptOutcome | null;
  reason: string | null;
}

export interface DeliveryDetail {
  delivery: Delivery;
  attempts: Attempt[];
}

export interface DeliveryFilter {
  channel: string;
  status: DeliveryStatus | '';
  recipient: string;
}

/** The outbox module's endpoints (`/api/outbox/...`). */
export function outboxApi(client: ApiClient) {
  return {
    deliveries: (filter: DeliveryFilter, paging: Paging) =>
      client.get<Page<Delivery>>(`/api/outbox/deliveries?${pageQuery({ ...filter }, paging)}`),
    delivery: (id: string) => client.get<DeliveryDetail>(`/api/outbox/deliveries/${encodeURIComponent(id)}`),
    resend: (id: string) => client.post<DeliveryDetail>(`/api/outbox/deliveries/${encodeURIComponent(id)}/resend`),
  };
}

export type OutboxApi = ReturnType<typeof outboxApi>;

export function useOutboxApi(): OutboxApi {
  const client = useApi();
  return useMemo(() => outboxApi(client), [client]);
}
