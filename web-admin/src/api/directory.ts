import { useMemo } from 'react';
import type { CsvPreference } from '../shell/csvPreference';
import { useApi } from './ApiContext';
import type { ApiClient } from './client';

// What any module may read of the workspace it works in, as the server's Workspaces Contracts let other modules read
// it (ISiteDirectory, IUserDirectory): its sites, its users, the signed-in user's own preferences. The workspaces
// module's api adds what only its pages do.

export const roles = ['Admin', 'Operator', 'SalesRep'] as const;
export type Role = (typeof roles)[number];

export interface Site {
  id: string;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
  timeZone: string;
  /** Visitors' IP addresses lose their last octet (IPv6: last 80 bits) before they are stored. */
  anonymizeIp: boolean;
  /** The user who owns the leads this site identifies, unless someone sets another owner. */
  defaultOwnerUserId: string | null;
  /** The `<script>` tag to paste into the tracked pages, computed by the server. */
  snippet: string;
}

export interface WorkspaceUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

/** What the signed-in user chose for themself, in every workspace; null where they chose nothing. */
export interface UserPreferences {
  /** IANA time zone of the times in their alerts; null: the site's. */
  timeZone: string | null;
  csv: CsvPreference | null;
}

export function directoryApi(client: ApiClient) {
  return {
    listSites: () => client.get<Site[]>('/api/workspaces/sites'),
    listUsers: () => client.get<WorkspaceUser[]>('/api/workspaces/users'),
    myPreferences: () => client.get<UserPreferences>('/api/workspaces/me/preferences'),
  };
}

export type DirectoryApi = ReturnType<typeof directoryApi>;

export function useDirectoryApi(): DirectoryApi {
  const client = useApi();
  return useMemo(() => directoryApi(client), [client]);
}
