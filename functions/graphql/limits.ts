import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext } from 'graphql';

/**
 * What a document may ask of this API, in one place. The values fit this schema: its deepest
 * useful path (`jpa → operations → edges → node → lead → coChairTerms → member → agencies → name`)
 * is 9 deep, a front end's largest operation is under 300 tokens, and no client needs dozens of
 * aliases or directives. Each limit is tested just under and just over (test/integration/limits.test.ts).
 */
export const limits = {
  /** Depth of field nesting, fragments flattened. */
  depth: 10,
  /** Aliased fields in one document: enough to ask for a few members side by side. */
  aliases: 15,
  /** Directives (`@include`, `@skip`) in one document. */
  directives: 20,
  /** Lexical tokens, checked by graphql-js while parsing, before any other work. */
  tokens: 1000,
  /**
   * The estimated cost of one request, in units of about one item read from DynamoDB
   * (`costWeights` and `listSizes` below, computed in ./cost.ts with the request's variables).
   * Over it, the request answers MAX_COST_EXCEEDED before anything runs.
   *
   * 750, because:
   * - every client document (schema/documents) fits within two thirds of it: the costliest,
   *   `Jpas` (every JPA with its participants and totals, at docs/api.md's 100 JPAs of 249
   *   participants), is 469, `Members` 269, a line diff 201;
   * - the fan-out shapes are over it: a page under every JPA (`jpas { operations(first: 1) }`)
   *   is 4,320, fifteen pages of 100 are 3,600, `jpas → operations(first: 100) → participants →
   *   coChairTerms → member` about 426,000;
   * - what it admits is small whatever the data: three pages of 100 and a page of ten audit
   *   events at most (an official reads two listings a page: 6 Queries of at most 101 items and
   *   one of 11), or three line diffs. The per-request read budget
   *   (functions/shared/data/request-reads.ts) stops what the sizes assumed here do not foresee,
   *   such as items larger than usual.
   * The estimate of every client document is listed in test/integration/limits.test.ts.
   */
  cost: 750,
  /** Bytes of a request body: a 100,000-character Terms of Reference text, escaped, fits with room. */
  bodyBytes: 512 * 1024,
} as const;

/**
 * How many items a list without `first` counts as in the estimate: its largest possible size.
 * Sizes docs/api.md fixes ("Fine print") are marked so; the others come from an input
 * limit or a rule of the data. A list with `first` (a page) counts at its `first` instead, so its
 * connection's `edges` count 1 here: each edge is one of the page's items. A test fails for a list
 * field of the schema missing here.
 */
export const listSizes: Readonly<Record<string, number>> = {
  /** docs/api.md: the ISO 3166-1 codes. */
  'Query.members': 249,
  /** docs/api.md. */
  'Query.jpas': 100,
  /** docs/api.md (members). */
  'Jpa.participants': 249,
  /**
   * The input limit: an operation has at most 20 countries taking part, checked on create and
   * update (operation.validation.ts, `maxParticipants`). docs/api.md's 249 is the bound of members,
   * which a JPA's participants are; 20 is the largest an operation's can be.
   */
  'Operation.participants': 20,
  /** The open terms: at most two (the schema's description). */
  'Query.coChairs': 2,
  'WorkingGroup.coChairs': 2,
  'Mutation.rotateCoChairs': 2,
  /** The newest 100 terms at most, the bound of the list's read (two co-chairs a year for fifty years). */
  'Query.coChairHistory': 100,
  /** A country's terms, among the newest 100 of all countries. */
  'Member.coChairTerms': 100,
  /** The input limit (membership.validation.ts, `maxAgencies`). */
  'Member.agencies': 50,
  /** The newest 100 versions at most, the bound of the list's read. */
  'Query.termsOfReferenceVersions': 100,
  /** The input limit of a conference's recommendations (the schema's ConferenceInput). */
  'Conference.recommendations': 50,
  /** Each value of the enum at most once. */
  'Operation.crimeTypes': 2,
  'Viewer.roles': 3,
  /** A run per line of both texts at most (100,000 characters each). Computed, so they cost 0 each. */
  'TermsOfReference.changesFrom': 200_000,
  /** Counted by the page's `first` (above). */
  'OperationConnection.edges': 1,
  'AuditEventConnection.edges': 1,
  'OperationReadConnection.edges': 1,
  /** Counted by its ids (`listArguments`); 100 at most, docs/api.md. */
  'Query.nodes': 100,
  /** docs/api.md; the bound of each list's read too. */
  'Query.recommendations': 500,
  'Query.workPlan': 500,
  'Recommendation.owners': 20,
  'WorkPlanItem.owners': 20,
  'Recommendation.progress': 200,
  /** The input limit (workplan.validation.ts, `maxRecommendationNumbers`). */
  'WorkPlanItem.recommendations': 20,
  /** The bound of the read of a meeting's recommendations (recommendation.repository.ts, as `recommendations`). */
  'Meeting.recommendations': 500,
  /** docs/api.md; also the bound of the list's read (meeting.repository.ts). */
  'Query.meetings': 100,
  /** docs/api.md; also the input limit (meeting.validation.ts). */
  'Meeting.agenda': 50,
  /** docs/api.md (members); the input takes at most 50 (meeting.validation.ts). */
  'Meeting.attendance': 249,
  /** One a year from 2014 to 2100 (functions/report/report.repository.ts, `publishedBound`). */
  'Query.annualReports': 87,
  /** A year's JPAs are among the newest 100 the report reads (docs/api.md's size of `jpas`). */
  'AnnualReport.jpas': 100,
  /** Members: never more than the ISO 3166-1 codes. */
  'AnnualReport.membersJoined': 249,
  /** Countries of co-chair terms, among the newest 100 terms the report reads. */
  'AnnualReport.coChairs': 100,
  /** Versions, among the newest 100 the report reads. */
  'AnnualReport.termsOfReferenceAdopted': 100,
  /** docs/api.md (members), as `Jpa.participants`. */
  'ReportJpa.participants': 249,
};

