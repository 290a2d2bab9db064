import { auditEntity, auditEvent, type AuditTrail, type ChainedEvent } from '../shared/domain/audit-events.ts';
import type { Clock, IdGenerator } from '../shared/runtime/clock.ts';
import { BadInputError, ConflictError, NotFoundError, requireRevision } from '../shared/domain/errors.ts';
import type { ItemLoader } from '../shared/data/item-loader.ts';
import type { TransactionGuard } from '../shared/data/transaction-guard.ts';
import { mayEver, type Viewer } from '../shared/domain/policy.ts';
import type { Access } from '../shared/domain/access.ts';
import type { JpaService } from '../jpa/jpa.service.ts';
import type { Jpa } from '../jpa/jpa.types.ts';
import type { MembershipService } from '../membership/membership.service.ts';
import type { Member } from '../membership/membership.types.ts';
import type { MeetingReads, MeetingStore } from './meeting.repository.ts';
import type { AgendaItem, AttendanceEntry, Meeting } from './meeting.types.ts';
import {
  maxMeetingNumber,
  presenters,
  requireNotBefore,
  validMeetingNumber,
  validRecordAttendance,
  validScheduleMeeting,
  validUpdateMeeting,
  validYear,
  type RecordAttendanceInput,
  type ScheduleMeetingInput,
  type UpdateMeetingInput,
} from './meeting.validation.ts';

export interface MeetingDependencies {
  readonly repository: MeetingStore;
  readonly loader: ItemLoader;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly access: Access;
  /** Chains each change's audit event onto its entity's events. */
  readonly audit: AuditTrail;
  /** Members named by a meeting, and the guards of the caller's power: the membership domain, through its service. */
  readonly membership: Pick<
    MembershipService,
    'member' | 'requireMembers' | 'requireActiveMembers' | 'authorityGuards'
  >;
  /** A meeting's JPA: the JPA domain, through its service. */
  readonly jpas: Pick<JpaService, 'jpa'>;
}

/**
 * Meetings scheduled at the same moment race for the next number; each loser takes the one after.
 * Enough tries for each of ten schedules sent together to get its own number.
 */
export const scheduleAttempts = 10;

/**
 * The meeting rules of docs/api.md. One instance per request. Mutations check in docs/api.md's
 * order: role (FORBIDDEN), input (BAD_USER_INPUT, what it names included), existence
 * (NOT_FOUND), dates against the stored ones (BAD_USER_INPUT), revision (CONFLICT); each writes
 * the change with its audit event in one transaction, which checks again the caller's power and
 * that what the meeting names still holds.
 */
export class MeetingService {
  private readonly deps: MeetingDependencies;
  private readonly reader: MeetingReads;

  constructor(deps: MeetingDependencies) {
    this.deps = deps;
    this.reader = deps.repository.reader(deps.loader);
  }

  /** A meeting as the caller may see it; null when there is none. */
  async meeting(number: number): Promise<Meeting | null> {
    const viewer = await this.deps.access.authorize('read');
    if (!Number.isSafeInteger(number) || number < 1 || number > maxMeetingNumber) return null;
    const meeting = await this.reader.meeting(number);
    return meeting && present(viewer, meeting);
  }

  /** The meeting a recommendation was made at (`Recommendation.meeting`): none where it names none. */
  async madeAt(meetingNumber: number | null): Promise<Meeting | null> {
    // Stryker disable next-line ConditionalExpression: meeting(null) is null as well (Number.isSafeInteger(null) is false) for a caller who could read the recommendation; the check narrows the type
    return meetingNumber === null ? null : this.meeting(meetingNumber);
  }

  /**
   * startsOn descending, at most the newest 100; with a year (2014–2100), those starting in it:
   * also the annual report's table of a year's meetings.
   */
  async meetings(year?: number | null): Promise<Meeting[]> {
    const viewer = await this.deps.access.authorize('read');
    const meetings = await this.deps.repository.listMeetings(year == null ? null : validYear(year));
    return meetings.map((meeting) => present(viewer, meeting));
  }

  /** The annual report's `meetings`: meetings of every kind, trainings included, starting in the year. */
  async meetingCount(year: number): Promise<number> {
    await this.deps.access.authorize('read');
    return this.deps.repository.countMeetings(validYear(year));
  }

  /** The annual report's `trainings`: meetings of kind TRAINING starting in the year. */
  async trainingCount(year: number): Promise<number> {
    await this.deps.access.authorize('read');
    return this.deps.repository.countMeetings(validYear(year), 'TRAINING');
  }

  /** Its minutes, read only when asked for (meeting.keys.ts says why); null for observers. */
  async minutes(meeting: Meeting): Promise<string | null> {
    const viewer = await this.deps.access.authorize('read');
    return mayEver(viewer, 'readWorkNotes') ? this.reader.minutes(meeting.number) : null;
  }

  /** The host as the caller may see it. */
  host(meeting: Meeting): Promise<Member | null> {
    return meeting.host === null ? Promise.resolve(null) : this.deps.membership.member(meeting.host);
  }

  /** The presenter as the caller may see it. */
  presenter(item: AgendaItem): Promise<Member | null> {
    return item.presenter === null ? Promise.resolve(null) : this.deps.membership.member(item.presenter);
  }

  /** The attending member: one that was ACTIVE when it was recorded, and members are never deleted. */
  async attendee(entry: AttendanceEntry): Promise<Member> {
    const member = await this.deps.membership.member(entry.country);
    if (!member) throw new Error(`attendance names ${entry.country}, which is no member`);
    return member;
  }

  /** The JPA it belongs to, as the JPA domain answers it. */
  jpa(meeting: Meeting): Promise<Jpa | null> {
    return meeting.jpaNumber === null ? Promise.resolve(null) : this.deps.jpas.jpa(meeting.jpaNumber);
  }

