import { describe, expect, it } from 'vitest';
import type { CallerAuthority } from '../../functions/membership/membership.repository.ts';
import type { ItemLoader } from '../../functions/shared/data/item-loader.ts';
import type { TransactionGuard } from '../../functions/shared/data/transaction-guard.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { AuditEvent, ChainedEvent } from '../../functions/shared/domain/audit-events.ts';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../functions/shared/domain/errors.ts';
import type { TermsStore } from '../../functions/terms/terms.repository.ts';
import { TermsService } from '../../functions/terms/terms.service.ts';
import type { TermsVersion } from '../../functions/terms/terms.types.ts';
import { InMemoryTrail, RecordingLoader, thrown } from '../support/service-doubles.ts';

/**
 * The Terms of Reference rules against an in-memory table with the repository's conditions
 * (test/integration/terms.test.ts runs the same rules against DynamoDB Local). Fast enough for
 * Stryker to run per mutant.
 */
class InMemoryTerms implements TermsStore {
  readonly versions = new Map<number, TermsVersion>();
  readonly events: AuditEvent[] = [];
  /** The guards each write carried: the caller's power, as the fake membership names it. */
  readonly guards: (readonly TransactionGuard[])[] = [];
  /** The versions read by number, in order: a read the rules can do without is one too many. */
  readonly reads: (number | null)[] = [];
  adopted: number | null = null;
  last = 0;
  /** Drafts that lose a race before the next one is written: each moves the counter on first. */
  racingDrafts = 0;

  async version(_loader: ItemLoader, version: number) {
    this.reads.push(version);
    return this.versions.get(version) ?? null;
  }

  async adoptedVersionNumber() {
    return this.adopted;
  }

  async lastVersionNumber() {
    return this.last;
  }

  async listVersions(publishedOnly: boolean) {
    return [...this.versions.values()]
      .filter((version) => !publishedOnly || version.status !== 'DRAFT')
      .sort((a, b) => b.version - a.version);
  }

  async draft(draft: TermsVersion, last: number, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    if (this.racingDrafts > 0) {
      this.racingDrafts -= 1;
      this.put({ ...draft, title: 'another draft' });
      this.last = draft.version;
    }
    if (this.last !== last) throw new ConflictError('another draft took this version number');
    this.last = draft.version;
    this.put(draft);
    this.guards.push(guards);
    this.events.push(event);
  }

  async replaceDraft(draft: TermsVersion, guards: readonly TransactionGuard[], { event }: ChainedEvent) {
    const current = this.versions.get(draft.version);
    if (current?.revision !== draft.revision - 1 || current.status !== 'DRAFT') {
      throw new ConflictError(`version ${draft.version} changed meanwhile or is no longer a DRAFT`);
    }
    this.put(draft);
    this.guards.push(guards);
    this.events.push(event);
  }

  async adopt(
    adopted: TermsVersion,
    previous: TermsVersion | null,
    guards: readonly TransactionGuard[],
    { event }: ChainedEvent,
  ) {
    const current = this.versions.get(adopted.version);
    if (
      current?.revision !== adopted.revision - 1 ||
      current.status !== 'DRAFT' ||
      this.adopted !== (previous?.version ?? null)
    ) {
      throw new ConflictError(`version ${adopted.version} changed meanwhile, or another version was adopted`);
    }
    this.put(adopted);
    this.adopted = adopted.version;
    if (previous) {
      this.put({ ...previous, status: 'SUPERSEDED', supersededOn: adopted.adoptedOn, revision: previous.revision + 1 });
    }
    this.guards.push(guards);
    this.events.push(event);
  }

  put(version: TermsVersion): void {
    this.versions.set(version.version, version);
  }
}

const callers = {
  secretariat: { subject: 'sec-1', groups: ['secretariat'], country: null },
  coChair: { subject: 'cc-1', groups: [], country: 'VN' },
  official: { subject: 'off-1', groups: [], country: 'TH' },
  observer: { subject: 'obs-1', groups: ['observer'], country: null },
};

