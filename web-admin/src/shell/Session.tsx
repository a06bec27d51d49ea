import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../api/ApiContext';
import { useWorkspacesApi, type Me, type SignedInUser, type WorkspaceMembership } from '../modules/workspaces/api';
import type { LoadedModule } from './navigation';

const workspaceStorageKey = 'lookout.workspaceId';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | {
      status: 'signedIn';
      user: SignedInUser;
      workspaces: WorkspaceMembership[];
      /** null while the user belongs to no workspace. */
      workspaceId: string | null;
      modules: LoadedModule[];
      installationOwner: boolean;
      mayCreateWorkspaces: boolean;
    };

export type SignedIn = Extract<SessionState, { status: 'signedIn' }>;

interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  switchWorkspace(workspaceId: string): void;
  createWorkspace(name: string): Promise<void>;
  /** Adds a workspace the user has just joined (an accepted invitation) to the switcher; opens it when none is open. */
  joinWorkspace(workspace: WorkspaceMembership): void;
  /** Shows the user's own details as they saved them (their profile). */
  updateUser(user: SignedInUser): void;
}

const SessionContext = createContext<Session | null>(null);

/** The remembered workspace when the user still belongs to it, else the first one. */
function chooseWorkspace(workspaces: readonly WorkspaceMembership[]): string | null {
  const remembered = localStorage.getItem(workspaceStorageKey);
  return workspaces.find((workspace) => workspace.id === remembered)?.id ?? workspaces[0]?.id ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const api = useWorkspacesApi();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const selectWorkspace = useCallback(
    (workspaceId: string | null) => {
      client.setWorkspaceId(workspaceId);
      if (workspaceId !== null) localStorage.setItem(workspaceStorageKey, workspaceId);
    },
    [client],
  );

  const enter = useCallback(
    async (me: Me): Promise<SignedIn> => {
      const workspaceId = chooseWorkspace(me.workspaces);
      selectWorkspace(workspaceId);
      const modules = await client.get<LoadedModule[]>('/api/modules');
      return {
        status: 'signedIn',
        user: me.user,
        workspaces: me.workspaces,
        workspaceId,
        modules,
        installationOwner: me.installationOwner,
        mayCreateWorkspaces: me.mayCreateWorkspaces,
      };
    },
    [client, selectWorkspace],
  );

  useEffect(() => client.onUnauthorized(() => setState({ status: 'signedOut' })), [client]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        await client.refreshAntiforgery();
        const signedIn = await enter(await api.me());
        if (!cancelled) setState(signedIn);
      } catch {
        // Not signed in, or the server is unreachable: either way the login page is where to go on.
        if (!cancelled) setState({ status: 'signedOut' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, api, enter]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const me = await api.login(email, password);
      await client.refreshAntiforgery();
      setState(await enter(me));
    },
    [client, api, enter],
  );

  const signOut = useCallback(async () => {
    // Whatever the server answers, this tab forgets the session; a cookie that survived shows up again at start-up.
    await api.logout().catch(() => undefined);
    selectWorkspace(null);
    setState({ status: 'signedOut' });
    // A failed refresh is redone by the next unsafe request.
    await client.refreshAntiforgery().catch(() => undefined);
  }, [client, api, selectWorkspace]);

  const switchWorkspace = useCallback(
    (workspaceId: string) => {
      selectWorkspace(workspaceId);
      setState((current) => (current.status === 'signedIn' ? { ...current, workspaceId } : current));
    },
    [selectWorkspace],
  );

  const createWorkspace = useCallback(
    async (name: string) => {
      const workspace = await api.createWorkspace(name);
      selectWorkspace(workspace.id);
      setState((current) =>
        current.status === 'signedIn'
          ? { ...current, workspaces: [...current.workspaces, workspace], workspaceId: workspace.id }
          : current,
      );
    },
    [api, selectWorkspace],
  );

  const joinWorkspace = useCallback(
    (workspace: WorkspaceMembership) => {
      if (state.status !== 'signedIn') return;
      const workspaceId = state.workspaceId ?? workspace.id;
      if (state.workspaceId === null) selectWorkspace(workspaceId);
      setState({
        ...state,
        workspaces: [...state.workspaces.filter((w) => w.id !== workspace.id), workspace],
        workspaceId,
      });
    },
    [state, selectWorkspace],
  );

  const updateUser = useCallback((user: SignedInUser) => {
    setState((current) => (current.status === 'signedIn' ? { ...current, user } : current));
  }, []);

  const session = useMemo(
    () => ({ state, signIn, signOut, switchWorkspace, createWorkspace, joinWorkspace, updateUser }),
    [state, signIn, signOut, switchWorkspace, createWorkspace, joinWorkspace, updateUser],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
