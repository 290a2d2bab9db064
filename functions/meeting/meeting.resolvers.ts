import type { Resolvers } from '../../schema/generated/resolvers.ts';

/** Thin: arguments in, service call, result out. The rules are in MeetingService. */
export const meetingResolvers: Resolvers = {
  Query: {
    meeting: (_, { number }, { meetings }) => meetings.meeting(number),
    meetings: (_, { year }, { meetings }) => meetings.meetings(year),
  },
  Mutation: {
    scheduleMeeting: (_, { input }, { meetings }) => meetings.scheduleMeeting(input),
    updateMeeting: (_, { input }, { meetings }) => meetings.updateMeeting(input),
    recordAttendance: (_, { input }, { meetings }) => meetings.recordAttendance(input),
  },
  Meeting: {
    host: (meeting, _, { meetings }) => meetings.host(meeting),
    jpa: (meeting, _, { meetings }) => meetings.jpa(meeting),
    minutes: (meeting, _, { meetings }) => meetings.minutes(meeting),
    recommendations: (meeting, _, { recommendations }) => recommendations.madeAt(meeting.number),
  },
  AgendaItem: {
    presenter: (item, _, { meetings }) => meetings.presenter(item),
  },
  Attendance: {
    member: (entry, _, { meetings }) => meetings.attendee(entry),
  },
};
