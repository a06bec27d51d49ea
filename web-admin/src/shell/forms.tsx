import type { ReactNode } from 'react';
import { ApiError, fieldNameOf } from '../api/problem';

/** What a failed submit shows: messages next to the fields they name, the rest in the form's alert area. */
export interface FormErrors {
  alerts: string[];
  fields: Record<string, string[]>;
}

export const noFormErrors: FormErrors = { alerts: [], fields: {} };

/**
 * Sorts a failure into field errors for `fields` and alert messages for everything else. A field is named by
 * its JSON path (`csv.delimiter`, `adHoc[2]`) or by its top-level name, which also takes the errors below it.
 */
export function formErrorsFrom(error: unknown, fields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) {
    return { alerts: [error instanceof Error ? error.message : String(error)], fields: {} };
  }
  const { problem } = error;
  const byField: Record<string, string[]> = {};
  const elsewhere: string[] = [];
  for (const [path, messages] of Object.entries(problem.errorsByPath)) {
    const field = fields.includes(path) ? path : fieldNameOf(path);
    if (fields.includes(field)) byField[field] = [...(byField[field] ?? []), ...messages];
    else elsewhere.push(...messages);
  }
  const hasFieldErrors = Object.keys(byField).length > 0;
  const alerts = hasFieldErrors && elsewhere.length === 0 ? [] : [problem.title, ...elsewhere];
  if (problem.detail !== undefined) alerts.push(problem.detail);
  return { alerts, fields: byField };
}

export function FormAlert({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-alert" role="alert">
      {messages.map((message, index) => (
        <p key={index}>{message}</p>
      ))}
    </div>
  );
}

/** Props a field hands to its control so label, errors and assistive technology line up. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The JSON property name the server uses in `errors`. */
  name: string;
  label: string;
  errors?: readonly string[];
  /** Keeps ids unique when a second form with the same field names can be open at once. */
  idPrefix?: string;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ name, label, errors = [], idPrefix = '', children }: FieldProps) {
  const id = idPrefix + name;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        'aria-invalid': invalid || undefined,
        'aria-describedby': invalid ? errorId : undefined,
      })}
      {invalid && (
        <p className="field-error" role="alert" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
