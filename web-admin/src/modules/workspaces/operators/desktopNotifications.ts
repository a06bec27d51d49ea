import { useCallback, useState } from 'react';
import type { PopupMessage } from './api';

type Permission = NotificationPermission | 'unsupported';

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The browser's desktop notifications: whether they are allowed, asking for them, and showing a popup as one. */
export function useDesktopNotifications() {
  const [permission, setPermission] = useState<Permission>(currentPermission);

  // Browsers only ask from a user's click, so this is called from one.
  const enable = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, []);

  const show = useCallback((popup: PopupMessage) => {
    if (currentPermission() !== 'granted') return;
    // Text only; the tag lets the browser replace a repeat of the same popup.
    new Notification(popup.title, { body: popup.text, tag: popup.id ?? undefined });
  }, []);

  return { permission, enable, show };
}
