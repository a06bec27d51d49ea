import { act } from '@testing-library/react';
import type { OnlineOperator, PopupMessage } from './api';
import type { OperatorsConnection } from './operatorsHub';

type Handler = (...args: never[]) => void;

/** An operators' hub connection the test drives: it pushes what the server would. */
export class FakeOperatorsConnection implements OperatorsConnection {
  readonly workspaceId: string;
  state: 'new' | 'started' | 'stopped' = 'new';
  /** Set to make start() fail, as when the server is unreachable. */
  failStart = false;
  readonly #handlers = new Map<string, Handler>();
  readonly #reconnecting: (() => void)[] = [];
  readonly #reconnected: (() => void)[] = [];
  readonly #closed: (() => void)[] = [];

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  on(event: 'popup', handler: (popup: PopupMessage) => void): void;
  on(event: 'operators', handler: (online: OnlineOperator[]) => void): void;
  on(event: string, handler: Handler): void {
    this.#handlers.set(event, handler);
  }

  onreconnecting(callback: () => void): void {
    this.#reconnecting.push(callback);
  }

  onreconnected(callback: () => void): void {
    this.#reconnected.push(callback);
  }

  onclose(callback: () => void): void {
    this.#closed.push(callback);
  }

  async start(): Promise<void> {
    if (this.failStart) throw new Error('Failed to complete negotiation with the server');
    this.state = 'started';
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
  }

  pushPopup(popup: PopupMessage): void {
    const handler = this.#handlers.get('popup') as ((popup: PopupMessage) => void) | undefined;
    act(() => handler?.(popup));
  }

  pushOnline(online: OnlineOperator[]): void {
    const handler = this.#handlers.get('operators') as ((online: OnlineOperator[]) => void) | undefined;
    act(() => handler?.(online));
  }

  /** The connection drops and comes back, as withAutomaticReconnect does. */
  reconnect(): void {
    act(() => this.#reconnecting.forEach((callback) => callback()));
    act(() => this.#reconnected.forEach((callback) => callback()));
  }
}

/** Hands out fake connections and remembers them, newest last. */
export function fakeOperatorsHub() {
  const connections: FakeOperatorsConnection[] = [];
  return {
    connections,
    connect: (workspaceId: string) => {
      const connection = new FakeOperatorsConnection(workspaceId);
      connections.push(connection);
      return connection;
    },
    /** The connection the console uses now. */
    get current(): FakeOperatorsConnection {
      const connection = connections.at(-1);
      if (connection === undefined) throw new Error('The console has not connected to the operators hub');
      return connection;
    },
  };
}

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
