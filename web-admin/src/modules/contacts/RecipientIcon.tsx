import type { ReactElement } from 'react';
import type { RecipientEntry } from './api';

type IconKind = RecipientEntry['kind'];

const labels: Record<IconKind, string> = {
  user: 'User',
  contact: 'Contact',
  list: 'List',
  me: 'You',
  leadOwner: "The lead's owner",
  adHoc: 'Phone number',
};

/** Outlines on a 16×16 grid, drawn with the current text colour. */
const shapes: Record<'person' | 'envelope' | 'group' | 'at', ReactElement> = {
  person: (
    <>
      <circle cx="8" cy="5" r="3" />
      <path d="M2.5 15c0-3.2 2.5-5.5 5.5-5.5s5.5 2.3 5.5 5.5" />
    </>
  ),
  envelope: (
    <>
      <rect x="1.5" y="3.5" width="13" height="9" rx="1" />
      <path d="M1.5 4.5 8 9l6.5-4.5" />
    </>
  ),
  group: (
    <>
      <circle cx="5.5" cy="5.5" r="2.5" />
      <circle cx="11" cy="6" r="2" />
      <path d="M1 14.5c0-2.8 2-4.5 4.5-4.5S10 11.7 10 14.5M10.5 10c2.4 0 4.5 1.5 4.5 4" />
    </>
  ),
  at: (
    <>
      <circle cx="8" cy="8" r="2.5" />
      <path d="M10.5 8v1.2c0 1.2 1.9 1.8 2.9.4 1.5-2.3.4-6.6-4.4-7.1C5 2 2 4.8 2 8.3c0 3.6 3.3 6.3 7.5 5.3" />
    </>
  ),
};

const shapeOf: Record<IconKind, keyof typeof shapes> = {
  user: 'person',
  me: 'person',
  leadOwner: 'person',
  contact: 'envelope',
  list: 'group',
  adHoc: 'at',
};

/** The mark that tells users, contacts and lists apart wherever recipients are shown; `value` is a typed address. */
export function RecipientIcon({ kind, value }: { kind: IconKind; value?: string }) {
  const label = kind === 'adHoc' && value?.includes('@') ? 'Email address' : labels[kind];
  return (
    <svg
      className="recipient-icon"
      data-kind={kind}
      role="img"
      aria-label={label}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <title>{label}</title>
      {shapes[shapeOf[kind]]}
    </svg>
  );
}
