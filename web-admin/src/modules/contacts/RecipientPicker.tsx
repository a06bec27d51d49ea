import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { ApiError } from '../../api/problem';
import { formErrorsFrom } from '../../shell/forms';
import { useContactsApi, type RecipientEntry, type RecipientOption } from './api';
import { RecipientIcon } from './RecipientIcon';
import './contacts.css';

export type { RecipientEntry } from './api';

/** Waits for a pause in typing before searching, so that each keystroke does not cost a request. */
const searchDelayMs = 150;

const specialEntries: readonly { entry: RecipientEntry; detail: string }[] = [
  { entry: { kind: 'me', name: 'Me' }, detail: 'Whoever sets this up' },
  {
    entry: { kind: 'leadOwner', name: "The lead's owner" },
    detail: "Else the site's default owner, else the workspace admins",
  },
];

interface Option {
  entry: RecipientEntry;
  detail: string;
}

export interface RecipientPickerProps {
  value: readonly RecipientEntry[];
  onChange(next: RecipientEntry[]): void;
  /** Lets an email address or phone number be typed in, checked by the server one by one. */
  allowAdHoc?: boolean;
  /** Offers "Me" and "The lead's owner". */
  allowSpecial?: boolean;
  label?: string;
  /** The input's id; the label, suggestions and errors derive theirs from it. */
  id?: string;
  /** Errors the surrounding form got for this field. */
  errors?: readonly string[];
}

function entryName(entry: RecipientEntry): string {
  return entry.name ?? entry.value ?? entry.id ?? entry.kind;
}

function sameEntry(a: RecipientEntry, b: RecipientEntry): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'adHoc') return a.value === b.value;
  return a.kind === 'me' || a.kind === 'leadOwner' || a.id === b.id;
}

function entryKey(entry: RecipientEntry): string {
  return `${entry.kind}:${entry.id ?? entry.value ?? ''}`;
}

