import { useEffect, useState } from 'react';
import { DataTable } from '../../shell/DataTable';
import { FormAlert, formErrorsFrom } from '../../shell/forms';
import { usePluginsApi, type Plugin } from './api';
import { PluginSettingsPanel } from './settings/PluginSettingsPanel';
import './PluginsPage.css';

function provides(plugin: Plugin): string {
  const parts = [
    ...plugin.channels.map((name) => `${name} channel`),
    ...plugin.attachmentRenderers.map((format) => `${format} attachments`),
  ];
  return parts.length === 0 ? '—' : parts.join(', ');
}

function summary(plugins: readonly Plugin[]): string {
  const failed = plugins.filter((p) => p.status === 'failed').length;
  return `${plugins.length - failed} loaded, ${failed} failed.`;
}

export function PluginsPage() {
  const api = usePluginsApi();
  const [plugins, setPlugins] = useState<Plugin[] | null>(null);
  const [loadErrors, setLoadErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Plugin | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.list().then(
      (loaded) => !cancelled && setPlugins(loaded),
      (error: unknown) => !cancelled && setLoadErrors(formErrorsFrom(error, []).alerts),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  return (
    <section>
      <div className="page-heading">
        <h1>Plugins</h1>
      </div>
      <p>
        Channels and attachment formats come from plugins: those shipped with Lookout and those installed in the
        server's plugins folder. A plugin that failed to load is left out until it is fixed and the server restarted;
        the rest keep working.
      </p>
      <FormAlert messages={loadErrors} />
      {plugins === null ? (
        loadErrors.length === 0 && <p>Loading plugins…</p>
      ) : plugins.length === 0 ? (
        <p>No plugins are installed.</p>
      ) : (
        <>
          <p role="status">{summary(plugins)}</p>
          <DataTable
            rows={plugins}
            rowKey={(plugin) => `${plugin.source}:${plugin.id}`}
            columns={[
              {
                header: 'Plugin',
                cell: (plugin) => (
                  <>
                    {plugin.name}
                    {plugin.name !== plugin.id && (
                      <div>
                        <code>{plugin.id}</code>
                      </div>
                    )}
                  </>
                ),
              },
              { header: 'Version', cell: (plugin) => plugin.version ?? '—' },
              { header: 'SDK', cell: (plugin) => plugin.sdkVersion ?? '—' },
              { header: 'Source', cell: (plugin) => (plugin.source === 'built-in' ? 'Built in' : 'Plugins folder') },
              {
                header: 'Status',
                cell: (plugin) => (
                  <>
                    <span className={`plugin-status ${plugin.status}`}>{plugin.status === 'loaded' ? 'Loaded' : 'Failed'}</span>
                    {plugin.reason !== null && <p className="plugin-reason">{plugin.reason}</p>}
                  </>
                ),
              },
              { header: 'Provides', cell: provides },
              {
                header: 'Settings',
                hiddenHeader: true,
                cell: (plugin) =>
                  plugin.status === 'loaded' &&
                  plugin.hasSettings && (
                    <button type="button" onClick={() => setEditing(plugin)} aria-label={`Settings of ${plugin.name}`}>
                      Settings
                    </button>
                  ),
              },
            ]}
          />
          {editing !== null && (
            <PluginSettingsPanel
              key={editing.id}
              pluginId={editing.id}
              pluginName={editing.name}
              onClose={() => setEditing(null)}
            />
          )}
        </>
      )}
    </section>
  );
}
