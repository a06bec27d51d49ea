import { useState } from 'react';
import { FormAlert, formErrorsFrom } from '../../../shell/forms';
import { useSession } from '../../../shell/Session';
import { useLoad } from '../../../shell/useLoad';
import { usePluginSettingsApi } from './api';
import { PluginSettingsForm } from './PluginSettingsForm';

interface SettingsProps {
  pluginId: string;
  pluginName: string;
  idPrefix: string;
}

/** The selected workspace's settings: the installation's (not shown), or its own. */
function WorkspaceSettings({ pluginId, pluginName, idPrefix }: SettingsProps) {
  const api = usePluginSettingsApi();
  const { loaded: settings, setLoaded: setSettings, errors, setErrors } = useLoad(() => api.get(pluginId), [api, pluginId]);
  // Set while the workspace still uses the installation's settings but fills in its own.
  const [choosingOwn, setChoosingOwn] = useState(false);
  const [status, setStatus] = useState('');

  async function useInstallations() {
    if (!window.confirm(`Drop this workspace's own ${pluginName} settings and use the installation's?`)) return;
    setErrors([]);
    setStatus('');
    try {
      setSettings(await api.useInstallations(pluginId));
      setStatus("This workspace uses the installation's settings again.");
    } catch (error) {
      setErrors(formErrorsFrom(error, []).alerts);
    }
  }

  if (settings === null) return errors.length === 0 ? <p>Loading settings…</p> : <FormAlert messages={errors} />;
  return (
    <>
      <FormAlert messages={errors} />
      {status !== '' && <p role="status">{status}</p>}
      {settings.inherited && !choosingOwn ? (
        <>
          <p>This workspace uses the installation's settings.</p>
          <div className="form-actions">
            <button
              type="button"
              onClick={() => {
                setChoosingOwn(true);
                setStatus('');
              }}
            >
              Use settings of our own
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            {settings.inherited
              ? "Settings of this workspace's own, starting from the plugin's defaults: once saved, they replace the installation's."
              : 'This workspace uses settings of its own; they take effect with the next delivery.'}
          </p>
          <PluginSettingsForm
            key={settings.inherited ? 'defaults' : 'own'}
            settings={settings}
            label={`${pluginName} settings of this workspace`}
            idPrefix={idPrefix}
            submitLabel="Save settings"
            save={(values) => api.save(pluginId, values)}
            onSaved={(saved) => {
              setSettings(saved);
              setChoosingOwn(false);
              setStatus('Settings saved.');
            }}
          >
            {settings.inherited ? (
              <button type="button" className="secondary" onClick={() => setChoosingOwn(false)}>
                Cancel
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => void useInstallations()}>
                Use the installation's settings
              </button>
            )}
          </PluginSettingsForm>
        </>
      )}
    </>
  );
}

/** The installation's settings, for its owners: every workspace without settings of its own uses them. */
function InstallationSettings({ pluginId, pluginName, idPrefix }: SettingsProps) {
  const api = usePluginSettingsApi();
  const { loaded: settings, setLoaded: setSettings, errors } = useLoad(() => api.getInstallation(pluginId), [api, pluginId]);
  const [status, setStatus] = useState('');

  return (
    <section aria-label={`${pluginName} installation defaults`}>
      <h3>Installation defaults</h3>
      <p>Every workspace without settings of its own uses these.</p>
      <FormAlert messages={errors} />
      {status !== '' && <p role="status">{status}</p>}
      {settings === null ? (
        errors.length === 0 && <p>Loading settings…</p>
      ) : (
        <PluginSettingsForm
          settings={settings}
          label={`${pluginName} installation defaults`}
          idPrefix={idPrefix}
          submitLabel="Save installation defaults"
          save={(values) => api.saveInstallation(pluginId, values)}
          onSaved={(saved) => {
            setSettings(saved);
            setStatus('Installation defaults saved.');
          }}
        />
      )}
    </section>
  );
}

interface Props {
  pluginId: string;
  pluginName: string;
  onClose(): void;
}

/** A plugin's settings: the selected workspace's, and for installation owners the installation's. */
export function PluginSettingsPanel({ pluginId, pluginName, onClose }: Props) {
  const { state } = useSession();
  const installationOwner = state.status === 'signedIn' && state.installationOwner;
  const idPrefix = `plugin-${pluginId}-`;
  return (
    <section className="plugin-settings" aria-label={`${pluginName} settings`}>
      <h2>{pluginName} settings</h2>
      <WorkspaceSettings pluginId={pluginId} pluginName={pluginName} idPrefix={idPrefix} />
      {installationOwner && (
        <InstallationSettings pluginId={pluginId} pluginName={pluginName} idPrefix={`${idPrefix}installation-`} />
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
