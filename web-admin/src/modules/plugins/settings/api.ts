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
  /**
   * The workspace has no settings of its own and uses the installation's, which it is not shown: `values` are then
   * the plugin's defaults and no secret is set. Always false for the installation's own.
   */
  inherited: boolean;
}

const settingsPath = (pluginId: string) => `/api/plugins/${encodeURIComponent(pluginId)}/settings`;

/**
 * The settings endpoints of one plugin: the selected workspace's own (`/api/plugins/{id}/settings`, its Admins) and
 * the installation's (`.../settings/installation`, installation owners only).
 */
export function pluginSettingsApi(client: ApiClient) {
  return {
    get: (pluginId: string) => client.get<PluginSettings>(settingsPath(pluginId)),
    save: (pluginId: string, values: Record<string, SettingValue>) =>
      client.put<PluginSettings>(settingsPath(pluginId), values),
    /** Drops the workspace's own settings: it uses the installation's again. */
    useInstallations: (pluginId: string) => client.delete<PluginSettings>(settingsPath(pluginId)),
    getInstallation: (pluginId: string) => client.get<PluginSettings>(`${settingsPath(pluginId)}/installation`),
    saveInstallation: (pluginId: string, values: Record<string, SettingValue>) =>
      client.put<PluginSettings>(`${settingsPath(pluginId)}/installation`, values),
  };
}

export type PluginSettingsApi = ReturnType<typeof pluginSettingsApi>;

export function usePluginSettingsApi(): PluginSettingsApi {
  const client = useApi();
  return useMemo(() => pluginSettingsApi(client), [client]);
}
