import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What an operation costs, computed where the variables are known (issue 10: a limit that multiplied by `first` only
 * when written literally let one portal customer fan out to ~40,000 objects with `first` in a variable).
 *
 * The unit is one object the server fetches or builds. A leaf (scalar or enum) is free: it comes with its row. An
 * object field costs 1 plus its selection; a list multiplies that by how many items it can hold:
 *   - a field with a `first` argument (literal, variable or the SDL default) by `first`; its connection's own lists
 *     (`nodes`, `edges`) are then that page, not another multiplication;
 *   - a list without pagination by the bound its service keeps (LIST_BOUNDS), else by ASSUMED_LIST_SIZE.
 */
export const ASSUMED_LIST_SIZE = 20;

/**
 * Lists with a size other than the assumption: a cap the service keeps, or the size such content really has (a
 * survey's questions are bounded by survey-template.rules.ts: 20 sections, 200 questions, 20 dimensions).
 */
export const LIST_BOUNDS: Record<string, number> = {
  // interactionsOfCustomer: `take: 50`.
  'Customer.interactions': 50,
  // At most 5 attachments per record (interaction.rules.ts).
  'Interaction.attachments': 5,
  'SurveyTemplate.questions': 50,
  'SurveyResponse.answers': 30,
};

/** Objects built from their parent's own row (a JSON column): no fetch, so they cost what a leaf does. */
export const EMBEDDED_FIELDS = new Set([
  'SurveyQuestion.choices',
  'SurveyCampaign.audience',
  'Interaction.blockedCommands',
]);

const isConnectionType = (name: string) => name.endsWith('Connection');

export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  if (EMBEDDED_FIELDS.has(`${type.name}.${field.name}`)) return childComplexity;
  const own = 1 + childComplexity;
  if (typeof args.first === 'number') return 1 + Math.max(0, args.first) * childComplexity;
  if (!isListType(getNullableType(field.type))) return own;
  if (isConnectionType(type.name)) return own; // the page of the field that took `first`
  return (LIST_BOUNDS[`${type.name}.${field.name}`] ?? ASSUMED_LIST_SIZE) * own;
};

/** The cost of the operation `operationName` (or the only one) with these variables. Throws GraphQLError on bad variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [costEstimator],
  });
}

/**
 * The longest chain of returns to a record type on one selection path: `interactions → customer → interactions`
 * returns to Interaction once, `… → customer → interactions → customer` returns to Customer as well (two). Portal
 * screens never need one; the back-and-forth between a record and its owner is what multiplied the attack above.
 */
export function maxTypeRevisits(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName))
      operation ??= def;
  }
  if (!operation) return 0;
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;

  let worst = 0;
  const walk = (
    selectionSet: SelectionSetNode,
    typeName: string,
    path: string[],
    revisits: number,
    spreads: Set<string>,
  ) => {
    const type = schema.getType(typeName);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spreads.has(fragment.name.value)) continue;
        walk(
          fragment.selectionSet,
          fragment.typeCondition.name.value,
          path,
          revisits,
          new Set(spreads).add(fragment.name.value),
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, path, revisits, spreads);
      } else if (selection.selectionSet && isObjectType(type)) {
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        const child = getNamedType(field.type).name;
        const next = path.includes(child) ? revisits + 1 : revisits;
        worst = Math.max(worst, next);
        walk(selection.selectionSet, child, [...path, child], next, spreads);
      }
    }
  };
  walk(operation.selectionSet, root.name, [], 0, new Set());
  return worst;
}
