import { useEffect, useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { CsvPreferenceFields, TimeZoneSuggestions } from '../../shell/CsvPreferenceFields';
import { defaultCsvPreference, type CsvPreference } from '../../shell/csvPreference';
import { Dialog } from '../../shell/Dialog';
import { useWorkspacesApi } from './api';

/** Field names as the server names them in a 400 problem's `errors`. */
const fields = ['timeZone', 'csv', 'csv.delimiter', 'csv.header', 'csv.dateFormat', 'csv.encoding'] as const;

/**
 * The signed-in user's own time zone and CSV preference: how times and CSV files reach them in alerts and exports,
 * in every workspace.
 */
export function MyPreferencesForm({ onClose }: { onClose?(): void }) {
  const api = useWorkspacesApi();
  const [loaded, setLoaded] = useState(false);
  const [timeZone, setTimeZone] = useState('');
  const [csv, setCsv] = useState<CsvPreference>(defaultCsvPreference);
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let current = true;
    api.myPreferences().then(
      (preferences) => {
        if (!current) return;
        setTimeZone(preferences.timeZone ?? '');
        if (preferences.csv !== null) setCsv(preferences.csv);
        setLoaded(true);
      },
      (error: unknown) => {
        if (!current) return;
        setErrors(formErrorsFrom(error, fields));
        setLoaded(true);
      },
    );
    return () => {
      current = false;
    };
  }, [api]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noFormErrors);
    setStatus('');
    try {
      const saved = await api.updateMyPreferences({
        timeZone: timeZone.trim() === '' ? null : timeZone.trim(),
        csv: { ...csv, dateFormat: csv.dateFormat.trim() },
      });
      setTimeZone(saved.timeZone ?? '');
      setStatus('Saved');
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="panel" onSubmit={save} noValidate aria-label="My preferences" aria-busy={!loaded}>
      <h2>My preferences</h2>
      <FormAlert messages={[...errors.alerts, ...(errors.fields.csv ?? [])]} />
      <Field name="timeZone" label="My time zone" idPrefix="me-" errors={errors.fields.timeZone}>
        {(control) => (
          <input
            {...control}
            list="me-time-zones"
            placeholder="The site's time zone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
        )}
      </Field>
      <TimeZoneSuggestions id="me-time-zones" />
      <fieldset>
        <legend>CSV preference</legend>
        <CsvPreferenceFields value={csv} onChange={setCsv} errors={errors.fields} namePrefix="csv." idPrefix="me-" />
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={saving || !loaded}>
          Save
        </button>
        {onClose && (
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        )}
        {status !== '' && <span role="status">{status}</span>}
      </div>
    </form>
  );
}

/** The shell's way to the user's own preferences: a header button opening them in a dialog. */
export function MyPreferencesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        My preferences
      </button>
      {open && (
        <Dialog label="My preferences" onClose={() => setOpen(false)}>
          <MyPreferencesForm onClose={() => setOpen(false)} />
        </Dialog>
      )}
    </>
  );
}
