import { auditServer, type AuditRequirement, type AuditResult } from 'graphql-http';
import type { FetchLike } from './lambda-fetch.ts';

export interface AuditCounts {
  readonly passed: number;
  readonly total: number;
}

export interface AuditReport {
  readonly counts: Record<AuditRequirement, AuditCounts>;
  /** Every MUST and SHOULD that failed, with graphql-http's reason: the target is none. */
  readonly failures: string[];
}

/**
 * graphql-http's GraphQL-over-HTTP conformance audit (`auditServer`), every request carrying the
 * bearer token, as every request to this API must (on AWS the JWT authorizer refuses any other).
 */
export async function auditGraphqlOverHttp(url: string, fetchFn: FetchLike, token: string): Promise<AuditReport> {
  const withToken: FetchLike = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetchFn(input, { ...init, headers });
  };
  const results: AuditResult[] = await auditServer({ url, fetchFn: withToken });
  const level = (result: AuditResult) => result.name.split(' ')[0] as AuditRequirement;
  const counts = Object.fromEntries(
    (['MUST', 'SHOULD', 'MAY'] as const).map((requirement) => {
      const ofLevel = results.filter((result) => level(result) === requirement);
      return [requirement, { passed: ofLevel.filter((r) => r.status === 'ok').length, total: ofLevel.length }];
    }),
  ) as Record<AuditRequirement, AuditCounts>;
  const failures = results
    .filter((result) => result.status !== 'ok' && level(result) !== 'MAY')
    .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
  return { counts, failures };
}
