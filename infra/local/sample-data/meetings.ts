import type { SeedMeeting } from '../../../functions/meeting/meeting.seed.ts';

/**
 * From the group's public description: the seventh JPA concluded in July 2024 in Ha Noi, Vietnam,
 * with a three-day conference themed "Review, Reflect and Reset" (country updates, keynote
 * speeches, workshop activities and forward work plan discussions, on the themes it names), whose
 * participants came from many countries. ILLUSTRATIVE: the conference's exact days, its agenda's
 * presenters and order, its attendance and minutes, and the whole of the 2025 working-group
 * meeting and training.
 *
 * Each meeting was scheduled (revision 1), then had its attendance recorded and, where it has
 * minutes, its minutes added, each a change of its own (the sample trail, trail.ts, has an event
 * for each).
 */
export const sampleMeetings: SeedMeeting[] = [
  {
    number: 1,
    title: 'Seventh JPA closing conference: Review, Reflect and Reset',
    kind: 'CONFERENCE',
    format: 'IN_PERSON',
    startsOn: '2024-07-23',
    endsOn: '2024-07-25',
    city: 'Ha Noi',
    host: 'VN',
    jpaNumber: 7,
    agenda: [
      { title: 'Opening and keynote speeches', presenter: 'VN' },
      { title: 'Country updates on the seventh Joint Period of Action', presenter: null },
      { title: 'The increasing complexity of migration and the vulnerability of migrants', presenter: 'AU' },
      { title: 'Emerging trends in trafficking in persons', presenter: 'TH' },
      { title: 'Partnerships with the private sector, including social media companies', presenter: 'NZ' },
      { title: 'Workshop: data management and technology', presenter: 'ID' },
      { title: 'Workshop: capacity building and training', presenter: 'PH' },
      { title: 'Forward work plan discussions', presenter: 'NZ' },
      { title: 'Recommendations and close', presenter: 'VN' },
    ],
    attendance: [
      { country: 'AU', delegates: 4 },
      { country: 'KH', delegates: 3 },
      { country: 'ID', delegates: 4 },
      { country: 'LA', delegates: 2 },
      { country: 'MY', delegates: 3 },
      { country: 'NZ', delegates: 4 },
      { country: 'PH', delegates: 3 },
      { country: 'LK', delegates: 2 },
      { country: 'TH', delegates: 4 },
      { country: 'VN', delegates: 12 },
    ],
    minutes:
      'Illustrative summary. Participants reviewed the seventh Joint Period of Action and reflected on ' +
      'organisational, jurisdictional and operational differences between agencies, and on the need for ' +
      'ongoing training and resources to keep up with the evolving digital landscape.\n\n' +
      'Key themes: the increasing complexity of migration, the vulnerability of migrants, emerging trends in ' +
      'trafficking, international cooperation, proactive measures, data management and technology, capacity ' +
      'building and training.\n\n' +
      'Recommendations: strengthen international cooperation; enhance data management; invest in capacity ' +
      'building; promote public awareness and engagement with the private sector.',
    revision: 3,
  },
  {
    number: 2,
    title: 'Working group meeting: the forward work plan after Ha Noi',
    kind: 'WORKING_GROUP',
    format: 'VIRTUAL',
    startsOn: '2025-03-12',
    endsOn: '2025-03-12',
    city: null,
    host: 'NZ',
    jpaNumber: null,
    agenda: [
      { title: 'Progress on the Ha Noi recommendations', presenter: 'VN' },
      { title: 'The forward work plan for 2025', presenter: 'NZ' },
      { title: 'Preparing the eighth Joint Period of Action', presenter: 'AU' },
    ],
    attendance: [
      { country: 'AU', delegates: 2 },
      { country: 'ID', delegates: 1 },
      { country: 'MY', delegates: 1 },
      { country: 'NZ', delegates: 3 },
      { country: 'PH', delegates: 1 },
      { country: 'TH', delegates: 2 },
      { country: 'VN', delegates: 3 },
    ],
    minutes:
      'Illustrative summary. Members reported progress on each Ha Noi recommendation, agreed the 2025 work ' +
      'plan and asked the co-chairs to prepare the eighth Joint Period of Action.',
    revision: 3,
  },
  {
    number: 3,
    title: 'Training: open-source intelligence in online scam investigations',
    kind: 'TRAINING',
    format: 'HYBRID',
    startsOn: '2025-09-16',
    endsOn: '2025-09-18',
    city: 'Bangkok',
    host: 'TH',
    jpaNumber: null,
    agenda: [
      { title: 'Recruitment through social media and messaging apps', presenter: 'TH' },
      { title: 'Tracing payments of online scam centres', presenter: 'AU' },
      { title: 'Exercise: a joint case from first lead to referral', presenter: null },
    ],
    attendance: [
      { country: 'KH', delegates: 3 },
      { country: 'LA', delegates: 2 },
      { country: 'MY', delegates: 2 },
      { country: 'MM', delegates: 2 },
      { country: 'PH', delegates: 2 },
      { country: 'TH', delegates: 6 },
      { country: 'VN', delegates: 3 },
    ],
    minutes: null,
    revision: 2,
  },
];
