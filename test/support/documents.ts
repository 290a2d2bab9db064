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
