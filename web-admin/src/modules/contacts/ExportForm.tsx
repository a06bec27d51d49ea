import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { useContactsApi, type CsvEncoding, type ExportOptions } from './api';
import { dateFormatSuggestions, defaultCsvPreference, delimiterOptions, encodingOptions } from './csvPreference';

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
 * Downloads the workspace's contacts as CSV in the chosen format. Fetched rather than linked: a plain link
 * would not send the current workspace, and the server would answer for the user's first one.
 */
export function ExportForm() {
  const api = useContactsApi();
  const [options, setOptions] = useState<ExportOptions>(defaultCsvPreference);
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
      <Field name="delimiter" label="Delimiter" idPrefix="export-" errors={errors.fields.delimiter}>
        {(control) => (
          <select
            {...control}
            value={options.delimiter}
            onChange={(e) => setOptions({ ...options, delimiter: e.target.value })}
          >
            {delimiterOptions.map((option) => (
              <option key={option.label} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="header" label="First row is a header" idPrefix="export-" errors={errors.fields.header}>
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={options.header}
            onChange={(e) => setOptions({ ...options, header: e.target.checked })}
          />
        )}
      </Field>
      <Field name="dateFormat" label="Date/time format" idPrefix="export-" errors={errors.fields.dateFormat}>
        {(control) => (
          <input
            {...control}
            list="export-date-formats"
            value={options.dateFormat}
            onChange={(e) => setOptions({ ...options, dateFormat: e.target.value })}
          />
        )}
      </Field>
      <datalist id="export-date-formats">
        {dateFormatSuggestions.map((format) => (
          <option key={format.value} value={format.value} label={format.label} />
        ))}
      </datalist>
      <Field name="encoding" label="Encoding" idPrefix="export-" errors={errors.fields.encoding}>
        {(control) => (
          <select
            {...control}
            value={options.encoding}
            onChange={(e) => setOptions({ ...options, encoding: e.target.value as CsvEncoding })}
          >
            {encodingOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          Download CSV
        </button>
      </div>
    </form>
  );
}