/** Typed text as separate addresses: "a@x.example, +33 6 12 34 56 78" is two. */
function splitTyped(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Chooses recipients: users, contacts and lists found by type-ahead, optionally "me", the lead's owner and
 * typed addresses. A combobox with a listbox of suggestions: arrow keys move, Enter chooses, Escape closes.
 */
export function RecipientPicker({
  value,
  onChange,
  allowAdHoc = false,
  allowSpecial = false,
  label = 'Recipients',
  id,
  errors = [],
}: RecipientPickerProps) {
  const api = useContactsApi();
  const generatedId = useId();
  const inputId = id ?? `recipients-${generatedId}`;
  const listboxId = `${inputId}-suggestions`;
  const errorId = `${inputId}-error`;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; options: RecipientOption[] }>({ query: '', options: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searchErrors, setSearchErrors] = useState<string[]>([]);
  const [adHocErrors, setAdHocErrors] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);

  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.recipients(trimmed).then(
        (options) => {
          if (cancelled) return;
          setFound({ query: trimmed, options });
          setSearchErrors([]);
        },
        (error: unknown) => !cancelled && setSearchErrors(formErrorsFrom(error, []).alerts),
      );
    }, searchDelayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, trimmed]);

  const searched = trimmed !== '' && found.query === trimmed;
  const lowered = trimmed.toLowerCase();
  const options: Option[] = [
    ...(allowSpecial
      ? specialEntries.filter(({ entry }) => entryName(entry).toLowerCase().includes(lowered))
      : []),
    ...(searched
      ? found.options.map(({ kind, id: optionId, name, detail }) => ({ entry: { kind, id: optionId, name }, detail }))
      : []),
  ].filter(({ entry }) => !value.some((chosen) => sameEntry(chosen, entry)));
  const showOptions = open && options.length > 0;
  const activeOption = showOptions && active >= 0 && active < options.length ? active : -1;

  function choose(entry: RecipientEntry) {
    onChange([...value, entry]);
    setQuery('');
    setActive(-1);
    setAdHocErrors([]);
  }

  function remove(entry: RecipientEntry) {
    onChange(value.filter((chosen) => !sameEntry(chosen, entry)));
  }

  async function addTyped() {
    const typed = splitTyped(query);
    if (typed.length === 0) return;
    setChecking(true);
    try {
      const { adHoc } = await api.validateAdHoc(typed);
      const added: RecipientEntry[] = [];
      for (const { value: address } of adHoc) {
        const entry: RecipientEntry = { kind: 'adHoc', value: address, name: address };
        if (![...value, ...added].some((chosen) => sameEntry(chosen, entry))) added.push(entry);
      }
      onChange([...value, ...added]);
      setQuery('');
      setAdHocErrors([]);
    } catch (error) {
      setAdHocErrors(adHocErrorsOf(error, typed));
    } finally {
      setChecking(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((current) => (options.length === 0 ? -1 : Math.min(current + 1, options.length - 1)));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((current) => Math.max(current - 1, 0));
        break;
      case 'Enter': {
        const option = options[activeOption];
        if (option) {
          event.preventDefault();
          choose(option.entry);
        } else if (trimmed !== '') {
          // Never submits the surrounding form while something is typed here.
          event.preventDefault();
          if (allowAdHoc) void addTyped();
        }
        break;
      }
      case ',':
      case ';':
        if (allowAdHoc && trimmed !== '') {
          event.preventDefault();
          void addTyped();
        }
        break;
      case 'Escape':
        if (showOptions) {
          // Closes the suggestions only, not a dialog around the picker.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        }
        break;
      case 'Backspace': {
        const last = value[value.length - 1];
        if (query === '' && last) remove(last);
        break;
      }
    }
  }

  const allErrors = [...errors, ...adHocErrors, ...searchErrors];
  const invalid = allErrors.length > 0;
  const noMatch = open && searched && options.length === 0;
  return (
    <div className="field recipient-picker">
      <label htmlFor={inputId}>{label}</label>
      {value.length > 0 && (
        <ul className="recipient-chips" aria-label={`${label}: chosen`}>
          {value.map((entry) => (
            <li key={entryKey(entry)} className="recipient-chip">
              <RecipientIcon kind={entry.kind} value={entry.value} />
              <span>{entryName(entry)}</span>
              <button
                type="button"
                className="link"
                aria-label={`Remove ${entryName(entry)}`}
                onClick={() => remove(entry)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="recipient-combobox">
        <input
          id={inputId}
          role="combobox"
          type="text"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={showOptions}
          aria-controls={listboxId}
          aria-activedescendant={activeOption >= 0 ? `${inputId}-option-${activeOption}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          aria-busy={checking || undefined}
          placeholder={allowAdHoc ? 'Name, or an email address or phone number' : 'Name of a user, contact or list'}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listboxId} role="listbox" aria-label={`${label} suggestions`} hidden={!showOptions}>
          {showOptions &&
            options.map((option, index) => (
              <li
                key={entryKey(option.entry)}
                id={`${inputId}-option-${index}`}
                role="option"
                aria-selected={index === activeOption}
                className={index === activeOption ? 'active' : undefined}
                // Keeps the focus in the input, so that the list does not close before the click lands.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(option.entry)}
              >
                <RecipientIcon kind={option.entry.kind} />
                <span>{entryName(option.entry)}</span>
                {option.detail !== '' && <span className="secondary-text">{option.detail}</span>}
              </li>
            ))}
        </ul>
      </div>
      {noMatch && (
        <p className="secondary-text" role="status">
          {allowAdHoc
            ? `No user, contact or list matches "${trimmed}". Press Enter to add it as an address.`
            : `No user, contact or list matches "${trimmed}".`}
        </p>
      )}
      {invalid && (
        <p className="field-error" role="alert" id={errorId}>
          {allErrors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** The server names a refused address by its place in the request (`adHoc[1]`): say which one it was. */
function adHocErrorsOf(error: unknown, typed: readonly string[]): string[] {
  if (!(error instanceof ApiError) || Object.keys(error.problem.errorsByPath).length === 0) {
    return formErrorsFrom(error, []).alerts;
  }
  return Object.entries(error.problem.errorsByPath).flatMap(([path, messages]) => {
    const index = /^adHoc\[(\d+)\]$/.exec(path)?.[1];
    const address = index === undefined ? undefined : typed[Number(index)];
    return messages.map((message) => (address === undefined ? message : `"${address}": ${message}`));
  });
}
