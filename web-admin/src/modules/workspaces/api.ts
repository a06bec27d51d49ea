import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import type { ApiClient } from '../../api/client';
import { directoryApi, type Role, type Site, type UserPreferences, type WorkspaceUser } from '../../api/directory';
import type { CsvPreference } from '../../shell/csvPreference';

export { roles, type Role, type Site, type UserPreferences, type WorkspaceUser } from '../../api/directory';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
}

export interface WorkspaceMembership {
  id: string;
  name: string;
  role: Role;
}

/** What `/me` and login answer. */
export interface Me {
  user: SignedInUser;
  workspaces: WorkspaceMembership[];
  /** Runs the installation: its plugin settings, who may create workspaces; a flag, not a workspace role. */
  installationOwner: boolean;
  /** Whether `POST /api/workspaces` would let this user create a workspace. */
  mayCreateWorkspaces: boolean;
}

export interface SiteInput {
  name: string;
  allowedOrigins: string[];
  timeZone: string;
  /** Left out: an update keeps the stored value. */
  anonymizeIp?: boolean;
  /** Left out: an update keeps the stored owner; "" takes it away. */
  defaultOwnerUserId?: string | null;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  /** Omitted: the server generates a temporary password. */
  password?: string;
}

export interface UserChange {
  role: Role;
  /** Only the user themself or an installation owner may change it: left out otherwise. */
  displayName?: string;
}

/** A new account (201): its temporary password is shown once when the server generated it. */
export interface AddedUser {
  user: WorkspaceUser;
  temporaryPassword: string | null;
}

/** An invitation the workspace sent to an email that already has an account; they join when they accept. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedAt: string;
}

/** What adding a user answers: a new account, or an invitation when the email already has one (202). */
export type AddUserResult = { added: AddedUser } | { invited: Invitation };

/** An invitation the signed-in user received. */
export interface ReceivedInvitation {
  id: string;
  workspaceId: string;
  workspaceName: string;
  role: Role;
  /** The display name of who invited them. */
  invitedBy: string;
  invitedAt: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export interface UserPreferencesInput {
  /** Null or blank: times show in the site's time zone. */
  timeZone: string | null;
  csv: CsvPreference;
}

/** The workspaces module's endpoints (`/api/workspaces/...`). */
export function workspacesApi(client: ApiClient) {
  return {
    ...directoryApi(client),
    me: () => client.get<Me>('/api/workspaces/me'),
    updateMyPreferences: (preferences: UserPreferencesInput) =>
      client.put<UserPreferences>('/api/workspaces/me/preferences', preferences),
    login: (email: string, password: string) => client.post<Me>('/api/workspaces/login', { email, password }),
    logout: () => client.post<void>('/api/workspaces/logout'),
    createWorkspace: (name: string) => client.post<WorkspaceMembership>('/api/workspaces', { name }),
    updateMyProfile: (displayName: string) => client.put<SignedInUser>('/api/workspaces/me/profile', { displayName }),
    changeMyPassword: (change: PasswordChange) => client.put<void>('/api/workspaces/me/password', change),

    myInvitations: () => client.get<ReceivedInvitation[]>('/api/workspaces/me/invitations'),
    acceptInvitation: (id: string) =>
      client.post<WorkspaceMembership>(`/api/workspaces/me/invitations/${encodeURIComponent(id)}/accept`),
    declineInvitation: (id: string) =>
      client.post<void>(`/api/workspaces/me/invitations/${encodeURIComponent(id)}/decline`),

    createSite: (site: SiteInput) => client.post<Site>('/api/workspaces/sites', site),
    updateSite: (id: string, site: SiteInput) =>
      client.put<Site>(`/api/workspaces/sites/${encodeURIComponent(id)}`, site),
    deleteSite: (id: string) => client.delete(`/api/workspaces/sites/${encodeURIComponent(id)}`),

    /** An answer with `temporaryPassword` is a new account (201); one without is an invitation (202). */
    addUser: async (user: NewUser): Promise<AddUserResult> => {
      const answer = await client.post<AddedUser | Invitation>('/api/workspaces/users', user);
      return 'user' in answer ? { added: answer } : { invited: answer };
    },
    updateUser: (id: string, change: UserChange) =>
      client.put<WorkspaceUser>(`/api/workspaces/users/${encodeURIComponent(id)}`, change),
    removeUser: (id: string) => client.delete(`/api/workspaces/users/${encodeURIComponent(id)}`),

    listInvitations: () => client.get<Invitation[]>('/api/workspaces/invitations'),
    withdrawInvitation: (id: string) => client.delete(`/api/workspaces/invitations/${encodeURIComponent(id)}`),
  };
}

export type WorkspacesApi = ReturnType<typeof workspacesApi>;

export function useWorkspacesApi(): WorkspacesApi {
  const client = useApi();
  return useMemo(() => workspacesApi(client), [client]);
}
