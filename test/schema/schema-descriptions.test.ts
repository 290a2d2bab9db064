import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { servedSchema } from '../../schema/tools/served-schema.ts';

const described = (element: { description?: string | null | undefined }) =>
  (element.description ?? '').trim().length > 0;

/** The coordinates (`Type`, `Type.field`, `Type.field(argument:)`, `Enum.VALUE`) of everything left undescribed. */
function undescribed(type: GraphQLNamedType): string[] {
  const missing = described(type) ? [] : [type.name];
  const fieldsOf = (fields: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>) =>
    Object.values(fields).flatMap((field) => [
      ...(described(field) ? [] : [`${type.name}.${field.name}`]),
      ...('args' in field ? field.args : [])
        .filter((argument: GraphQLArgument) => !described(argument))
        .map((argument) => `${type.name}.${field.name}(${argument.name}:)`),
    ]);
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
    missing.push(...fieldsOf(type.getFields()));
  if (isEnumType(type)) {
    missing.push(
      ...type
        .getValues()
        .filter((value) => !described(value))
        .map((value) => `${type.name}.${value.name}`),
    );
  }
  return missing;
}

describe('the served schema documents itself', () => {
  it('describes every type, field, argument, input field and enum value', async () => {
    const types = Object.values((await servedSchema()).getTypeMap()).filter(
      (type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type),
    );
    expect(types.length).toBeGreaterThan(40);
    expect(types.flatMap(undescribed), 'Give each of these a "description" in schema/*.ts').toEqual([]);
  });
});
