import { describe, expect, it } from 'vitest';
import * as jpa from '../../functions/jpa/jpa.validation.ts';
import * as membership from '../../functions/membership/membership.validation.ts';
import * as operation from '../../functions/operation/operation.validation.ts';
import { BadInputError } from '../../functions/shared/domain/errors.ts';
import { isCountryCode } from '../../functions/shared/domain/country-codes.ts';
import * as terms from '../../functions/terms/terms.validation.ts';

/** The BadInputError `run` throws, as the API shows it: message and field. */
function refusal(run: () => unknown): { message: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return { message: (error as BadInputError).message, field: (error as BadInputError).field };
  }
  throw new Error('the input was accepted');
}

const refused = (message: string, field: string) => ({ message, field });

/** `count` distinct assigned country codes, in alphabetical order. */
function countries(count: number): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes = [...letters].flatMap((first) => [...letters].map((second) => first + second)).filter(isCountryCode);
  return codes.slice(0, count);
}

const revisionRefused = refused(
  'expectedRevision must be a whole number from 1 to 9007199254740991',
  'expectedRevision',
);

describe('terms of reference input', () => {
  it('takes a draft trimmed, with no change summary as null', () => {
    expect(terms.validDraft({ title: ' ToR 2027 ', text: ' Article 1\n\tArticle 2 ', changeSummary: null })).toEqual({
      title: 'ToR 2027',
      text: 'Article 1\n\tArticle 2',
      changeSummary: null,
    });
    expect(terms.validDraft({ title: 'T', text: 'x', changeSummary: ' one\ntwo ' }).changeSummary).toBe('one\ntwo');
  });

  it.each([
    ['a blank title', { title: ' ', text: 'x' }, refused('title must not be blank', 'title')],
    [
      'a title over 200',
      { title: 'x'.repeat(201), text: 'x' },
      refused('title must be at most 200 characters', 'title'),
    ],
    [
      'a title on two lines',
      { title: 'a\nb', text: 'x' },
      refused('title must not contain control characters', 'title'),
    ],
    ['a blank text', { title: 'T', text: '' }, refused('text must not be blank', 'text')],
    [
      'a text over 100000',
      { title: 'T', text: 'x'.repeat(100_001) },
      refused('text must be at most 100000 characters', 'text'),
    ],
    [
      'a change summary over 2000',
      { title: 'T', text: 'x', changeSummary: 'x'.repeat(2001) },
      refused('changeSummary must be at most 2000 characters', 'changeSummary'),
    ],
    [
      'a change summary with a bell',
      { title: 'T', text: 'x', changeSummary: 'a\u0007' },
      refused('changeSummary must not contain control characters', 'changeSummary'),
    ],
  ])('refuses a draft with %s', (_, input, expected) => {
    expect(refusal(() => terms.validDraft(input))).toEqual(expected);
  });

  it('takes an update with the fields it changes, in order', () => {
    expect(terms.validDraftUpdate({ version: 3, expectedRevision: 2, changeSummary: 'why', title: ' T ' })).toEqual({
      version: 3,
      expectedRevision: 2,
      title: 'T',
      text: undefined,
      changeSummary: 'why',
      changed: ['title', 'changeSummary'],
    });
    expect(terms.validDraftUpdate({ version: 3, expectedRevision: 2, text: 'a\nb' }).changed).toEqual(['text']);
    expect(terms.validDraftUpdate({ version: 3, expectedRevision: 2, changeSummary: ' a\n\tb ' }).changeSummary).toBe(
      'a\n\tb',
    );
  });

  it.each([
    [
      'names nothing to change',
      { version: 3, expectedRevision: 2, title: null },
      refused('an update names at least one of title, text, changeSummary', 'input'),
    ],
    [
      'has version 0',
      { version: 0, expectedRevision: 2, title: 'T' },
      refused('version must be a whole number from 1 to 99999', 'version'),
    ],
    [
      'has version 100000',
      { version: 100_000, expectedRevision: 2, title: 'T' },
      refused('version must be a whole number from 1 to 99999', 'version'),
    ],
    ['has revision 0', { version: 3, expectedRevision: 0, title: 'T' }, revisionRefused],
    [
      'has a title on two lines',
      { version: 3, expectedRevision: 1, title: 'a\nb' },
      refused('title must not contain control characters', 'title'),
    ],
    [
      'has a text over 100000',
      { version: 3, expectedRevision: 1, text: 'x'.repeat(100_001) },
      refused('text must be at most 100000 characters', 'text'),
    ],
    [
      'has a change summary over 2000',
      { version: 3, expectedRevision: 1, changeSummary: 'x'.repeat(2001) },
      refused('changeSummary must be at most 2000 characters', 'changeSummary'),
    ],
  ])('refuses an update that %s', (_, input, expected) => {
    expect(refusal(() => terms.validDraftUpdate(input))).toEqual(expected);
  });

  it('takes an adoption, and refuses one on an impossible date', () => {
    expect(terms.validAdoption({ version: 99_999, expectedRevision: 1, adoptedOn: '2024-02-29' })).toEqual({
      version: 99_999,
      expectedRevision: 1,
      adoptedOn: '2024-02-29',
    });
    expect(refusal(() => terms.validAdoption({ version: 1, expectedRevision: 1, adoptedOn: '2023-02-29' }))).toEqual(
      refused('adoptedOn must be a calendar date written YYYY-MM-DD', 'adoptedOn'),
    );
    expect(refusal(() => terms.validAdoption({ version: 1, expectedRevision: 0, adoptedOn: '2024-02-29' }))).toEqual(
      revisionRefused,
    );
    expect(refusal(() => terms.validAdoption({ version: 0, expectedRevision: 1, adoptedOn: '2024-02-29' }))).toEqual(
      refused('version must be a whole number from 1 to 99999', 'version'),
    );
  });

  it('names the field a version is checked for', () => {
    expect(terms.validVersion(1)).toBe(1);
    expect(refusal(() => terms.validVersion(1.5, 'supersededVersion'))).toEqual(
      refused('supersededVersion must be a whole number from 1 to 99999', 'supersededVersion'),
    );
  });
});

