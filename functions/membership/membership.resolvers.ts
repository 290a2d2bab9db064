import type { GraphqlContext } from '../graphql/context.ts';
import type { CoChairTerm, Member } from './membership.types.ts';
import type {
  AddMemberInput,
  RotateCoChairsInput,
  SetMemberStatusInput,
  UpdateMemberInput,
} from './membership.validation.ts';
import type { MemberStatus } from './membership.types.ts';

type Input<T> = { input: T };

/** Thin: arguments in, service call, result out. The rules are in MembershipService. */
export const membershipResolvers = {
  Query: {
    viewer: (_: unknown, __: unknown, { membership }: GraphqlContext) => membership.viewer(),
    workingGroup: (_: unknown, __: unknown, { membership }: GraphqlContext) => membership.workingGroup(),
    member: (_: unknown, { country }: { country: string }, { membership }: GraphqlContext) => membership.member(country),
    members: (_: unknown, { status }: { status?: MemberStatus | null }, { membership }: GraphqlContext) =>
      membership.members(status),
    coChairs: (_: unknown, __: unknown, { membership }: GraphqlContext) => membership.openTerms(),
    coChairHistory: (_: unknown, __: unknown, { membership }: GraphqlContext) => membership.coChairHistory(),
  },
  Mutation: {
    addMember: (_: unknown, { input }: Input<AddMemberInput>, { membership }: GraphqlContext) =>
      membership.addMember(input),
    updateMember: (_: unknown, { input }: Input<UpdateMemberInput>, { membership }: GraphqlContext) =>
      membership.updateMember(input),
    setMemberStatus: (_: unknown, { input }: Input<SetMemberStatusInput>, { membership }: GraphqlContext) =>
      membership.setMemberStatus(input),
    rotateCoChairs: (_: unknown, { input }: Input<RotateCoChairsInput>, { membership }: GraphqlContext) =>
      membership.rotateCoChairs(input),
  },
  WorkingGroup: {
    memberCount: (_: unknown, __: unknown, { membership }: GraphqlContext) => membership.activeMemberCount(),
    coChairs: (_: unknown, __: unknown, { membership }: GraphqlContext) => membership.openTerms(),
  },
  Member: {
    isCoChair: (member: Member, _: unknown, { membership }: GraphqlContext) => membership.isCoChair(member.country),
    coChairTerms: (member: Member, _: unknown, { membership }: GraphqlContext) =>
      membership.coChairHistory(member.country),
  },
  CoChairTerm: {
    member: async (term: CoChairTerm, _: unknown, { membership }: GraphqlContext) => {
      const member = await membership.member(term.country);
      // Terms are only ever opened for members, and members are never deleted.
      if (!member) throw new Error(`co-chair term of ${term.country}, which is no member`);
      return member;
    },
  },
};
