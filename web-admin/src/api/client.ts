import { ApiError, readProblem, unreachable } from './problem';

export const antiforgeryFailedTitle = 'Antiforgery token validation failed';

interface AntiforgeryToken {
  headerName: string;
  token: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestBody {
  contentType: string;
  content: string | Blob;
}

function jsonBody(body: unknown): RequestBody | undefined {
  return body === undefined ? undefined : { contentType: 'application/json', content: JSON.stringify(body) };
}

export interface ApiClientOptions {
  /** Defaults to the global fetch; tests pass their own. */
  fetch?: typeof fetch;
}

/**
 * The one way the SPA talks to the server: cookie auth, the current workspace in `X-Workspace-Id`,
 * an antiforgery token on unsafe methods, and failures turned into {@link ApiError}s.
 */
export class ApiClient {
  readonly #fetch: typeof fetch;
  #workspaceId: string | null = null;
  #antiforgery: AntiforgeryToken | null = null;
  readonly #unauthorizedListeners = new Set<() => void>();

  constructor(options: ApiClientOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  setWorkspaceId(workspaceId: string | null): void {
    this.#workspaceId = workspaceId;
  }

  /** Called whenever the server answers 401; returns the unsubscribe function. */
  onUnauthorized(listener: () => void): () => void {
    this.#unauthorizedListeners.add(listener);
    return () => this.#unauthorizedListeners.delete(listener);
  }

  /** The token is bound to the signed-in identity: refresh it at start-up, after login and after logout. */
  async refreshAntiforgery(): Promise<void> {
    this.#antiforgery = null;
    this.#antiforgery = await this.get<AntiforgeryToken>('/api/workspaces/antiforgery');
  }

  get<T>(path: string): Promise<T> {
    return this.#request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.#request<T>('POST', path, jsonBody(body));
  }

  /** Posts `content` as it is (a CSV file, say, sent straight from disk) and reads a JSON answer. */
  postRaw<T>(path: string, content: string | Blob, contentType: string): Promise<T> {
    return this.#request<T>('POST', path, { contentType, content });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.#request<T>('PUT', path, jsonBody(body));
  }

  /** Most deletions answer 204; a few answer with what is left (a plugin's settings after a reset). */
  delete<T = void>(path: string): Promise<T> {
    return this.#request<T>('DELETE', path);
  }

  /** Reads a file the server makes (an export); unlike a plain link, this sends the workspace header. */
  download(path: string): Promise<Blob> {
    return this.#request<Blob>('GET', path, undefined, 'blob');
  }

  async #request<T>(
    method: Method,
    path: string,
    body?: RequestBody,
    answer: 'json' | 'blob' = 'json',
    isRetry = false,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: answer === 'json' ? 'application/json' : '*/*' };
    if (body !== undefined) headers['Content-Type'] = body.contentType;
    if (this.#workspaceId !== null) headers['X-Workspace-Id'] = this.#workspaceId;
    if (method !== 'GET') {
      if (this.#antiforgery === null) await this.refreshAntiforgery();
      if (this.#antiforgery !== null) headers[this.#antiforgery.headerName] = this.#antiforgery.token;
    }

    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body?.content,
      });
    } catch {
      throw unreachable();
    }

    if (response.ok) {
      if (response.status === 204) return undefined as T;
      if (answer === 'blob') return (await response.blob()) as T;
      const text = await response.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    }

    const problem = await readProblem(response);
    if (response.status === 401) this.#unauthorizedListeners.forEach((listener) => listener());
    if (method !== 'GET' && !isRetry && response.status === 400 && problem.title === antiforgeryFailedTitle) {
      await this.refreshAntiforgery();
      return this.#request<T>(method, path, body, answer, true);
    }
    throw new ApiError(problem);
  }
}
