import type { PopupMessage } from './api';

/** A popup on screen. */
export interface Toast {
  key: number;
  popup: PopupMessage;
}

export interface Toasts {
  shown: Toast[];
  /** Ids of popups shown already, so that a retried delivery does not show twice. */
  seen: string[];
  nextKey: number;
}

export type ToastsAction = { kind: 'popup'; popup: PopupMessage } | { kind: 'dismiss'; key: number };

export const noToasts: Toasts = { shown: [], seen: [], nextKey: 1 };

/** At most this many toasts are on screen; the oldest leaves first. */
export const maxToasts = 5;
const maxSeen = 200;

export function toastsReducer(state: Toasts, action: ToastsAction): Toasts {
  switch (action.kind) {
    case 'popup': {
      const { id } = action.popup;
      if (id !== null && state.seen.includes(id)) return state;
      return {
        shown: [...state.shown, { key: state.nextKey, popup: action.popup }].slice(-maxToasts),
        seen: id === null ? state.seen : [...state.seen, id].slice(-maxSeen),
        nextKey: state.nextKey + 1,
      };
    }
    case 'dismiss':
      return { ...state, shown: state.shown.filter((toast) => toast.key !== action.key) };
  }
}

/** How long a toast stays before it hides itself; urgent ones stay until dismissed. */
export function autoHideMs(popup: PopupMessage): number | null {
  return popup.severity === 'urgent' ? null : popup.severity === 'warning' ? 20_000 : 10_000;
}

/** The link to follow, when it is one the console may open: an http(s) URL or an admin app path. */
export function safeLink(link: string | null): { href: string; external: boolean } | null {
  if (link === null) return null;
  if (link.startsWith('/') && !link.startsWith('//') && !link.includes('\\')) return { href: link, external: false };
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? { href: url.href, external: true } : null;
  } catch {
    return null;
  }
}
