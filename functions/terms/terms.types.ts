/** The Terms of Reference domain's records, as services and resolvers see them (no DynamoDB keys). */

export const torStatuses = ['DRAFT', 'ADOPTED', 'SUPERSEDED'] as const;
export type TorStatus = (typeof torStatuses)[number];

/** One version of the Terms of Reference. Only a DRAFT changes; adopted and superseded texts never do. */
export interface TermsVersion {
  readonly version: number;
  readonly title: string;
  readonly text: string;
  readonly changeSummary: string | null;
  readonly status: TorStatus;
  readonly adoptedOn: string | null;
  readonly supersededOn: string | null;
  readonly revision: number;
}

/** One run of lines in a line diff between two versions. */
export interface TextChange {
  readonly kind: 'ADDED' | 'REMOVED' | 'UNCHANGED';
  /** The lines, each ending in a line break except perhaps the text's last. */
  readonly text: string;
  readonly lineCount: number;
}
