import { isCountryCode } from '../shared/domain/country-codes.ts';
import { isDate } from '../shared/domain/validation.ts';
import { reportYears } from '../report/report.types.ts';

/**
 * Global ids (docs/api.md, "Global ids"), written and read here and nowhere else: each type's `id`
 * resolver formats them, and `node`/`nodes` parse them. Readable, and each entity's one spelling:
 * a number without leading zeros, a country code in upper case, so that an id read back formats
 * to itself. Operations and audit events keep their own ids, UUIDs.
 */

/** What a global id names. A UUID is an operation's or an audit event's id; which one, only the data says. */
export type NodeKey =
  | { readonly type: 'Member'; readonly country: string }
  | { readonly type: 'CoChairTerm'; readonly country: string; readonly startsOn: string }
  | { readonly type: 'Jpa'; readonly number: number }
  | { readonly type: 'TermsOfReference'; readonly version: number }
  | { readonly type: 'Recommendation'; readonly number: number }
  | { readonly type: 'WorkPlanItem'; readonly number: number }
  | { readonly type: 'Meeting'; readonly number: number }
  | { readonly type: 'AnnualReport'; readonly year: number }
  | { readonly type: 'OperationOrAuditEvent'; readonly id: string };

export const nodeId = {
  member: (country: string): string => `member/${country}`,
  coChairTerm: (country: string, startsOn: string): string => `cochairterm/${country}/${startsOn}`,
  jpa: (number: number): string => `jpa/${number}`,
  termsOfReference: (version: number): string => `tor/${version}`,
  recommendation: (number: number): string => `recommendation/${number}`,
  workPlanItem: (number: number): string => `workplan/${number}`,
  meeting: (number: number): string => `meeting/${number}`,
  annualReport: (year: number): string => `report/${year}`,
} as const;

const numberPattern = /^[1-9]\d{0,8}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the id names, or null for a malformed id (which names nothing, like an unknown one). */
export function parseNodeId(id: string): NodeKey | null {
  if (uuidPattern.test(id)) return { type: 'OperationOrAuditEvent', id };
  const [prefix, ...parts] = id.split('/');
  switch (prefix) {
    case 'member':
      return parts.length === 1 && isCountryCode(parts[0]!) ? { type: 'Member', country: parts[0]! } : null;
    case 'cochairterm': {
      // Stryker disable next-line StringLiteral: both are read only when there are two parts; the defaults only type them
      const [country = '', startsOn = ''] = parts;
      return parts.length === 2 && isCountryCode(country) && isDate(startsOn)
        ? { type: 'CoChairTerm', country, startsOn }
        : null;
    }
    case 'jpa':
      return parts.length === 1 && numberPattern.test(parts[0]!) ? { type: 'Jpa', number: Number(parts[0]) } : null;
    case 'tor':
      return parts.length === 1 && numberPattern.test(parts[0]!)
        ? { type: 'TermsOfReference', version: Number(parts[0]) }
        : null;
    case 'recommendation':
      return parts.length === 1 && numberPattern.test(parts[0]!)
        ? { type: 'Recommendation', number: Number(parts[0]) }
        : null;
    case 'workplan':
      return parts.length === 1 && numberPattern.test(parts[0]!)
        ? { type: 'WorkPlanItem', number: Number(parts[0]) }
        : null;
    case 'meeting':
      return parts.length === 1 && numberPattern.test(parts[0]!) ? { type: 'Meeting', number: Number(parts[0]) } : null;
    case 'report': {
      // Only the years a report may be asked for: any other names nothing, as a malformed id.
      const year = parts.length === 1 && numberPattern.test(parts[0]!) ? Number(parts[0]) : 0;
      return year >= reportYears.first && year <= reportYears.last ? { type: 'AnnualReport', year } : null;
    }
    default:
      return null;
  }
}
