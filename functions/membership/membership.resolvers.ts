import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in MembershipService and CoChairService. */
export const membershipResolvers: Resolvers = {
  Query: {
    viewer: (_, __, { access }) => access.viewer(),
    workingGroup: (_, __, { membership }) => membership.workingGroup(),
    member: (_, { country }, { membership }) => membership.member(country),
    members: (_, { status }, { membership }) => membership.members(status),
    coChairs: (_, __, { coChairs }) => coChairs.openTerms(),
    coChairHistory: (_, __, { coChairs }) => coChairs.coChairHistory(),
  },
  Mutation: {
    addMember: (_, { input }, { membership }) => membership.addMember(input),
    updateMember: (_, { input }, { membership }) => membership.updateMember(input),
    setMemberStatus: (_, { input }, { membership }) => membership.setMemberStatus(input),
    rotateCoChairs: (_, { input }, { coChairs }) => coChairs.rotateCoChairs(input),
  },
  WorkingGroup: {
    memberCount: (_, __, { membership }) => membership.activeMemberCount(),
    coChairs: (_, __, { coChairs }) => coChairs.openTerms(),
  },
  Member: {
    isCoChair: (member, _, { coChairs }) => coChairs.isCoChair(member.country),
    coChairTerms: (member, _, { coChairs }) => coChairs.coChairHistory(member.country),
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
