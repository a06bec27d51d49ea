import { fakeHub } from '../../../test/fakeHub';
import type { OnlineOperator, PopupMessage } from './api';

/** A popup as the operators' hub sends it; `overrides` change what a test is about. */
export function popup(overrides: Partial<PopupMessage> = {}): PopupMessage {
  return {
    id: 'n-1',
    title: 'Ann Smith from Acme is on the pricing page',
    text: 'For 2 minutes, her third visit this week.',
    severity: 'info',
    link: null,
    sentAt: '2026-11-21T10:00:00Z',
    ...overrides,
  };
}

export const annOnline: OnlineOperator = { userId: 'u1', displayName: 'Alice Admin', role: 'Admin', onlineSince: '2026-11-21T09:00:00Z' };
export const bobOnline: OnlineOperator = { userId: 'u2', displayName: 'Bob Operator', role: 'Operator', onlineSince: '2026-11-21T09:30:00Z' };

/** The operators' hub as a test drives it: `hub.current.push('popup', popup())`. */
export function fakeOperatorsHub() {
  return fakeHub<{ popup: [PopupMessage]; operators: [OnlineOperator[]] }>('operators hub');
}
