import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import type { ApiClient } from '../../api/client';

/** A plugin as `GET /api/plugins` reports it. */
export interface Plugin {
  id: string;
  name: string;
  /** null when its plugin.json could not be read. */
  version: string | null;
  sdkVersion: string | null;
  source: 'built-in' | 'folder';
  status: 'loaded' | 'failed';
  /** Why it failed; null when loaded. */
  reason: string | null;
  /** Channel names it provides (none when failed). */
  channels: string[];
  /** Attachment formats it provides (none when failed). */
  attachmentRenderers: string[];
  /** Whether admins can change its settings here (`/api/plugins/{id}/settings`). */
  hasSettings: boolean;
}

/** The plugins endpoint (`/api/plugins`). */
export function pluginsApi(client: ApiClient) {
  return {
    list: () => client.get<Plugin[]>('/api/plugins'),
  };
}

export type PluginsApi = ReturnType<typeof pluginsApi>;

export function usePluginsApi(): PluginsApi {
  const client = useApi();
  return useMemo(() => pluginsApi(client), [client]);
}
