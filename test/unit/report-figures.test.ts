import { describe, expect, it } from 'vitest';
import {
  adoptedIn,
  coChairsOf,
  coChairTermsOf,
  inForceDuring,
  jpasOf,
  memberFigures,
  openAtYearEnd,
  recommendationsOfYear,
  reportJpa,
  sumOutcomes,
} from '../../functions/report/report.figures.ts';
import type { Jpa } from '../../functions/jpa/jpa.types.ts';
import type { Member } from '../../functions/membership/membership.types.ts';
import type { TermsVersion } from '../../functions/terms/terms.types.ts';
import type { ReportRecommendation } from '../../functions/report/report.types.ts';

/** Each figure of docs/api.md's annual report on the days either side of its boundaries, for 2025. */

const member = (country: string, joinedOn: string, status: Member['status'] = 'ACTIVE'): Member => ({
  country,
  name: country,
  status,
  joinedOn,
  agencies: [],
  focalPoint: null,
  revision: 1,
});

describe('memberFigures', () => {
  const members = [
    member('AA', '2014-01-01'),
    member('AB', '2025-12-31'),
    member('AC', '2026-01-01'),
    member('AD', '2025-01-01', 'SUSPENDED'),
    member('AE', '2024-12-31', 'WITHDRAWN'),
    member('AF', '2025-06-01'),
  ];

  it('counts members ACTIVE now that joined on or before 31 December', () => {
    expect(memberFigures(members, 2025).memberCount).toBe(3);
    expect(memberFigures(members, 2024).memberCount).toBe(1);
  });

  it('lists members of any status that joined from 1 January to 31 December, by code', () => {
    expect(memberFigures([...members].reverse(), 2025).membersJoined).toEqual(['AB', 'AD', 'AF']);
    expect(memberFigures(members, 2024).membersJoined).toEqual(['AE']);
    expect(memberFigures(members, 2026).membersJoined).toEqual(['AC']);
  });
});

describe('coChairsOf', () => {
  const term = (country: string, startsOn: string, endsOn: string | null) => ({ country, startsOn, endsOn });
  const terms = [
    term('EN', '2022-07-01', '2025-01-01'), // ends on 1 January: not in 2025
    term('E2', '2022-07-01', '2025-01-02'), // one day of 2025
    term('ST', '2025-12-31', null), // starts on the last day
    term('NX', '2026-01-01', null), // starts the day after
    term('OP', '2020-01-01', null), // open since long
    term('E2', '2025-06-01', '2025-07-01'), // a second term of the same country
  ];

  it('are the countries whose term [startsOn, endsOn) overlaps the year, each once, by code', () => {
    expect(coChairsOf(terms, 2025)).toEqual(['E2', 'OP', 'ST']);
    expect(coChairsOf(terms, 2024)).toEqual(['E2', 'EN', 'OP']);
    expect(coChairsOf(terms, 2026)).toEqual(['NX', 'OP', 'ST']);
  });

  it('lists those terms for the page, earliest first', () => {
    expect(coChairTermsOf(terms, 2025).map((t) => `${t.country} ${t.startsOn}`)).toEqual([
      'OP 2020-01-01',
      'E2 2022-07-01',
      'E2 2025-06-01',
      'ST 2025-12-31',
    ]);
  });
});

