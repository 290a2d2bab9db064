/** Meetings of the group: working-group meetings, conferences, workshops and trainings, with agenda and attendance. */
export const meetingTypeDefs = /* GraphQL */ `
  extend type Query {
    "A meeting by number, or null if there is none."
    meeting("The meeting's number." number: Int!): Meeting
    "Meetings by startsOn descending (then number descending), at most the newest 100; with a year, those starting in it (2014–2100, else BAD_USER_INPUT)."
    meetings("Only the meetings whose startsOn is in this year, 2014 to 2100." year: Int): [Meeting!]!
  }

  extend type Mutation {
    "Schedules a meeting, numbered one past the last. Secretariat and co-chairs."
    scheduleMeeting("The new meeting." input: ScheduleMeetingInput!): Meeting!
    "Changes a meeting's title, kind, format, dates, city, agenda or minutes. Secretariat and co-chairs."
    updateMeeting("The meeting and the changes." input: UpdateMeetingInput!): Meeting!
    "Records who attended, replacing the whole list. Secretariat and co-chairs."
    recordAttendance("The meeting and its attendance." input: RecordAttendanceInput!): Meeting!
  }

  "What kind of meeting."
  enum MeetingKind {
    "A meeting of the working group."
    WORKING_GROUP
    "A conference, such as the one closing a JPA."
    CONFERENCE
    "A workshop."
    WORKSHOP
    "A training; the annual report counts these apart."
    TRAINING
  }

  "How a meeting is held."
  enum MeetingFormat {
    "Everyone in one place."
    IN_PERSON
    "Online only."
    VIRTUAL
    "In one place, with some taking part online."
    HYBRID
  }

  "One item of a meeting's agenda."
  type AgendaItem {
    "What the item is about."
    title: String!
    "The member country presenting it, if one does."
    presenter: Member
  }

  "How many delegates a member country sent to a meeting."
  type Attendance {
    "The attending member country."
    member: Member!
    "How many delegates it sent, 1 to 100."
    delegates: Int!
  }

  "A meeting of the group: a working-group meeting, a conference, a workshop or a training."
  type Meeting implements Node {
    "Its global id: meeting/ and the number, e.g. meeting/9."
    id: ID!
    "The meeting's number, 1 for the first, in the order meetings were scheduled."
    number: Int!
    "Its title."
    title: String!
    "What kind of meeting it is."
    kind: MeetingKind!
    "How it is held."
    format: MeetingFormat!
    "The first day."
    startsOn: Date!
    "The last day; not before startsOn (a meeting may end the day it starts)."
    endsOn: Date!
    "The city it is held in, if any."
    city: String
    "The host member country, if any."
    host: Member
    "The JPA it belongs to, if any."
    jpa: Jpa
    "The agenda, in order; at most 50 items."
    agenda: [AgendaItem!]!
    "Who attended; empty for observers."
    attendance: [Attendance!]!
    "The minutes; null for observers."
    minutes: String
    "The recommendations made at it, by number; at most the first 500."
    recommendations: [Recommendation!]!
    "Bumped by every change; pass it back as expectedRevision."
    revision: Int!
  }

  "One item of an agenda."
  input AgendaItemInput {
    "What the item is about, 1–200 characters."
    title: String!
    "The member country presenting it (a member of any status)."
    presenter: CountryCode
  }

  "A new meeting."
  input ScheduleMeetingInput {
    "Its title, 1–200 characters."
    title: String!
    "What kind of meeting it is."
    kind: MeetingKind!
    "How it is held."
    format: MeetingFormat!
    "The first day."
    startsOn: Date!
    "The last day; not before startsOn."
    endsOn: Date!
    "The city, 1–200 characters."
    city: String
    "The host member country (a member of any status)."
    host: CountryCode
    "The JPA it belongs to; must exist."
    jpaNumber: Int
    "The agenda, at most 50 items."
    agenda: [AgendaItemInput!]
  }

  "Changes to a meeting; fields left out stay as they are, and at least one must be given."
  input UpdateMeetingInput {
    "The meeting to change."
    number: Int!
    "The revision the change is based on; CONFLICT if the meeting has changed since."
    expectedRevision: Int!
    "A new title, 1–200 characters."
    title: String
    "A new kind."
    kind: MeetingKind
    "A new format."
    format: MeetingFormat
    "A new first day; not after the last day."
    startsOn: Date
    "A new last day; not before the first day."
    endsOn: Date
    "A new city, 1–200 characters."
    city: String
    "A new agenda, replacing the whole agenda; at most 50 items."
    agenda: [AgendaItemInput!]
    "The minutes, up to 100,000 characters."
    minutes: String
  }

  "One member country's attendance."
  input AttendanceInput {
    "An ACTIVE member country."
    country: CountryCode!
    "How many delegates it sent, 1 to 100."
    delegates: Int!
  }

  "A meeting's whole attendance."
  input RecordAttendanceInput {
    "The meeting."
    number: Int!
    "The revision the change is based on; CONFLICT if the meeting has changed since."
    expectedRevision: Int!
    "Every attending country once, at most 50; replaces the list recorded before."
    attendance: [AttendanceInput!]!
  }
`;
