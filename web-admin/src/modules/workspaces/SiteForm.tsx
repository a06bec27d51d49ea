import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { formatAllowedOrigins, parseAllowedOrigins } from './allowedOrigins';
import { useWorkspacesApi, type Site, type SiteInput, type WorkspaceUser } from './api';

const fields = ['name', 'allowedOrigins', 'timeZone', 'anonymizeIp', 'defaultOwnerUserId'] as const;

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

interface SiteFormProps {
  /** The site to edit; a new site when absent. */
  site?: Site;
  onSaved(site: Site): void;
  onDeleted(siteId: string): void;
  onCancel(): void;
}

export function SiteForm({ site, onSaved, onDeleted, onCancel }: SiteFormProps) {
  const api = useWorkspacesApi();
  const timeZones = useMemo(knownTimeZones, []);
  const [name, setName] = useState(site?.name ?? '');
  const [origins, setOrigins] = useState(formatAllowedOrigins(site?.allowedOrigins ?? []));
  const [timeZone, setTimeZone] = useState(site?.timeZone ?? browserTimeZone());
  const [anonymizeIp, setAnonymizeIp] = useState(site?.anonymizeIp ?? false);
  const [defaultOwner, setDefaultOwner] = useState(site?.defaultOwnerUserId ?? '');
  /** null until the workspace's users are loaded. */
  const [users, setUsers] = useState<WorkspaceUser[] | null>(null);
  const [usersError, setUsersError] = useState('');
  const [errors, setErrors] = useState(noFormErrors);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.listUsers().then(
      (loaded) => !cancelled && setUsers([...loaded].sort((a, b) => a.displayName.localeCompare(b.displayName))),
      (error: unknown) => !cancelled && setUsersError(formErrorsFrom(error, []).alerts.join(' ')),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setErrors(noFormErrors);
    try {
      await action();
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const input: SiteInput = {
      name: name.trim(),
      allowedOrigins: parseAllowedOrigins(origins),
      timeZone: timeZone.trim(),
      anonymizeIp,
    };
    // Without the users the choice was not offered: leaving the owner out keeps the stored one.
    if (users !== null) {
      // "" is how an update takes the owner away; a new site simply has none.
      input.defaultOwnerUserId = defaultOwner !== '' ? defaultOwner : site ? '' : null;
    }
    void run(async () => onSaved(await (site ? api.updateSite(site.id, input) : api.createSite(input))));
  }

  function remove() {
    if (site && window.confirm(`Delete the site "${site.name}"? Its tracking snippet stops working.`)) {
      void run(async () => {
        await api.deleteSite(site.id);
        onDeleted(site.id);
      });
    }
  }

  return (
    <form className="panel" onSubmit={save} noValidate aria-label={site ? `Edit site ${site.name}` : 'New site'}>
      <h2>{site ? `Edit ${site.name}` : 'New site'}</h2>
      <FormAlert messages={errors.alerts} />
      <Field name="name" label="Name" errors={errors.fields.name}>
        {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field name="allowedOrigins" label="Allowed origins" errors={errors.fields.allowedOrigins}>
        {(control) => (
          <textarea
            {...control}
            rows={4}
            placeholder={'One origin per line, such as\nhttps://www.example.com'}
            value={origins}
            onChange={(e) => setOrigins(e.target.value)}
          />
        )}
      </Field>
      <Field name="timeZone" label="Time zone" errors={errors.fields.timeZone}>
        {(control) => (
          <input
            {...control}
            list="time-zones"
            required
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
        )}
      </Field>
      <datalist id="time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Field name="anonymizeIp" label="Anonymize IP addresses" errors={errors.fields.anonymizeIp}>
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={anonymizeIp}
            onChange={(e) => setAnonymizeIp(e.target.checked)}
          />
        )}
      </Field>
      <Field name="defaultOwnerUserId" label="Default owner" errors={errors.fields.defaultOwnerUserId}>
        {(control) => (
          <select
            {...control}
            disabled={users === null}
            value={defaultOwner}
            onChange={(e) => setDefaultOwner(e.target.value)}
          >
            <option value="">(none)</option>
            {(users ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName}
              </option>
            ))}
            {defaultOwner !== '' && !users?.some((user) => user.id === defaultOwner) && (
              <option value={defaultOwner}>(current owner)</option>
            )}
          </select>
        )}
      </Field>
      {usersError && (
        <p className="secondary-text">
          The users could not be loaded ({usersError}): the default owner stays as it is.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        {site && (
          <button type="button" className="danger" disabled={busy} onClick={remove}>
            Delete site
          </button>
        )}
      </div>
    </form>
  );
}
