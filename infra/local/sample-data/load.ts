import { createDocumentClient } from '../../../functions/shared/data/dynamo.ts';
import type { TableNames } from '../../../functions/shared/data/tables.ts';
import { JpaRepository } from '../../../functions/jpa/jpa.repository.ts';
import { seedJpas } from '../../../functions/jpa/jpa.seed.ts';
import { noOutcomes, type OutcomeTotals } from '../../../functions/jpa/jpa.types.ts';
import { seedMembership } from '../../../functions/membership/membership.seed.ts';
import { seedOperations } from '../../../functions/operation/operation.seed.ts';
import { seedTerms } from '../../../functions/terms/terms.seed.ts';
import { seedRecommendations } from '../../../functions/recommendation/recommendation.seed.ts';
import { seedWorkPlan } from '../../../functions/workplan/workplan.seed.ts';
import { sampleRecommendations, sampleWorkPlan } from './recommendations.ts';
import { seedMeetings } from '../../../functions/meeting/meeting.seed.ts';
import { sampleJpas, sampleOperations } from './jpas.ts';
import { sampleMeetings } from './meetings.ts';
import { sampleMembership } from './membership.ts';
import { publishSampleReports } from './reports.ts';
import { sampleTerms } from './terms.ts';
import { sampleTrail } from './trail.ts';
import { seedTrail, type SeedEvent } from '../../../functions/audit/audit.seed.ts';

/**
 * Loads the sample data through each domain's seed, each domain once (each write is conditioned on
 * its own marker), with the audit trail that would have made it. Answers true when anything was
 * loaded, false when everything was there.
 */
export async function loadSampleData(endpoint: string, tableNames: TableNames, at: string): Promise<boolean> {
  const client = createDocumentClient({ endpoint });
  const trail = sampleTrail;
  const audit = (events: readonly SeedEvent[]) => seedTrail(tableNames.audit, events);
  const initial = sampleMembership(at);
  const membership = await seedMembership(client, tableNames.membership, initial, audit(trail.membership(initial)));
  const loadedJpas = await seedJpas(client, tableNames.jpas, at, sampleJpas, audit(trail.jpas(sampleJpas)));
  // One totals update per JPA: a transaction may not touch an item twice.
  const sums = new Map<number, OutcomeTotals>();
  for (const { jpaNumber, outcomes } of sampleOperations) {
    const sum = sums.get(jpaNumber) ?? { operations: 0, ...noOutcomes };
    sums.set(jpaNumber, {
      operations: sum.operations + 1,
      arrests: sum.arrests + outcomes.arrests,
      prosecutions: sum.prosecutions + outcomes.prosecutions,
      victimsIdentified: sum.victimsIdentified + outcomes.victimsIdentified,
      networksDisrupted: sum.networksDisrupted + outcomes.networksDisrupted,
    });
  }
  // The totals are the same update an operation's write adds to its JPA.
  const jpas = new JpaRepository(client, tableNames);
  const totals = [...sums].map(([number, sum]) => jpas.totalsGuard(number, sum));
  const operations = await seedOperations(
    client,
    tableNames.operations,
    at,
    sampleOperations,
    totals,
    audit(trail.operations(sampleOperations)),
  );
  const terms = await seedTerms(client, tableNames.terms, at, sampleTerms, audit(trail.terms(sampleTerms)));
  const recommendations = await seedRecommendations(
    client,
    tableNames.work,
    at,
    sampleRecommendations,
    audit(trail.recommendations(sampleRecommendations)),
  );
  const workPlan = await seedWorkPlan(
    client,
    tableNames.work,
    at,
    sampleWorkPlan.map((sample) => sample.item),
    audit(trail.workPlan(sampleWorkPlan)),
  );
  const meetings = await seedMeetings(
    client,
    tableNames.work,
    at,
    sampleMeetings,
    audit(trail.meetings(sampleMeetings)),
  );
  // Last: a published report is computed from everything loaded before it.
  const reports = await publishSampleReports(client, tableNames);
  return membership || loadedJpas || operations || terms || recommendations || workPlan || meetings || reports;
}
