import { act } from '@testing-library/react';
import type { LiveVisitor } from './api';
import type { LiveConnection } from './liveHub';

type Handler = (...args: never[]) => void;

/** A live hub connection the test drives: it pushes what the server would. */
export class FakeLiveConnection implements LiveConnection {
  readonly workspaceId: string;
  state: 'new' | 'started' | 'stopped' = 'new';
  readonly #handlers = new Map<string, Handler>();
  readonly #reconnecting: (() => void)[] = [];
  readonly #reconnected: (() => void)[] = [];
  readonly #closed: (() => void)[] = [];

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  on(event: 'visitor', handler: (visitor: LiveVisitor) => void): void;
  on(event: 'visitorGone', handler: (siteId: string, visitorId: string) => void): void;
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
    this.state = 'started';
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
  }

  pushVisitor(visitor: LiveVisitor): void {
    const handler = this.#handlers.get('visitor') as ((visitor: LiveVisitor) => void) | undefined;
    act(() => handler?.(visitor));
  }

  pushGone(siteId: string, visitorId: string): void {
    const handler = this.#handlers.get('visitorGone') as ((siteId: string, visitorId: string) => void) | undefined;
    act(() => handler?.(siteId, visitorId));
  }

  /** The connection drops and comes back, as withAutomaticReconnect does. */
  reconnect(): void {
    act(() => this.#reconnecting.forEach((callback) => callback()));
    act(() => this.#reconnected.forEach((callback) => callback()));
  }
}

/** Hands out fake connections and remembers them, newest last. */
export function fakeLiveHub() {
  const connections: FakeLiveConnection[] = [];
  return {
    connections,
    connect: (workspaceId: string) => {
      const connection = new FakeLiveConnection(workspaceId);
      connections.push(connection);
      return connection;
    },
    /** The connection the page uses now. */
    get current(): FakeLiveConnection {
      const connection = connections.at(-1);
      if (connection === undefined) throw new Error('The page has not connected to the live hub');
      return connection;
    },
  };
}
