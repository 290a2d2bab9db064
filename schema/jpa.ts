/** Joint Periods of Action: twelve-month periods of coordinated operations, and their outcomes. */
export const jpaTypeDefs = /* GraphQL */ `
  extend type Query {
    "A JPA by number, or null if there is none."
    jpa("The JPA's number." number: Int!): Jpa
    "JPAs, newest (highest number) first, optionally only those with a status; at most the newest 100."
    jpas("Only the JPAs with this status." status: JpaStatus): [Jpa!]!
  }

  extend type Mutation {
    "Creates a JPA, PLANNED. Secretariat and co-chairs. CONFLICT if the number is taken."
    createJpa("The new JPA." input: CreateJpaInput!): Jpa!
    "Changes a JPA's title, dates or status. Secretariat and co-chairs. At most one JPA is ACTIVE (CONFLICT)."
    updateJpa("The JPA and the changes." input: UpdateJpaInput!): Jpa!
    "The caller's country joins a JPA that is not CONCLUDED. Officials of ACTIVE members; a country already taking part gets the JPA unchanged."
    joinJpa("The JPA to join." input: JoinJpaInput!): Jpa!
    "Concludes a JPA, with its conference if there was one. Secretariat and co-chairs. A concluded JPA takes no new operations or participants."
    concludeJpa("The JPA and its conference." input: ConcludeJpaInput!): Jpa!
  }

  extend type WorkingGroup {
    "The ACTIVE JPA, if any."
    currentJpa: Jpa
  }

  "Where a JPA stands."
  enum JpaStatus {
    "Created, not started."
    PLANNED
    "Running; at most one JPA is ACTIVE at a time."
    ACTIVE
    "Over; takes no new operations or participants."
    CONCLUDED
  }

  "The conference that closes a JPA."
  type Conference {
    "The host city."
    city: String!
    "The host country."
    country: CountryCode!
    "The first day."
    startsOn: Date!
    "The last day."
    endsOn: Date!
    "The conference's theme, if it had one."
    theme: String
    "What the conference recommended."
    recommendations: [String!]!
  }

  "An operation's results."
  type Outcomes {
    "People arrested."
    arrests: Int!
    "Prosecutions started."
    prosecutions: Int!
    "Victims identified."
    victimsIdentified: Int!
    "Criminal networks disrupted."
    networksDisrupted: Int!
  }

  "The sums over all of a JPA's operations."
  type OutcomeTotals {
    "The number of operations."
    operations: Int!
    "People arrested."
    arrests: Int!
    "Prosecutions started."
    prosecutions: Int!
    "Victims identified."
    victimsIdentified: Int!
    "Criminal networks disrupted."
    networksDisrupted: Int!
  }

  "A Joint Period of Action: a period in which member countries run coordinated operations."
  type Jpa implements Node {
    "Its global id: jpa/ and the number, e.g. jpa/7."
    id: ID!
    "The JPA's number, 1 for the first."
    number: Int!
    "The JPA's title."
    title: String!
    "The first day."
    startsOn: Date!
    "The last day; later than startsOn."
    endsOn: Date!
    "Where it stands."
    status: JpaStatus!
    "The member countries taking part, in the order they joined."
    participants: [Member!]!
    "The closing conference, once concluded with one."
    conference: Conference
    "The sums over ALL its operations, including those the caller may not read."
    outcomes: OutcomeTotals!
    "Its operations that the caller may read, by startsOn descending, then id."
    operations("1 to 100." first: Int = 20, "A cursor from this list's pageInfo.endCursor." after: String): OperationConnection!
    "Bumped by every change; pass it back as expectedRevision."
    revision: Int!
  }

  "A new JPA."
  input CreateJpaInput {
    "Its number, 1 to 9999; must be free."
    number: Int!
    "Its title, 1–200 characters."
    title: String!
    "The first day."
    startsOn: Date!
    "The last day; later than startsOn."
    endsOn: Date!
    "ACTIVE member countries taking part from the start."
    participants: [CountryCode!]
  }

  "Changes to a JPA; fields left out stay as they are, and at least one must be given."
  input UpdateJpaInput {
    "The JPA to change."
    number: Int!
    "The revision the change is based on; CONFLICT if the JPA has changed since."
    expectedRevision: Int!
    "A new title, 1–200 characters."
    title: String
    "A new first day."
    startsOn: Date
    "A new last day."
    endsOn: Date
    "A new status; a CONCLUDED JPA stays CONCLUDED (CONFLICT)."
    status: JpaStatus
  }

  "Which JPA the caller's country joins."
  input JoinJpaInput {
    "The JPA to join."
    number: Int!
  }

  "A JPA's conference."
  input ConferenceInput {
    "The host city, 1–200 characters."
    city: String!
    "The host country."
    country: CountryCode!
    "The first day."
    startsOn: Date!
    "The last day; later than startsOn."
    endsOn: Date!
    "Its theme, 1–200 characters."
    theme: String
    "What it recommended, each 1–2,000 characters (at most 50)."
    recommendations: [String!]
  }

  "The end of a JPA."
  input ConcludeJpaInput {
    "The JPA to conclude."
    number: Int!
    "The revision the change is based on; CONFLICT if the JPA has changed since."
    expectedRevision: Int!
    "Its closing conference, if there was one."
    conference: ConferenceInput
  }
`;