/** The guard membership lends for the caller's power, named by the power and its refusal. */
const power = (holder: string, refusal: string): TransactionGuard => ({
  condition: { power: holder } as unknown as TransactionGuard['condition'],
  refusal: { message: refusal },
});

function service(caller: keyof typeof callers, table = new InMemoryTerms(), loader = new RecordingLoader()) {
  const access = new Access(callers[caller], async (country) => ({
    memberStatus: 'ACTIVE',
    holdsCoChairTerm: country === 'VN',
  }));
  let ids = 0;
  const terms = new TermsService({
    repository: table,
    loader,
    clock: { now: () => '2026-11-28T02:30:00.000Z' },
    newId: () => {
      ids += 1;
      return `event-${ids}`;
    },
    access,
    audit: new InMemoryTrail(),
    membership: {
      // Lent for every caller here, the secretariat too (the real membership lends none for it).
      authorityGuards: ({ authority, refusal }: CallerAuthority) => [
        power(authority.kind === 'secretariat' ? authority.kind : `${authority.kind} ${authority.country}`, refusal),
      ],
    },
  });
  return { terms, table };
}

const version = (number: number, fields: Partial<TermsVersion> = {}): TermsVersion => ({
  version: number,
  title: `ToR ${number}`,
  text: `text ${number}`,
  changeSummary: null,
  status: 'DRAFT',
  adoptedOn: null,
  supersededOn: null,
  revision: 1,
  ...fields,
});

/** A table holding version 1 ADOPTED on 2021-04-01 and version 2 a DRAFT. */
function adoptedAndDraft(): InMemoryTerms {
  const table = new InMemoryTerms();
  table.put(version(1, { status: 'ADOPTED', adoptedOn: '2021-04-01', revision: 2 }));
  table.put(version(2, { text: 'line\ntext 2' }));
  table.adopted = 1;
  table.last = 2;
  return table;
}

describe("the co-chair's term, checked again by each write", () => {
  it('guards a draft, its update and its adoption by a co-chair with its term, refused as the role check would', async () => {
    const { terms, table } = service('coChair', adoptedAndDraft());
    await terms.draft({ title: 'New', text: 'body' });
    await terms.updateDraft({ version: 3, expectedRevision: 1, text: 'new body' });
    await terms.adopt({ version: 3, expectedRevision: 2, adoptedOn: '2026-11-28' });
    expect(table.guards).toEqual([
      [power('coChair VN', 'your role may not draft terms of reference')],
      [power('coChair VN', 'your role may not update terms of reference draft')],
      [power('coChair VN', 'your role may not adopt terms of reference')],
    ]);
  });

  it("passes on the secretariat's power as membership lends it", async () => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    await terms.adopt({ version: 2, expectedRevision: 1, adoptedOn: '2026-11-28' });
    expect(table.guards).toEqual([[power('secretariat', 'your role may not adopt terms of reference')]]);
  });
});

