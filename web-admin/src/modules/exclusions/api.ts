import { useMemo } from 'react';
import { useApi } from '../../api/ApiContext';
import type { ApiClient } from '../../api/client';

export const exclusionKinds = ['Page', 'Ip', 'Referrer', 'SearchKeywords', 'Country', 'UserAgent'] as const;
export type ExclusionKind = (typeof exclusionKinds)[number];

/** How each kind is named on screen, and what its pattern looks like. */
export const kindInfo: Record<ExclusionKind, { label: string; example: string }> = {
  Page: { label: 'Page', example: 'support/*.*; hidden*.htm; *source=adwords' },
  Ip: { label: 'IP address', example: '192.168.*; 10.0.0.0/8; 2001:db8::/32' },
  Referrer: { label: 'Referrer', example: '*.spam.example/*; badsite' },
  SearchKeywords: { label: 'Search keywords', example: 'jobs; free trial' },
  Country: { label: 'Country', example: 'RU; Germany; Côte d’Ivoire' },
  UserAgent: { label: 'User agent', example: 'HeadlessChrome; curl/*' },
};

export interface Exclusion {
  id: string;
  /** null: every site of the workspace. */
  siteId: string | null;
  kind: ExclusionKind;
  /** Entries separated by `;`. */
  pattern: string;
  note: string;
  enabled: boolean;
  hitCount: number;
  lastHitAt: string | null;
}

export interface ExclusionInput {
  siteId: string | null;
  kind: ExclusionKind;
  pattern: string;
  note: string;
  enabled: boolean;
}

/** A page view to try the exclusions on; empty values are left out. */
export interface ExclusionSample {
  siteId: string;
  url?: string;
  ip?: string;
  referrer?: string;
  searchKeywords?: string;
  country?: string;
  userAgent?: string;
}

export interface ExclusionTestResult {
  excluded: boolean;
  exclusion: Exclusion | null;
}

export interface Country {
  code: string;
  name: string;
}

/** The exclusions module's endpoints (`/api/exclusions/...`). */
export function exclusionsApi(client: ApiClient) {
  return {
    list: () => client.get<Exclusion[]>('/api/exclusions'),
    create: (exclusion: ExclusionInput) => client.post<Exclusion>('/api/exclusions', exclusion),
    update: (id: string, exclusion: ExclusionInput) =>
      client.put<Exclusion>(`/api/exclusions/${encodeURIComponent(id)}`, exclusion),
    remove: (id: string) => client.delete(`/api/exclusions/${encodeURIComponent(id)}`),
    test: (sample: ExclusionSample) => client.post<ExclusionTestResult>('/api/exclusions/test', sample),
    countries: () => client.get<Country[]>('/api/exclusions/countries'),
  };
}

export type ExclusionsApi = ReturnType<typeof exclusionsApi>;

export function useExclusionsApi(): ExclusionsApi {
  const client = useApi();
  return useMemo(() => exclusionsApi(client), [client]);
}
