/** Membership: the working group, its member countries and the rotating co-chairs. */
export const membershipTypeDefs = /* GraphQL */ `
  extend type Query {
    "The working group's profile and current state."
    workingGroup: WorkingGroup!
    "A member country, or null if the country is no member."
    member("The country's code." country: CountryCode!): Member
    "Member countries by country code ascending, optionally only those with a status; at most 249, one per ISO 3166-1 code."
    members("Only the members with this status." status: MemberStatus): [Member!]!
    "The open co-chair terms (at most two)."
    coChairs: [CoChairTerm!]!
    "Every co-chair term, newest first (by startsOn descending); at most the newest 100."
    coChairHistory: [CoChairTerm!]!
  }

  extend type Mutation {
    "Adds a member country, ACTIVE from the start. Secretariat only. CONFLICT if already a member in any status."
    addMember("The new member country." input: AddMemberInput!): Member!
    "Changes a member's name, agencies or focal point. Secretariat, or an official of that country."
    updateMember("The member and the changes." input: UpdateMemberInput!): Member!
    "Suspends, withdraws or reinstates a member. Secretariat only. A co-chair cannot leave ACTIVE (CONFLICT)."
    setMemberStatus("The member, its new status and why." input: SetMemberStatusInput!): Member!
    "Ends outgoing co-chair terms and opens incoming ones on effectiveOn, in one step. Secretariat only. Answers the open terms after it."
    rotateCoChairs("The outgoing and incoming countries, and when." input: RotateCoChairsInput!): [CoChairTerm!]!
  }

  "The Bali Process Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons."
  type WorkingGroup {
    "The group's full name."
    name: String!
    "What the group does, in a paragraph."
    description: String
    "The year the group was set up."
    established: Int!
    "The body the group reports to each year."
    reportsTo: String!
    "The number of ACTIVE member countries."
    memberCount: Int!
    "The open co-chair terms."
    coChairs: [CoChairTerm!]!
  }

  "A member country's standing in the group."
  enum MemberStatus {
    "Takes part fully; its officials are OFFICIALs."
    ACTIVE
    "Temporarily out; its officials are OBSERVERs."
    SUSPENDED
    "Has left; its officials are OBSERVERs."
    WITHDRAWN
  }

  "The kind of a national agency."
  enum AgencyKind {
    "A police force."
    POLICE
    "An immigration authority."
    IMMIGRATION
    "A border protection or coast guard agency."
    BORDER
    "A customs service."
    CUSTOMS
    "A prosecution service."
    PROSECUTION
    "Any other agency."
    OTHER
  }

  "A national agency taking part through a member country."
  type Agency {
    "The agency's name."
    name: String!
    "What kind of agency it is."
    kind: AgencyKind!
  }

  "A person to contact."
  type Contact {
    "The person's name."
    name: String!
    "The person's e-mail address."
    email: String!
    "The person's phone number, if given."
    phone: String
  }

  "A member country of the working group."
  type Member implements Node {
    "Its global id: member/ and the country code, e.g. member/VN."
    id: ID!
    "The country's code."
    country: CountryCode!
    "The country's name."
    name: String!
    "The member's standing."
    status: MemberStatus!
    "The date the country joined."
    joinedOn: Date!
    "The agencies taking part for this country."
    agencies: [Agency!]!
    "The country's focal point; null for observers, who may not read it."
    focalPoint: Contact
    "True while the country holds an open co-chair term."
    isCoChair: Boolean!
    "The country's co-chair terms, newest first; those among the newest 100 terms of all countries (coChairHistory)."
    coChairTerms: [CoChairTerm!]!
    "Bumped by every change; pass it back as expectedRevision."
    revision: Int!
  }

  "A period in which a member country co-chairs the group."
  type CoChairTerm implements Node {
    "Its global id: cochairterm/, the country code and the first day, e.g. cochairterm/VN/2024-07-01."
    id: ID!
    "The co-chair country."
    member: Member!
    "The first day of the term."
    startsOn: Date!
    "The day the term ended; null while it is open."
    endsOn: Date
  }

  "An agency of a member country."
  input AgencyInput {
    "The agency's name, 1–200 characters."
    name: String!
    "What kind of agency it is."
    kind: AgencyKind!
  }

  "A person to contact."
  input ContactInput {
    "The person's name, 1–200 characters."
    name: String!
    "An e-mail address."
    email: String!
    "A phone number: digits, spaces and + ( ) . / -."
    phone: String
  }

  "A new member country."
  input AddMemberInput {
    "The country's code; must not be a member yet."
    country: CountryCode!
    "The country's name, 1–200 characters."
    name: String!
    "The date the country joined."
    joinedOn: Date!
    "Its agencies (at most 50)."
    agencies: [AgencyInput!]
    "Its focal point."
    focalPoint: ContactInput
  }

  "Changes to a member; fields left out stay as they are, and at least one must be given."
  input UpdateMemberInput {
    "The member to change."
    country: CountryCode!
    "The revision the change is based on; CONFLICT if the member has changed since."
    expectedRevision: Int!
    "A new name, 1–200 characters."
    name: String
    "The new list of agencies, replacing the old one."
    agencies: [AgencyInput!]
    "The new focal point."
    focalPoint: ContactInput
  }

  "A change of a member's standing."
  input SetMemberStatusInput {
    "The member to change."
    country: CountryCode!
    "The revision the change is based on; CONFLICT if the member has changed since."
    expectedRevision: Int!
    "The new status; CONFLICT if it is the current one."
    status: MemberStatus!
    "Why, 1–2,000 characters; recorded in the audit trail."
    reason: String!
  }

  "A change of co-chairs: each list may be empty, not both, and no country may be in both."
  input RotateCoChairsInput {
    "Countries whose open terms end on effectiveOn."
    outgoing: [CountryCode!]!
    "ACTIVE members whose terms start on effectiveOn."
    incoming: [CountryCode!]!
    "The day the change takes effect; not before the start of any outgoing term."
    effectiveOn: Date!
  }
`;
