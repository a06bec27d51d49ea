import { useMemo } from 'react';
import { useApi } from '../../../api/ApiContext';
import type { ApiClient } from '../../../api/client';

/** A member of the workspace with the admin app open, as the server reports them. */
export interface OnlineOperator {
  userId: string;
  displayName: string;
  role: 'Admin' | 'Operator' | 'SalesRep';
  /** ISO time of their first open connection. */
  onlineSince: string;
}

/** A popup the operators' hub pushes: plain text, shown as text. */
export interface PopupMessage {
  /** Identifies a popup across retried deliveries; null when repeats do not matter. */
  id: string | null;
  title: string;
  text: string;
  severity: 'info' | 'warning' | 'urgent';
  /** An absolute http(s) URL or an admin app path; null for none. */
  link: string | null;
  sentAt: string;
}

/** The operators endpoint of the workspaces module. */
export function operatorsApi(client: ApiClient) {
  return {
    online: () => client.get<OnlineOperator[]>('/api/workspaces/operators/online'),
  };
}

export type OperatorsApi = ReturnType<typeof operatorsApi>;

export function useOperatorsApi(): OperatorsApi {
  const client = useApi();
  return useMemo(() => operatorsApi(client), [client]);
}
