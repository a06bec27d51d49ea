import { act } from '@testing-library/react';

/** What a hub pushes, by event name: the arguments of each. */
export type HubEvents = Record<string, unknown[]>;

type Handler = (...args: never[]) => void;

/**
 * A SignalR hub connection a test drives: the page registers its handlers as on a real one, the test pushes what
 * the server would. Fits every hub interface of the SPA (`on`, the reconnect callbacks, `start`, `stop`).
 */
export class FakeHubConnection<Events extends HubEvents> {
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

  /** The server sends `event` with `args` to this connection. */
  push<E extends keyof Events & string>(event: E, ...args: Events[E]): void {
    const handler = this.#handlers.get(event) as ((...args: Events[E]) => void) | undefined;
    act(() => handler?.(...args));
  }

  /** The connection drops and comes back, as withAutomaticReconnect does. */
  reconnect(): void {
    act(() => this.#reconnecting.forEach((callback) => callback()));
    act(() => this.#reconnected.forEach((callback) => callback()));
  }
}

/** Hands out fake connections to `hub` and remembers them, newest last. */
export function fakeHub<Events extends HubEvents>(hub: string) {
  const connections: FakeHubConnection<Events>[] = [];
  return {
    connections,
    connect: (workspaceId: string) => {
      const connection = new FakeHubConnection<Events>(workspaceId);
      connections.push(connection);
      return connection;
    },
    /** The connection the page uses now. */
    get current(): FakeHubConnection<Events> {
      const connection = connections.at(-1);
      if (connection === undefined) throw new Error(`The page has not connected to the ${hub}`);
      return connection;
    },
  };
}
