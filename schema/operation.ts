/** Operations: coordinated law-enforcement operations inside a JPA, readable on a need-to-know basis. */
export const operationTypeDefs = /* GraphQL */ `
  extend type Query {
    "An operation by id; null if it does not exist or the caller may not read it."
    operation("The operation's id." id: ID!): Operation
    "The operations the caller may read, by startsOn descending, then id."
    operations(
      "Only those of this JPA."
      jpaNumber: Int
      "Only those this country takes part in (as lead or participant)."
      country: CountryCode
      "Only those with this status."
      status: OperationStatus
      "1 to 100."
      first: Int = 20
      "A cursor from this list's pageInfo.endCursor, with the same other arguments."
      after: String
    ): OperationConnection!
  }

  extend type Mutation {
    "Creates an operation led by the caller's country, PLANNED. Officials of a country taking part in the JPA."
    createOperation("The new operation." input: CreateOperationInput!): Operation!
    "Changes an operation. Officials of its lead country only."
    updateOperation("The operation and the changes." input: UpdateOperationInput!): Operation!
    "Sets an operation's outcome figures; the JPA's totals follow. Officials of its lead country only."
    recordOutcomes("The operation and its figures." input: RecordOutcomesInput!): Operation!
  }

  "The crimes an operation is against."
  enum CrimeType {
    "People smuggling."
    PEOPLE_SMUGGLING
    "Trafficking in persons."
    TRAFFICKING_IN_PERSONS
  }

  "Where an operation stands."
  enum OperationStatus {
    "Created, not started."
    PLANNED
    "Running."
    ACTIVE
    "Over."
    CLOSED
  }

  "Who may read an operation."
  enum Handling {
    "Only officials of its participating countries."
    PARTICIPANTS
    "Every official of a member country, and the secretariat."
    MEMBERS
  }

  "A coordinated operation against a criminal network, inside a JPA."
  type Operation implements Node {
    "The operation's id, also its global id."
    id: ID!
    "Its code name."
    codeName: String!
    "The JPA it belongs to."
    jpa: Jpa!
    "The country that leads it."
    lead: Member!
    "The countries taking part, the lead first."
    participants: [Member!]!
    "The crimes it is against."
    crimeTypes: [CrimeType!]!
    "Where it stands."
    status: OperationStatus!
    "The first day."
    startsOn: Date!
    "The last day, once known."
    endsOn: Date
    "What it is about."
    summary: String
    "Who may read it."
    handling: Handling!
    "Its results so far."
    outcomes: Outcomes!
    "Bumped by every change; pass it back as expectedRevision."
    revision: Int!
    "Who read it, newest first: one record per request that carried it (handled PARTICIPANTS only). Null unless the caller is an official of its lead country."
    reads(
      "1 to 100."
      first: Int = 20
      "A cursor from this list's pageInfo.endCursor."
      after: String
    ): OperationReadConnection
  }

  "One request that carried an operation handled PARTICIPANTS. Records are only ever added."
  type OperationRead {
    "When the response was answered."
    at: DateTime!
    "Who read it (the token's subject)."
    reader: String!
    "The reader's country, if any."
    readerCountry: CountryCode
    "The root field of the request that first carried it, e.g. operations or updateOperation."
    via: String!
  }

  "A read record in a list."
  type OperationReadEdge {
    "The record's position, valid only for the list that produced it."
    cursor: String!
    "The record."
    node: OperationRead!
  }

  "A page of read records."
  type OperationReadConnection {
    "The records of this page."
    edges: [OperationReadEdge!]!
    "Where the page ends."
    pageInfo: PageInfo!
  }

  "Where a page ends."
  type PageInfo {
    "Whether there is a next page."
    hasNextPage: Boolean!
    "The cursor to pass as after for the next page; null on an empty page."
    endCursor: String
  }

  "An operation in a list."
  type OperationEdge {
    "The operation's position, valid only for the list and arguments that produced it."
    cursor: String!
    "The operation."
    node: Operation!
  }

  "A page of operations."
  type OperationConnection {
    "The operations of this page."
    edges: [OperationEdge!]!
    "Where the page ends."
    pageInfo: PageInfo!
  }

  "A new operation; the caller's country leads it and takes part in it."
  input CreateOperationInput {
    "The JPA, PLANNED or ACTIVE, in which the lead and every participant take part."
    jpaNumber: Int!
    "Its code name, 1–200 characters."
    codeName: String!
    "The other countries taking part (at most 20 in all)."
    participants: [CountryCode!]
    "The crimes it is against; at least one."
    crimeTypes: [CrimeType!]!
    "The first day."
    startsOn: Date!
    "Who may read it; by default only its participants."
    handling: Handling = PARTICIPANTS
    "What it is about, up to 2,000 characters."
    summary: String
    "Repeating a create with the same key and input answers the first result and creates nothing (kept 48 hours)."
    idempotencyKey: String
  }

  "Changes to an operation; fields left out stay as they are, and at least one must be given."
  input UpdateOperationInput {
    "The operation to change."
    id: ID!
    "The revision the change is based on; CONFLICT if the operation has changed since."
    expectedRevision: Int!
    "A new code name, 1–200 characters."
    codeName: String
    "The new list of countries taking part (the lead stays in it)."
    participants: [CountryCode!]
    "A new status."
    status: OperationStatus
    "The last day; later than startsOn."
    endsOn: Date
    "A new summary, up to 2,000 characters."
    summary: String
    "Who may read it from now on."
    handling: Handling
  }

  "An operation's figures, each a whole number from 0."
  input OutcomesInput {
    "People arrested."
    arrests: Int!
    "Prosecutions started."
    prosecutions: Int!
    "Victims identified."
    victimsIdentified: Int!
    "Criminal networks disrupted."
    networksDisrupted: Int!
  }

  "New figures for an operation; they replace the old ones."
  input RecordOutcomesInput {
    "The operation."
    id: ID!
    "The revision the change is based on; CONFLICT if the operation has changed since."
    expectedRevision: Int!
    "The figures."
    outcomes: OutcomesInput!
  }
`;