/** Lists counted at the length of one of their arguments: `nodes` answers one entity per id asked. */
export const listArguments: Readonly<Record<string, string>> = {
  'Query.nodes': 'ids',
};

/** A list of a type missing from `listSizes` counts at the largest size docs/api.md gives a list. */
export const unlistedListSize = 500;

/**
 * What a request costs in the estimate, in units of about one item read from DynamoDB, chosen so
 * that the estimate tracks the time a request takes (measured with `npm run bench`, adversarial):
 * - an item of a stored type read by a list or by key costs 1 (`items`);
 * - a call costs more than the items it carries: a Query 20 once, a page of operations (a Query
 *   for each of up to two listings) 40, about what a call costs against an item's share of its
 *   answer on DynamoDB Local (`once`); a page's items count twice (`fields`), for an official
 *   reads `first + 1` from each of its two listings;
 * - a reference (a member by country, a JPA by number, a term's member) is read through the
 *   request's DataLoader, at most once per key in a request (249 members at most, in batches of
 *   100), so following one again costs only its resolution: 0.01 (`fields`); a fan-out over
 *   references still multiplies, so the deep shapes stay expensive;
 * - an entity by global id (`node`, each id of `nodes`) costs 4: a key read through the
 *   DataLoader, batched with the other ids' (1); for a UUID, the operation read by key and, if it
 *   is none, a one-item Query on the audit's `eventsById` (20 a call, but 32 are in flight at
 *   once, functions/shared/data/request-reads.ts, so about 0.6 each) and a key read of the event's
 *   entity (1); plus 20 once, for the one read of the co-chair history all term ids share. Its
 *   children count as the costliest type the selection asks for. A hundred ids of the `Nodes`
 *   client document are 421;
 * - a line diff costs 200 once: the CPU of the largest diff its ceiling admits, about 10 ms;
 * - scalars, enums and the objects that are part of their parent's item or computed (agencies,
 *   contacts, conferences, operation outcomes, agenda items, attendance, edges, page info, line
 *   runs, the viewer) cost 0.
 */
