import { readdirSync, readFileSync } from 'node:fs';
import { concatAST, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** The client documents (schema/documents), together as a front end knows them: fragments are shared across files. */
export const clientDocuments: DocumentNode = concatAST(
  readdirSync(new URL('../../schema/documents', import.meta.url))
    .filter((name) => name.endsWith('.graphql'))
    .map((name) => parse(readFileSync(new URL(`../../schema/documents/${name}`, import.meta.url), 'utf8'))),
);

/** Every operation of the client documents. */
export const clientOperations = clientDocuments.definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);
