import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { createContext, useContext, type ReactNode } from 'react';
import type { LiveVisitor } from './api';

/** The part of a SignalR hub connection the live view uses; tests hand in their own. */
export interface LiveConnection {
  /** A visitor arrived or changed. */
  on(event: 'visitor', handler: (visitor: LiveVisitor) => void): void;
  /** A visitor left the site. */
  on(event: 'visitorGone', handler: (siteId: string, visitorId: string) => void): void;
  onreconnecting(callback: () => void): void;
  onreconnected(callback: () => void): void;
  /** Automatic reconnection gave up, or the connection was stopped. */
  onclose(callback: () => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Opens a connection to the live hub for one workspace; the caller starts and stops it. */
export type ConnectLiveHub = (workspaceId: string) => LiveConnection;

export const connectLiveHub: ConnectLiveHub = (workspaceId) =>
  new HubConnectionBuilder()
    .withUrl(`/hubs/live?workspace=${encodeURIComponent(workspaceId)}`)
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();

const LiveHubContext = createContext<ConnectLiveHub>(connectLiveHub);

export function LiveHubProvider({ connect, children }: { connect: ConnectLiveHub; children: ReactNode }) {
  return <LiveHubContext.Provider value={connect}>{children}</LiveHubContext.Provider>;
}

export function useLiveHub(): ConnectLiveHub {
  return useContext(LiveHubContext);
}
