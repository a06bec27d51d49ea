import { useEffect, useState, type FormEvent } from 'react';
import { FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { useDirectoryApi } from '../../api/directory';
import { useContactsApi, type ExportOptions } from './api';
import { CsvPreferenceFields } from '../../shell/CsvPreferenceFields';
import { defaultCsvPreference } from '../../shell/csvPreference';

const fields = ['delimiter', 'header', 'dateFormat', 'encoding'] as const;

/** Hands a downloaded file to the browser under a name. */
function save(file: Blob, fileName: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Downloads the workspace's contacts as CSV in the chosen format, the user's own CSV preference to start with.
 * Fetched rather than linked: a plain link would not send the current workspace, and the server would answer for
 * the user's first one.
 */
export function ExportForm() {
  const api = useContactsApi();
  const directory = useDirectoryApi();
  const [options, setOptions] = useState<ExportOptions>(defaultCsvPreference);

  // The user's own CSV preference, once known, is where the form starts.
  useEffect(() => {
    let current = true;
    directory.myPreferences().then(
      (preferences) => {
        if (current && preferences.csv !== null) setOptions(preferences.csv);
      },
      // Without it the form keeps the default: nothing to tell the user.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [directory]);
  const [errors, setErrors] = useState(noFormErrors);
  const [busy, setBusy] = useState(false);

  async function download(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noFormErrors);
    try {
      save(await api.exportContacts({ ...options, dateFormat: options.dateFormat.trim() }), 'contacts.csv');
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={download} noValidate aria-label="Export contacts">
      <h2>Export contacts</h2>
      <FormAlert messages={errors.alerts} />
      <p className="secondary-text">
        Cells that a spreadsheet would run as a formula (starting with = + - or @) are written as text.
      </p>
      <CsvPreferenceFields value={options} onChange={setOptions} errors={errors.fields} idPrefix="export-" />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Download CSV
        </button>
      </div>
    </form>
  );
}
