import { useRef, useState } from 'react';
import type { Site } from './api';

export function TrackingSnippet({ site }: { site: Site }) {
  const snippet = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(site.snippet);
      setStatus('Copied');
    } catch {
      // No clipboard access (plain HTTP, or refused): leave the copying to the keyboard.
      snippet.current?.select();
      setStatus('Selected: press Ctrl+C to copy');
    }
  }

  return (
    <section className="panel" aria-labelledby="tracking-snippet-heading">
      <h2 id="tracking-snippet-heading">Tracking snippet for {site.name}</h2>
      <p>Paste this tag into every page of the site.</p>
      <textarea ref={snippet} aria-label="Tracking snippet" readOnly rows={3} value={site.snippet} />
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <span role="status">{status}</span>
      </div>
    </section>
  );
}
