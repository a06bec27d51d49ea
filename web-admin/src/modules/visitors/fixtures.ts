import { fakeHub } from '../../test/fakeHub';
import type { Lead, LiveVisitor, PageView, Visit, VisitorSummary } from './api';

export function liveVisitor(
  visitor: Partial<VisitorSummary> = {},
  names: Partial<Omit<LiveVisitor, 'visitor'>> = {},
): LiveVisitor {
  return {
    visitor: {
      workspaceId: 'w1',
      siteId: 's1',
      visitorId: 'v1',
      currentUrl: 'https://shop.example/pricing',
      currentTitle: 'Pricing',
      pageEnteredAt: null,
      currentDwellMs: 42_000,
      pagesThisVisit: 3,
      visitStartedAt: '2026-11-21T09:50:00Z',
      lastSeenAt: '2026-11-21T09:59:00Z',
      timeOnSiteMs: 540_000,
      referrer: 'https://www.google.com/search?q=blue+shoes',
      searchEngine: 'Google',
      searchKeywords: 'blue shoes',
      returning: true,
      visitCount: 3,
      countryCode: 'FR',
      countryName: 'France',
      city: 'Paris',
      organization: 'Orange',
      device: 'Desktop',
      browser: 'Firefox',
      os: 'Linux',
      leadId: null,
      left: false,
      ...visitor,
    },
    siteName: 'Shop',
    leadName: null,
    leadEmail: null,
    leadCompany: null,
    ownerName: null,
    ...names,
  };
}

export function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    number: 1,
    startedAt: Date.parse('2026-11-20T14:00:00Z'),
    lastActivityAt: Date.parse('2026-11-20T14:12:00Z'),
    entryUrl: 'https://shop.example/',
    referrer: null,
    searchEngine: null,
    searchKeywords: null,
    utmSource: 'newsletter',
    utmMedium: 'email',
    utmCampaign: 'autumn',
    countryCode: 'FR',
    countryName: 'France',
    city: 'Lyon',
    organization: 'Orange',
    device: 'Desktop',
    browser: 'Firefox',
    os: 'Linux',
    pageViews: 2,
    ...overrides,
  };
}

export function pageView(overrides: Partial<PageView> = {}): PageView {
  return {
    pageId: 'p1',
    visitNumber: 1,
    url: 'https://shop.example/',
    title: 'Home',
    referrer: null,
    enteredAt: Date.parse('2026-11-20T14:00:00Z'),
    dwellMs: 95_000,
    ...overrides,
  };
}

export function lead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'l1',
    email: 'dana@initech.example',
    name: 'Dana Scully',
    company: 'Initech',
    phone: '+33 1 23 45 67 89',
    ownerUserId: null,
    ownerName: null,
    tags: ['trade fair'],
    createdAt: '2026-11-20T14:05:00Z',
    updatedAt: '2026-11-21T08:00:00Z',
    ...overrides,
  };
}

/** The live hub as a test drives it: `hub.current.push('visitor', ...)`. */
export function fakeLiveHub() {
  return fakeHub<{ visitor: [LiveVisitor]; visitorGone: [string, string] }>('live hub');
}
