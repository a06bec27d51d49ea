import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import type { ApiClient } from '../../api/client';
import { pageQuery, type Page, type Paging } from '../../api/page';
import type { CsvEncoding, CsvPreference } from '../../shell/csvPreference';

export const contactsPageSize = 25;

export const channels = ['email', 'sms'] as const;
export type Channel = (typeof channels)[number];

/** A recipient who cannot log in: a client, a supplier, a shared inbox. */
export interface Contact {
  id: string;
  name: string;
  email: string | null;
  /** E.164 once stored. */
  mobile: string | null;
  /** An IANA id. */
  timeZone: string;
  csv: CsvPreference;
  preferredChannel: Channel;
  /** Tried in this order when the preferred channel cannot reach the contact. */
  fallbackChannels: Channel[];
  notes: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export type ContactInput = Omit<Contact, 'id' | 'createdAt' | 'updatedAt'>;

/** Something that names a contact or a list: a trigger, a wizard alert, a distribution list. */
export interface Reference {
  kind: string;
  id: string;
  name: string;
}

export interface ContactDetail extends Contact {
  lists: { id: string; name: string }[];
  references: Reference[];
}

export type MemberKind = 'user' | 'contact' | 'list';

export interface ListMember {
  kind: MemberKind;
  id: string;
  name: string;
}

export interface DistributionList {
  id: string;
  name: string;
  members: ListMember[];
  memberCount: number;
}

export interface DistributionListInput {
  name: string;
  members: { kind: MemberKind; id: string }[];
}

/** A user, contact or list that a recipient search found; `detail` is an email, a phone or a member count. */
export interface RecipientOption {
  kind: MemberKind;
  id: string;
  name: string;
  detail: string;
}

/** One recipient as the picker holds it: a user, contact or list by id, "me", the lead's owner, or a typed address. */
export interface RecipientEntry {
  kind: MemberKind | 'me' | 'leadOwner' | 'adHoc';
  id?: string;
  /** The normalised email address or phone number of an ad hoc entry. */
  value?: string;
  name?: string;
}

export interface ValidatedAdHoc {
  value: string;
  kind: 'email' | 'phone';
}

export type ImportField = 'name' | 'email' | 'mobile' | 'timeZone' | 'notes' | 'tags';
/** The CSV column (by header) that fills each contact field; unmapped fields are left out. */
export type ImportMapping = Partial<Record<ImportField, string>>;
export type DuplicatePolicy = 'update' | 'skip';

export interface UploadedImport {
  importId: string;
  columns: string[];
  sampleRows: string[][];
  suggestedMapping: ImportMapping;
}

export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

export interface ImportPreview {
  rows: {
    row: number;
    name: string;
    email: string;
    mobile: string;
    timeZone: string;
    action: 'create' | 'update' | 'skip';
  }[];
  errors: ImportRowError[];
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  errors: ImportRowError[];
}

export interface ExportOptions {
  delimiter: string;
  header: boolean;
  dateFormat: string;
  encoding: CsvEncoding;
}

/** What a copy or move did: each contact transferred (with its id in the target) or skipped with the reason. */
export interface TransferResult {
  transferred: { id: string; targetId: string }[];
  skipped: { id: string; reason: string }[];
}

function at(path: string, id: string): string {
  return `${path}/${encodeURIComponent(id)}`;
}

export function exportPath(options: ExportOptions): string {
  const query = new URLSearchParams({
    delimiter: options.delimiter,
    header: String(options.header),
    dateFormat: options.dateFormat,
    encoding: options.encoding,
  });
  return `/api/contacts/export?${query}`;
}

/** The contacts module's endpoints (`/api/contacts/...`). */
export function contactsApi(client: ApiClient) {
  return {
    contacts: (search: string, paging: Paging) =>
      client.get<Page<Contact>>(`/api/contacts/contacts?${pageQuery({ search }, paging)}`),
    contact: (id: string) => client.get<ContactDetail>(at('/api/contacts/contacts', id)),
    createContact: (contact: ContactInput) => client.post<Contact>('/api/contacts/contacts', contact),
    updateContact: (id: string, contact: ContactInput) => client.put<Contact>(at('/api/contacts/contacts', id), contact),
    /** Refused with 409 and the `references` while something names the contact, unless `removeReferences`. */
    deleteContact: (id: string, removeReferences = false) =>
      client.delete(`${at('/api/contacts/contacts', id)}${removeReferences ? '?removeReferences=true' : ''}`),

    /** Copies, or with `move` moves, contacts to a workspace in which the caller is also an Admin. */
    transferContacts: (contactIds: string[], targetWorkspaceId: string, move: boolean) =>
      client.post<TransferResult>('/api/contacts/contacts/transfer', { contactIds, targetWorkspaceId, move }),

    lists: () => client.get<DistributionList[]>('/api/contacts/lists'),
    createList: (list: DistributionListInput) => client.post<DistributionList>('/api/contacts/lists', list),
    updateList: (id: string, list: DistributionListInput) =>
      client.put<DistributionList>(at('/api/contacts/lists', id), list),
    deleteList: (id: string, removeReferences = false) =>
      client.delete(`${at('/api/contacts/lists', id)}${removeReferences ? '?removeReferences=true' : ''}`),

    recipients: (q: string) =>
      client.get<RecipientOption[]>(`/api/contacts/recipients?${new URLSearchParams({ q, limit: '10' })}`),
    validateAdHoc: (adHoc: string[]) =>
      client.post<{ adHoc: ValidatedAdHoc[] }>('/api/contacts/recipients/validate', { adHoc }),

    uploadImport: (file: Blob) => client.postRaw<UploadedImport>('/api/contacts/import', file, 'text/csv'),
    previewImport: (importId: string, mapping: ImportMapping, duplicatePolicy: DuplicatePolicy) =>
      client.post<ImportPreview>(`${at('/api/contacts/import', importId)}/preview`, { mapping, duplicatePolicy }),
    runImport: (importId: string, mapping: ImportMapping, duplicatePolicy: DuplicatePolicy) =>
      client.post<ImportResult>(`${at('/api/contacts/import', importId)}/run`, { mapping, duplicatePolicy }),

    exportContacts: (options: ExportOptions) => client.download(exportPath(options)),
  };
}

export type ContactsApi = ReturnType<typeof contactsApi>;

export function useContactsApi(): ContactsApi {
  const client = useApi();
  return useMemo(() => contactsApi(client), [client]);
}
