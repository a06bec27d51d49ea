import { useCallback, useEffect, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { formErrorsFrom } from './forms';

export interface Load<T> {
  /** null until the first load answers. */
  loaded: T | null;
  loading: boolean;
  /** What the last load's failure says, for a FormAlert. */
  errors: string[];
  setLoaded: Dispatch<SetStateAction<T | null>>;
  setErrors: Dispatch<SetStateAction<string[]>>;
  /** Loads again with the same `deps` (after a change this page made), keeping what it shows until the answer. */
  reload(): void;
}

/**
 * Loads what a page shows, again whenever one of `deps` changes; an answer that arrives after the next load started
 * (or after the page left) is dropped, so a slow old answer never replaces a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Load<T> {
  const [loaded, setLoaded] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [errors, setErrors] = useState<string[]>([]);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    load().then(
      (value) => {
        if (cancelled) return;
        setLoaded(value);
        setErrors([]);
        setLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        setErrors(formErrorsFrom(error, []).alerts);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // The caller names what the load depends on; `load` itself is a new closure on every render.
  }, [...deps, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { loaded, loading, errors, setLoaded, setErrors, reload };
}
