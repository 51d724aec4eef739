import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  typeFromAST,
} from 'graphql';

/** A valid value of every scalar the schema has (shape only: ids need not exist). */
const SCALAR_SAMPLES: Record<string, unknown> = {
  String: 'sample',
  ID: '00000000-0000-4000-8000-000000000000',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  Date: '2026-11-02',
  DateTime: '2026-11-02T08:00:00.000Z',
  Money: '100.00',
  JSON: {},
};

/**
 * A value that the schema's coercion accepts for `type`: required input fields filled, optional ones left out, lists
 * with one item. `override` may answer for a position (a path of field names) to plant a value there.
 */
export function sampleValue(
  schema: GraphQLSchema,
  type: GraphQLInputType,
  path: string[] = [],
  override?: (path: string[], type: GraphQLInputType) => unknown,
): unknown {
  const planted = override?.(path, type);
  if (planted !== undefined) return planted;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [sampleValue(schema, inner.ofType, path, override)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isScalarType(inner)) {
    if (!(inner.name in SCALAR_SAMPLES)) throw new Error(`no sample for scalar ${inner.name}`);
    return SCALAR_SAMPLES[inner.name];
  }
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined)
        out[field.name] = sampleValue(schema, field.type, [...path, field.name], override);
    }
    return out;
  }
  throw new Error(`not an input type: ${String(getNamedType(type))}`);
}

/** Variables for an operation document: every required variable gets a sample; `first` gets the largest page (100). */
export function sampleVariables(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const variables: Record<string, unknown> = {};
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (name === 'first') {
      variables[name] = 100;
      continue;
    }
    if (definition.type.kind !== Kind.NON_NULL_TYPE || definition.defaultValue) continue;
    variables[name] = sampleValue(schema, typeFromAST(schema, definition.type) as GraphQLInputType);
  }
  return variables;
}
