import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import { BadInputError, ConflictError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import { mayEver, type Viewer } from '../shared/domain/policy.ts';
import type { Access } from '../shared/domain/access.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import { lineChanges } from './terms.diff.ts';
import type { TermsStore } from './terms.repository.ts';
import type { TermsVersion, TextChange } from './terms.types.ts';
import {
  validAdoption,
  validDraft,
  validDraftUpdate,
  validVersion,
  type AdoptTermsOfReferenceInput,
  type DraftTermsOfReferenceInput,
  type UpdateTermsOfReferenceDraftInput,
} from './terms.validation.ts';

export interface TermsDependencies {
  readonly repository: TermsStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
  /** The guards of the caller's power (a co-chair's term), checked again as each write commits. */
  readonly membership: Pick<MembershipService, 'authorityGuards'>;
}

/** Drafts written at the same moment race for the next number; each loser takes the one after. */
const draftAttempts = 5;

/**
 * The Terms of Reference rules of docs/api.md: numbered versions, only a DRAFT changes, adoption
 * supersedes the adopted version in the same transaction, drafts hidden from observers.
 */
export class TermsService {
  private readonly deps: TermsDependencies;

  constructor(deps: TermsDependencies) {
    this.deps = deps;
  }

  /** A version, or with none the ADOPTED one; null when it does not exist or the caller may not read it. */
  async termsOfReference(version?: number | null): Promise<TermsVersion | null> {
    const viewer = await this.deps.access.authorize('read');
    const number = version ?? (await this.deps.repository.adoptedVersionNumber(this.deps.loader));
    // Stryker disable next-line ConditionalExpression: Number.isSafeInteger(null) is false; the null check narrows the type
    if (number === null || !Number.isSafeInteger(number) || number < 1) return null;
    return this.readable(viewer, number);
  }

  /** Newest first; drafts only for those who may read them. */
  async versions(): Promise<TermsVersion[]> {
    const viewer = await this.deps.access.authorize('read');
    return this.deps.repository.listVersions(!mayEver(viewer, 'readTermsDrafts'));
  }

  /**
   * A line diff from another readable version to this one, or past the diff ceiling the coarse
   * one (terms.diff.ts); null when that version cannot be read.
   */
  async changesFrom(current: TermsVersion, version: number): Promise<TextChange[] | null> {
    const viewer = await this.deps.access.authorize('read');
    const other = await this.readable(viewer, version);
    if (!other) return null;
    return lineChanges(other.text, current.text);
  }

  async draft(input: DraftTermsOfReferenceInput): Promise<TermsVersion> {
    const viewer = await this.deps.access.authorize('draftTermsOfReference');
    const fields = validDraft(input);
    for (let attempt = 1; ; attempt += 1) {
      const last = await this.deps.repository.lastVersionNumber(this.deps.loader);
      const draft: TermsVersion = {
        ...fields,
        version: last + 1,
        status: 'DRAFT',
        adoptedOn: null,
        supersededOn: null,
        revision: 1,
      };
      try {
        await this.deps.repository.draft(
          draft,
          last,
          this.deps.membership.authorityGuards(viewer),
          await this.event(viewer, 'draftTermsOfReference', draft, `drafted "${draft.title}"`),
        );
        return this.deps.loader.written(draft);
      } catch (error) {
        this.deps.loader.forget();
        if (!(error instanceof ConflictError) || attempt === draftAttempts) throw error;
      }
    }
  }

  async updateDraft(input: UpdateTermsOfReferenceDraftInput): Promise<TermsVersion> {
    const viewer = await this.deps.access.authorize('updateTermsOfReferenceDraft');
    const changes = validDraftUpdate(input);
    const current = await this.existing(viewer, changes.version);
    if (current.status !== 'DRAFT')
      throw new ConflictError(`version ${current.version} is ${current.status}; only a DRAFT changes`);
    requireRevision(`version ${current.version}`, current, changes.expectedRevision);
    const draft: TermsVersion = {
      ...current,
      title: changes.title ?? current.title,
      text: changes.text ?? current.text,
      changeSummary: changes.changeSummary ?? current.changeSummary,
      revision: current.revision + 1,
    };
    await this.deps.repository.replaceDraft(
      draft,
      this.deps.membership.authorityGuards(viewer),
      await this.event(viewer, 'updateTermsOfReferenceDraft', draft, `updated ${changes.changed.join(', ')}`),
    );
    return this.deps.loader.written(draft);
  }

  async adopt(input: AdoptTermsOfReferenceInput): Promise<TermsVersion> {
    const viewer = await this.deps.access.authorize('adoptTermsOfReference');
    const { version, expectedRevision, adoptedOn } = validAdoption(input);
    const current = await this.existing(viewer, version);
    const previousNumber = await this.deps.repository.adoptedVersionNumber(this.deps.loader);
    const previous =
      previousNumber === null ? null : await this.deps.repository.version(this.deps.loader, previousNumber);
    if (previous?.adoptedOn && adoptedOn < previous.adoptedOn) {
      throw new BadInputError(
        `adoptedOn is before the adoption of version ${previous.version} (${previous.adoptedOn})`,
        'adoptedOn',
      );
    }
    if (current.status !== 'DRAFT')
      throw new ConflictError(`version ${version} is ${current.status}; only a DRAFT is adopted`);
    requireRevision(`version ${current.version}`, current, expectedRevision);
    const adopted: TermsVersion = { ...current, status: 'ADOPTED', adoptedOn, revision: current.revision + 1 };
    const superseding = previous ? `, superseding version ${previous.version}` : '';
    await this.deps.repository.adopt(
      adopted,
      previous,
      this.deps.membership.authorityGuards(viewer),
      await this.event(viewer, 'adoptTermsOfReference', adopted, `adopted on ${adoptedOn}${superseding}`),
    );
    return this.deps.loader.written(adopted);
  }

  private async readable(viewer: Viewer, number: number): Promise<TermsVersion | null> {
    const version = await this.deps.repository.version(this.deps.loader, number);
    if (!version) return null;
    return version.status !== 'DRAFT' || mayEver(viewer, 'readTermsDrafts') ? version : null;
  }

  private async existing(viewer: Viewer, number: number): Promise<TermsVersion> {
    const version = await this.readable(viewer, validVersion(number));
    if (!version) throw new NotFoundError(`Terms of Reference version ${number} does not exist`);
    return version;
  }

  private event(viewer: Viewer, action: string, version: TermsVersion, summary: string): Promise<ChainedEvent> {
    return this.deps.audit.chain(
      auditEvent(this.deps, viewer, action, auditEntity.termsOfReference(version.version), summary),
    );
  }
}
