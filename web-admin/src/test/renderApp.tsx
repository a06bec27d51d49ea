import { render, type RenderOptions } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { App } from '../App';
import { ApiProvider } from '../api/ApiContext';
import type { ApiClient } from '../api/client';
import { SessionProvider } from '../shell/Session';

/** The whole SPA at `path`, talking to `client`; a `wrapper` adds providers around it (a fake connection, say). */
export function renderApp(client: ApiClient, path: string, options: Pick<RenderOptions, 'wrapper'> = {}) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <ApiProvider client={client}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ApiProvider>
    </MemoryRouter>,
    options,
  );
}
