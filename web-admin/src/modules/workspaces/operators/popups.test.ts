import { describe, expect, it } from 'vitest';
import { popup } from './fixtures';
import { maxToasts, noToasts, safeLink, toastsReducer } from './popups';

describe('toasts', () => {
  it('keeps the newest few on screen', () => {
    let state = noToasts;
    for (let i = 0; i < maxToasts + 2; i++) state = toastsReducer(state, { kind: 'popup', popup: popup({ id: `n-${i}`, title: `Popup ${i}` }) });

    expect(state.shown.map((toast) => toast.popup.title)).toEqual(['Popup 2', 'Popup 3', 'Popup 4', 'Popup 5', 'Popup 6']);
  });

  it('shows popups without an id every time', () => {
    let state = noToasts;
    state = toastsReducer(state, { kind: 'popup', popup: popup({ id: null }) });
    state = toastsReducer(state, { kind: 'popup', popup: popup({ id: null }) });

    expect(state.shown).toHaveLength(2);
  });

  it('does not show a popup again once dismissed', () => {
    let state = toastsReducer(noToasts, { kind: 'popup', popup: popup({ id: 'n-1' }) });
    state = toastsReducer(state, { kind: 'dismiss', key: state.shown[0]!.key });
    state = toastsReducer(state, { kind: 'popup', popup: popup({ id: 'n-1' }) });

    expect(state.shown).toHaveLength(0);
  });
});

describe('safeLink', () => {
  it('accepts http(s) URLs and admin app paths only', () => {
    expect(safeLink('/visitors/s1/v1')).toEqual({ href: '/visitors/s1/v1', external: false });
    expect(safeLink('https://crm.example.com/x')).toEqual({ href: 'https://crm.example.com/x', external: true });
    expect(safeLink('//evil.example/x')).toBeNull();
    expect(safeLink('/\\evil.example')).toBeNull();
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,hi')).toBeNull();
    expect(safeLink('visitors')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});
