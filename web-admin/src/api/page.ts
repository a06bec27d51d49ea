/** One page of a list, as every list endpoint answers it (the kernel's `Page<T>`). */
export interface Page<T> {
  items: T[];
  /** How many match in all. */
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Which page a list endpoint is asked for (the kernel's `PageRequest`: `page`, `pageSize`). */
export interface Paging {
  page: number;
  pageSize: number;
}

/** The query of a list endpoint: its filters (blank ones left out), then `page` and `pageSize`. */
export function pageQuery(filters: Record<string, string>, paging: Paging): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== '') query.set(name, value);
  query.set('page', String(paging.page));
  query.set('pageSize', String(paging.pageSize));
  return query;
}
