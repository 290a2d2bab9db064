/** The audit trail: one event for every change, written with the change. */
export const auditTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Audit events, newest first, optionally of one entity. Secretariat only. Events of operations
    handled PARTICIPANTS are never listed: the trail of such an operation is empty, as for an
    entity that does not exist.
    """
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
  type AuditEvent implements Node {
    "The event's id, also its global id."
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
    "Its place in its entity's chain: 1, 2, … with no gap (a reader may see gaps: events it may not read)."
    sequence: Int!
    "The hash of the entity's event before it; null for the first."
    previousHash: String
    """
    Lower-case hex SHA-256 of the UTF-8 bytes of
    JSON.stringify([id, entity, sequence, at, actor, actorCountry, action, summary, previousHash]),
    null for an absent value: anyone can check the chain from the API alone.
    """
    hash: String!
  }

  extend type Member {
    "Its audit events the caller may read, newest first; null for observers."
    history("1 to 100." first: Int = 20, "A cursor from this list's pageInfo.endCursor." after: String): AuditEventConnection
  }

  extend type Jpa {
    "Its audit events the caller may read (joins included), newest first; null for observers."
    history("1 to 100." first: Int = 20, "A cursor from this list's pageInfo.endCursor." after: String): AuditEventConnection
  }

  extend type TermsOfReference {
    "This version's audit events the caller may read, newest first; null for observers."
    history("1 to 100." first: Int = 20, "A cursor from this list's pageInfo.endCursor." after: String): AuditEventConnection
  }

  extend type Operation {
    """
    Its audit events the caller may read, newest first: those written while the caller could read
    the operation (just before or just after each change). Null for observers.
    """
    history("1 to 100." first: Int = 20, "A cursor from this list's pageInfo.endCursor." after: String): AuditEventConnection
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
