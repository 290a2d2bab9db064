/** The GraphQL documents the tests send, named as a front end would name them. */

export const memberFields = /* GraphQL */ `
  fragment MemberFields on Member {
    country
    name
    status
    joinedOn
    agencies { name kind }
    focalPoint { name email phone }
    isCoChair
    coChairTerms { startsOn endsOn }
    revision
  }
`;

export const viewerQuery = /* GraphQL */ `
  query Viewer { viewer { subject roles country isCoChair } }
`;

export const workingGroupQuery = /* GraphQL */ `
  query WorkingGroup {
    workingGroup { name description established reportsTo memberCount coChairs { startsOn endsOn member { country } } }
  }
`;

export const memberQuery = /* GraphQL */ `
  query Member($country: CountryCode!) { member(country: $country) { ...MemberFields } }
  ${memberFields}
`;

export const membersQuery = /* GraphQL */ `
  query Members($status: MemberStatus) { members(status: $status) { country status focalPoint { email } } }
`;

export const coChairsQuery = /* GraphQL */ `
  query CoChairs { coChairs { startsOn endsOn member { country isCoChair } } }
`;

export const coChairHistoryQuery = /* GraphQL */ `
  query CoChairHistory { coChairHistory { startsOn endsOn member { country } } }
`;

export const addMemberMutation = /* GraphQL */ `
  mutation AddMember($input: AddMemberInput!) { addMember(input: $input) { ...MemberFields } }
  ${memberFields}
`;

export const updateMemberMutation = /* GraphQL */ `
  mutation UpdateMember($input: UpdateMemberInput!) { updateMember(input: $input) { ...MemberFields } }
  ${memberFields}
`;

export const setMemberStatusMutation = /* GraphQL */ `
  mutation SetMemberStatus($input: SetMemberStatusInput!) { setMemberStatus(input: $input) { ...MemberFields } }
  ${memberFields}
`;

export const rotateCoChairsMutation = /* GraphQL */ `
  mutation RotateCoChairs($input: RotateCoChairsInput!) {
    rotateCoChairs(input: $input) { startsOn endsOn member { country isCoChair } }
  }
`;

/** A valid input for each membership mutation, against the sample data. */
export const validInputs = {
  addMember: { country: 'FJ', name: 'Fiji', joinedOn: '2026-11-01', agencies: [{ name: 'Fiji Police Force', kind: 'POLICE' }] },
  updateMember: (country: string) => ({ country, expectedRevision: 1, name: `${country} renamed` }),
  setMemberStatus: { country: 'LA', expectedRevision: 1, status: 'SUSPENDED', reason: 'illustrative suspension' },
  rotateCoChairs: { outgoing: ['NZ'], incoming: ['AU'], effectiveOn: '2026-07-01' },
};

export const operationFields = /* GraphQL */ `
  fragment OperationFields on Operation {
    id
    codeName
    jpa { number }
    lead { country }
    participants { country }
    crimeTypes
    status
    startsOn
    endsOn
    summary
    handling
    outcomes { arrests prosecutions victimsIdentified networksDisrupted }
    revision
  }
`;

export const jpaQuery = /* GraphQL */ `
  query Jpa($number: Int!, $first: Int, $after: String) {
    jpa(number: $number) {
      number title startsOn endsOn status revision
      participants { country }
      conference { city country startsOn endsOn theme recommendations }
      outcomes { operations arrests prosecutions victimsIdentified networksDisrupted }
      operations(first: $first, after: $after) { edges { cursor node { id codeName } } pageInfo { hasNextPage endCursor } }
    }
  }
`;

export const jpasQuery = /* GraphQL */ `
  query Jpas($status: JpaStatus) { jpas(status: $status) { number status participants { country } } }
`;

export const currentJpaQuery = /* GraphQL */ `
  query CurrentJpa { workingGroup { currentJpa { number status } } }
`;

export const operationQuery = /* GraphQL */ `
  query Operation($id: ID!) { operation(id: $id) { ...OperationFields } }
  ${operationFields}
`;