  async scheduleMeeting(input: ScheduleMeetingInput): Promise<Meeting> {
    const viewer = await this.deps.access.authorize('scheduleMeeting');
    const fields = validScheduleMeeting(input);
    const references = await this.references(fields.host, fields.agenda, fields.jpaNumber);
    for (let attempt = 1; ; attempt += 1) {
      const last = await this.reader.lastNumber();
      const meeting: Meeting = { ...fields, number: last + 1, attendance: [], revision: 1 };
      try {
        await this.deps.repository.schedule(
          meeting,
          last,
          [...this.deps.membership.authorityGuards(viewer), ...references],
          await this.event(
            viewer,
            'scheduleMeeting',
            meeting.number,
            `scheduled "${meeting.title}" (${meeting.kind}, ${meeting.startsOn})`,
          ),
        );
        return this.deps.loader.written(meeting);
      } catch (error) {
        this.deps.loader.forget();
        // Only a lost number is tried again: a conflict that leaves the counter where it was read
        // is another condition of the write failing (what the meeting names), and stays CONFLICT.
        if (!(error instanceof ConflictError) || attempt === scheduleAttempts) throw error;
        if ((await this.reader.lastNumber()) === last) throw error;
      }
    }
  }

  async updateMeeting(input: UpdateMeetingInput): Promise<Meeting> {
    const viewer = await this.deps.access.authorize('updateMeeting');
    const changes = validUpdateMeeting(input);
    const presenting = changes.agenda
      ? await this.deps.membership.requireMembers(presenters(changes.agenda), 'agenda.presenter')
      : [];
    const current = await this.existing(changes.number);
    const meeting: Meeting = {
      ...current,
      title: changes.title ?? current.title,
      kind: changes.kind ?? current.kind,
      format: changes.format ?? current.format,
      startsOn: changes.startsOn ?? current.startsOn,
      endsOn: changes.endsOn ?? current.endsOn,
      city: changes.city ?? current.city,
      agenda: changes.agenda ?? current.agenda,
      revision: current.revision + 1,
    };
    requireNotBefore(meeting.startsOn, meeting.endsOn, changes.endsOn ? 'endsOn' : 'startsOn');
    requireRevision(`meeting ${current.number}`, current, changes.expectedRevision);
    await this.deps.repository.replace(
      meeting,
      [...this.deps.membership.authorityGuards(viewer), ...presenting],
      await this.event(viewer, 'updateMeeting', meeting.number, `updated ${changes.changed.join(', ')}`),
      changes.minutes,
    );
    return this.deps.loader.written(meeting);
  }

  /** Replaces the whole attendance; every country in it an ACTIVE member, as the write commits too. */
  async recordAttendance(input: RecordAttendanceInput): Promise<Meeting> {
    const viewer = await this.deps.access.authorize('recordAttendance');
    const { number, expectedRevision, attendance } = validRecordAttendance(input);
    const attending = await this.deps.membership.requireActiveMembers(
      attendance.map((entry) => entry.country),
      'attendance.country',
    );
    const current = await this.existing(number);
    requireRevision(`meeting ${current.number}`, current, expectedRevision);
    const meeting: Meeting = { ...current, attendance, revision: current.revision + 1 };
    const delegates = attendance.reduce((sum, entry) => sum + entry.delegates, 0);
    await this.deps.repository.replace(
      meeting,
      [...this.deps.membership.authorityGuards(viewer), ...attending],
      await this.event(
        viewer,
        'recordAttendance',
        number,
        `recorded attendance: ${attendance.length} countries, ${delegates} delegates`,
      ),
    );
    return this.deps.loader.written(meeting);
  }

  /**
   * A new meeting's references, BAD_USER_INPUT unless they hold: the host and the presenters are
   * members (of any status), the JPA exists. Answers the guards that keep them so until the write
   * commits, each item once (a transaction may touch an item only once).
   */
  private async references(
    host: string | null,
    agenda: readonly AgendaItem[],
    jpaNumber: number | null,
  ): Promise<TransactionGuard[]> {
    const others = presenters(agenda).filter((country) => country !== host);
    // Read together (one batch), refused in the input's order: the host, the presenters, the JPA.
    const [hosting, presenting, jpa] = await Promise.allSettled([
      this.deps.membership.requireMembers(host === null ? [] : [host], 'host'),
      this.deps.membership.requireMembers(others, 'agenda.presenter'),
      jpaNumber === null ? null : this.deps.jpas.jpa(jpaNumber),
    ]);
    const guards = [...settled(hosting), ...settled(presenting)];
    if (jpaNumber === null) return guards;
    if (!settled(jpa)) throw new BadInputError(`JPA ${jpaNumber} does not exist`, 'jpaNumber');
    return [...guards, this.deps.repository.jpaGuard(jpaNumber)];
  }

  private async existing(number: number): Promise<Meeting> {
    const meeting = await this.reader.meeting(validMeetingNumber(number));
    if (!meeting) throw new NotFoundError(`meeting ${number} does not exist`);
    return meeting;
  }

  private event(viewer: Viewer, action: string, number: number, summary: string): Promise<ChainedEvent> {
    return this.deps.audit.chain(auditEvent(this.deps, viewer, action, auditEntity.meeting(number), summary));
  }
}

/** The value of a settled promise, or its reason thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** A meeting as this viewer may see it: attendance only for those who may read it (minutes: `minutes`). */
function present(viewer: Viewer, meeting: Meeting): Meeting {
  return mayEver(viewer, 'readWorkNotes') ? meeting : { ...meeting, attendance: [] };
}
