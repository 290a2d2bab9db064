import { buildASTSchema, parse, validateSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../../functions/graphql/server.ts';

/*
 * The server builds its schema without graphql-js's checks of the SDL and of the schema, which a
 * cold start would otherwise pay for (functions/graphql/schema.ts); they run here instead, on the
 * same type definitions, so an invalid one fails the tests rather than the requests.
 */
describe('the type definitions the server builds its schema from', () => {
  it('are valid SDL and build a valid schema, with every check graphql-js makes', () => {
    const schema = buildASTSchema(parse(typeDefs.join('\n')));
    expect(validateSchema(schema).map((error) => error.message)).toEqual([]);
  });

  it('would be refused by those checks if they named a type that does not exist', () => {
    const broken = [...typeDefs, 'extend type Query { nowhere: Nowhere }'];
    expect(() => buildASTSchema(parse(broken.join('\n')))).toThrow('Unknown type "Nowhere".');
  });
});
