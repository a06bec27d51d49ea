import { useMemo } from 'react';
import { Field } from './forms';
import {
  dateFormatSuggestions,
  delimiterOptions,
  encodingOptions,
  knownTimeZones,
  type CsvEncoding,
  type CsvPreference,
} from './csvPreference';

interface CsvPreferenceFieldsProps {
  value: CsvPreference;
  onChange(value: CsvPreference): void;
  /** Errors by the server's field names, e.g. `csv.delimiter`. */
  errors: Record<string, string[]>;
  /** What the server puts before each field's name: `csv.` for a contact or a user, nothing for an export. */
  namePrefix?: string;
  /** Keeps ids unique when two forms with these fields can be open at once. */
  idPrefix?: string;
}

/**
 * Delimiter, encoding, date/time format and header row: a CSV preference as contacts, users (their own preferences)
 * and exports choose it.
 */
export function CsvPreferenceFields(props: CsvPreferenceFieldsProps) {
  const { value, onChange, errors, namePrefix = '', idPrefix = '' } = props;
  const name = (field: keyof CsvPreference) => `${namePrefix}${field}`;
  const dateFormats = `${idPrefix}date-formats`;
  return (
    <>
      <div className="field-row">
        <Field name={name('delimiter')} label="Delimiter" idPrefix={idPrefix} errors={errors[name('delimiter')]}>
          {(control) => (
            <select
              {...control}
              value={value.delimiter}
              onChange={(e) => onChange({ ...value, delimiter: e.target.value })}
            >
              {delimiterOptions.map((option) => (
                <option key={option.label} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name={name('encoding')} label="Encoding" idPrefix={idPrefix} errors={errors[name('encoding')]}>
          {(control) => (
            <select
              {...control}
              value={value.encoding}
              onChange={(e) => onChange({ ...value, encoding: e.target.value as CsvEncoding })}
            >
              {encodingOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name={name('dateFormat')} label="Date/time format" idPrefix={idPrefix} errors={errors[name('dateFormat')]}>
        {(control) => (
          <input
            {...control}
            list={dateFormats}
            value={value.dateFormat}
            onChange={(e) => onChange({ ...value, dateFormat: e.target.value })}
          />
        )}
      </Field>
      <datalist id={dateFormats}>
        {dateFormatSuggestions.map((format) => (
          <option key={format.value} value={format.value} label={format.label} />
        ))}
      </datalist>
      <Field name={name('header')} label="First row is a header" idPrefix={idPrefix} errors={errors[name('header')]}>
        {(control) => (
          <input
            {...control}
            type="checkbox"
            checked={value.header}
            onChange={(e) => onChange({ ...value, header: e.target.checked })}
          />
        )}
      </Field>
    </>
  );
}

/** The IANA time zones the browser knows, as suggestions for a time zone input whose `list` is `id`. */
export function TimeZoneSuggestions({ id }: { id: string }) {
  // Some 400 options: built once, so that typing in the form does not render them again on each key.
  return useMemo(
    () => (
      <datalist id={id}>
        {knownTimeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    ),
    [id],
  );
}
