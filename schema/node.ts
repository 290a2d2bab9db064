/** Global object identification: one id per entity, and the entry points that read any entity by it. */
export const nodeTypeDefs = /* GraphQL */ `
  """
  An entity with a global id, unique across types and stable over time: clients normalise their
  caches by it (Apollo Client's InMemoryCache, urql's Graphcache and Relay do by default), and
  node and nodes read any entity by it. Ids are readable: member/VN, cochairterm/VN/2024-07-01,
  jpa/7, tor/3, meeting/9; operations and audit events keep their own ids.
  """
  interface Node {
    "The entity's global id."
    id: ID!
  }

  extend type Query {
    """
    The entity with this global id, or null when it does not exist, the caller may not read it, or
    the id is malformed: the three answer alike.
    """
    node("A global id, e.g. member/VN." id: ID!): Node
    """
    The entities with these global ids, in the order asked (duplicates answered each time), each
    null as node would answer null. 1 to 100 ids, else BAD_USER_INPUT.
    """
    nodes("1 to 100 global ids." ids: [ID!]!): [Node]!
  }
`;
