import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { createContext, useContext, type ReactNode } from 'react';
import type { OnlineOperator, PopupMessage } from './api';

/** The part of a SignalR hub connection the operators' console uses; tests hand in their own. */
export interface OperatorsConnection {
  /** A popup for this operator. */
  on(event: 'popup', handler: (popup: PopupMessage) => void): void;
  /** Someone came online in the workspace or went: everyone online now. */
  on(event: 'operators', handler: (online: OnlineOperator[]) => void): void;
  onreconnecting(callback: () => void): void;
  onreconnected(callback: () => void): void;
  /** The connection was stopped. */
  onclose(callback: () => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Opens a connection to the operators' hub in one workspace; the caller starts and stops it. */
export type ConnectOperatorsHub = (workspaceId: string) => OperatorsConnection;

/** The console stays connected as long as the app is open: reconnect attempts never give up, at most 30 s apart. */
export const connectOperatorsHub: ConnectOperatorsHub = (workspaceId) =>
  new HubConnectionBuilder()
    .withUrl(`/hubs/operators?workspace=${encodeURIComponent(workspaceId)}`)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ({ previousRetryCount }) => Math.min(30_000, 1_000 * 2 ** previousRetryCount) })
    .configureLogging(LogLevel.Warning)
    .build();

// null: no console (tests of other pages); main.tsx provides the real hub.
const OperatorsHubContext = createContext<ConnectOperatorsHub | null>(null);

export function OperatorsHubProvider({ connect, children }: { connect: ConnectOperatorsHub; children: ReactNode }) {
  return <OperatorsHubContext.Provider value={connect}>{children}</OperatorsHubContext.Provider>;
}

export function useOperatorsHub(): ConnectOperatorsHub | null {
  return useContext(OperatorsHubContext);
}
