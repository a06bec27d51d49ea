import { useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import { useContactsApi, type DistributionList, type MemberKind, type Reference } from './api';
import { RecipientPicker, type RecipientEntry } from './RecipientPicker';
import { ReferencesRefusal, refusedReferencesOf } from './ReferencesRefusal';

const fields = ['name', 'members'] as const;

function isMember(entry: RecipientEntry): entry is RecipientEntry & { kind: MemberKind; id: string } {
  return (entry.kind === 'user' || entry.kind === 'contact' || entry.kind === 'list') && entry.id !== undefined;
}

interface ListFormProps {
  /** The list to edit; a new one when absent. */
  list?: DistributionList;
  onSaved(list: DistributionList): void;
  onDeleted(listId: string): void;
  onCancel(): void;
}

/** A distribution list's name and members: users, contacts and other lists (the server refuses a cycle). */
export function ListForm({ list, onSaved, onDeleted, onCancel }: ListFormProps) {
  const api = useContactsApi();
  const [name, setName] = useState(list?.name ?? '');
  const [members, setMembers] = useState<RecipientEntry[]>(list?.members ?? []);
  const [errors, setErrors] = useState(noFormErrors);
  const [refusal, setRefusal] = useState<{ title: string; references: Reference[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setErrors(noFormErrors);
    try {
      await action();
    } catch (error) {
      const refused = refusedReferencesOf(error);
      if (refused) setRefusal(refused);
      else setErrors(formErrorsFrom(error, fields));
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    const input = { name: name.trim(), members: members.filter(isMember).map(({ kind, id }) => ({ kind, id })) };
    void run(async () => onSaved(await (list ? api.updateList(list.id, input) : api.createList(input))));
  }

  function remove(removeReferences: boolean) {
    if (!list) return;
    if (!removeReferences && !window.confirm(`Delete the distribution list ${list.name}?`)) return;
    void run(async () => {
      await api.deleteList(list.id, removeReferences);
      onDeleted(list.id);
    });
  }

  const title = list ? `Edit ${list.name}` : 'New distribution list';
  return (
    <form className="panel" onSubmit={save} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FormAlert messages={errors.alerts} />
      <Field name="name" label="Name" errors={errors.fields.name}>
        {(control) => <input {...control} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <RecipientPicker
        id="members"
        label="Members"
        value={members}
        onChange={setMembers}
        errors={errors.fields.members}
      />
      {refusal && (
        <ReferencesRefusal
          title={refusal.title}
          references={refusal.references}
          busy={busy}
          onRemoveAndDelete={() => remove(true)}
          onKeep={() => setRefusal(null)}
        />
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        {list && !refusal && (
          <button type="button" className="danger" disabled={busy} onClick={() => remove(false)}>
            Delete list
          </button>
        )}
      </div>
    </form>
  );
}