describe('JPA input', () => {
  const create = { number: 7, title: ' JPA 7 ', startsOn: '2026-01-01', endsOn: '2026-12-31' };

  it('takes a JPA trimmed, with no participants as none', () => {
    expect(jpa.validCreateJpa(create)).toEqual({ ...create, title: 'JPA 7', participants: [] });
    expect(jpa.validCreateJpa({ ...create, participants: ['NZ', 'AU'] }).participants).toEqual(['NZ', 'AU']);
    expect(jpa.validCreateJpa({ ...create, participants: countries(50) }).participants).toHaveLength(50);
  });

  it.each([
    ['number 0', { ...create, number: 0 }, refused('number must be a whole number from 1 to 9999', 'number')],
    ['number 10000', { ...create, number: 10_000 }, refused('number must be a whole number from 1 to 9999', 'number')],
    ['a blank title', { ...create, title: '' }, refused('title must not be blank', 'title')],
    [
      'an impossible start',
      { ...create, startsOn: '2026-02-30' },
      refused('startsOn must be a calendar date written YYYY-MM-DD', 'startsOn'),
    ],
    [
      'an impossible end',
      { ...create, endsOn: '2026-02-30' },
      refused('endsOn must be a calendar date written YYYY-MM-DD', 'endsOn'),
    ],
    [
      'an end on its start',
      { ...create, endsOn: '2026-01-01' },
      refused('endsOn must be later than startsOn', 'endsOn'),
    ],
    [
      'an end before its start',
      { ...create, endsOn: '2025-12-31' },
      refused('endsOn must be later than startsOn', 'endsOn'),
    ],
    [
      'a participant twice',
      { ...create, participants: ['NZ', 'NZ'] },
      refused('participants names NZ twice', 'participants'),
    ],
    ['51 participants', { ...create, participants: countries(51) }, refused('at most 50 participants', 'participants')],
  ])('refuses a JPA with %s', (_, input, expected) => {
    expect(refusal(() => jpa.validCreateJpa(input))).toEqual(expected);
  });

  it('takes an update with the fields it changes, in order', () => {
    expect(
      jpa.validUpdateJpa({ number: 7, expectedRevision: 1, status: 'ACTIVE', startsOn: '2026-02-01', endsOn: null }),
    ).toEqual({
      number: 7,
      expectedRevision: 1,
      title: undefined,
      startsOn: '2026-02-01',
      endsOn: undefined,
      status: 'ACTIVE',
      changed: ['startsOn', 'status'],
    });
    expect(jpa.validUpdateJpa({ number: 7, expectedRevision: 1, title: ' T ', endsOn: '2026-03-01' })).toMatchObject({
      title: 'T',
      startsOn: undefined,
      endsOn: '2026-03-01',
      status: undefined,
      changed: ['title', 'endsOn'],
    });
  });

  it.each([
    [
      'names nothing to change',
      { number: 7, expectedRevision: 1, title: null, status: null },
      refused('an update names at least one of title, startsOn, endsOn, status', 'input'),
    ],
    [
      'has number 0',
      { number: 0, expectedRevision: 1, title: 'T' },
      refused('number must be a whole number from 1 to 9999', 'number'),
    ],
    ['has revision 0', { number: 7, expectedRevision: 0, title: 'T' }, revisionRefused],
    [
      'has an impossible start',
      { number: 7, expectedRevision: 1, startsOn: '2026-02-30' },
      refused('startsOn must be a calendar date written YYYY-MM-DD', 'startsOn'),
    ],
    [
      'has an impossible end',
      { number: 7, expectedRevision: 1, endsOn: '2026-02-30' },
      refused('endsOn must be a calendar date written YYYY-MM-DD', 'endsOn'),
    ],
    [
      'has a title over 200',
      { number: 7, expectedRevision: 1, title: 'x'.repeat(201) },
      refused('title must be at most 200 characters', 'title'),
    ],
  ])('refuses an update that %s', (_, input, expected) => {
    expect(refusal(() => jpa.validUpdateJpa(input))).toEqual(expected);
  });

  const conference = { city: ' Bali ', country: 'ID', startsOn: '2026-11-02', endsOn: '2026-11-04' };

  it('takes a conclusion with or without a conference', () => {
    expect(jpa.validConcludeJpa({ number: 7, expectedRevision: 2 })).toEqual({
      number: 7,
      expectedRevision: 2,
      conference: null,
    });
    expect(jpa.validConcludeJpa({ number: 7, expectedRevision: 2, conference: null }).conference).toBeNull();
    expect(jpa.validConcludeJpa({ number: 7, expectedRevision: 2, conference }).conference).toEqual({
      city: 'Bali',
      country: 'ID',
      startsOn: '2026-11-02',
      endsOn: '2026-11-04',
      theme: null,
      recommendations: [],
    });
    const full = { ...conference, theme: ' Theme ', recommendations: [' one\ntwo ', 'three'] };
    expect(jpa.validConcludeJpa({ number: 7, expectedRevision: 2, conference: full }).conference).toMatchObject({
      theme: 'Theme',
      recommendations: ['one\ntwo', 'three'],
    });
    const fifty = { ...conference, recommendations: Array.from({ length: 50 }, () => 'r') };
    expect(
      jpa.validConcludeJpa({ number: 7, expectedRevision: 2, conference: fifty }).conference?.recommendations,
    ).toHaveLength(50);
  });

  it.each([
    ['a blank city', { ...conference, city: ' ' }, refused('conference.city must not be blank', 'conference.city')],
    [
      'an unassigned country',
      { ...conference, country: 'ZZ' },
      refused(
        'conference.country must be an officially assigned ISO 3166-1 alpha-2 code in upper case',
        'conference.country',
      ),
    ],
    [
      'an impossible start',
      { ...conference, startsOn: '2026-02-30' },
      refused('conference.startsOn must be a calendar date written YYYY-MM-DD', 'conference.startsOn'),
    ],
    [
      'an impossible end',
      { ...conference, endsOn: '2026-02-30' },
      refused('conference.endsOn must be a calendar date written YYYY-MM-DD', 'conference.endsOn'),
    ],
    [
      'an end on its start',
      { ...conference, endsOn: '2026-11-02' },
      refused('conference.endsOn must be later than startsOn', 'conference.endsOn'),
    ],
    [
      'a theme over 200',
      { ...conference, theme: 'x'.repeat(201) },
      refused('conference.theme must be at most 200 characters', 'conference.theme'),
    ],
    [
      '51 recommendations',
      { ...conference, recommendations: Array.from({ length: 51 }, () => 'r') },
      refused('at most 50 recommendations', 'conference.recommendations'),
    ],
    [
      'a blank recommendation',
      { ...conference, recommendations: ['ok', ' '] },
      refused('conference.recommendations must not be blank', 'conference.recommendations'),
    ],
    [
      'a recommendation over 2000',
      { ...conference, recommendations: ['x'.repeat(2001)] },
      refused('conference.recommendations must be at most 2000 characters', 'conference.recommendations'),
    ],
  ])('refuses a conference with %s', (_, input, expected) => {
    expect(refusal(() => jpa.validConcludeJpa({ number: 7, expectedRevision: 2, conference: input }))).toEqual(
      expected,
    );
  });

  it('refuses a conclusion with a bad number or revision', () => {
    expect(refusal(() => jpa.validConcludeJpa({ number: 0, expectedRevision: 2 }))).toEqual(
      refused('number must be a whole number from 1 to 9999', 'number'),
    );
    expect(refusal(() => jpa.validConcludeJpa({ number: 7, expectedRevision: 0 }))).toEqual(revisionRefused);
  });
});

