import type { CountryFactsOf } from '../shared/domain/access.ts';
import type { MembershipReads } from './membership.repository.ts';

/**
 * What Access asks membership about the caller's country: its member status and whether it holds
 * an open co-chair term. Both are read through the request's reader, so they go out in one batch
 * with whatever else the first level of the query reads.
 */
export function countryFacts(reader: MembershipReads): CountryFactsOf {
  return async (country) => {
    const [member, coChairs] = await Promise.all([reader.member(country), reader.coChairState()]);
    return {
      memberStatus: member?.status ?? null,
      holdsCoChairTerm: coChairs.open.some((term) => term.country === country),
    };
  };
}
