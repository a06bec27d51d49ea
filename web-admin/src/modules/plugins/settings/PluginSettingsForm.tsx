import { useState, type FormEvent, type ReactNode } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors, type FormErrors } from '../../../shell/forms';
import type { PluginSettings, SettingField, SettingValue } from './api';
import './PluginSettingsForm.css';

/** A map setting as the textarea holds it: one `Name: value` per line. */
function mapToText(map: Record<string, string> | null | undefined): string {
  return Object.entries(map ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function textToMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (line.trim() === '') continue;
    if (colon < 0) map[line.trim()] = '';
    else map[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return map;
}

/** What the inputs hold: text for text, numbers and maps; booleans for checkboxes. */
type Draft = Record<string, string | boolean>;

function draftOf(settings: PluginSettings): Draft {
  const draft: Draft = {};
  for (const field of settings.fields) {
    const value = settings.values[field.name];
    if (field.secret) draft[field.name] = '';
    else if (field.kind === 'boolean') draft[field.name] = value === true;
    else if (field.kind === 'map') draft[field.name] = mapToText(value as Record<string, string> | null);
    else draft[field.name] = value === null || value === undefined ? '' : String(value);
  }
  return draft;
}

/**
 * What is saved: every field as typed, except secrets left blank, which are left out so that the server keeps them.
 * A number that is not one is sent as typed, for the server to refuse next to its field.
 */
function bodyOf(fields: readonly SettingField[], draft: Draft): Record<string, SettingValue> {
  const body: Record<string, SettingValue> = {};
  for (const field of fields) {
    const value = draft[field.name];
    if (field.secret && value === '') continue;
    if (field.kind === 'boolean') body[field.name] = value === true;
    else if (field.kind === 'number') body[field.name] = /^-?\d+$/.test(String(value).trim()) ? Number(value) : String(value);
    else if (field.kind === 'map') body[field.name] = textToMap(String(value));
    else body[field.name] = String(value);
  }
  return body;
}

interface Props {
  /** What the form starts from; key the form to start again from new settings. */
  settings: PluginSettings;
  /** Names the form for assistive technology and keeps its ids apart from another settings form's. */
  label: string;
  idPrefix: string;
  submitLabel: string;
  save(values: Record<string, SettingValue>): Promise<PluginSettings>;
  onSaved(settings: PluginSettings): void;
  /** More buttons beside the submit button. */
  children?: ReactNode;
}

/** A plugin's settings, changed at runtime; errors the server finds show next to their fields. */
export function PluginSettingsForm({ settings, label, idPrefix, submitLabel, save, onSaved, children }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const updated = await save(bodyOf(settings.fields, draft));
      setDraft(draftOf(updated));
      setErrors(noFormErrors);
      onSaved(updated);
    } catch (error) {
      setErrors(formErrorsFrom(error, settings.fields.map((f) => f.name)));
    } finally {
      setSaving(false);
    }
  }

  const set = (name: string, value: string | boolean) => setDraft((current) => ({ ...current, [name]: value }));

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <FormAlert messages={errors.alerts} />
      {settings.fields.map((field) => (
        <Field key={field.name} name={field.name} label={field.label} errors={errors.fields[field.name]} idPrefix={idPrefix}>
          {(control) => (
            <>
              {field.kind === 'boolean' ? (
                <input
                  {...control}
                  type="checkbox"
                  checked={draft[field.name] === true}
                  onChange={(e) => set(field.name, e.target.checked)}
                />
              ) : field.kind === 'choice' ? (
                <select {...control} value={String(draft[field.name] ?? '')} onChange={(e) => set(field.name, e.target.value)}>
                  {field.choices.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
                    </option>
                  ))}
                </select>
              ) : field.kind === 'map' ? (
                <textarea
                  {...control}
                  rows={3}
                  placeholder={field.secret && settings.secretsSet.includes(field.name) ? 'Set; type to replace (Name: value per line)' : 'Name: value, one per line'}
                  value={String(draft[field.name] ?? '')}
                  onChange={(e) => set(field.name, e.target.value)}
                />
              ) : (
                <input
                  {...control}
                  type={field.secret ? 'password' : field.kind === 'number' ? 'number' : 'text'}
                  autoComplete={field.secret ? 'new-password' : 'off'}
                  placeholder={field.secret ? (settings.secretsSet.includes(field.name) ? 'Set; type to replace' : 'Not set') : undefined}
                  value={String(draft[field.name] ?? '')}
                  onChange={(e) => set(field.name, e.target.value)}
                />
              )}
              {field.description !== null && <p className="field-hint">{field.description}</p>}
            </>
          )}
        </Field>
      ))}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
