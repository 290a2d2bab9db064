import type { Logger } from '@aws-lambda-powertools/logger';
import type { Claims } from '../shared/claims.ts';
import type { Clock, IdGenerator } from '../shared/clock.ts';
import { MembershipService } from '../membership/membership.service.ts';
import type { MembershipRepository } from '../membership/membership.repository.ts';

/** What lives for the whole container: repositories, clock, id source, logger. */
export interface Services {
  readonly membership: MembershipRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly logger: Logger;
}

/** What one request's resolvers see: its identity and its per-request services. */
export interface GraphqlContext {
  readonly requestId: string;
  readonly claims: Claims;
  readonly logger: Logger;
  readonly membership: MembershipService;
}

export function createContext(services: Services, claims: Claims, requestId: string): GraphqlContext {
  const { clock, newId, logger } = services;
  return {
    requestId,
    claims,
    logger,
    membership: new MembershipService({ repository: services.membership, clock, newId }, claims),
  };
}
