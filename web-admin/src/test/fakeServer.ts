import { vi } from 'vitest';
import { ApiClient } from '../api/client';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Answers a request; a promise holds the answer back until the test settles it. */
type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * A stand-in for the backend: routes are keyed "METHOD /path". Each antiforgery request hands out
 * a new token (token-1, token-2, ...) so tests can tell which one a request carried.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  let tokens = 0;
  const all: Record<string, Handler> = {
    'GET /api/workspaces/antiforgery': () => json({ headerName: 'X-XSRF-TOKEN', token: `token-${++tokens}` }),
    // The shell asks for the signed-in user's invitations on every page; most tests have none to show.
    'GET /api/workspaces/me/invitations': () => json([]),
    ...routes,
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    // JSON bodies are parsed; any other body (a CSV upload) is kept as it is.
    const body =
      typeof init?.body === 'string' && headers['Content-Type'] === 'application/json'
        ? JSON.parse(init.body)
        : (init?.body ?? undefined);
    const request = { method, path, headers, body };
    requests.push(request);
    const handler = all[`${method} ${path}`];
    return handler ? handler(request) : problem(404, 'Not Found');
  });
  return {
    fetch,
    requests,
    client: new ApiClient({ fetch }),
    /** The requests made to one route, in order. */
    to: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}

export const alice = { id: 'u1', email: 'alice@example.com', displayName: 'Alice Admin' };
export const workspaces = [
  { id: 'w1', name: 'Acme', role: 'Admin' },
  { id: 'w2', name: 'Globex', role: 'Operator' },
];
export const loadedModules = [{ name: 'workspaces', title: 'Workspaces', order: 10 }];
/** What `GET /api/workspaces/me` answers for Alice: an Admin of Acme who is no installation owner. */
export const aliceSession = { user: alice, workspaces, installationOwner: false, mayCreateWorkspaces: true };

/** The routes a signed-in session starts with, for tests that render the whole app (`renderApp`). */
export function signedIn(me: unknown = aliceSession, modules: unknown = loadedModules) {
  return { 'GET /api/workspaces/me': () => json(me), 'GET /api/modules': () => json(modules) };
}
