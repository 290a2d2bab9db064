/**
 * The annual report's figures (docs/api.md, "Fine print, version 2") from what the report reads:
 * pure functions of that data and the year, so each definition is tested on its own boundary days.
 * Days are written YYYY-MM-DD, so comparing them as strings compares them as days.
 */

import type { Jpa, OutcomeTotals } from '../jpa/jpa.types.ts';
import type { CoChairTerm, Member } from '../membership/membership.types.ts';
import type { TermsVersion } from '../terms/terms.types.ts';
import type { ReportJpa, ReportRecommendation } from './report.types.ts';

export const firstDay = (year: number): string => `${year}-01-01`;
export const lastDay = (year: number): string => `${year}-12-31`;
const inYear = (day: string, year: number): boolean => day >= firstDay(year) && day <= lastDay(year);

/**
 * `memberCount`: members ACTIVE now (when the report is computed) that joined on or before the
 * year's last day; `membersJoined`: members of any status that joined during the year, by code.
 */
export function memberFigures(
  members: readonly Member[],
  year: number,
): { memberCount: number; membersJoined: string[] } {
  return {
    memberCount: members.filter((member) => member.status === 'ACTIVE' && member.joinedOn <= lastDay(year)).length,
    membersJoined: members
      .filter((member) => inYear(member.joinedOn, year))
      .map((member) => member.country)
      .sort(),
  };
}

/** The terms `[startsOn, endsOn)` that overlap the year (an open term has no end), earliest first. */
export function coChairTermsOf(terms: readonly CoChairTerm[], year: number): CoChairTerm[] {
  return terms
    .filter((term) => term.startsOn <= lastDay(year) && (term.endsOn === null || term.endsOn > firstDay(year)))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.country.localeCompare(b.country));
}

/** `coChairs`: the countries of those terms, each once, by code. */
export function coChairsOf(terms: readonly CoChairTerm[], year: number): string[] {
  return [...new Set(coChairTermsOf(terms, year).map((term) => term.country))].sort();
}

/** `jpas`: the JPAs whose days (both ends included) overlap the year, whatever their status, by number. */
export function jpasOf(jpas: readonly Jpa[], year: number): Jpa[] {
  return jpas
    .filter((jpa) => jpa.startsOn <= lastDay(year) && jpa.endsOn >= firstDay(year))
    .sort((a, b) => a.number - b.number);
}

export function reportJpa(jpa: Jpa, outcomes: OutcomeTotals): ReportJpa {
  const { number, title, status, startsOn, endsOn, participants } = jpa;
  return { number, title, status, startsOn, endsOn, participants: [...participants], outcomes: { ...outcomes } };
}

/** `outcomes`: the sum over the year's JPAs. */
export function sumOutcomes(jpas: readonly ReportJpa[]): OutcomeTotals {
  const sum = { operations: 0, arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 };
  for (const { outcomes } of jpas) {
    sum.operations += outcomes.operations;
    sum.arrests += outcomes.arrests;
    sum.prosecutions += outcomes.prosecutions;
    sum.victimsIdentified += outcomes.victimsIdentified;
    sum.networksDisrupted += outcomes.networksDisrupted;
  }
  return sum;
}

/**
 * `recommendationsOpen`: those added by the end of the year that are OPEN or IN_PROGRESS at that
 * time, counted as those added by then less those closed (IMPLEMENTED or DROPPED) by then. The
 * two are the same number because a recommendation's status is final once IMPLEMENTED or DROPPED
 * and `closedOn` (its CLOSED item's day) is the day it became so: at the year's end, one added by
 * then is either closed on or before that day, or still in one of the two statuses that are not
 * final, OPEN or IN_PROGRESS. A recommendation is never closed before it is added, so every one
 * closed by then is also among those added by then, and the difference counts exactly the others.
 */
export function openAtYearEnd(counts: { addedBy: number; implementedBy: number; droppedBy: number }): number {
  return counts.addedBy - counts.implementedBy - counts.droppedBy;
}

/** `termsOfReferenceAdopted`: versions adopted during the year, ascending. */
export function adoptedIn(versions: readonly TermsVersion[], year: number): number[] {
  return versions
    .filter(
      (version) =>
        // Stryker disable next-line ConditionalExpression: null >= a date string is false in JavaScript, so the check only narrows the type
        version.adoptedOn !== null && inYear(version.adoptedOn, year),
    )
    .map((version) => version.version)
    .sort((a, b) => a - b);
}

/** For the html: versions in force on some day of the year (adopted by its end, not superseded before it). */
export function inForceDuring(versions: readonly TermsVersion[], year: number): TermsVersion[] {
  return versions
    .filter(
      (version) =>
        // Stryker disable next-line ConditionalExpression: null <= a date string is false in JavaScript, so the check only narrows the type
        version.adoptedOn !== null &&
        version.adoptedOn <= lastDay(year) &&
        (version.supersededOn === null || version.supersededOn > firstDay(year)),
    )
    .sort((a, b) => a.version - b.version);
}

/**
 * For the html: the recommendations the year worked on, by number: added by its end and not
 * closed before it began.
 */
export function recommendationsOfYear(
  recommendations: readonly ReportRecommendation[],
  year: number,
): ReportRecommendation[] {
  return recommendations
    .filter((item) => item.addedOn <= lastDay(year) && (item.closedOn === null || item.closedOn >= firstDay(year)))
    .sort((a, b) => a.number - b.number);
}
