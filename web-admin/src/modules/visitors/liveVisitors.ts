import type { LiveVisitor } from './api';

/** What the live hub pushes. */
export type LiveEvent =
  | { kind: 'visitor'; visitor: LiveVisitor }
  | { kind: 'gone'; siteId: string; visitorId: string };

export type LiveAction =
  | LiveEvent
  | { kind: 'reloading' }
  | { kind: 'loaded'; visitors: LiveVisitor[] }
  | { kind: 'loadFailed' };

export interface LiveVisitors {
  /** null until the first list has arrived. */
  visitors: ReadonlyMap<string, LiveVisitor> | null;
  /**
   * Pushes received while the list is being (re)loaded: the list may have been read before them,
   * so they are replayed on it. null when no load is in flight.
   */
  pushedDuringLoad: LiveEvent[] | null;
}

export const noLiveVisitors: LiveVisitors = { visitors: null, pushedDuringLoad: null };

function keyOf(siteId: string, visitorId: string): string {
  return JSON.stringify([siteId, visitorId]);
}

function apply(visitors: Map<string, LiveVisitor>, event: LiveEvent): void {
  if (event.kind === 'visitor') {
    visitors.set(keyOf(event.visitor.visitor.siteId, event.visitor.visitor.visitorId), event.visitor);
  } else {
    visitors.delete(keyOf(event.siteId, event.visitorId));
  }
}

export function liveVisitorsReducer(state: LiveVisitors, action: LiveAction): LiveVisitors {
  switch (action.kind) {
    case 'reloading':
      return { ...state, pushedDuringLoad: [] };
    case 'loaded': {
      const visitors = new Map(
        action.visitors.map((live) => [keyOf(live.visitor.siteId, live.visitor.visitorId), live]),
      );
      state.pushedDuringLoad?.forEach((event) => apply(visitors, event));
      return { visitors, pushedDuringLoad: null };
    }
    case 'loadFailed':
      return { ...state, pushedDuringLoad: null };
    default: {
      const pushedDuringLoad = state.pushedDuringLoad && [...state.pushedDuringLoad, action];
      if (state.visitors === null) return { visitors: null, pushedDuringLoad };
      const visitors = new Map(state.visitors);
      apply(visitors, action);
      return { visitors, pushedDuringLoad };
    }
  }
}

/** Newest visit first, so rows stay put while their visitors browse. */
export function inDisplayOrder(visitors: ReadonlyMap<string, LiveVisitor>): LiveVisitor[] {
  return [...visitors.values()].sort(
    (a, b) => Date.parse(b.visitor.visitStartedAt) - Date.parse(a.visitor.visitStartedAt),
  );
}
