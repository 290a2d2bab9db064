import type { TermsVersion } from '../../../functions/terms/terms.types.ts';

/**
 * The Terms of Reference of April 2021 (ADOPTED) and an earlier version it superseded. The
 * dates follow the group's public description (set up in 2014; terms dated April 2021); the
 * TEXTS ARE ILLUSTRATIVE, written for this sample, not the group's actual Terms of Reference.
 */
const purpose =
  'The Working Group on Disruption of Criminal Networks Involved in People Smuggling and Trafficking in Persons ' +
  'enhances coordination among Bali Process members to disrupt and dismantle criminal networks in the Asia-Pacific region.';

const first = [
  '1. Purpose',
  purpose,
  '2. Membership',
  'Officials involved in law enforcement and border control from the countries of the Ad Hoc Group.',
  '3. Co-chairs',
  'Two member countries co-chair the group.',
  '4. Activities',
  'The group coordinates Joint Periods of Action in which interested members carry out law enforcement operations.',
  '5. Reporting',
  'The group reports annually to the Bali Process Ad Hoc Group.',
].join('\n');

const second = [
  '1. Purpose',
  purpose,
  '2. Membership',
  'Officials involved in law enforcement and border control from the sixteen countries of the Ad Hoc Group.',
  '3. Co-chairs',
  'Two member countries co-chair the group; the co-chairs rotate by decision of the members.',
  '4. Activities',
  'The group coordinates Joint Periods of Action in which interested members carry out coordinated law enforcement operations.',
  'Information about an operation is shared on a need-to-know basis among its participating countries.',
  '5. Reporting',
  'The group reports annually to the Bali Process Ad Hoc Group.',
].join('\n');

export const sampleTerms: TermsVersion[] = [
  {
    version: 1,
    title: 'Terms of Reference',
    text: first,
    changeSummary: null,
    status: 'SUPERSEDED',
    adoptedOn: '2014-11-01',
    supersededOn: '2021-04-01',
    revision: 3,
  },
  {
    version: 2,
    title: 'Terms of Reference (April 2021)',
    text: second,
    changeSummary: 'Rotation of co-chairs, coordinated operations, need-to-know sharing of operational information.',
    status: 'ADOPTED',
    adoptedOn: '2021-04-01',
    supersededOn: null,
    revision: 2,
  },
];
