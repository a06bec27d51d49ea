import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../App';
import { ApiProvider } from '../api/ApiContext';
import type { ApiClient } from '../api/client';
import { SessionProvider } from '../shell/Session';

/** The whole SPA at `path`, talking to `client`. */
export function renderApp(client: ApiClient, path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <ApiProvider client={client}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ApiProvider>
    </MemoryRouter>,
  );
}
