import { createDocumentClient } from '../../../functions/shared/data/dynamo.ts';
import type { TableNames } from '../../../functions/shared/data/tables.ts';
import { JpaRepository } from '../../../functions/jpa/jpa.repository.ts';
import { noOutcomes, type OutcomeTotals } from '../../../functions/jpa/jpa.types.ts';
import { MembershipRepository } from '../../../functions/membership/membership.repository.ts';
import { OperationRepository } from '../../../functions/operation/operation.repository.ts';
import { TermsRepository } from '../../../functions/terms/terms.repository.ts';
import { sampleJpas, sampleOperations } from './jpas.ts';
import { sampleMembership } from './membership.ts';
import { sampleTerms } from './terms.ts';

/**
 * Loads the sample data through the repositories, each domain once (each write is conditioned on
 * its own marker). Answers true when anything was loaded, false when everything was there.
 */
export async function loadSampleData(endpoint: string, tableNames: TableNames, at: string): Promise<boolean> {
  const client = createDocumentClient({ endpoint });
  const jpas = new JpaRepository(client, tableNames);
  const membership = await new MembershipRepository(client, tableNames).initialise(sampleMembership(at));
  const loadedJpas = await jpas.initialise(at, sampleJpas);
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
  const totals = [...sums].map(([number, sum]) => jpas.totalsGuard(number, sum));
  const operations = await new OperationRepository(client, tableNames).initialise(at, sampleOperations, totals);
  const terms = await new TermsRepository(client, tableNames).initialise(at, sampleTerms);
  return membership || loadedJpas || operations || terms;
}
