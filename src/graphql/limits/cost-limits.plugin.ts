import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Viewer } from '@/server/viewer';
import { maxTypeRevisits, operationCost } from './cost.rules';
import { refusal } from './refusal.plugin';

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * Limits by who asks. Staff and API clients run the console's and integrations' large pages; a customer's portal and
 * an anonymous visitor's forms are small, so their ceiling is lower and they may not walk back and forth between a
 * record and its owner (`interactions → customer → interactions`): no portal screen does, and it is the shape that
 * multiplied one request into ~40,000 objects.
 */
export type CostLimits = { maxCost: number; maxRevisits: number };
export function costLimitsFor(viewer: Viewer): CostLimits {
  if (viewer.kind === 'staff' || viewer.kind === 'apiClient')
    return { maxCost: envNumber('GRAPHQL_MAX_COST', 25_000), maxRevisits: Infinity };
  return { maxCost: envNumber('GRAPHQL_MAX_COST_PORTAL', 5_000), maxRevisits: 0 };
}

/** Operations at least this costly draw on the viewer's budget per minute; cheaper ones (most screens) never do. */
export const heavyOperationCost = () => envNumber('GRAPHQL_HEAVY_COST', 1_000);
/**
 * The budget per minute of customers and visitors (the outside doors). Staff and API clients have none unless
 * GRAPHQL_STAFF_COST_BUDGET_PER_MINUTE is set: they are known accounts whose size limit per operation already holds,
 * and 50 agents paging their lists would otherwise be turned away with 429s at ordinary working speed (the bench's
 * list scenario met 25,956 of them).
 */
export const costBudgetPerMinute = () => envNumber('GRAPHQL_COST_BUDGET_PER_MINUTE', 100_000);
export const staffCostBudgetPerMinute = () => envNumber('GRAPHQL_STAFF_COST_BUDGET_PER_MINUTE', 0);

// Process-wide, on globalThis: the Next bundle and the custom server may each load this module, and a budget kept in
// module scope would be two budgets. In memory per instance (not in PostgreSQL): a budget exists to shed load, and a
// write per heavy request would add to the load it sheds.
type Door = 'outside' | 'staff';
const globalForBudget = globalThis as unknown as {
  kefuGraphqlCostBudgets?: Partial<Record<Door, { points: number; limiter: RateLimiterMemory }>>;
};

function budget(door: Door, points: number): RateLimiterMemory {
  const budgets = (globalForBudget.kefuGraphqlCostBudgets ??= {});
  if (budgets[door]?.points !== points) {
    budgets[door] = {
      points,
      limiter: new RateLimiterMemory({ keyPrefix: `graphql_cost_${door}`, points, duration: 60 }),
    };
  }
  return budgets[door].limiter;
}

/**
 * Whose budget an operation draws on, and how large it is; null when none applies: staff and API clients without a
 * configured staff budget, or a visitor whose address is unknown (no shared "unknown" bucket).
 */
function budgetFor(viewer: Viewer, clientIp: string | null): { key: string; limiter: RateLimiterMemory } | null {
  const staffPoints = staffCostBudgetPerMinute();
  switch (viewer.kind) {
    case 'staff':
      return staffPoints > 0 ? { key: `user:${viewer.userId}`, limiter: budget('staff', staffPoints) } : null;
    case 'apiClient':
      return staffPoints > 0 ? { key: `key:${viewer.apiKeyId}`, limiter: budget('staff', staffPoints) } : null;
    case 'customer':
      return { key: `user:${viewer.userId}`, limiter: budget('outside', costBudgetPerMinute()) };
    case 'anonymous':
      return clientIp ? { key: `ip:${clientIp}`, limiter: budget('outside', costBudgetPerMinute()) } : null;
  }
}

/** For tests: forget every viewer's spending. */
export function resetCostBudgets(): void {
  delete globalForBudget.kefuGraphqlCostBudgets;
}

