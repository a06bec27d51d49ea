import type { Page } from '../api/page';

interface PagerProps {
  /** The page shown. */
  of: Page<unknown>;
  /** What the items are, capitalised plural: "Contacts", "Deliveries". */
  noun: string;
  loading: boolean;
  onPage(page: number): void;
}

/** Previous / Next under a paged table, with where the shown items stand in the whole. */
export function Pager({ of, noun, loading, onPage }: PagerProps) {
  const { page, pageSize, total } = of;
  const shown = of.items.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize;
  return (
    <div className="actions pager">
      <button type="button" className="secondary" disabled={loading || page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        {shown === 0
          ? `No ${noun.toLowerCase()} on page ${page} of ${pageCount}`
          : `${noun} ${first + 1}–${first + shown} of ${total}`}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={loading || page >= pageCount}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </div>
  );
}
