/** Scalars and types every domain uses. */
export const commonTypeDefs = /* GraphQL */ `
  "A calendar date written YYYY-MM-DD, e.g. 2024-07-25. Impossible dates such as 2024-02-30 are refused."
  scalar Date

  "An instant in ISO 8601, in UTC, e.g. 2026-11-28T02:30:00.000Z."
  scalar DateTime

  "An officially assigned ISO 3166-1 alpha-2 country code in upper case, e.g. NZ. Anything else is refused."
  scalar CountryCode

  "The read-only entry points."
  type Query {
    "The caller as the API sees it. Anyone with an identity may read it."
    viewer: Viewer!
  }

  "The changes the secretariat, co-chairs and officials make."
  type Mutation

  "A caller's role, derived from the token's claims and the membership data."
  enum Role {
    "In the Cognito group secretariat."
    SECRETARIAT
    "An official of an ACTIVE member country."
    OFFICIAL
    "In the Cognito group observer, or an official of a SUSPENDED or WITHDRAWN member country."
    OBSERVER
  }

  "The caller: who, from which country, with which roles."
  type Viewer {
    "The token's subject (sub claim)."
    subject: String!
    "The caller's roles; empty for a caller whose country is no member, who may read only this."
    roles: [Role!]!
    "The caller's country (custom:country claim), if any."
    country: CountryCode
    "True when the caller is an official whose country holds an open co-chair term."
    isCoChair: Boolean!
  }
`;
