import { getOperationAST, parse, type OperationTypeNode } from 'graphql';
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };

/** One document of the manifest the function ships (schema/generated/persisted-documents.json). */
export interface ManifestDocument {
  /** `sha256:<hex>`, the documentId a client sends. */
  readonly id: string;
  readonly text: string;
  /** The name and type of its one operation. */
  readonly operationName: string;
  readonly operation: OperationTypeNode;
}

/** Every document of the manifest, with its operation's name and type. */
export const manifestDocuments: readonly ManifestDocument[] = Object.entries(manifest).map(([id, text]) => {
  const operation = getOperationAST(parse(text));
  if (!operation?.name) throw new Error(`${id} is not one named operation`);
  return { id, text, operationName: operation.name.value, operation: operation.operation };
});

/** The manifest's document of the operation of this name. */
export function manifestDocument(operationName: string): ManifestDocument {
  const found = manifestDocuments.find((document) => document.operationName === operationName);
  if (!found) throw new Error(`the manifest has no operation ${operationName}`);
  return found;
}
