import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import type { ApiClient } from '../../api/client';
import { pageQuery, type Page, type Paging } from '../../api/page';

/**
 * Every string here except ids and ISO times comes from a tracked browser and is hostile:
 * render it as text only, and never turn a tracked URL into a link.
 */
export interface VisitorSummary {
  workspaceId: string;
  siteId: string;
  visitorId: string;
  currentUrl: string | null;
  currentTitle: string | null;
  /** ISO time (server clock); null before the first page view. */
  pageEnteredAt: string | null;
  currentDwellMs: number;
  pagesThisVisit: number;
  visitStartedAt: string;
  lastSeenAt: string;
  timeOnSiteMs: number;
  referrer: string | null;
  searchEngine: string | null;
  searchKeywords: string | null;
  returning: boolean;
  visitCount: number;
  countryCode: string | null;
  countryName: string | null;
  city: string | null;
  organization: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  leadId: string | null;
  left: boolean;
}

/** A visitor on a site now, with the names the live view shows next to it. */
export interface LiveVisitor {
  visitor: VisitorSummary;
  siteName: string | null;
  leadName: string | null;
  leadEmail: string | null;
  leadCompany: string | null;
  ownerName: string | null;
}

/** A page of the visit in progress; times are ISO strings. */
export interface CurrentVisitPage {
  pageId: string;
  url: string;
  title: string | null;
  referrer: string | null;
  enteredAt: string;
  seenUntil: string;
  logged: boolean;
  excluded: boolean;
  dwellMs: number;
}

/** Times in history rows are milliseconds since 1970. */
export interface Visit {
  number: number;
  startedAt: number;
  lastActivityAt: number;
  entryUrl: string | null;
  referrer: string | null;
  searchEngine: string | null;
  searchKeywords: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  countryCode: string | null;
  countryName: string | null;
  city: string | null;
  organization: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  pageViews: number;
}

export interface PageView {
  pageId: string;
  visitNumber: number;
  url: string;
  title: string | null;
  referrer: string | null;
  /** Milliseconds since 1970. */
  enteredAt: number;
  dwellMs: number;
}

export interface VisitorDetail {
  /** null when the visitor is not on the site now. */
  now: LiveVisitor | null;
  currentVisitPages: CurrentVisitPage[];
  visits: Visit[];
  pageViews: PageView[];
}

export interface Lead {
  id: string;
  email: string;
  name: string | null;
  company: string | null;
  phone: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** One visitor linked to a lead, with its history. */
export interface LeadVisitor {
  siteId: string;
  visitorId: string;
  visits: Visit[];
  pageViews: PageView[];
}

export interface LeadDetail {
  lead: Lead;
  visitors: LeadVisitor[];
}

export interface LeadChange {
  /** "" takes the owner away. */
  ownerUserId: string;
  tags: string[];
}

export const leadsPageSize = 50;

function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The visitors module's endpoints (`/api/visitors/...`). */
export function visitorsApi(client: ApiClient) {
  return {
    live: () => client.get<LiveVisitor[]>('/api/visitors/live'),
    visitor: (siteId: string, visitorId: string) =>
      client.get<VisitorDetail>(`/api/visitors/${segment(siteId)}/${segment(visitorId)}`),

    leads: (search: string, paging: Paging) => client.get<Page<Lead>>(`/api/visitors/leads?${pageQuery({ search }, paging)}`),
    lead: (id: string) => client.get<LeadDetail>(`/api/visitors/leads/${segment(id)}`),
    updateLead: (id: string, change: LeadChange) => client.put<Lead>(`/api/visitors/leads/${segment(id)}`, change),
  };
}

export type VisitorsApi = ReturnType<typeof visitorsApi>;

export function useVisitorsApi(): VisitorsApi {
  const client = useApi();
  return useMemo(() => visitorsApi(client), [client]);
}
