/** The audit trail: one event for every change, written with the change. */
export const auditTypeDefs = /* GraphQL */ `
  extend type Query {
    "Audit events, newest first, optionally of one entity. Secretariat only."
    auditEvents(
      "Only the events of this entity, e.g. member/VN, cochairs, jpa/7, operation/<id>, tor/3."
      entity: String
      "1 to 100."
      first: Int = 50
      "A cursor from this list's pageInfo.endCursor, with the same entity."
      after: String
    ): AuditEventConnection!
  }

  "A change, as the audit trail records it. Events are only ever added."
  type AuditEvent {
    "The event's id."
    id: ID!
    "When the change was made."
    at: DateTime!
    "Who made it (the token's subject)."
    actor: String!
    "The country of who made it, if any."
    actorCountry: CountryCode
    "The mutation's name, e.g. rotateCoChairs."
    action: String!
    "What changed: member/VN, cochairs, jpa/7, operation/<id>, tor/3."
    entity: String!
    "What happened, in a line."
    summary: String!
  }

  "An audit event in a list."
  type AuditEventEdge {
    "The event's position, valid only for the list and arguments that produced it."
    cursor: String!
    "The event."
    node: AuditEvent!
  }

  "A page of audit events."
  type AuditEventConnection {
    "The events of this page."
    edges: [AuditEventEdge!]!
    "Where the page ends."
    pageInfo: PageInfo!
  }
`;
