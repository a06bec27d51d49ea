import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { useUrlPaging } from './useUrlPaging';

function renderPaging(address: string) {
  const wrapper = ({ children }: { children: ReactNode }) => <MemoryRouter initialEntries={[address]}>{children}</MemoryRouter>;
  return renderHook(() => ({ paging: useUrlPaging(25), location: useLocation() }), { wrapper });
}

describe('useUrlPaging', () => {
  it('reads page, page size and filters from the address', () => {
    const { result } = renderPaging('/contacts?search=ann&page=3&pageSize=50');

    expect(result.current.paging).toMatchObject({ page: 3, pageSize: 50 });
    expect(result.current.paging.param('search')).toBe('ann');
    expect(result.current.paging.param('status')).toBe('');
  });

  it('falls back to page 1 and the default size for what the server would refuse', () => {
    const { result } = renderPaging('/contacts?page=0&pageSize=5000');

    expect(result.current.paging).toMatchObject({ page: 1, pageSize: 25 });
  });

  it('keeps filters and page size when going to another page, and starts at page 1 on new filters', () => {
    const { result } = renderPaging('/deliveries?status=dead&pageSize=50');

    act(() => result.current.paging.goTo(2));
    expect(result.current.location.search).toBe('?status=dead&page=2&pageSize=50');

    act(() => result.current.paging.show({ status: '', recipient: 'ann' }));
    expect(result.current.location.search).toBe('?recipient=ann&pageSize=50');
  });
});
