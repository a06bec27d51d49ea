import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { ApiProvider } from './api/ApiContext';
import { ApiClient } from './api/client';
import { connectOperatorsHub, OperatorsHubProvider } from './modules/workspaces/operators/operatorsHub';
import { SessionProvider } from './shell/Session';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <ApiProvider client={new ApiClient()}>
        <SessionProvider>
          <OperatorsHubProvider connect={connectOperatorsHub}>
            <App />
          </OperatorsHubProvider>
        </SessionProvider>
      </ApiProvider>
    </BrowserRouter>
  </StrictMode>,
);
