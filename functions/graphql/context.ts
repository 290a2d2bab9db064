import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claims } from '../shared/domain/claims.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import type { Cursors } from '../shared/runtime/cursors.ts';
import { ItemLoader } from '../shared/data/item-loader.ts';
import type { RequestLimits } from '../shared/data/request-reads.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { TermsService } from '../terms/terms.service.ts';
import type { TermsRepository } from '../terms/terms.repository.ts';
import { JpaService } from '../jpa/jpa.service.ts';
import type { JpaRepository } from '../jpa/jpa.repository.ts';
import { MembershipService } from '../membership/membership.service.ts';
import type { MembershipRepository } from '../membership/membership.repository.ts';
import { OperationService } from '../operation/operation.service.ts';
import type { OperationRepository } from '../operation/operation.repository.ts';

/** What lives for the whole container: the client, repositories, clock, id source, cursors, logger. */
export interface Services {
  readonly client: DynamoDBDocumentClient;
  readonly membership: MembershipRepository;
  readonly jpas: JpaRepository;
  readonly operations: OperationRepository;
  readonly terms: TermsRepository;
  readonly audit: AuditRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly cursors: Cursors;
  readonly logger: Logger;
  /** Each request's read budget and calls in flight. */
  readonly requestLimits: RequestLimits;
}

/** What one request's resolvers see: its identity and its per-request services. */
export interface GraphqlContext {
  readonly requestId: string;
  readonly claims: Claims;
  readonly logger: Logger;
  readonly membership: MembershipService;
  readonly jpas: JpaService;
  readonly operations: OperationService;
  readonly terms: TermsService;
  readonly audit: AuditService;
}

/** Per request: one item loader shared by every domain, so each level of a query is one call. */
export function createContext(services: Services, claims: Claims, requestId: string): GraphqlContext {
  const { clock, newId, logger, cursors } = services;
  const loader = new ItemLoader(services.client);
  const membership = new MembershipService({ repository: services.membership, loader, clock, newId }, claims);
  const jpas = new JpaService({ repository: services.jpas, loader, clock, newId, membership });
  const operations = new OperationService({ repository: services.operations, loader, clock, newId, cursors, membership, jpas });
  const terms = new TermsService({ repository: services.terms, loader, clock, newId, membership });
  const audit = new AuditService({ repository: services.audit, cursors, membership });
  return { requestId, claims, logger, membership, jpas, operations, terms, audit };
}
