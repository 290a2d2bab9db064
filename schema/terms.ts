/** Terms of Reference: numbered versions, drafted, revised and adopted over time. */
export const termsTypeDefs = /* GraphQL */ `
  extend type Query {
    "A version of the Terms of Reference; with no version, the ADOPTED one. Null if there is none or the caller may not read it (drafts, for observers)."
    termsOfReference("The version's number; none for the ADOPTED one." version: Int): TermsOfReference
    "Every version the caller may read, newest first; drafts only for those who may read them; at most the newest 100."
    termsOfReferenceVersions: [TermsOfReference!]!
  }

  extend type Mutation {
    "Starts a new version, DRAFT, numbered one past the last. Secretariat and co-chairs."
    draftTermsOfReference("The new draft." input: DraftTermsOfReferenceInput!): TermsOfReference!
    "Changes a DRAFT; any other version is CONFLICT. Secretariat and co-chairs."
    updateTermsOfReferenceDraft("The draft and the changes." input: UpdateTermsOfReferenceDraftInput!): TermsOfReference!
    "Adopts a DRAFT; the version adopted until then becomes SUPERSEDED on the same day, in the same step. Secretariat and co-chairs."
    adoptTermsOfReference("The draft and the day it is adopted." input: AdoptTermsOfReferenceInput!): TermsOfReference!
  }

  extend type WorkingGroup {
    "The ADOPTED Terms of Reference."
    termsOfReference: TermsOfReference
  }

  "Where a version of the Terms of Reference stands."
  enum TorStatus {
    "Being written; the only status whose text changes."
    DRAFT
    "In force; exactly one version at a time once any has been adopted."
    ADOPTED
    "Was in force until a later version was adopted."
    SUPERSEDED
  }

  "How a run of lines differs between two versions."
  enum TextChangeKind {
    "Lines only in this version."
    ADDED
    "Lines only in the other version."
    REMOVED
    "Lines in both."
    UNCHANGED
  }

  "A run of lines of a line diff."
  type TextChange {
    "Whether the lines were added, removed or kept."
    kind: TextChangeKind!
    "The lines, with their line breaks."
    text: String!
    "How many lines."
    lineCount: Int!
  }

  "A version of the working group's Terms of Reference."
  type TermsOfReference implements Node {
    "Its global id: tor/ and the version's number, e.g. tor/3."
    id: ID!
    "The version's number, 1 for the first."
    version: Int!
    "Its title."
    title: String!
    "Its full text."
    text: String!
    "What changed from the version before, in a few words."
    changeSummary: String
    "Where it stands."
    status: TorStatus!
    "The day it was adopted."
    adoptedOn: Date
    "The day a later version replaced it."
    supersededOn: Date
    "Bumped by every change, superseding included; pass it back as expectedRevision."
    revision: Int!
    "The line diff that turns another version's text into this one's, for reviewers; null if that version does not exist or the caller may not read it. A diff that would take more than 200 edit steps (lines removed plus lines added) is not worked out: it answers the coarse result instead, the other version's whole text REMOVED and then this one's ADDED, each with its line count (an empty text gives no part). This keeps the work of one diff to a small bound, whatever the texts."
    changesFrom("The version to compare with." version: Int!): [TextChange!]
  }

  "A new draft."
  input DraftTermsOfReferenceInput {
    "Its title, 1–200 characters."
    title: String!
    "Its full text, up to 100,000 characters."
    text: String!
    "What changes, up to 2,000 characters."
    changeSummary: String
  }

  "Changes to a DRAFT; fields left out stay as they are, and at least one must be given."
  input UpdateTermsOfReferenceDraftInput {
    "The draft's version number."
    version: Int!
    "The revision the change is based on; CONFLICT if the draft has changed since."
    expectedRevision: Int!
    "A new title, 1–200 characters."
    title: String
    "A new text, up to 100,000 characters."
    text: String
    "A new change summary, up to 2,000 characters."
    changeSummary: String
  }

  "The adoption of a DRAFT."
  input AdoptTermsOfReferenceInput {
    "The draft's version number."
    version: Int!
    "The revision the adoption is based on; CONFLICT if the draft has changed since."
    expectedRevision: Int!
    "The day it is adopted; not before the adoption of the version it supersedes."
    adoptedOn: Date!
  }
`;
