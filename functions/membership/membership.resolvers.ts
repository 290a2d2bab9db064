import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in MembershipService. */
export const membershipResolvers: Resolvers = {
  Query: {
    viewer: (_, __, { access }) => access.viewer(),
    workingGroup: (_, __, { membership }) => membership.workingGroup(),
    member: (_, { country }, { membership }) => membership.member(country),
    members: (_, { status }, { membership }) => membership.members(status),
    coChairs: (_, __, { membership }) => membership.openTerms(),
    coChairHistory: (_, __, { membership }) => membership.coChairHistory(),
  },
  Mutation: {
    addMember: (_, { input }, { membership }) => membership.addMember(input),
    updateMember: (_, { input }, { membership }) => membership.updateMember(input),
    setMemberStatus: (_, { input }, { membership }) => membership.setMemberStatus(input),
    rotateCoChairs: (_, { input }, { membership }) => membership.rotateCoChairs(input),
  },
  WorkingGroup: {
    memberCount: (_, __, { membership }) => membership.activeMemberCount(),
    coChairs: (_, __, { membership }) => membership.openTerms(),
  },
  Member: {
    isCoChair: (member, _, { membership }) => membership.isCoChair(member.country),
    coChairTerms: (member, _, { membership }) => membership.coChairHistory(member.country),
  },
  CoChairTerm: {
    member: async (term, _, { membership }) => {
      const member = await membership.member(term.country);
      // Terms are only ever opened for members, and members are never deleted.
      if (!member) throw new Error(`co-chair term of ${term.country}, which is no member`);
      return member;
    },
  },
};
