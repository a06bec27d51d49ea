import { NavLink, Outlet } from 'react-router-dom';
import { MyInvitations } from '../modules/workspaces/MyInvitations';
import { MyPreferencesButton } from '../modules/workspaces/MyPreferences';
import { MyProfileButton } from '../modules/workspaces/MyProfile';
import { knownModules } from './knownModules';
import { headerItemsFor, type ModulePage } from './navigation';
import { useSession, type SignedIn } from './Session';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function Layout({ session, pages }: { session: SignedIn; pages: readonly ModulePage[] }) {
  const { signOut } = useSession();
  return (
    <div className="shell">
      <header className="shell-header">
        <span className="brand">Lookout</span>
        <WorkspaceSwitcher session={session} />
        {session.workspaceId !== null &&
          // Keyed by workspace, like the page, so that switching reconnects.
          headerItemsFor(session.modules, knownModules).map((HeaderItem, index) => <HeaderItem key={`${session.workspaceId}:${index}`} />)}
        <span className="user-name">{session.user.displayName}</span>
        <MyProfileButton />
        <MyPreferencesButton />
        <button type="button" className="secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav className="shell-nav" aria-label="Main">
        <ul>
          {pages.map((page) => (
            <li key={page.path}>
              <NavLink to={page.path}>{page.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="shell-main">
        <MyInvitations />
        {session.workspaceId === null ? (
          <p>
            {session.mayCreateWorkspaces
              ? 'You do not belong to any workspace yet. Create one with "New workspace".'
              : 'You do not belong to any workspace yet. An Admin of one can invite you.'}
          </p>
        ) : (
          // Keyed by workspace so that switching reloads the page's data.
          <Outlet key={session.workspaceId} />
        )}
      </main>
    </div>
  );
}
