import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { parseTags } from '../../shell/tags';
import { channels, useContactsApi, type Channel, type Contact } from './api';
import { CsvPreferenceFields, TimeZoneSuggestions } from '../../shell/CsvPreferenceFields';
import { browserTimeZone, defaultCsvPreference, type CsvPreference } from '../../shell/csvPreference';

/** Field names as JSON paths, the way the server names them in a 400 problem's `errors`. */
const fields = [
  'name',
  'email',
  'mobile',
  'timeZone',
  'csv.delimiter',
  'csv.header',
  'csv.dateFormat',
  'csv.encoding',
  'preferredChannel',
  'fallbackChannels',
  'notes',
  'tags',
] as const;

export const channelLabels: Record<Channel, string> = { email: 'Email', sms: 'SMS' };

interface ContactFormProps {
  /** The contact to edit; a new one when absent. */
  contact?: Contact;
  onSaved(contact: Contact): void;
  onCancel?(): void;
}

export function ContactForm({ contact, onSaved, onCancel }: ContactFormProps) {
  const api = useContactsApi();
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [mobile, setMobile] = useState(contact?.mobile ?? '');
  const [timeZone, setTimeZone] = useState(contact?.timeZone ?? browserTimeZone());
  const [csv, setCsv] = useState<CsvPreference>(contact?.csv ?? defaultCsvPreference);
  const [preferredChannel, setPreferredChannel] = useState<Channel>(contact?.preferredChannel ?? 'email');
  const [fallbackChannels, setFallbackChannels] = useState<Channel[]>(contact?.fallbackChannels ?? []);
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [tags, setTags] = useState((contact?.tags ?? []).join(', '));
  const [errors, setErrors] = useState(noFormErrors);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');

  const addableFallbacks = channels.filter((c) => c !== preferredChannel && !fallbackChannels.includes(c));

  function choosePreferred(channel: Channel) {
    setPreferredChannel(channel);
    setFallbackChannels((current) => current.filter((c) => c !== channel));
  }

  function moveFallback(index: number, by: -1 | 1) {
    setFallbackChannels((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      if (moved !== undefined) next.splice(index + by, 0, moved);
      return next;
    });
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(noFormErrors);
    setStatus('');
    const input = {
      name: name.trim(),
      email: email.trim() === '' ? null : email.trim(),
      mobile: mobile.trim() === '' ? null : mobile.trim(),
      timeZone: timeZone.trim(),
      csv: { ...csv, dateFormat: csv.dateFormat.trim() },
      preferredChannel,
      fallbackChannels,
      notes: notes.trim(),
      tags: parseTags(tags),
    };
    try {
      const saved = await (contact ? api.updateContact(contact.id, input) : api.createContact(input));
      if (contact) setStatus('Saved');
      onSaved(saved);
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setSaving(false);
    }
  }

  const title = contact ? `Edit ${contact.name}` : 'Add contact';
  return (
    <form className="panel" onSubmit={save} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FormAlert messages={errors.alerts} />
      <Field name="name" label="Name" errors={errors.fields.name}>
        {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <div className="field-row">
        <Field name="email" label="Email" errors={errors.fields.email}>
          {(control) => (
            <input {...control} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field name="mobile" label="Mobile" errors={errors.fields.mobile}>
          {(control) => (
            <input
              {...control}
              type="tel"
              autoComplete="off"
              placeholder="+33 6 12 34 56 78"
              value={mobile}
              onChange={(e) => setMobile(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field name="timeZone" label="Time zone" errors={errors.fields.timeZone}>
        {(control) => (
          <input
            {...control}
            list="contact-time-zones"
            required
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
        )}
      </Field>
      <TimeZoneSuggestions id="contact-time-zones" />
      <fieldset>
        <legend>CSV preference</legend>
        <CsvPreferenceFields value={csv} onChange={setCsv} errors={errors.fields} namePrefix="csv." />
      </fieldset>
      <fieldset>
        <legend>Channels</legend>
        <Field name="preferredChannel" label="Preferred channel" errors={errors.fields.preferredChannel}>
          {(control) => (
            <select {...control} value={preferredChannel} onChange={(e) => choosePreferred(e.target.value as Channel)}>
              {channels.map((channel) => (
                <option key={channel} value={channel}>
                  {channelLabels[channel]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {fallbackChannels.length > 0 && (
          <ol className="ordered-channels" aria-label="Fallback channels, in order">
            {fallbackChannels.map((channel, index) => (
              <li key={channel}>
                <span>
                  {index + 1}. {channelLabels[channel]}
                </span>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Move ${channelLabels[channel]} up`}
                  disabled={index === 0}
                  onClick={() => moveFallback(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Move ${channelLabels[channel]} down`}
                  disabled={index === fallbackChannels.length - 1}
                  onClick={() => moveFallback(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link"
                  aria-label={`Remove ${channelLabels[channel]} fallback`}
                  onClick={() => setFallbackChannels((current) => current.filter((c) => c !== channel))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
        <Field name="fallbackChannels" label="Add a fallback channel" errors={errors.fields.fallbackChannels}>
          {(control) => (
            <select
              {...control}
              value=""
              disabled={addableFallbacks.length === 0}
              onChange={(e) => setFallbackChannels((current) => [...current, e.target.value as Channel])}
            >
              <option value="">{addableFallbacks.length === 0 ? 'Every channel is chosen' : 'Choose…'}</option>
              {addableFallbacks.map((channel) => (
                <option key={channel} value={channel}>
                  {channelLabels[channel]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <Field name="tags" label="Tags (comma-separated)" errors={errors.fields.tags}>
        {(control) => <input {...control} value={tags} onChange={(e) => setTags(e.target.value)} />}
      </Field>
      <Field name="notes" label="Notes" errors={errors.fields.notes}>
        {(control) => <textarea {...control} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={saving}>
          Save
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        {status !== '' && <span role="status">{status}</span>}
      </div>
    </form>
  );
}
