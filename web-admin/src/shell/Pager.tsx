interface PagerProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** How many items the page shows. */
  shown: number;
  /** What the items are, capitalised plural: "Contacts", "Deliveries". */
  noun: string;
  loading: boolean;
  onPage(page: number): void;
}

/** Previous / Next under a paged table, with where the shown items stand in the whole. */
export function Pager({ page, pageSize, total, shown, noun, loading, onPage }: PagerProps) {
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
