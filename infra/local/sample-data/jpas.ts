import type { Jpa } from '../../../functions/jpa/jpa.types.ts';
import type { Operation } from '../../../functions/operation/operation.types.ts';

/**
 * From the group's public description: seven JPAs completed; the 2019 one, the last in person
 * before the pandemic, with eleven participating countries; the seventh concluding in July 2024
 * with a conference in Ha Noi themed "Review, Reflect and Reset" and its recommendations; JPAs
 * of twelve months from 2024. ILLUSTRATIVE: the titles, exact dates, the participants (other than
 * their number in 2019), the eighth JPA and every operation and figure.
 */
const concluded = (number: number, startsOn: string, endsOn: string, participants: string[]): Jpa => ({
  number,
  title: `Joint Period of Action ${number}`,
  startsOn,
  endsOn,
  status: 'CONCLUDED',
  participants,
  conference: null,
  revision: 2,
});

export const sampleJpas: Jpa[] = [
  concluded(1, '2015-04-01', '2015-09-30', ['AU', 'ID', 'MY', 'TH']),
  concluded(2, '2016-04-01', '2016-09-30', ['AU', 'ID', 'MY', 'NZ', 'TH', 'VN']),
  concluded(3, '2017-04-01', '2017-09-30', ['AU', 'ID', 'LK', 'MY', 'NZ', 'PH', 'TH']),
  concluded(4, '2018-04-01', '2018-09-30', ['AU', 'BD', 'ID', 'LK', 'MY', 'NZ', 'PH', 'TH']),
  concluded(5, '2019-04-01', '2019-09-30', ['AU', 'BD', 'KH', 'ID', 'LK', 'MY', 'NZ', 'PK', 'PH', 'TH', 'VN']),
  concluded(6, '2022-07-01', '2023-03-31', ['AU', 'ID', 'MY', 'NZ', 'PH', 'TH', 'VN']),
  {
    ...concluded(7, '2023-07-27', '2024-07-26', ['AU', 'KH', 'ID', 'LA', 'MY', 'NZ', 'PH', 'LK', 'TH', 'VN']),
    conference: {
      city: 'Ha Noi',
      country: 'VN',
      startsOn: '2024-07-23',
      endsOn: '2024-07-25',
      theme: 'Review, Reflect and Reset',
      recommendations: [
        'Strengthen international cooperation',
        'Enhance data management',
        'Invest in capacity building',
        'Promote public awareness and engagement with the private sector',
      ],
    },
  },
  {
    number: 8,
    title: 'Joint Period of Action 8',
    startsOn: '2026-08-01',
    endsOn: '2027-07-31',
    status: 'ACTIVE',
    participants: ['AU', 'KH', 'ID', 'LA', 'MY', 'NZ', 'PH', 'TH', 'VN'],
    conference: null,
    revision: 2,
  },
];

const operation = (
  id: number,
  codeName: string,
  lead: string,
  others: string[],
  fields: Pick<Operation, 'crimeTypes' | 'status' | 'startsOn' | 'handling' | 'summary' | 'outcomes'>,
): Operation => ({
  id: `5a3c0d1e-0b8a-4c6e-9f00-00000000000${id}`,
  jpaNumber: 8,
  codeName,
  lead,
  participants: [lead, ...others],
  endsOn: null,
  revision: 1,
  ...fields,
});

/** ILLUSTRATIVE operations of the ACTIVE eighth JPA, of both handlings. */
export const sampleOperations: Operation[] = [
  operation(1, 'Coral Tide', 'AU', ['ID', 'NZ'], {
    crimeTypes: ['PEOPLE_SMUGGLING'],
    status: 'ACTIVE',
    startsOn: '2026-08-15',
    handling: 'PARTICIPANTS',
    summary: 'Illustrative: maritime smuggling routes towards the south-west Pacific.',
    outcomes: { arrests: 6, prosecutions: 2, victimsIdentified: 0, networksDisrupted: 1 },
  }),
  operation(2, 'Mekong Light', 'TH', ['KH', 'LA', 'VN'], {
    crimeTypes: ['TRAFFICKING_IN_PERSONS'],
    status: 'ACTIVE',
    startsOn: '2026-09-01',
    handling: 'PARTICIPANTS',
    summary: 'Illustrative: recruitment into forced labour through online scam centres.',
    outcomes: { arrests: 11, prosecutions: 4, victimsIdentified: 37, networksDisrupted: 2 },
  }),
  operation(3, 'Open Harbour', 'NZ', ['VN', 'PH'], {
    crimeTypes: ['PEOPLE_SMUGGLING', 'TRAFFICKING_IN_PERSONS'],
    status: 'ACTIVE',
    startsOn: '2026-10-01',
    handling: 'MEMBERS',
    summary: 'Illustrative: shared indicators for document fraud at regional ports.',
    outcomes: { arrests: 3, prosecutions: 1, victimsIdentified: 5, networksDisrupted: 0 },
  }),
  operation(4, 'Quiet Current', 'VN', ['MY'], {
    crimeTypes: ['TRAFFICKING_IN_PERSONS'],
    status: 'PLANNED',
    startsOn: '2026-11-15',
    handling: 'PARTICIPANTS',
    summary: null,
    outcomes: { arrests: 0, prosecutions: 0, victimsIdentified: 0, networksDisrupted: 0 },
  }),
];
