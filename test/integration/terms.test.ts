import { beforeEach, describe, expect, it } from 'vitest';
import { callers, codes, createTestApi, dataOf, type CallAs, type TestApi } from '../support/api.ts';
import * as doc from '../../schema/generated/documents.ts';
import { auditEvents } from '../support/tables.ts';
import { TermsRepository } from '../../functions/terms/terms.repository.ts';
import { createDocumentClient } from '../../functions/shared/data/dynamo.ts';

let api: TestApi;
beforeEach(async () => {
  api = await createTestApi();
});

const asSecretariat: CallAs = (document, ...variables) => api.call(callers.secretariat, document, ...variables);
const draft = async (title = 'Terms of Reference (draft)', text = 'A new text') =>
  dataOf(
    await api.call(callers.coChair, doc.DraftTermsOfReferenceDocument, {
      input: { title, text, changeSummary: 'illustrative' },
    }),
  ).draftTermsOfReference;
const versions = async () => dataOf(await asSecretariat(doc.TermsOfReferenceVersionsDocument)).termsOfReferenceVersions;
const adoptedCount = async () => (await versions()).filter((version) => version.status === 'ADOPTED').length;

describe('Terms of Reference versions', () => {
  it("serves the April 2021 version as ADOPTED, superseding the earlier one, also as the group's terms", async () => {
    expect((await asSecretariat(doc.TermsOfReferenceDocument)).data?.termsOfReference).toMatchObject({
      version: 2,
      status: 'ADOPTED',
      adoptedOn: '2021-04-01',
    });
    expect((await asSecretariat(doc.TermsOfReferenceDocument, { version: 1 })).data?.termsOfReference).toMatchObject({
      status: 'SUPERSEDED',
      supersededOn: '2021-04-01',
    });
    const group = await asSecretariat(doc.WorkingGroupDocument);
    expect(group.data?.workingGroup.termsOfReference).toMatchObject({ version: 2 });
  });

  it('numbers a draft one past the last, and two drafts at once get different numbers', async () => {
    expect((await draft()).version).toBe(3);
    const both = await Promise.all([draft('A'), draft('B'), draft('C')]);
    expect(both.map((version) => version.version).sort()).toEqual([4, 5, 6]);
    expect((await versions()).map((version) => version.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('changes only a DRAFT, bumping its revision; adopted and superseded texts never change', async () => {
    const created = await draft();
    const updated = await api.call(callers.coChair, doc.UpdateTermsOfReferenceDraftDocument, {
      input: { version: created.version, expectedRevision: 1, text: 'Revised' },
    });
    expect(updated.data?.updateTermsOfReferenceDraft).toMatchObject({ text: 'Revised', revision: 2, status: 'DRAFT' });
    for (const [version, revision] of [
      [2, 2],
      [1, 3],
    ] as const) {
      const refused = await asSecretariat(doc.UpdateTermsOfReferenceDraftDocument, {
        input: { version, expectedRevision: revision, text: 'Rewritten' },
      });
      expect(codes(refused)).toEqual(['CONFLICT']);
    }
    expect((await asSecretariat(doc.TermsOfReferenceDocument, { version: 2 })).data?.termsOfReference).toMatchObject({
      revision: 2,
    });
    expect(
      codes(
        await asSecretariat(doc.UpdateTermsOfReferenceDraftDocument, {
          input: { version: created.version, expectedRevision: 1, text: 'x' },
        }),
      ),
    ).toEqual(['CONFLICT']);
  });

  it('adopts a DRAFT and supersedes the adopted version on the same day, bumping both revisions', async () => {
    const created = await draft();
    const adopted = await asSecretariat(doc.AdoptTermsOfReferenceDocument, {
      input: { version: created.version, expectedRevision: 1, adoptedOn: '2026-11-28' },
    });
    expect(adopted.data?.adoptTermsOfReference).toMatchObject({
      status: 'ADOPTED',
      adoptedOn: '2026-11-28',
      revision: 2,
    });
    expect((await asSecretariat(doc.TermsOfReferenceDocument, { version: 2 })).data?.termsOfReference).toMatchObject({
      status: 'SUPERSEDED',
      supersededOn: '2026-11-28',
      revision: 3,
    });
    expect(await adoptedCount()).toBe(1);
    const again = await asSecretariat(doc.AdoptTermsOfReferenceDocument, {
      input: { version: created.version, expectedRevision: 2, adoptedOn: '2026-11-29' },
    });
    expect(codes(again)).toEqual(['CONFLICT']);
  });

  it('lets exactly one of two adoptions that read the same adopted version win, never leaving zero or two ADOPTED', async () => {
    // Both adoptions are held at the write until both have read the state: a true race, every time.
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    class RacingTerms extends TermsRepository {
      override async adopt(...args: Parameters<TermsRepository['adopt']>) {
        arrived += 1;
        if (arrived === 2) release();
        await bothRead;
        return super.adopt(...args);
      }
    }
    const racing = await createTestApi((tableNames, endpoint) => ({
      terms: new RacingTerms(createDocumentClient({ endpoint }), tableNames),
    }));
    const drafted = await Promise.all(
      ['A', 'B'].map((title) =>
        racing.call(callers.secretariat, doc.DraftTermsOfReferenceDocument, { input: { title, text: title } }),
      ),
    );
    const numbers = drafted.map((response) => dataOf(response).draftTermsOfReference.version);
    const responses = await Promise.all(
      numbers.map((version) =>
        racing.call(callers.secretariat, doc.AdoptTermsOfReferenceDocument, {
          input: { version, expectedRevision: 1, adoptedOn: '2026-12-01' },
        }),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.flatMap(codes)).toEqual(['CONFLICT']);
    const statuses = dataOf(
      await racing.call(callers.secretariat, doc.TermsOfReferenceVersionsDocument),
    ).termsOfReferenceVersions;
    expect(statuses.filter((version) => version.status === 'ADOPTED')).toHaveLength(1);
    const events = await auditEvents(racing.endpoint, racing.tableNames);
    expect(events.filter((event) => event.action === 'adoptTermsOfReference')).toHaveLength(1);
  });

  it('refuses an adoption dated before the one it supersedes, bad dates and over-long texts, writing nothing', async () => {
    const created = await draft();
    const before = await auditEvents(api.endpoint, api.tableNames);
    expect(
      codes(
        await asSecretariat(doc.AdoptTermsOfReferenceDocument, {
          input: { version: created.version, expectedRevision: 1, adoptedOn: '2021-03-31' },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await asSecretariat(doc.AdoptTermsOfReferenceDocument, {
          input: { version: created.version, expectedRevision: 1, adoptedOn: '2026-02-30' },
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await asSecretariat(doc.DraftTermsOfReferenceDocument, { input: { title: 'x', text: 'y'.repeat(100_001) } }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await asSecretariat(doc.DraftTermsOfReferenceDocument, { input: { title: 'x', text: '   ' } })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(
        await asSecretariat(doc.AdoptTermsOfReferenceDocument, {
          input: { version: 99, expectedRevision: 1, adoptedOn: '2026-12-01' },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(await auditEvents(api.endpoint, api.tableNames)).toEqual(before);
  });

  it('accepts a text of exactly 100,000 characters', async () => {
    const response = await asSecretariat(doc.DraftTermsOfReferenceDocument, {
      input: { title: 'Long', text: 'y'.repeat(100_000) },
    });
    expect(response.errors).toBeUndefined();
  });
});

describe('drafts and observers', () => {
  it('hides drafts from observers: by number, in the list and in diffs; officials read them', async () => {
    const created = await draft();
    expect(
      (await api.call(callers.observer, doc.TermsOfReferenceDocument, { version: created.version })).data
        ?.termsOfReference,
    ).toBeNull();
    const listed = (
      await api.call(callers.observer, doc.TermsOfReferenceVersionsDocument)
    ).data?.termsOfReferenceVersions.map(({ version, status }) => ({ version, status }));
    expect(listed).toEqual([
      { version: 2, status: 'ADOPTED' },
      { version: 1, status: 'SUPERSEDED' },
    ]);
    expect(
      (await api.call(callers.observer, doc.TermsOfReferenceChangesDocument, { version: 2, from: created.version }))
        .data?.termsOfReference,
    ).toMatchObject({ version: 2, changesFrom: null });
    expect(
      (await api.call(callers.official, doc.TermsOfReferenceDocument, { version: created.version })).data
        ?.termsOfReference,
    ).toMatchObject({ status: 'DRAFT' });
  });

  it('forbids observers to change a draft before looking it up', async () => {
    const created = await draft();
    expect(
      codes(
        await api.call(callers.observer, doc.UpdateTermsOfReferenceDraftDocument, {
          input: { version: created.version, expectedRevision: 1, text: 'x' },
        }),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('changesFrom', () => {
  it('gives the line diff from another version to this one', async () => {
    const response = await asSecretariat(doc.TermsOfReferenceChangesDocument, { version: 2, from: 1 });
    const changes = dataOf(response).termsOfReference?.changesFrom ?? [];
    expect(changes.map((change) => change.kind)).toContain('ADDED');
    expect(changes.map((change) => change.kind)).toContain('REMOVED');
    const added = changes
      .filter((change) => change.kind === 'ADDED')
      .map((change) => change.text)
      .join('');
    expect(added).toContain('need-to-know');
    const unchanged = changes
      .filter((change) => change.kind === 'UNCHANGED')
      .reduce((sum, change) => sum + change.lineCount, 0);
    expect(unchanged).toBeGreaterThan(3);
  });

  it('answers two divergent drafts of the largest size as the whole old text REMOVED, then the new one ADDED', async () => {
    // 33,333 lines each, none in common: past the diff ceiling (terms.diff.ts), so no line diff is worked out.
    const text = (letter: string) => Array.from({ length: 33_333 }, (_, index) => `${letter}${index % 10}`).join('\n');
    const [from, to] = [await draft('Old', text('a')), await draft('New', text('b'))];
    expect(from.text.length).toBe(99_998);
    const response = await asSecretariat(doc.TermsOfReferenceChangesDocument, {
      version: to.version,
      from: from.version,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.termsOfReference?.changesFrom).toEqual([
      { __typename: 'TextChange', kind: 'REMOVED', text: from.text, lineCount: 33_333 },
      { __typename: 'TextChange', kind: 'ADDED', text: to.text, lineCount: 33_333 },
    ]);
  });

  it('answers null for a version that does not exist', async () => {
    expect(
      (await asSecretariat(doc.TermsOfReferenceChangesDocument, { version: 2, from: 42 })).data?.termsOfReference,
    ).toMatchObject({ version: 2, changesFrom: null });
  });
});
