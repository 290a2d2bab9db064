/** The group's forward work plan: what is to be done, by whom and when, for which recommendations. */
export const workPlanTypeDefs = /* GraphQL */ `
  extend type Query {
    "The work plan by due day, then number, at most the first 500; with a status, only the items in it."
    workPlan("Only items with this status." status: WorkPlanStatus): [WorkPlanItem!]!
  }

  extend type Mutation {
    "Adds an item to the work plan, PLANNED, numbered one past the last. Secretariat and co-chairs."
    createWorkPlanItem("The item." input: CreateWorkPlanItemInput!): WorkPlanItem!
    "Changes a work-plan item. Secretariat and co-chairs; an official of an owner country may change only the status, and not to CANCELLED."
    updateWorkPlanItem("The item and the changes." input: UpdateWorkPlanItemInput!): WorkPlanItem!
  }

  "Where a work-plan item stands. It moves forward along PLANNED, UNDERWAY, DONE, one step or several, never back; CANCELLED leaves the line."
  enum WorkPlanStatus {
    "Planned, not started."
    PLANNED
    "Under way."
    UNDERWAY
    "Done; final."
    DONE
    "Called off, by the secretariat or a co-chair, from PLANNED or UNDERWAY; final."
    CANCELLED
  }

  "An item of the group's forward work plan."
  type WorkPlanItem implements Node {
    "Its global id: workplan/ and its number, e.g. workplan/2."
    id: ID!
    "Its number: 1 for the first, in the order they were added."
    number: Int!
    "What is to be done, in a few words."
    title: String!
    "More about it, if given."
    description: String
    "The countries that carry it out, in the order named."
    owners: [Member!]!
    "The day it is due."
    dueOn: Date!
    "Where it stands."
    status: WorkPlanStatus!
    "The recommendations it carries out, in the order named."
    recommendations: [Recommendation!]!
    "Bumped by every change; pass it back as expectedRevision."
    revision: Int!
  }

  "A new work-plan item."
  input CreateWorkPlanItemInput {
    "What is to be done, 1–200 characters."
    title: String!
    "More about it, up to 2,000 characters."
    description: String
    "The countries that carry it out: 1 to 20 ACTIVE members, each once."
    owners: [CountryCode!]!
    "The day it is due."
    dueOn: Date!
    "The recommendations it carries out (any status): at most 20, each existing, each once."
    recommendationNumbers: [Int!]
  }

  "Changes to a work-plan item; fields left out stay as they are, and at least one must be given."
  input UpdateWorkPlanItemInput {
    "The item's number."
    number: Int!
    "The revision the change is based on; CONFLICT if the item has changed since."
    expectedRevision: Int!
    "A new title, 1–200 characters."
    title: String
    "A new description, up to 2,000 characters."
    description: String
    "New owners: 1 to 20 ACTIVE members, each once."
    owners: [CountryCode!]
    "A new due day."
    dueOn: Date
    "A new status, forward along the line (or CANCELLED from PLANNED or UNDERWAY)."
    status: WorkPlanStatus
    "The recommendations it carries out instead: at most 20, each existing, each once."
    recommendationNumbers: [Int!]
  }
`;