describe('membership input', () => {
  const focalPoint = { name: ' Ana ', email: ' ana@example.org ', phone: ' +64 4 123 4567 ' };
  const add = { country: 'NZ', name: ' New Zealand ', joinedOn: '2002-02-27' };

  it('takes a member trimmed, with no agencies as none and no focal point as null', () => {
    expect(membership.validAddMember(add)).toEqual({ ...add, name: 'New Zealand', agencies: [], focalPoint: null });
    expect(
      membership.validAddMember({ ...add, agencies: [{ name: ' Police ', kind: 'POLICE' }], focalPoint }),
    ).toMatchObject({
      agencies: [{ name: 'Police', kind: 'POLICE' }],
      focalPoint: { name: 'Ana', email: 'ana@example.org', phone: '+64 4 123 4567' },
    });
    expect(
      membership.validAddMember({ ...add, focalPoint: { ...focalPoint, phone: null } }).focalPoint?.phone,
    ).toBeNull();
    expect(
      membership.validAddMember({ ...add, focalPoint: { name: 'Ana', email: 'ana@example.org' } }).focalPoint?.phone,
    ).toBeNull();
    const fifty = Array.from({ length: 50 }, () => ({ name: 'A', kind: 'OTHER' as const }));
    expect(membership.validAddMember({ ...add, agencies: fifty }).agencies).toHaveLength(50);
  });

  it.each([
    [
      'an unassigned country',
      { ...add, country: 'XK' },
      refused('country must be an officially assigned ISO 3166-1 alpha-2 code in upper case', 'country'),
    ],
    ['a blank name', { ...add, name: '' }, refused('name must not be blank', 'name')],
    [
      'an impossible joining date',
      { ...add, joinedOn: '2002-02-30' },
      refused('joinedOn must be a calendar date written YYYY-MM-DD', 'joinedOn'),
    ],
    [
      '51 agencies',
      { ...add, agencies: Array.from({ length: 51 }, () => ({ name: 'A', kind: 'OTHER' as const })) },
      refused('at most 50 agencies', 'agencies'),
    ],
    [
      'a blank agency name',
      { ...add, agencies: [{ name: ' ', kind: 'POLICE' as const }] },
      refused('agencies.name must not be blank', 'agencies.name'),
    ],
    [
      'a blank focal point',
      { ...add, focalPoint: { ...focalPoint, name: '' } },
      refused('focalPoint.name must not be blank', 'focalPoint.name'),
    ],
    [
      'a focal point with no e-mail',
      { ...add, focalPoint: { ...focalPoint, email: 'ana' } },
      refused('focalPoint.email must be an e-mail address', 'focalPoint.email'),
    ],
    [
      'a focal point with a bad phone',
      { ...add, focalPoint: { ...focalPoint, phone: 'call me' } },
      refused('focalPoint.phone must be a phone number (digits, spaces, + ( ) . / -)', 'focalPoint.phone'),
    ],
  ])('refuses a member with %s', (_, input, expected) => {
    expect(refusal(() => membership.validAddMember(input))).toEqual(expected);
  });

  it('takes an update with the fields it changes, in order, and leaves a null focal point as it is', () => {
    expect(
      membership.validUpdateMember({ country: 'NZ', expectedRevision: 3, focalPoint: null, name: ' NZ ' }),
    ).toEqual({
      country: 'NZ',
      expectedRevision: 3,
      name: 'NZ',
      agencies: undefined,
      focalPoint: undefined,
      changedFields: ['name'],
    });
    expect(
      membership.validUpdateMember({ country: 'NZ', expectedRevision: 3, agencies: [], focalPoint }).changedFields,
    ).toEqual(['agencies', 'focalPoint']);
  });

  it.each([
    [
      'names nothing to change',
      { country: 'NZ', expectedRevision: 3, name: null, agencies: null, focalPoint: null },
      refused('an update names at least one of name, agencies, focalPoint', 'input'),
    ],
    [
      'has an unassigned country',
      { country: 'ZZ', expectedRevision: 3, name: 'N' },
      refused('country must be an officially assigned ISO 3166-1 alpha-2 code in upper case', 'country'),
    ],
    ['has revision 0', { country: 'NZ', expectedRevision: 0, name: 'N' }, revisionRefused],
    ['has a blank name', { country: 'NZ', expectedRevision: 3, name: ' ' }, refused('name must not be blank', 'name')],
    [
      'has 51 agencies',
      {
        country: 'NZ',
        expectedRevision: 3,
        agencies: Array.from({ length: 51 }, () => ({ name: 'A', kind: 'OTHER' as const })),
      },
      refused('at most 50 agencies', 'agencies'),
    ],
    [
      'has a focal point with no e-mail',
      { country: 'NZ', expectedRevision: 3, focalPoint: { name: 'A', email: 'a@b' } },
      refused('focalPoint.email must be an e-mail address', 'focalPoint.email'),
    ],
  ])('refuses an update that %s', (_, input, expected) => {
    expect(refusal(() => membership.validUpdateMember(input))).toEqual(expected);
  });

  it('takes a status change with its reason trimmed, on several lines', () => {
    expect(
      membership.validSetMemberStatus({
        country: 'NZ',
        expectedRevision: 2,
        status: 'SUSPENDED',
        reason: ' one\ntwo ',
      }),
    ).toEqual({
      country: 'NZ',
      expectedRevision: 2,
      status: 'SUSPENDED',
      reason: 'one\ntwo',
    });
    const change = { country: 'NZ', expectedRevision: 2, status: 'SUSPENDED' as const, reason: 'r' };
    expect(refusal(() => membership.validSetMemberStatus({ ...change, reason: ' ' }))).toEqual(
      refused('reason must not be blank', 'reason'),
    );
    expect(refusal(() => membership.validSetMemberStatus({ ...change, reason: 'x'.repeat(2001) }))).toEqual(
      refused('reason must be at most 2000 characters', 'reason'),
    );
    expect(refusal(() => membership.validSetMemberStatus({ ...change, country: 'nz' }))).toEqual(
      refused('country must be an officially assigned ISO 3166-1 alpha-2 code in upper case', 'country'),
    );
    expect(refusal(() => membership.validSetMemberStatus({ ...change, expectedRevision: 0 }))).toEqual(revisionRefused);
  });

  it('takes a rotation that names outgoing or incoming countries, each on one side', () => {
    expect(membership.validRotation({ outgoing: ['AU'], incoming: ['ID'], effectiveOn: '2026-07-01' })).toEqual({
      outgoing: ['AU'],
      incoming: ['ID'],
      effectiveOn: '2026-07-01',
    });
    expect(membership.validRotation({ outgoing: [], incoming: ['ID'], effectiveOn: '2026-07-01' }).incoming).toEqual([
      'ID',
    ]);
    expect(membership.validRotation({ outgoing: ['AU'], incoming: [], effectiveOn: '2026-07-01' }).outgoing).toEqual([
      'AU',
    ]);
  });

  it.each([
    [
      'no country',
      { outgoing: [], incoming: [] },
      refused('a rotation names at least one outgoing or incoming country', 'outgoing'),
    ],
    [
      'a country on both sides',
      { outgoing: ['AU', 'NZ'], incoming: ['ID', 'NZ'] },
      refused('NZ cannot be both outgoing and incoming', 'incoming'),
    ],
    [
      'an outgoing country twice',
      { outgoing: ['AU', 'AU'], incoming: [] },
      refused('outgoing names AU twice', 'outgoing'),
    ],
    [
      'an unassigned incoming country',
      { outgoing: [], incoming: ['ZZ'] },
      refused('incoming must be an officially assigned ISO 3166-1 alpha-2 code in upper case', 'incoming'),
    ],
  ])('refuses a rotation with %s', (_, input, expected) => {
    expect(refusal(() => membership.validRotation({ ...input, effectiveOn: '2026-07-01' }))).toEqual(expected);
  });

  it('refuses a rotation on an impossible date', () => {
    expect(
      refusal(() => membership.validRotation({ outgoing: ['AU'], incoming: [], effectiveOn: '2026-06-31' })),
    ).toEqual(refused('effectiveOn must be a calendar date written YYYY-MM-DD', 'effectiveOn'));
  });
});

