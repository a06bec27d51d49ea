import { ApiError } from '../../api/problem';
import type { Reference } from './api';

/** "wizardAlert" → "Wizard alert". */
export function referenceKindLabel(kind: string): string {
  const words = kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isReference(value: unknown): value is Reference {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, id, name } = value as Record<string, unknown>;
  return typeof kind === 'string' && typeof id === 'string' && typeof name === 'string';
}

/** The references of a delete refused with 409 because something still names the contact or list; else null. */
export function refusedReferencesOf(error: unknown): { title: string; references: Reference[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const { references } = error.problem.extensions;
  if (!Array.isArray(references)) return null;
  return { title: error.problem.title, references: references.filter(isReference) };
}

export function ReferenceList({ references }: { references: readonly Reference[] }) {
  return (
    <ul>
      {references.map((reference) => (
        <li key={`${reference.kind}:${reference.id}`}>
          {referenceKindLabel(reference.kind)}: {reference.name}
        </li>
      ))}
    </ul>
  );
}

interface ReferencesRefusalProps {
  title: string;
  references: readonly Reference[];
  busy: boolean;
  onRemoveAndDelete(): void;
  onKeep(): void;
}

/** A delete refused because of references: what still names it, and the explicit way through. */
export function ReferencesRefusal({ title, references, busy, onRemoveAndDelete, onKeep }: ReferencesRefusalProps) {
  return (
    <div className="form-alert" role="alert">
      <p>{title}</p>
      <p>Still named by:</p>
      <ReferenceList references={references} />
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={onRemoveAndDelete}>
          Remove from these and delete
        </button>
        <button type="button" className="secondary" onClick={onKeep}>
          Keep it
        </button>
      </div>
    </div>
  );
}
