/**
 * The most expensive requests the limits admit, found by search rather than guessed: for each
 * shape, the largest `first` the cost estimate admits at each number of aliases, and of those the
 * one that consumes the most read capacity on the large data set.
 */

export interface Shape {
  /** Who sends it: an official of TH reads two listings per list, the secretariat one. */
  readonly caller: 'official' | 'secretariat';
  /** The document for `aliases` copies of the field, the i-th with `first` (varied so no cache answers one from another). */
  readonly document: (aliases: number, first: number) => string;
  /** Whether `first` is a parameter of the shape (a diff has none). */
  readonly paged: boolean;
}

const page = '{ edges { node { id codeName startsOn } } pageInfo { hasNextPage endCursor } }';
const aliased = (aliases: number, field: (index: number) => string) =>
  `{ ${Array.from({ length: aliases }, (_, index) => `a${index}: ${field(index)}`).join(' ')} }`;
const firstOf = (first: number, index: number) => Math.max(1, first - index);

export const shapes: Record<string, Shape> = {
  // Each JPA's first page, once per alias, with a different `first` each.
  jpasOperationsAliased: {
    caller: 'official',
    paged: true,
    document: (aliases, first) =>
      `{ jpas { ${Array.from({ length: aliases }, (_, index) => `a${index}: operations(first: ${firstOf(first, index)}) ${page}`).join(' ')} } }`,
  },
  // A country that takes part in nothing: the filter must be a key, not a read of everything.
  countryWithNothing: {
    caller: 'official',
    paged: true,
    document: (aliases, first) =>
      aliased(aliases, (index) => `operations(country: "AQ", first: ${firstOf(first, index)}) ${page}`),
  },
  // Another country, as an official: the one listing read with a filter, bounded by its Limit.
  anotherCountryAsOfficial: {
    caller: 'official',
    paged: true,
    document: (aliases, first) =>
      aliased(aliases, (index) => `operations(country: "VN", first: ${firstOf(first, index)}) ${page}`),
  },
  // Every filter at once.
  jpaStatusAndCountry: {
    caller: 'official',
    paged: true,
    document: (aliases, first) =>
      aliased(
        aliases,
        (index) => `operations(jpaNumber: 8, status: ACTIVE, country: "TH", first: ${firstOf(first, index)}) ${page}`,
      ),
  },
  // Nested lists at their largest: each operation's lead's terms and members, participants, JPA participants.
  nestedLists: {
    caller: 'official',
    paged: true,
    document: (aliases, first) =>
      aliased(
        aliases,
        (index) =>
          `operations(first: ${firstOf(first, index)}) { edges { node { id lead { name coChairTerms { startsOn member { name agencies { name } } } } participants { name agencies { name } } jpa { participants { name } } } } }`,
      ),
  },
  // The whole audit trail, page by page.
  auditTrail: {
    caller: 'secretariat',
    paged: true,
    document: (aliases, first) =>
      aliased(
        aliases,
        (index) =>
          `auditEvents(first: ${firstOf(first, index)}) { edges { node { id at actor action entity summary } } }`,
      ),
  },
  // The slowest diff: two drafts of 100,000 characters (`diffTexts`).
  largestDiff: {
    caller: 'secretariat',
    paged: false,
    document: (aliases) =>
      aliased(
        aliases,
        () =>
          `termsOfReference(version: ${diffVersions.to}) { changesFrom(version: ${diffVersions.from}) { kind lineCount } }`,
      ),
  },
};

/** The two drafts the diff compares: the bench drafts them as versions 3 and 4 (the sample holds 1 and 2). */
export const diffVersions = { from: 3, to: 4 };

/**
 * The slowest pair of 100,000-character texts found for the diff (functions/terms/terms.diff.ts
 * says how they were found): two lines alternating, 50 of them replaced at random in each
 * version, and a block of 35 distinct lines at the end, reversed in the new version. No count of
 * lines tells that the diff is long, and hundreds of diagonals run along long equal stretches.
 */
export function diffTexts(): [string, string] {
  let seed = 951_430_082;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const line = (value: number) => `${value === 0 ? '' : String.fromCharCode(0x4e00 + value)}\n`;
  const block = Array.from({ length: 35 }, (_, index) => 10_000 + index);
  const lines = Math.floor((100_000 - 2 * 50 - 3 * block.length) / 1.5);
  const version = (ending: number[]) => {
    const values = Array.from({ length: lines }, (_, index) => index % 2);
    for (let edit = 0; edit < 50; edit += 1) values[Math.floor(random() * values.length)] = 2;
    return [...values, ...ending].map(line).join('').slice(0, 100_000);
  };
  return [version(block), version([...block].reverse())];
}

/** The alias counts tried for each shape: one, a few, and the most the limits admit. */
export const aliasCounts = [1, 2, 5, 15];
