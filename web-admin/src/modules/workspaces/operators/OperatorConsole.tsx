import { useEffect, useReducer, useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../../shell/Session';
import { useOperatorsApi, type OnlineOperator } from './api';
import { useDesktopNotifications } from './desktopNotifications';
import { useOperatorsHub } from './operatorsHub';
import { autoHideMs, noToasts, safeLink, toastsReducer, type Toast, type ToastsAction } from './popups';
import './operators.css';

type HubStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** How long to wait before trying again when the first connection fails. */
const restartDelayMs = 5_000;

/**
 * The operators' console in the shell's header: connected to the operators' hub while the app is open in a
 * workspace, it shows who is online there and each popup as a toast (and a desktop notification when allowed).
 */
export function OperatorConsole() {
  const connect = useOperatorsHub();
  const api = useOperatorsApi();
  const { state } = useSession();
  const workspaceId = state.status === 'signedIn' ? state.workspaceId : null;
  const [online, setOnline] = useState<OnlineOperator[] | null>(null);
  const [status, setStatus] = useState<HubStatus>('connecting');
  const [toasts, dispatch] = useReducer(toastsReducer, noToasts);
  const desktop = useDesktopNotifications();
  const showDesktop = desktop.show;

  useEffect(() => {
    if (connect === null || workspaceId === null) return;
    let stopped = false;
    let restart: ReturnType<typeof setTimeout> | undefined;
    const connection = connect(workspaceId);

    // A push is newer than any answer to a request sent before it: such an answer may miss this very connection.
    let pushes = 0;

    async function loadOnline() {
      const pushesBefore = pushes;
      try {
        const operators = await api.online();
        if (!stopped && pushes === pushesBefore) setOnline(operators);
      } catch {
        // The next presence push or reconnection fills the list in.
      }
    }

    function start() {
      connection.start().then(
        () => {
          if (stopped) return;
          setStatus('online');
          void loadOnline();
        },
        () => {
          if (stopped) return;
          setStatus('offline');
          restart = setTimeout(start, restartDelayMs);
        },
      );
    }

    connection.on('popup', (popup) => {
      if (stopped) return;
      dispatch({ kind: 'popup', popup });
      showDesktop(popup);
    });
    connection.on('operators', (operators) => {
      pushes++;
      if (!stopped) setOnline(operators);
    });
    connection.onreconnecting(() => !stopped && setStatus('reconnecting'));
    connection.onreconnected(() => {
      if (stopped) return;
      setStatus('online');
      void loadOnline();
    });
    connection.onclose(() => {
      if (stopped) return;
      setStatus('offline');
      restart = setTimeout(start, restartDelayMs);
    });
    start();

    return () => {
      stopped = true;
      clearTimeout(restart);
      connection.stop().catch(() => undefined);
    };
  }, [api, connect, workspaceId, showDesktop]);

  if (connect === null) return null;
  return (
    <div className="operator-console">
      <OnlineOperators online={online} status={status} />
      {desktop.permission === 'default' && (
        <button type="button" className="secondary" onClick={() => void desktop.enable()}>
          Enable desktop notifications
        </button>
      )}
      <section className="toasts" role="status" aria-live="polite" aria-label="Popups">
        {toasts.shown.map((toast) => (
          <PopupToast key={toast.key} toast={toast} dispatch={dispatch} />
        ))}
      </section>
    </div>
  );
}

function OnlineOperators({ online, status }: { online: OnlineOperator[] | null; status: HubStatus }) {
  const label =
    status === 'reconnecting'
      ? 'Reconnecting…'
      : status === 'offline'
        ? 'Offline'
        : online === null
          ? 'Connecting…'
          : `${online.length} online`;
  return (
    <details className="operators-online">
      <summary title="Online operators">{label}</summary>
      {online !== null && (
        <ul aria-label="Online operators">
          {online.map((operator) => (
            <li key={operator.userId}>
              {operator.displayName} <span className="muted">{operator.role}</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function PopupToast({ toast, dispatch }: { toast: Toast; dispatch: (action: ToastsAction) => void }) {
  const { key, popup } = toast;
  const dismiss = () => dispatch({ kind: 'dismiss', key });
  useEffect(() => {
    const delay = autoHideMs(popup);
    if (delay === null) return;
    const timer = setTimeout(() => dispatch({ kind: 'dismiss', key }), delay);
    return () => clearTimeout(timer);
  }, [dispatch, key, popup]);
  const link = safeLink(popup.link);
  return (
    <article className={`toast toast-${popup.severity}`} aria-label={popup.title}>
      <strong className="toast-title">{popup.title}</strong>
      {popup.text.length > 0 && <p className="toast-text">{popup.text}</p>}
      {link !== null &&
        (link.external ? (
          <a href={link.href} target="_blank" rel="noopener noreferrer">
            Open
          </a>
        ) : (
          <Link to={link.href}>Open</Link>
        ))}
      <button type="button" className="toast-dismiss" aria-label={`Dismiss ${popup.title}`} onClick={dismiss}>
        ×
      </button>
    </article>
  );
}