export const operationsQuery = /* GraphQL */ `
  query Operations($jpaNumber: Int, $country: CountryCode, $status: OperationStatus, $first: Int, $after: String) {
    operations(jpaNumber: $jpaNumber, country: $country, status: $status, first: $first, after: $after) {
      edges { cursor node { id codeName startsOn } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const createJpaMutation = /* GraphQL */ `
  mutation CreateJpa($input: CreateJpaInput!) { createJpa(input: $input) { number title status revision participants { country } } }
`;
export const updateJpaMutation = /* GraphQL */ `
  mutation UpdateJpa($input: UpdateJpaInput!) { updateJpa(input: $input) { number title status startsOn endsOn revision } }
`;
export const joinJpaMutation = /* GraphQL */ `
  mutation JoinJpa($input: JoinJpaInput!) { joinJpa(input: $input) { number revision participants { country } } }
`;
export const concludeJpaMutation = /* GraphQL */ `
  mutation ConcludeJpa($input: ConcludeJpaInput!) {
    concludeJpa(input: $input) { number status revision conference { city theme recommendations } }
  }
`;
export const createOperationMutation = /* GraphQL */ `
  mutation CreateOperation($input: CreateOperationInput!) { createOperation(input: $input) { ...OperationFields } }
  ${operationFields}
`;
export const updateOperationMutation = /* GraphQL */ `
  mutation UpdateOperation($input: UpdateOperationInput!) { updateOperation(input: $input) { ...OperationFields } }
  ${operationFields}
`;
export const recordOutcomesMutation = /* GraphQL */ `
  mutation RecordOutcomes($input: RecordOutcomesInput!) { recordOutcomes(input: $input) { ...OperationFields } }
  ${operationFields}
`;

/** The sample operations of JPA 8 (infra/local/sample-data/jpas.ts). */
export const sampleOperationIds = {
  coralTide: '5a3c0d1e-0b8a-4c6e-9f00-000000000001', // AU leads, ID and NZ; PARTICIPANTS
  mekongLight: '5a3c0d1e-0b8a-4c6e-9f00-000000000002', // TH leads, KH, LA, VN; PARTICIPANTS
  openHarbour: '5a3c0d1e-0b8a-4c6e-9f00-000000000003', // NZ leads, VN, PH; MEMBERS
  quietCurrent: '5a3c0d1e-0b8a-4c6e-9f00-000000000004', // VN leads, MY; PARTICIPANTS
};

export const termsFields = /* GraphQL */ `
  fragment TermsFields on TermsOfReference { version title text changeSummary status adoptedOn supersededOn revision }
`;
export const termsQuery = /* GraphQL */ `
  query Terms($version: Int) { termsOfReference(version: $version) { ...TermsFields } }
  ${termsFields}
`;
export const termsVersionsQuery = /* GraphQL */ `
  query TermsVersions { termsOfReferenceVersions { version status } }
`;
export const changesQuery = /* GraphQL */ `
  query Changes($version: Int!, $from: Int!) { termsOfReference(version: $version) { changesFrom(version: $from) { kind text lineCount } } }
`;
export const draftTermsMutation = /* GraphQL */ `
  mutation DraftTerms($input: DraftTermsOfReferenceInput!) { draftTermsOfReference(input: $input) { ...TermsFields } }
  ${termsFields}
`;
export const updateDraftMutation = /* GraphQL */ `
  mutation UpdateDraft($input: UpdateTermsOfReferenceDraftInput!) { updateTermsOfReferenceDraft(input: $input) { ...TermsFields } }
  ${termsFields}
`;
export const adoptTermsMutation = /* GraphQL */ `
  mutation AdoptTerms($input: AdoptTermsOfReferenceInput!) { adoptTermsOfReference(input: $input) { ...TermsFields } }
  ${termsFields}
`;
export const auditEventsQuery = /* GraphQL */ `
  query AuditEvents($entity: String, $first: Int, $after: String) {
    auditEvents(entity: $entity, first: $first, after: $after) {
      edges { cursor node { id at actor actorCountry action entity summary } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
