import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy*/waitFor give up after this long. The default second is short when the suite shares two cores with a
// build: a page's first render imports its module and can take longer. Waiting longer never makes a failing test pass.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
});
