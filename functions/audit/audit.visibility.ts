import { mayEver, mayOn, type Viewer } from '../shared/domain/policy.ts';
import { everyone } from './audit.keys.ts';

/**
 * The views of an entity's events a caller reads through `history` (docs/api.md, "Audit
 * visibility"), or null where the caller reads no history at all (observers). Everyone's views,
 * and for need-to-know entities (operations) its own country's, where its officials may read
 * need-to-know operations of that country. The writer's side, which views an event gets, is
 * `eventAudience` in functions/operation/operation.visibility.ts; test/unit/operation-visibility.test.ts
 * checks the two against each other for every caller and every change.
 */
export function readerAudiences(viewer: Viewer, needToKnow: boolean): string[] | null {
  if (!mayEver(viewer, 'readHistory')) return null;
  const own =
    // Stryker disable next-line ConditionalExpression: no target country is null, so the check only narrows the type
    needToKnow && viewer.country !== null && mayOn(viewer, 'readParticipantsOperations', [viewer.country])
      ? [viewer.country]
      : [];
  return [everyone, ...own];
}
