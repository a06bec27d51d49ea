import { useMemo } from 'react';
import { useApi } from '../../../api/ApiContext';
import type { ApiClient } from '../../../api/client';

/** One setting, as `GET /api/plugins/{id}/settings` describes it. */
export interface SettingField {
  /** The JSON name, also the name field errors use. */
  name: string;
  label: string;
  kind: 'text' | 'number' | 'boolean' | 'choice' | 'map';
  /** Never sent back by the server: the form shows whether it is set and sends it only when typed. */
  secret: boolean;
  choices: string[];
  description: string | null;
}

export type SettingValue = string | number | boolean | Record<string, string> | null;

/** A plugin's settings: the fields, the values in effect (secrets left out) and which secrets are set. */
export interface PluginSettings {
  pluginId: string;
  fields: SettingField[];
  values: Record<string, SettingValue>;
  secretsSet: string[];
}

/** The settings endpoints of one plugin (`/api/plugins/{id}/settings`). */
export function pluginSettingsApi(client: ApiClient) {
  return {
    get: (pluginId: string) => client.get<PluginSettings>(`/api/plugins/${encodeURIComponent(pluginId)}/settings`),
    save: (pluginId: string, values: Record<string, SettingValue>) =>
      client.put<PluginSettings>(`/api/plugins/${encodeURIComponent(pluginId)}/settings`, values),
  };
}

export type PluginSettingsApi = ReturnType<typeof pluginSettingsApi>;

export function usePluginSettingsApi(): PluginSettingsApi {
  const client = useApi();
  return useMemo(() => pluginSettingsApi(client), [client]);
}
