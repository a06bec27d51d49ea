import { json } from '../../test/fakeServer';
import type { Contact, ContactDetail, DistributionList, RecipientOption } from './api';

export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    name: 'Ada Lovelace',
    email: 'ada@analytical.example',
    mobile: '+447700900123',
    timeZone: 'Europe/London',
    csv: { delimiter: ',', header: true, dateFormat: 'yyyy-MM-dd', encoding: 'utf-8' },
    preferredChannel: 'email',
    fallbackChannels: ['sms'],
    notes: '',
    tags: ['supplier'],
    createdAt: '2026-11-20T08:00:00Z',
    updatedAt: '2026-11-20T08:00:00Z',
    ...overrides,
  };
}

export function contactDetail(overrides: Partial<ContactDetail> = {}): ContactDetail {
  return { ...contact(), lists: [], references: [], ...overrides };
}

export function distributionList(overrides: Partial<DistributionList> = {}): DistributionList {
  return { id: 'l1', name: 'Suppliers', members: [], memberCount: 0, ...overrides };
}

export const adaOption: RecipientOption = {
  kind: 'contact',
  id: 'c1',
  name: 'Ada Lovelace',
  detail: 'ada@analytical.example',
};
export const bobOption: RecipientOption = { kind: 'user', id: 'u2', name: 'Bob Sales', detail: 'bob@example.com' };
export const suppliersOption: RecipientOption = { kind: 'list', id: 'l1', name: 'Suppliers', detail: '3 members' };

/**
 * Recipient search routes for every prefix of each query, so that a search sent while the test is still typing
 * gets an answer too (the picker waits for a pause, but a slow test machine may make one).
 */
export function recipientSearches(answers: Record<string, RecipientOption[]>) {
  const routes: Record<string, () => Response> = {};
  for (const [query, options] of Object.entries(answers)) {
    for (let length = 1; length <= query.length; length++) {
      const prefix = query.slice(0, length).trim();
      if (prefix === '') continue;
      const key = `GET /api/contacts/recipients?${new URLSearchParams({ q: prefix, limit: '10' })}`;
      routes[key] ??= () => json(options);
    }
  }
  return routes;
}
