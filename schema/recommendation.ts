/** Recommendations of the group and the progress notes of the countries that carry them out. */
export const recommendationTypeDefs = /* GraphQL */ `
  extend type Query {
    "A recommendation by its number; null if there is none."
    recommendation("Its number." number: Int!): Recommendation
    "Recommendations by number, at most the first 500; with a status, only those in it; with an owner, only those that country carries out."
    recommendations(
      "Only those with this status."
      status: RecommendationStatus
      "Only those this country carries out."
      owner: CountryCode
    ): [Recommendation!]!
  }

  extend type Mutation {
    "Adds a recommendation, OPEN, numbered one past the last. Secretariat and co-chairs."
    addRecommendation("The recommendation." input: AddRecommendationInput!): Recommendation!
    "Changes a recommendation. Secretariat and co-chairs; an official of an owner country may change only the status, and not to DROPPED."
    updateRecommendation("The recommendation and the changes." input: UpdateRecommendationInput!): Recommendation!
    "Adds a progress note, which never changes afterwards, and bumps the recommendation's revision. Secretariat, co-chairs and officials of an owner country."
    addProgressNote("The recommendation and the note." input: AddProgressNoteInput!): Recommendation!
  }

  "Where a recommendation stands. It moves forward along OPEN, IN_PROGRESS, IMPLEMENTED, one step or several, never back; DROPPED leaves the line."
  enum RecommendationStatus {
    "Made, not yet taken up."
    OPEN
    "Being carried out."
    IN_PROGRESS
    "Carried out; final."
    IMPLEMENTED
    "Given up, by the secretariat or a co-chair, from OPEN or IN_PROGRESS; final."
    DROPPED
  }

  "A note on how a recommendation is getting on. It never changes once written."
  type ProgressNote {
    "When it was written."
    at: DateTime!
    "Who wrote it: the token's subject (sub claim)."
    author: String!
    "The writer's country (custom:country claim), if any."
    country: CountryCode
    "The note."
    text: String!
  }

  "A recommendation of the working group, and the member countries that carry it out."
  type Recommendation implements Node {
    "Its global id: recommendation/ and its number, e.g. recommendation/4."
    id: ID!
    "Its number: 1 for the first, in the order they were added."
    number: Int!
    "What is recommended."
    text: String!
    "The JPA it was made in, if recorded."
    jpa: Jpa
    "The meeting it was made at, if recorded."
    meeting: Meeting
    "The countries that carry it out, in the order named."
    owners: [Member!]!
    "Where it stands."
    status: RecommendationStatus!
    "The day it is due, if set."
    dueOn: Date
    "Progress notes, newest first, at most the newest 200; empty for observers."
    progress: [ProgressNote!]!
    "The day (UTC) it was added."
    addedOn: Date!
    "The day (UTC) it became IMPLEMENTED or DROPPED; null before."
    closedOn: Date
    "Bumped by every change, a progress note included; pass it back as expectedRevision."
    revision: Int!
  }

  "A new recommendation."
  input AddRecommendationInput {
    "What is recommended, 1–2,000 characters."
    text: String!
    "The JPA it was made in; it must exist."
    jpaNumber: Int
    "The meeting it was made at; it must exist."
    meetingNumber: Int
    "The countries that carry it out: 1 to 20 ACTIVE members, each once."
    owners: [CountryCode!]!
    "The day it is due."
    dueOn: Date
  }

  "Changes to a recommendation; fields left out stay as they are, and at least one must be given."
  input UpdateRecommendationInput {
    "The recommendation's number."
    number: Int!
    "The revision the change is based on; CONFLICT if the recommendation has changed since."
    expectedRevision: Int!
    "A new text, 1–2,000 characters."
    text: String
    "New owners: 1 to 20 ACTIVE members, each once."
    owners: [CountryCode!]
    "A new status, forward along the line (or DROPPED from OPEN or IN_PROGRESS)."
    status: RecommendationStatus
    "A new due day."
    dueOn: Date
  }

  "A progress note."
  input AddProgressNoteInput {
    "The recommendation's number."
    recommendationNumber: Int!
    "The note, 1–2,000 characters."
    text: String!
  }
`;
