import type { InitialMembership } from '../../../functions/membership/membership.seed.ts';
import type { Agency, Member } from '../../../functions/membership/membership.types.ts';

/**
 * The working group's profile and co-chairs come from its public description (New Zealand and
 * Vietnam co-chair; set up in 2014; reports to the Bali Process Ad Hoc Group). The sixteen
 * member countries, their agencies, focal points, joining dates and the co-chair terms' start
 * dates are ILLUSTRATIVE: plausible sample data, not the group's actual records. Focal points use
 * the reserved example.org domain.
 */
export const workingGroupProfile: InitialMembership['profile'] = {
  name: 'Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons',
  description:
    'The Bali Process Working Group on Disruption of Criminal Networks Involved in People Smuggling and ' +
    'Trafficking in Persons focuses on concrete, action-oriented activities for enhancing coordination to ' +
    'disrupt and dismantle criminal networks involved in People Smuggling and Trafficking in Persons in the ' +
    'Asia-Pacific region. It brings together officials involved in law enforcement and border control from the ' +
    'sixteen countries that form the Ad Hoc Group membership, chiefly through its Joint Periods of Action.',
  established: 2014,
  reportsTo: 'Bali Process Ad Hoc Group',
};

type Sample = [country: string, name: string, agencies: Agency[]];

const police = (name: string): Agency => ({ name, kind: 'POLICE' });
const immigration = (name: string): Agency => ({ name, kind: 'IMMIGRATION' });
const border = (name: string): Agency => ({ name, kind: 'BORDER' });

const samples: Sample[] = [
  ['AU', 'Australia', [police('Australian Federal Police'), border('Australian Border Force')]],
  ['BD', 'Bangladesh', [police('Bangladesh Police'), immigration('Department of Immigration and Passports')]],
  ['KH', 'Cambodia', [police('Cambodian National Police')]],
  ['ID', 'Indonesia', [police('Indonesian National Police'), immigration('Directorate General of Immigration')]],
  ['JP', 'Japan', [police('National Police Agency'), immigration('Immigration Services Agency')]],
  ['LA', "Lao People's Democratic Republic", [police('Lao National Police')]],
  ['MY', 'Malaysia', [police('Royal Malaysia Police'), border('Malaysian Maritime Enforcement Agency')]],
  ['MM', 'Myanmar', [police('Myanmar Police Force')]],
  ['NZ', 'New Zealand', [police('New Zealand Police'), immigration('Immigration New Zealand')]],
  ['PK', 'Pakistan', [police('Federal Investigation Agency')]],
  ['PH', 'Philippines', [police('Philippine National Police'), immigration('Bureau of Immigration')]],
  ['KR', 'Republic of Korea', [police('Korean National Police Agency')]],
  ['LK', 'Sri Lanka', [police('Sri Lanka Police'), border('Sri Lanka Navy')]],
  ['TH', 'Thailand', [police('Royal Thai Police'), immigration('Immigration Bureau')]],
  [
    'US',
    'United States',
    [immigration('Homeland Security Investigations'), { name: 'Department of Justice', kind: 'PROSECUTION' }],
  ],
  ['VN', 'Viet Nam', [police('Ministry of Public Security'), border('Viet Nam Border Guard')]],
];

export const sampleMembers: Member[] = samples.map(([country, name, agencies]) => ({
  country,
  name,
  status: 'ACTIVE',
  joinedOn: '2014-01-01',
  agencies,
  focalPoint: {
    name: `Focal Point ${country}`,
    email: `focal-point.${country.toLowerCase()}@example.org`,
    phone: null,
  },
  revision: 1,
}));

export const sampleMembership = (at: string): InitialMembership => ({
  at,
  profile: workingGroupProfile,
  members: sampleMembers,
  coChairs: [
    { country: 'NZ', startsOn: '2022-07-01' },
    { country: 'VN', startsOn: '2022-07-01' },
  ],
});
