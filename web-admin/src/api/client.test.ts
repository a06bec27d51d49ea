import { describe, expect, it, vi } from 'vitest';
import { json, noContent, problem, fakeServer } from '../test/fakeServer';
import { ApiError } from './problem';

const antiforgeryFailure = () => problem(400, 'Antiforgery token validation failed');

describe('ApiClient', () => {
  it('sends the current workspace on every request and no antiforgery token on GET', async () => {
    const server = fakeServer({ 'GET /api/workspaces/sites': () => json([]) });
    server.client.setWorkspaceId('w42');

    await server.client.get('/api/workspaces/sites');

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['X-Workspace-Id']).toBe('w42');
    expect(server.requests[0]?.headers['X-XSRF-TOKEN']).toBeUndefined();
  });

  it('adds the antiforgery token under the header name the server gives on unsafe methods', async () => {
    const server = fakeServer({
      'GET /api/workspaces/antiforgery': () => json({ headerName: 'X-Custom-Token', token: 'abc' }),
      'POST /api/workspaces/sites': () => json({ id: 's1' }, 201),
      'PUT /api/workspaces/sites/s1': () => json({ id: 's1' }),
      'DELETE /api/workspaces/sites/s1': () => noContent(),
    });
    server.client.setWorkspaceId('w1');

    await server.client.post('/api/workspaces/sites', { name: 'Shop' });
    await server.client.put('/api/workspaces/sites/s1', { name: 'Shop' });
    await server.client.delete('/api/workspaces/sites/s1');

    expect(server.to('GET', '/api/workspaces/antiforgery')).toHaveLength(1);
    const unsafe = server.requests.filter((r) => r.method !== 'GET');
    expect(unsafe.map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
    for (const request of unsafe) {
      expect(request.headers['X-Custom-Token']).toBe('abc');
      expect(request.headers['X-Workspace-Id']).toBe('w1');
    }
    expect(unsafe[0]?.body).toEqual({ name: 'Shop' });
    expect(unsafe[0]?.headers['Content-Type']).toBe('application/json');
  });

  it('fetches a fresh token and retries once when antiforgery validation fails', async () => {
    let attempts = 0;
    const server = fakeServer({
      'POST /api/workspaces/sites': (request) =>
        ++attempts === 1 ? antiforgeryFailure() : json({ id: 's1', token: request.headers['X-XSRF-TOKEN'] }, 201),
    });
    await server.client.refreshAntiforgery();

    const created = await server.client.post<{ id: string; token: string }>('/api/workspaces/sites', {});

    expect(created).toEqual({ id: 's1', token: 'token-2' });
    expect(server.to('POST', '/api/workspaces/sites').map((r) => r.headers['X-XSRF-TOKEN'])).toEqual([
      'token-1',
      'token-2',
    ]);
  });

  it('gives up after one retry', async () => {
    const server = fakeServer({ 'POST /api/workspaces/logout': antiforgeryFailure });

    const failure = server.client.post('/api/workspaces/logout');

    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, message: 'Antiforgery token validation failed' });
    expect(server.to('POST', '/api/workspaces/logout')).toHaveLength(2);
  });

  it('does not retry other 400s', async () => {
    const server = fakeServer({
      'POST /api/workspaces/sites': () =>
        problem(400, 'One or more validation errors occurred.', { errors: { 'allowedOrigins[1]': ['Bad origin.'] } }),
    });

    const error = await server.client.post('/api/workspaces/sites', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.errors).toEqual({ allowedOrigins: ['Bad origin.'] });
    expect(server.to('POST', '/api/workspaces/sites')).toHaveLength(1);
  });

  it('posts raw text with its content type and downloads a file with the workspace header', async () => {
    const server = fakeServer({
      'POST /api/contacts/import': () => json({ importId: 'i1' }),
      'GET /api/contacts/export?delimiter=%3B': () =>
        new Response('name;email\n', { headers: { 'Content-Type': 'text/csv' } }),
    });
    server.client.setWorkspaceId('w7');

    const uploaded = server.client.postRaw('/api/contacts/import', 'name\nAda\n', 'text/csv');
    await expect(uploaded).resolves.toEqual({ importId: 'i1' });
    const file = await server.client.download('/api/contacts/export?delimiter=%3B');

    expect(await file.text()).toBe('name;email\n');
    const [upload, download] = server.requests.filter((r) => r.path.startsWith('/api/contacts'));
    expect(upload?.body).toBe('name\nAda\n');
    expect(upload?.headers['Content-Type']).toBe('text/csv');
    expect(upload?.headers['X-XSRF-TOKEN']).toBe('token-1');
    expect(download?.headers['X-Workspace-Id']).toBe('w7');
  });

  it('tells its listeners about a 401', async () => {
    const server = fakeServer({ 'GET /api/workspaces/users': () => problem(401, 'Unauthorized') });
    const listener = vi.fn();
    server.client.onUnauthorized(listener);

    await expect(server.client.get('/api/workspaces/users')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('answers undefined for 204 and reports an unreachable server as status 0', async () => {
    const server = fakeServer({ 'DELETE /api/workspaces/users/u1': () => noContent() });
    await expect(server.client.delete('/api/workspaces/users/u1')).resolves.toBeUndefined();

    server.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(server.client.get('/api/workspaces/users')).rejects.toMatchObject({
      status: 0,
      message: 'Could not reach the server',
    });
  });
});