describe('drafting', () => {
  it('numbers a draft one past the last, as revision 1, and records who drafted it', async () => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    const draft = await terms.draft({ title: ' New ', text: 'body', changeSummary: null });
    expect(draft).toEqual(version(3, { title: 'New', text: 'body' }));
    expect(table.versions.get(3)).toEqual(draft);
    expect(table.events).toMatchObject([
      {
        id: 'event-1',
        at: '2026-11-28T02:30:00.000Z',
        actor: 'sec-1',
        actorCountry: null,
        action: 'draftTermsOfReference',
        entity: 'tor/3',
        summary: 'drafted "New"',
      },
    ]);
  });

  it('takes the next number when another draft took this one, up to the fifth attempt', async () => {
    const table = adoptedAndDraft();
    table.racingDrafts = 4;
    const loader = new RecordingLoader();
    const { terms } = service('secretariat', table, loader);
    expect((await terms.draft({ title: 'Mine', text: 'body' })).version).toBe(7);
    expect(table.versions.get(7)?.title).toBe('Mine');
    // Each lost race forgets the counter it read, so the next attempt reads the new one; then the write.
    expect(loader.forgotten).toBe(5);
  });

  it('gives up after five lost races with the conflict', async () => {
    const table = adoptedAndDraft();
    table.racingDrafts = 5;
    const { terms } = service('secretariat', table);
    const error = await thrown(terms.draft({ title: 'Mine', text: 'body' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('another draft took this version number');
  });

  it('passes on any other failure at once', async () => {
    const table = adoptedAndDraft();
    let attempts = 0;
    table.draft = async () => {
      attempts += 1;
      throw new Error('DynamoDB is down');
    };
    const { terms } = service('secretariat', table);
    expect((await thrown(terms.draft({ title: 'Mine', text: 'body' }))).message).toBe('DynamoDB is down');
    expect(attempts).toBe(1);
  });

  it('is forbidden to officials before the input is read', async () => {
    const { terms, table } = service('official', adoptedAndDraft());
    const error = await thrown(terms.draft({ title: '', text: '' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe('your role may not draft terms of reference');
    expect(table.events).toEqual([]);
  });
});

describe('updating a draft', () => {
  it('changes the named fields, keeps the rest and bumps the revision', async () => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    const updated = await terms.updateDraft({
      version: 2,
      expectedRevision: 1,
      title: 'Renamed',
      changeSummary: 'why',
    });
    expect(updated).toEqual(version(2, { title: 'Renamed', text: 'line\ntext 2', changeSummary: 'why', revision: 2 }));
    expect(table.versions.get(2)).toEqual(updated);
    expect(table.events.map((event) => [event.action, event.entity, event.summary])).toEqual([
      ['updateTermsOfReferenceDraft', 'tor/2', 'updated title, changeSummary'],
    ]);
    const text = await terms.updateDraft({ version: 2, expectedRevision: 2, text: 'new text' });
    expect(text).toMatchObject({ title: 'Renamed', text: 'new text', changeSummary: 'why', revision: 3 });
  });

  it.each([
    [{ version: 1, expectedRevision: 2, title: 'T' }, ConflictError, 'version 1 is ADOPTED; only a DRAFT changes'],
    [{ version: 2, expectedRevision: 2, title: 'T' }, ConflictError, 'version 2 is at revision 1, not 2'],
    [{ version: 9, expectedRevision: 1, title: 'T' }, NotFoundError, 'Terms of Reference version 9 does not exist'],
    [{ version: 2, expectedRevision: 1 }, BadInputError, 'an update names at least one of title, text, changeSummary'],
  ])('refuses %j', async (input, type, message) => {
    const table = adoptedAndDraft();
    const { terms } = service('secretariat', table);
    const error = await thrown(terms.updateDraft(input));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(table.events).toEqual([]);
    expect(table.versions.get(2)).toEqual(version(2, { text: 'line\ntext 2' }));
  });
});

describe('adopting', () => {
  it('adopts a DRAFT and supersedes the adopted version, on the same day', async () => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    const adopted = await terms.adopt({ version: 2, expectedRevision: 1, adoptedOn: '2026-11-28' });
    expect(adopted).toEqual(
      version(2, { text: 'line\ntext 2', status: 'ADOPTED', adoptedOn: '2026-11-28', revision: 2 }),
    );
    expect(table.versions.get(1)).toMatchObject({ status: 'SUPERSEDED', supersededOn: '2026-11-28', revision: 3 });
    expect(table.adopted).toBe(2);
    expect(table.events.map((event) => [event.action, event.entity, event.actor, event.summary])).toEqual([
      ['adoptTermsOfReference', 'tor/2', 'sec-1', 'adopted on 2026-11-28, superseding version 1'],
    ]);
  });

  it('adopts the first version with nothing to supersede', async () => {
    const table = new InMemoryTerms();
    table.put(version(1));
    table.last = 1;
    const { terms } = service('secretariat', table);
    expect((await terms.adopt({ version: 1, expectedRevision: 1, adoptedOn: '2021-04-01' })).status).toBe('ADOPTED');
    expect(table.events.map((event) => event.summary)).toEqual(['adopted on 2021-04-01']);
    expect(table.reads).toEqual([1]);
  });

  it('accepts an adoption on the day of the one it supersedes, and refuses one before it', async () => {
    const sameDay = service('secretariat', adoptedAndDraft());
    expect((await sameDay.terms.adopt({ version: 2, expectedRevision: 1, adoptedOn: '2021-04-01' })).adoptedOn).toBe(
      '2021-04-01',
    );
    const { terms, table } = service('secretariat', adoptedAndDraft());
    const error = await thrown(terms.adopt({ version: 2, expectedRevision: 1, adoptedOn: '2021-03-31' }));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.message).toBe('adoptedOn is before the adoption of version 1 (2021-04-01)');
    expect((error as BadInputError).field).toBe('adoptedOn');
    expect(table.adopted).toBe(1);
  });

  it.each([
    [
      { version: 1, expectedRevision: 2, adoptedOn: '2026-11-28' },
      ConflictError,
      'version 1 is ADOPTED; only a DRAFT is adopted',
    ],
    [{ version: 2, expectedRevision: 3, adoptedOn: '2026-11-28' }, ConflictError, 'version 2 is at revision 1, not 3'],
    [
      { version: 9, expectedRevision: 1, adoptedOn: '2026-11-28' },
      NotFoundError,
      'Terms of Reference version 9 does not exist',
    ],
  ])('refuses %j', async (input, type, message) => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    const error = await thrown(terms.adopt(input));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(table.adopted).toBe(1);
    expect(table.events).toEqual([]);
  });
});

describe('reading', () => {
  it('answers the ADOPTED version when no number is given, and null when none is adopted', async () => {
    expect((await service('observer', adoptedAndDraft()).terms.termsOfReference())?.version).toBe(1);
    expect((await service('observer', adoptedAndDraft()).terms.termsOfReference(null))?.version).toBe(1);
    const none = service('observer');
    expect(await none.terms.termsOfReference()).toBeNull();
    expect(none.table.reads).toEqual([]);
  });

  it.each([0, -1, 1.5, 2 ** 53])('answers null for version %s without reading it', async (number) => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    expect(await terms.termsOfReference(number)).toBeNull();
    expect(table.reads).toEqual([]);
  });

  it('answers null for a version that does not exist', async () => {
    const { terms, table } = service('secretariat', adoptedAndDraft());
    expect(await terms.termsOfReference(9)).toBeNull();
    expect(table.reads).toEqual([9]);
  });

  it('hides drafts from observers, by number, in the list and as the base of a diff', async () => {
    const table = adoptedAndDraft();
    const observer = service('observer', table).terms;
    const official = service('official', table).terms;
    expect(await observer.termsOfReference(2)).toBeNull();
    expect((await official.termsOfReference(2))?.status).toBe('DRAFT');
    expect((await observer.versions()).map((v) => v.version)).toEqual([1]);
    expect((await official.versions()).map((v) => v.version)).toEqual([2, 1]);
    const adopted = table.versions.get(1)!;
    expect(await observer.changesFrom(adopted, 2)).toBeNull();
    expect(await official.changesFrom(adopted, 2)).toEqual([
      { kind: 'REMOVED', text: 'line\ntext 2', lineCount: 2 },
      { kind: 'ADDED', text: 'text 1', lineCount: 1 },
    ]);
  });

  it('forbids observers to change a draft before looking it up', async () => {
    const { terms } = service('observer', adoptedAndDraft());
    const error = await thrown(terms.updateDraft({ version: 9, expectedRevision: 1, title: 'T' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe('your role may not update terms of reference draft');
    expect(await thrown(terms.adopt({ version: 9, expectedRevision: 1, adoptedOn: '2026-11-28' }))).toBeInstanceOf(
      ForbiddenError,
    );
  });
});
