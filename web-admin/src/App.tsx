import { Navigate, Route, Routes } from 'react-router-dom';
import { LoginPage } from './modules/workspaces/LoginPage';
import { Layout } from './shell/Layout';
import { knownModules } from './shell/knownModules';
import { navigationFor } from './shell/navigation';
import { useSession } from './shell/Session';

export function App() {
  const { state } = useSession();

  if (state.status === 'loading') return <p className="loading">Loading…</p>;
  if (state.status === 'signedOut') {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace />} />
      </Routes>
    );
  }

  const pages = navigationFor(state.modules, knownModules);
  const home = pages[0]?.path;
  return (
    <Routes>
      <Route path="/login" element={<Navigate to={home ?? '/'} replace />} />
      <Route element={<Layout session={state} pages={pages} />}>
        {pages.map(({ path, Page }) => (
          // A page owns the paths below its own (a detail page, say) through nested <Routes>.
          <Route key={path} path={`${path}/*`} element={<Page />} />
        ))}
        <Route path="*" element={home === undefined ? <p>No modules are loaded.</p> : <Navigate to={home} replace />} />
      </Route>
    </Routes>
  );
}
