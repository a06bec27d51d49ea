/** An RFC 7807 problem as the server sends it, with field errors keyed by form field name. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** Messages per form field: `allowedOrigins[1]` is filed under `allowedOrigins`. */
  errors: Record<string, string[]>;
  /** The same messages per JSON path, for forms with nested or listed fields: `csv.delimiter`, `adHoc[2]`. */
  errorsByPath: Record<string, string[]>;
  /** The body's other members (RFC 9457 extensions), such as the `references` of a refused delete. */
  extensions: Record<string, unknown>;
}

/** A request that did not succeed; `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

const fallbackTitles: Record<number, string> = {
  0: 'Could not reach the server',
  401: 'Please sign in',
  403: 'You are not allowed to do that in this workspace',
  404: 'Not found',
  429: 'Too many requests, try again later',
};

function fallbackTitle(status: number): string {
  return fallbackTitles[status] ?? `Request failed (${status})`;
}

/**
 * The form field a server error key belongs to: `allowedOrigins[1]` → `allowedOrigins`.
 * A leading `$.` (System.Text.Json paths) and a capital first letter are tolerated.
 */
export function fieldNameOf(key: string): string {
  const path = key.startsWith('$.') ? key.slice(2) : key;
  const field = path.split(/[[.]/, 1)[0] ?? '';
  return field.charAt(0).toLowerCase() + field.slice(1);
}

/**
 * A server error key as a JSON path of camelCase names: `$.Csv.Delimiter` → `csv.delimiter`.
 * Index brackets are kept: `adHoc[2]` stays `adHoc[2]`.
 */
export function errorPathOf(key: string): string {
  const path = key.startsWith('$.') ? key.slice(2) : key;
  return path
    .split('.')
    .map((segment) => segment.charAt(0).toLowerCase() + segment.slice(1))
    .join('.');
}

function groupErrors(errors: unknown, keyOf: (key: string) => string): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  if (typeof errors !== 'object' || errors === null) return grouped;
  for (const [key, value] of Object.entries(errors)) {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (message): message is string => typeof message === 'string',
    );
    const groupKey = keyOf(key);
    grouped[groupKey] = [...(grouped[groupKey] ?? []), ...messages];
  }
  return grouped;
}

export function fieldErrorsOf(errors: unknown): Record<string, string[]> {
  return groupErrors(errors, fieldNameOf);
}

const standardMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/** Reads a failed response as a problem, whatever its body turns out to be. */
export async function readProblem(response: Response): Promise<Problem> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    type: typeof raw.type === 'string' ? raw.type : undefined,
    title: typeof raw.title === 'string' && raw.title !== '' ? raw.title : fallbackTitle(response.status),
    status: response.status,
    detail: typeof raw.detail === 'string' && raw.detail !== '' ? raw.detail : undefined,
    errors: fieldErrorsOf(raw.errors),
    errorsByPath: groupErrors(raw.errors, errorPathOf),
    extensions: Object.fromEntries(Object.entries(raw).filter(([member]) => !standardMembers.has(member))),
  };
}

export function unreachable(): ApiError {
  return new ApiError({ title: fallbackTitle(0), status: 0, errors: {}, errorsByPath: {}, extensions: {} });
}
