import { describe, expect, it } from 'vitest';
import { liveVisitor } from './fixtures';
import {
  inDisplayOrder,
  liveVisitorsReducer,
  noLiveVisitors,
  type LiveAction,
  type LiveVisitors,
} from './liveVisitors';

function after(actions: LiveAction[], state: LiveVisitors = noLiveVisitors): LiveVisitors {
  return actions.reduce(liveVisitorsReducer, state);
}

function titles(state: LiveVisitors): (string | null)[] {
  return state.visitors === null ? [] : inDisplayOrder(state.visitors).map((live) => live.visitor.currentTitle);
}

describe('the live visitors list', () => {
  it('replays on the loaded list what was pushed while it was loading', () => {
    const state = after([
      { kind: 'reloading' },
      { kind: 'visitor', visitor: liveVisitor({ currentTitle: 'Checkout' }) },
      { kind: 'gone', siteId: 's1', visitorId: 'v2' },
      {
        kind: 'loaded',
        visitors: [liveVisitor({ currentTitle: 'Pricing' }), liveVisitor({ visitorId: 'v2', currentTitle: 'Blog' })],
      },
    ]);

    expect(titles(state)).toEqual(['Checkout']);
    expect(state.pushedDuringLoad).toBeNull();
  });

  it('keeps the visitors shown while it reloads, and applies pushes to them at once', () => {
    const loaded = after([{ kind: 'reloading' }, { kind: 'loaded', visitors: [liveVisitor()] }]);

    const state = after(
      [{ kind: 'reloading' }, { kind: 'visitor', visitor: liveVisitor({ visitorId: 'v2', currentTitle: 'Blog' }) }],
      loaded,
    );

    expect(titles(state).sort()).toEqual(['Blog', 'Pricing']);
  });

  it('lists the newest visit first', () => {
    const state = after([
      { kind: 'reloading' },
      {
        kind: 'loaded',
        visitors: [
          liveVisitor({ visitorId: 'early', currentTitle: 'Early', visitStartedAt: '2026-11-21T09:00:00Z' }),
          liveVisitor({ visitorId: 'late', currentTitle: 'Late', visitStartedAt: '2026-11-21T09:30:00Z' }),
        ],
      },
    ]);

    expect(titles(state)).toEqual(['Late', 'Early']);
  });
});
