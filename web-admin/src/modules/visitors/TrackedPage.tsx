/** A tracked page: its title, with the URL under it as plain text (never a link: both come from the tracker). */
export function TrackedPage({ title, url }: { title: string | null; url: string | null }) {
  return (
    <>
      <div>{title || url || ''}</div>
      {title && url && <div className="secondary-text url">{url}</div>}
    </>
  );
}
