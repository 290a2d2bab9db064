import { BadInputError } from '../shared/domain/errors.ts';
import { reportYears } from './report.types.ts';

export interface PublishAnnualReportInput {
  readonly year: number;
}

/** docs/api.md: years from 2014 (the group's start) to 2100; others are BAD_USER_INPUT. */
export function validYear(year: number): number {
  if (!Number.isInteger(year) || year < reportYears.first || year > reportYears.last) {
    throw new BadInputError(`year must be from ${reportYears.first} to ${reportYears.last}`, 'year');
  }
  return year;
}