describe('jpasOf', () => {
  const jpa = (number: number, startsOn: string, endsOn: string, status: Jpa['status'] = 'CONCLUDED'): Jpa => ({
    number,
    title: `JPA ${number}`,
    startsOn,
    endsOn,
    status,
    participants: ['TH'],
    conference: null,
    revision: 1,
  });

  it('are the JPAs whose days, both ends included, overlap the year, whatever their status, by number', () => {
    const jpas = [
      jpa(12, '2025-12-31', '2026-12-30', 'PLANNED'),
      jpa(11, '2024-06-01', '2024-12-31'),
      jpa(10, '2024-01-02', '2025-01-01'),
      jpa(13, '2026-01-01', '2026-12-31', 'ACTIVE'),
      jpa(9, '2024-01-01', '2026-12-31'),
    ];
    expect(jpasOf(jpas, 2025).map((j) => j.number)).toEqual([9, 10, 12]);
  });

  it('carry their outcome totals, summed over them', () => {
    const outcomes = { operations: 1, arrests: 2, prosecutions: 3, victimsIdentified: 4, networksDisrupted: 5 };
    const one = reportJpa(jpa(1, '2025-01-01', '2025-12-31'), outcomes);
    expect(one).toEqual({
      number: 1,
      title: 'JPA 1',
      status: 'CONCLUDED',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      participants: ['TH'],
      outcomes,
    });
    expect(sumOutcomes([one, one, { ...one, outcomes: { ...outcomes, arrests: 10 } }])).toEqual({
      operations: 3,
      arrests: 14,
      prosecutions: 9,
      victimsIdentified: 12,
      networksDisrupted: 15,
    });
    expect(sumOutcomes([])).toEqual({
      operations: 0,
      arrests: 0,
      prosecutions: 0,
      victimsIdentified: 0,
      networksDisrupted: 0,
    });
  });
});

describe('openAtYearEnd', () => {
  it('is those added by the end of the year less those closed by then', () => {
    expect(openAtYearEnd({ addedBy: 7, implementedBy: 2, droppedBy: 1 })).toBe(4);
  });
});

describe('Terms of Reference', () => {
  const version = (number: number, adoptedOn: string | null, supersededOn: string | null): TermsVersion => ({
    version: number,
    title: `v${number}`,
    text: '',
    changeSummary: null,
    status: adoptedOn === null ? 'DRAFT' : supersededOn === null ? 'ADOPTED' : 'SUPERSEDED',
    adoptedOn,
    supersededOn,
    revision: 1,
  });
  const versions = [
    version(5, null, null),
    version(4, '2026-01-01', null),
    version(3, '2025-05-01', '2026-01-01'),
    version(2, '2025-01-01', '2025-05-01'),
    version(1, '2014-11-01', '2025-01-01'),
  ];

  it('adopted during the year: versions whose adoptedOn is in it, ascending, whatever their status since', () => {
    expect(adoptedIn(versions, 2025)).toEqual([2, 3]);
    expect(adoptedIn(versions, 2026)).toEqual([4]);
    expect(adoptedIn(versions, 2024)).toEqual([]);
  });

  it('in force during the year, for the page: adopted by its end and not superseded before it began', () => {
    expect(inForceDuring(versions, 2025).map((v) => v.version)).toEqual([2, 3]);
    expect(inForceDuring(versions, 2024).map((v) => v.version)).toEqual([1]);
    expect(inForceDuring(versions, 2026).map((v) => v.version)).toEqual([4]);
  });

  it('in force during the year when adopted on its last day', () => {
    const lastDay = [version(7, '2025-12-31', null)];
    expect(inForceDuring(lastDay, 2025).map((v) => v.version)).toEqual([7]);
    expect(adoptedIn(lastDay, 2025)).toEqual([7]);
  });
});

describe('recommendationsOfYear', () => {
  const recommendation = (number: number, addedOn: string, closedOn: string | null): ReportRecommendation => ({
    number,
    text: `${number}`,
    owners: ['TH'],
    status: closedOn ? 'IMPLEMENTED' : 'OPEN',
    dueOn: null,
    addedOn,
    closedOn,
  });

  it('are those added by the end of the year and not closed before it began, by number', () => {
    const list = [
      recommendation(5, '2025-12-31', null),
      recommendation(1, '2024-01-01', '2024-12-31'),
      recommendation(2, '2024-01-01', '2025-01-01'),
      recommendation(3, '2026-01-01', null),
      recommendation(4, '2024-06-01', null),
    ];
    expect(recommendationsOfYear(list, 2025).map((r) => r.number)).toEqual([2, 4, 5]);
  });
});
