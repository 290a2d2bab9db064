/** The annual report to the Bali Process Ad Hoc Group: a draft computed when asked, or the published snapshot. */
export const reportTypeDefs = /* GraphQL */ `
  extend type Query {
    "The report of a year from 2014 to 2100 (others are BAD_USER_INPUT): the PUBLISHED one if there is one, else a DRAFT computed from the data at the time of asking for the secretariat and officials; null for observers when the year is not published."
    annualReport("The calendar year, 2014 to 2100." year: Int!): AnnualReport
    "The PUBLISHED reports, newest first."
    annualReports: [AnnualReport!]!
  }

  extend type Mutation {
    "Publishes a year's report: computes it, and freezes every figure and its html for good. Only for a year that has ended (BAD_USER_INPUT), once (CONFLICT). Secretariat and co-chairs."
    publishAnnualReport("The year to publish." input: PublishAnnualReportInput!): AnnualReport!
  }

  "Whether a report is computed when asked or frozen."
  enum ReportStatus {
    "Computed from the data at the time of asking; its figures change with the data."
    DRAFT
    "Frozen when published; it never changes."
    PUBLISHED
  }

  "A JPA as a year's report names it, with its figures as they stood when the report was computed."
  type ReportJpa {
    "Its number."
    number: Int!
    "Its title."
    title: String!
    "Its status when the report was computed."
    status: JpaStatus!
    "Its first day."
    startsOn: Date!
    "Its last day."
    endsOn: Date!
    "The countries taking part, in the order they joined."
    participants: [CountryCode!]!
    "Its outcome totals over all its operations."
    outcomes: OutcomeTotals!
  }

  "The working group's report of a calendar year to the Bali Process Ad Hoc Group."
  type AnnualReport implements Node {
    "Its global id: report/ and the year, e.g. report/2024."
    id: ID!
    "The calendar year it covers."
    year: Int!
    "DRAFT: computed at the time of asking; PUBLISHED: frozen."
    status: ReportStatus!
    "The UTC day it was published; null for a DRAFT."
    publishedOn: Date
    "When its figures were computed: the time of asking for a DRAFT, of publishing for a PUBLISHED report."
    computedAt: DateTime!
    "Members ACTIVE when the report was computed that joined on or before the year's last day."
    memberCount: Int!
    "Members of any status that joined during the year, by country code."
    membersJoined: [CountryCode!]!
    "Countries whose co-chair term [startsOn, endsOn) overlaps the year (an open term has no end), by country code."
    coChairs: [CountryCode!]!
    "JPAs whose dates overlap the year (both days included), whatever their status, by number."
    jpas: [ReportJpa!]!
    "The sum of the outcomes of those JPAs."
    outcomes: OutcomeTotals!
    "Meetings (trainings included) whose startsOn is in the year."
    meetings: Int!
    "Of those, the meetings of kind TRAINING."
    trainings: Int!
    "Recommendations added during the year."
    recommendationsMade: Int!
    "Recommendations set IMPLEMENTED during the year."
    recommendationsImplemented: Int!
    "Recommendations added by the end of the year that were OPEN or IN_PROGRESS at that time."
    recommendationsOpen: Int!
    "Terms of Reference versions adopted during the year, ascending."
    termsOfReferenceAdopted: [Int!]!
    "The whole report as one self-contained HTML page (no src, href or url() to another origin), with its charts as inline SVG and print styles for A4; every text from the data escaped. At most 200,000 bytes: rows that do not fit a section are counted instead of shown."
    html: String!
  }

  "The year to publish."
  input PublishAnnualReportInput {
    "A calendar year from 2014 to 2100 that has ended."
    year: Int!
  }
`;