// graphql-query-complexity tells types apart with `instanceof`: loaded with another copy of graphql than the schema's
// (a bundler picking graphql's ESM build for one and its CommonJS build for the other) it would see no fields and
// price every operation at next to nothing. Checked once per schema on a known operation; failing closed.
const checkedSchemas = new WeakSet<GraphQLSchema>();
const PROBE = parse(`{ interactions(first: 2) { nodes { id customer { id } } } }`);
function assertEstimatorSeesSchema(schema: GraphQLSchema): void {
  if (checkedSchemas.has(schema)) return;
  const probe = operationCost(schema, PROBE);
  if (probe !== 1 + 2 * 2)
    throw new Error(`GraphQL cost estimator is blind (probe cost ${probe}, expected 5): two copies of graphql loaded?`);
  checkedSchemas.add(schema);
}

/**
 * The cost of an operation depends on its document and on the variables that size lists or switch fields (numbers and
 * booleans: `first: $n`, `@include(if: $b)`) — never on text (ids, search words). Apollo keeps a parsed document per
 * query text, so the cost is worked out once per document and such variables, not on every request.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const COSTS_PER_DOCUMENT = 64;

function cachedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  const key = `${operationName ?? ''}|${JSON.stringify(variables, (_, value: unknown) => (typeof value === 'string' ? undefined : value))}`;
  let byVariables = costs.get(document);
  if (!byVariables) costs.set(document, (byVariables = new Map()));
  const known = byVariables.get(key);
  if (known !== undefined) return known;
  const cost = operationCost(schema, document, variables, operationName);
  if (byVariables.size >= COSTS_PER_DOCUMENT) byVariables.delete(byVariables.keys().next().value!);
  byVariables.set(key, cost);
  return cost;
}

const revisits = new WeakMap<DocumentNode, Map<string, number>>();

function cachedRevisits(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): number {
  let byOperation = revisits.get(document);
  if (!byOperation) revisits.set(document, (byOperation = new Map()));
  const known = byOperation.get(operationName ?? '');
  if (known !== undefined) return known;
  const count = maxTypeRevisits(schema, document, operationName);
  byOperation.set(operationName ?? '', count);
  return count;
}

/**
 * Refuses an operation before it runs when it costs more than the viewer may spend at once (GRAPHQL_VALIDATION_FAILED,
 * HTTP 400, `query.tooExpensive` with `params.cost` and `params.maxCost`), walks back to a record type where the viewer may not, or
 * would overdraw the viewer's budget per minute (TOO_MANY_REQUESTS, HTTP 429, `retryAfterSeconds` and Retry-After). Called where the
 * variables are known (the boundary plugin's didResolveOperation): `first: $n` costs what `first: 100` does.
 */
export async function enforceCostLimits(request: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  viewer: Viewer;
  clientIp: string | null;
}): Promise<number> {
  const { schema, document, operationName, viewer, clientIp } = request;
  assertEstimatorSeesSchema(schema);
  const limits = costLimitsFor(viewer);
  let cost: number;
  try {
    cost = cachedCost(schema, document, request.variables ?? {}, operationName ?? undefined);
  } catch (error) {
    // Variables that do not fit the operation: execution would refuse them the same way, before any resolver.
    throw refusal('BAD_USER_INPUT', 'query.variablesInvalid', {
      params: { detail: error instanceof Error ? error.message : String(error) },
    });
  }
  if (cost > limits.maxCost) {
    throw refusal('GRAPHQL_VALIDATION_FAILED', 'query.tooExpensive', { params: { cost, maxCost: limits.maxCost } });
  }
  if (cachedRevisits(schema, document, operationName) > limits.maxRevisits) {
    throw refusal('GRAPHQL_VALIDATION_FAILED', 'query.returnsToType');
  }
  if (cost < heavyOperationCost()) return cost;
  const drawOn = budgetFor(viewer, clientIp);
  if (!drawOn) return cost;
  try {
    await drawOn.limiter.consume(drawOn.key, cost);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw refusal('TOO_MANY_REQUESTS', 'query.costBudgetSpent', {
      params: { retryAfterSeconds, cost },
      retryAfterSeconds,
    });
  }
  return cost;
}
