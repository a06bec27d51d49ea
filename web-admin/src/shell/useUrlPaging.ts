import { useSearchParams } from 'react-router-dom';
import type { Paging } from '../api/page';

/** The server's largest page (the kernel's `PageRequest.MaxPageSize`). */
const maxPageSize = 200;

export interface UrlPaging extends Paging {
  /** A value the list keeps in the address beside its page (a search, a filter); '' when there is none. */
  param(name: string): string;
  /** Shows the first page under these filters; blank ones are left out of the address. */
  show(filters: Record<string, string>): void;
  /** Shows another page under the same filters and page size. */
  goTo(page: number): void;
}

function wholeNumber(text: string | null, fallback: number, max: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

/**
 * A list's page, page size and filters, kept in the address (`?search=ann&page=2&pageSize=50`) so that a reload,
 * Back, or a shared link shows the same page. The default page and page size stay out of the address.
 */
export function useUrlPaging(defaultPageSize: number): UrlPaging {
  const [params, setParams] = useSearchParams();
  const page = wholeNumber(params.get('page'), 1, Number.MAX_SAFE_INTEGER);
  const pageSize = wholeNumber(params.get('pageSize'), defaultPageSize, maxPageSize);

  function navigate(filters: Record<string, string>, nextPage: number) {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) if (value !== '') next.set(name, value);
    if (nextPage > 1) next.set('page', String(nextPage));
    if (pageSize !== defaultPageSize) next.set('pageSize', String(pageSize));
    setParams(next);
  }

  function filters(): Record<string, string> {
    const current: Record<string, string> = {};
    params.forEach((value, name) => {
      if (name !== 'page' && name !== 'pageSize') current[name] = value;
    });
    return current;
  }

  return {
    page,
    pageSize,
    param: (name) => params.get(name) ?? '',
    show: (next) => navigate(next, 1),
    goTo: (nextPage) => navigate(filters(), nextPage),
  };
}