export const costWeights: {
  readonly items: Readonly<Record<string, number>>;
  readonly fields: Readonly<Record<string, number>>;
  readonly once: Readonly<Record<string, number>>;
} = {
  items: {
    Member: 1,
    Jpa: 1,
    OutcomeTotals: 1,
    Operation: 1,
    CoChairTerm: 1,
    TermsOfReference: 1,
    AuditEvent: 1,
    OperationRead: 1,
    WorkingGroup: 1,
    Recommendation: 1,
    WorkPlanItem: 1,
    ProgressNote: 1,
    Meeting: 1,
    AnnualReport: 1,
  },
  /** Per item, where a field's items cost other than their type's. A page's items are counted on the page's field, not again on its edges' nodes. */
  fields: {
    'Jpa.participants': 0.01,
    'Operation.participants': 0.01,
    'Operation.lead': 0.01,
    'Operation.jpa': 0.01,
    'CoChairTerm.member': 0.01,
    'Member.coChairTerms': 0.01,
    'Meeting.host': 0.01,
    'Meeting.jpa': 0.01,
    /** Minutes are an item of their own, read by key (functions/meeting/meeting.keys.ts). */
    'Meeting.minutes': 1,
    'AgendaItem.presenter': 0.01,
    'Attendance.member': 0.01,
    /** An official's page reads up to `first + 1` items from each of two listings. */
    'Query.operations': 2,
    'Jpa.operations': 2,
    'Query.auditEvents': 1,
    'Member.history': 1,
    'Jpa.history': 1,
    'TermsOfReference.history': 1,
    /** An official reads everyone's events of an operation and its own country's. */
    'Operation.history': 2,
    /** One Query of the operation's records, `first + 1` at most. */
    'Operation.reads': 1,
    'OperationEdge.node': 0,
    'AuditEventEdge.node': 0,
    'OperationReadEdge.node': 0,
    'Query.node': 4,
    'Query.nodes': 4,
    /**
     * A list of the work table is one Query of small items (a recommendation is at most about
     * 2 KB), billed by their summed size: 500 of them are at most a megabyte, two calls, where 500
     * items read by key are 500 reads. Half an item each.
     */
    'Query.recommendations': 0.5,
    'Query.workPlan': 0.5,
    'Meeting.recommendations': 0.5,
    'Recommendation.progress': 0.5,
    'Recommendation.owners': 0.01,
    'WorkPlanItem.owners': 0.01,
    'WorkPlanItem.recommendations': 0.01,
    'Recommendation.jpa': 0.01,
    'Recommendation.meeting': 0.01,
    /** A report's JPAs and their totals are part of its item (published) or of its computation (a draft), counted once. */
    'AnnualReport.jpas': 0,
    'AnnualReport.outcomes': 0,
    'ReportJpa.outcomes': 0,
  },
  /**
   * Once per field, whatever its size: its calls (a page also reads one item past its `first`,
   * to know whether there is a next one), and a line diff's CPU.
   */
  once: {
    'Query.operations': 40,
    'Jpa.operations': 40,
    'Query.auditEvents': 20,
    'Member.history': 20,
    'Jpa.history': 20,
    'TermsOfReference.history': 20,
    'Operation.history': 40,
    'Operation.reads': 20,
    'Query.jpas': 20,
    'Query.members': 20,
    'Query.coChairHistory': 20,
    'Query.termsOfReferenceVersions': 20,
    'Query.meetings': 20,
    'TermsOfReference.changesFrom': 200,
    'Query.node': 20,
    'Query.nodes': 20,
    'Query.recommendations': 20,
    'Query.workPlan': 20,
    /** One Query of the meeting's recommendations (`REC#MEETING#<n>`). */
    'Meeting.recommendations': 20,
    /** One Query of the recommendation's notes. */
    'Recommendation.progress': 20,
    /**
     * A draft's reads, whatever its selection: a key read, then thirteen Queries sent together
     * (six bounded lists, 1,149 items at most, and seven COUNTs), then a batch of JPA totals;
     * about a second of DynamoDB Local at the bounds. 400, so that a request holds one draft at
     * most (two are over the limit) beside small reads; the per-request read budget stops a draft
     * whose data is larger than the bounds foresee (meetings with long minutes, say). A published
     * report costs the same in the estimate, which cannot tell them apart before it runs.
     */
    'Query.annualReport': 400,
    /** Publishing computes the same report first. */
    'Mutation.publishAnnualReport': 400,
    'Query.annualReports': 20,
  },
};

/**
 * armor throws its refusal out of the validation rule by default, which Apollo answers as an
 * internal error; reported to the validation context instead, it answers GRAPHQL_VALIDATION_FAILED.
 */
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * The depth, alias and directive limits as GraphQL validation rules. The cost is no rule: it
 * needs the request's variables, and Apollo answers every validation error as
 * GRAPHQL_VALIDATION_FAILED, where docs/api.md asks MAX_COST_EXCEEDED (./cost.ts).
 */
export const limitRules = [
  maxDepthRule({
    n: limits.depth,
    ignoreIntrospection: true,
    flattenFragments: true,
    errorMessage: 'The document is too deep.',
    ...report,
  }),
  maxAliasesRule({ n: limits.aliases, errorMessage: 'The document has too many aliases.', ...report }),
  maxDirectivesRule({ n: limits.directives, errorMessage: 'The document has too many directives.', ...report }),
];
