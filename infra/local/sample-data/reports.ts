import { createHash, randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditRepository } from '../../../functions/audit/audit.repository.ts';
import { createContext } from '../../../functions/graphql/context.ts';
import { JpaRepository } from '../../../functions/jpa/jpa.repository.ts';
import { MeetingRepository } from '../../../functions/meeting/meeting.repository.ts';
import { MembershipRepository } from '../../../functions/membership/membership.repository.ts';
import { OperationRepository } from '../../../functions/operation/operation.repository.ts';
import { ReadsRepository } from '../../../functions/operation/reads.repository.ts';
import { RecommendationRepository } from '../../../functions/recommendation/recommendation.repository.ts';
import { ReportRepository } from '../../../functions/report/report.repository.ts';
import { requestLimits } from '../../../functions/shared/data/request-reads.ts';
import type { TableNames } from '../../../functions/shared/data/tables.ts';
import { ConflictError } from '../../../functions/shared/domain/errors.ts';
import { localReadRecordRetentionDays } from '../../../functions/shared/runtime/config.ts';
import { Cursors } from '../../../functions/shared/runtime/cursors.ts';
import { TermsRepository } from '../../../functions/terms/terms.repository.ts';
import { WorkPlanRepository } from '../../../functions/workplan/workplan.repository.ts';

/**
 * The published reports of the sample data: 2024's, as the secretariat would have published it
 * early the next year (ILLUSTRATIVE: the day). 2025's is left to be computed as a draft.
 */
export const sampleReports = [{ year: 2024, publishedAt: '2025-02-03T09:00:00.000Z' }] as const;

/**
 * Publishes the sample reports through the report service itself, as the actor `sample-data`
 * with the secretariat's role, so each is computed from the sample data exactly as
 * `publishAnnualReport` computes one, and written with its audit event. It reads the other
 * domains' data: it runs after every other seed. A year already published is left as it is (the
 * write is conditioned on the year having no report), so a second load changes nothing.
 * Answers true when it published anything.
 */
export async function publishSampleReports(client: DynamoDBDocumentClient, tableNames: TableNames): Promise<boolean> {
  let published = false;
  for (const { year, publishedAt } of sampleReports) {
    const clock = { now: () => publishedAt };
    const context = createContext(
      {
        client,
        membership: new MembershipRepository(client, tableNames),
        jpas: new JpaRepository(client, tableNames),
        operations: new OperationRepository(client, tableNames),
        reads: new ReadsRepository(client, tableNames),
        terms: new TermsRepository(client, tableNames),
        audit: new AuditRepository(client, tableNames),
        recommendations: new RecommendationRepository(client, tableNames),
        workPlan: new WorkPlanRepository(client, tableNames),
        meetings: new MeetingRepository(client, tableNames),
        reports: new ReportRepository(client, tableNames),
        clock,
        // The same event id at every load, as the rest of the sample trail (trail.ts).
        newId: () => sampleId(`report/${year}`),
        // Publishing pages nothing: the cursors' key is never used.
        cursors: new Cursors(async () => randomBytes(32), clock),
        logger: new Logger({ serviceName: 'sample-data', logLevel: 'SILENT' }),
        requestLimits,
        readRecordRetentionDays: localReadRecordRetentionDays,
      },
      { subject: 'sample-data', groups: ['secretariat'], country: null },
      'sample-data',
    );
    try {
      await context.reports.publish({ year });
      published = true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return published;
}

function sampleId(entity: string): string {
  const hex = createHash('sha256').update(`sample-data ${entity} publishAnnualReport`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
