import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLoad } from './useLoad';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('useLoad', () => {
  it('keeps the answer of the newest load when an older one arrives later', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    const { result, rerender } = renderHook(({ n }) => useLoad(() => answers[n]!.promise, [n]), { initialProps: { n: 0 } });
    rerender({ n: 1 });

    await act(async () => answers[1]!.resolve('page 2'));
    await act(async () => answers[0]!.resolve('page 1'));

    expect(result.current.loaded).toBe('page 2');
    expect(result.current.loading).toBe(false);
  });

  it('says what went wrong and stops loading', async () => {
    const { result } = renderHook(() => useLoad(() => Promise.reject(new Error('The server could not be reached.')), []));

    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.loaded).toBeNull();
    expect(result.current.errors).toEqual(['The server could not be reached.']);
  });

  it('loads again on reload() with the same deps', async () => {
    let calls = 0;
    const { result } = renderHook(() => useLoad(() => Promise.resolve(++calls), []));
    await waitFor(() => expect(result.current.loaded).toBe(1));

    act(() => result.current.reload());

    await waitFor(() => expect(result.current.loaded).toBe(2));
    expect(calls).toBe(2);
  });
});