describe('operation input', () => {
  const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
  const create = {
    jpaNumber: 7,
    codeName: ' Tide ',
    crimeTypes: ['PEOPLE_SMUGGLING' as const],
    startsOn: '2026-03-01',
  };

  it('knows an operation id by its UUID form', () => {
    expect(operation.isOperationId(id)).toBe(true);
    for (const notId of [
      id.toUpperCase(),
      `${id}0`,
      `x${id}`,
      id.slice(1),
      id.replaceAll('-', ''),
      `${id.slice(0, 8)}_${id.slice(9)}`,
    ]) {
      expect(operation.isOperationId(notId)).toBe(false);
    }
  });

  it('puts the lead first, once', () => {
    expect(operation.withLead('NZ', ['AU', 'NZ', 'ID'])).toEqual(['NZ', 'AU', 'ID']);
    expect(operation.withLead('NZ', [])).toEqual(['NZ']);
  });

  it('takes an operation with its defaults: led by the caller, handled by its participants', () => {
    expect(operation.validCreateOperation(create, 'NZ')).toEqual({
      jpaNumber: 7,
      codeName: 'Tide',
      participants: ['NZ'],
      crimeTypes: ['PEOPLE_SMUGGLING'],
      startsOn: '2026-03-01',
      handling: 'PARTICIPANTS',
      summary: null,
      idempotencyKey: null,
    });
    expect(
      operation.validCreateOperation(
        {
          ...create,
          participants: ['AU', 'NZ'],
          crimeTypes: ['TRAFFICKING_IN_PERSONS', 'PEOPLE_SMUGGLING', 'TRAFFICKING_IN_PERSONS'],
          handling: 'MEMBERS',
          summary: ' one\ntwo ',
          idempotencyKey: 'create-1:a.b_c',
        },
        'NZ',
      ),
    ).toMatchObject({
      participants: ['NZ', 'AU'],
      crimeTypes: ['TRAFFICKING_IN_PERSONS', 'PEOPLE_SMUGGLING'],
      handling: 'MEMBERS',
      summary: 'one\ntwo',
      idempotencyKey: 'create-1:a.b_c',
    });
  });

  it('counts the lead among at most 20 participants', () => {
    const others = countries(21).filter((country) => country !== 'AD');
    expect(
      operation.validCreateOperation({ ...create, participants: others.slice(0, 19) }, 'AD').participants,
    ).toHaveLength(20);
    expect(
      refusal(() => operation.validCreateOperation({ ...create, participants: others.slice(0, 20) }, 'AD')),
    ).toEqual(refused('at most 20 participants', 'participants'));
  });

  it('takes an idempotency key of 1 to 128 letters, digits and _ . : -', () => {
    expect(operation.validCreateOperation({ ...create, idempotencyKey: 'A'.repeat(128) }, 'NZ').idempotencyKey).toBe(
      'A'.repeat(128),
    );
    expect(operation.validCreateOperation({ ...create, idempotencyKey: 'z' }, 'NZ').idempotencyKey).toBe('z');
    for (const key of ['', 'A'.repeat(129), 'a b', 'a/b', 'é', 'a\n']) {
      expect(refusal(() => operation.validCreateOperation({ ...create, idempotencyKey: key }, 'NZ'))).toEqual(
        refused('idempotencyKey is 1–128 letters, digits or _ . : -', 'idempotencyKey'),
      );
    }
  });

  it.each([
    ['no crime type', { ...create, crimeTypes: [] }, refused('name at least one crime type', 'crimeTypes')],
    ['JPA 0', { ...create, jpaNumber: 0 }, refused('jpaNumber must be a whole number from 1 to 9999', 'jpaNumber')],
    [
      'JPA 10000',
      { ...create, jpaNumber: 10_000 },
      refused('jpaNumber must be a whole number from 1 to 9999', 'jpaNumber'),
    ],
    ['a blank code name', { ...create, codeName: ' ' }, refused('codeName must not be blank', 'codeName')],
    [
      'an impossible start',
      { ...create, startsOn: '2026-02-30' },
      refused('startsOn must be a calendar date written YYYY-MM-DD', 'startsOn'),
    ],
    [
      'a summary over 2000',
      { ...create, summary: 'x'.repeat(2001) },
      refused('summary must be at most 2000 characters', 'summary'),
    ],
    [
      'a participant twice',
      { ...create, participants: ['AU', 'AU'] },
      refused('participants names AU twice', 'participants'),
    ],
  ])('refuses an operation with %s', (_, input, expected) => {
    expect(refusal(() => operation.validCreateOperation(input, 'NZ'))).toEqual(expected);
  });

  it('takes an update with the fields it changes, in order', () => {
    expect(
      operation.validUpdateOperation({
        id,
        expectedRevision: 4,
        handling: 'MEMBERS',
        codeName: ' Ebb ',
        participants: null,
        endsOn: '2026-04-01',
      }),
    ).toEqual({
      id,
      expectedRevision: 4,
      codeName: 'Ebb',
      participants: undefined,
      status: undefined,
      endsOn: '2026-04-01',
      summary: undefined,
      handling: 'MEMBERS',
      changed: ['codeName', 'endsOn', 'handling'],
    });
    expect(
      operation.validUpdateOperation({
        id,
        expectedRevision: 4,
        participants: ['AU'],
        status: 'CLOSED',
        summary: ' s\nt ',
      }).changed,
    ).toEqual(['participants', 'status', 'summary']);
    expect(
      operation.validUpdateOperation({ id, expectedRevision: 4, participants: countries(20) }).participants,
    ).toHaveLength(20);
  });

  it.each([
    [
      'names nothing to change',
      {
        id,
        expectedRevision: 4,
        codeName: null,
        participants: null,
        status: null,
        endsOn: null,
        summary: null,
        handling: null,
      },
      refused('an update names at least one of codeName, participants, status, endsOn, summary, handling', 'input'),
    ],
    [
      'has 21 participants',
      { id, expectedRevision: 4, participants: countries(21) },
      refused('at most 20 participants', 'participants'),
    ],
    [
      'has a participant twice',
      { id, expectedRevision: 4, participants: ['AU', 'AU'] },
      refused('participants names AU twice', 'participants'),
    ],
    ['has revision 0', { id, expectedRevision: 0, status: 'ACTIVE' as const }, revisionRefused],
    [
      'has a blank code name',
      { id, expectedRevision: 4, codeName: '' },
      refused('codeName must not be blank', 'codeName'),
    ],
    [
      'has an impossible end',
      { id, expectedRevision: 4, endsOn: '2026-02-30' },
      refused('endsOn must be a calendar date written YYYY-MM-DD', 'endsOn'),
    ],
    [
      'has a summary with a bell',
      { id, expectedRevision: 4, summary: '\u0007' },
      refused('summary must not contain control characters', 'summary'),
    ],
  ])('refuses an update that %s', (_, input, expected) => {
    expect(refusal(() => operation.validUpdateOperation(input))).toEqual(expected);
  });

  it('takes outcomes from 0 to 1000000 each', () => {
    const outcomes = { arrests: 0, prosecutions: 1_000_000, victimsIdentified: 3, networksDisrupted: 4 };
    expect(operation.validRecordOutcomes({ id, expectedRevision: 2, outcomes })).toEqual({
      id,
      expectedRevision: 2,
      outcomes,
    });
    expect(refusal(() => operation.validRecordOutcomes({ id, expectedRevision: 0, outcomes }))).toEqual(
      revisionRefused,
    );
    for (const name of ['arrests', 'prosecutions', 'victimsIdentified', 'networksDisrupted'] as const) {
      for (const figure of [-1, 1_000_001, 1.5]) {
        expect(
          refusal(() =>
            operation.validRecordOutcomes({ id, expectedRevision: 2, outcomes: { ...outcomes, [name]: figure } }),
          ),
        ).toEqual(refused(`outcomes.${name} must be a whole number from 0 to 1000000`, `outcomes.${name}`));
      }
    }
  });
});
