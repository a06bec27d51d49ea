import type { LiveVisitor, VisitorSummary } from './api';

/** `m:ss` under an hour, `h:mm:ss` from then on. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** An ISO string or milliseconds since 1970, in the browser's locale and time zone. */
export function formatTime(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/**
 * Time on the current page: counted on from the moment the visitor entered it while the visitor is still there,
 * the server's last measure once it left.
 */
export function dwellOnCurrentPage(visitor: VisitorSummary, now: number): number {
  const enteredAt = visitor.pageEnteredAt === null ? Number.NaN : Date.parse(visitor.pageEnteredAt);
  if (visitor.left || Number.isNaN(enteredAt)) return visitor.currentDwellMs;
  return Math.max(visitor.currentDwellMs, now - enteredAt);
}

interface Place {
  countryName: string | null;
  city: string | null;
}

export function locationOf({ countryName, city }: Place): string {
  return [countryName, city].filter(Boolean).join(' / ') || 'Unknown';
}

interface Source {
  referrer: string | null;
  searchEngine: string | null;
  searchKeywords: string | null;
}

/** Search keywords when the visitor came from a search engine, else the referrer, else "Direct". */
export function sourceOf({ referrer, searchEngine, searchKeywords }: Source): string {
  if (searchKeywords) return searchEngine ? `${searchEngine}: "${searchKeywords}"` : `"${searchKeywords}"`;
  if (searchEngine) return searchEngine;
  return referrer || 'Direct';
}

interface Software {
  device: string | null;
  browser: string | null;
  os: string | null;
}

export function softwareOf({ device, browser, os }: Software): string {
  return [device, browser, os].filter(Boolean).join(', ');
}

/** The lead's name or email when the visitor is known, else nothing to tell it by. */
export function visitorName(live: LiveVisitor): string {
  return live.leadName || live.leadEmail || 'Anonymous visitor';
}

export function newOrReturning(visitor: VisitorSummary): string {
  return visitor.returning ? `Returning (visit ${visitor.visitCount})` : 'New';
}

/** The app route of a visitor's detail page. */
export function visitorPath(siteId: string, visitorId: string): string {
  return `/visitors/${encodeURIComponent(siteId)}/${encodeURIComponent(visitorId)}`;
}
