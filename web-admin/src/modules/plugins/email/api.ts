import { useMemo } from 'react';
import { useApi } from '../../../api/ApiContext';
import type { ApiClient } from '../../../api/client';

/** A message in the email plugin's pickup folder, as `GET /api/plugins/email/pickup` lists it. */
export interface PickedUpMail {
  name: string;
  size: number;
  writtenAt: string;
  subject: string;
  from: string;
  to: string;
  date: string;
}

/** The pickup folder's endpoints: the caller's workspace's messages only. */
export function mailPickupApi(client: ApiClient) {
  return {
    list: () => client.get<PickedUpMail[]>('/api/plugins/email/pickup'),
    /** The message as written (.eml), as text. */
    read: async (name: string) => (await client.download(`/api/plugins/email/pickup/${encodeURIComponent(name)}`)).text(),
  };
}

export type MailPickupApi = ReturnType<typeof mailPickupApi>;

export function useMailPickupApi(): MailPickupApi {
  const client = useApi();
  return useMemo(() => mailPickupApi(client), [client]);
}
