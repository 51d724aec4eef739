import type { GraphQLFieldResolver } from 'graphql';
import { can, requirePermission, requireSignedIn, requireStaff, type Permission } from '@/server/auth/policies';
import type { Viewer } from '@/server/viewer';
import type { GraphQLContext } from './context';

/**
 * Deny by default: every Query and Mutation field must name a policy, checked before its resolver runs; building
 * the schema fails for a root field without one (as Redwood refuses a field without @requireAuth/@skipAuth).
 * Services check again with the record in hand (ownership), so a policy is the outer wall, not the only one.
 */
export type FieldPolicy = { describe: string; check: (viewer: Viewer) => void };

export const policy = {
  /** Anyone, signed in or not. */
  public: { describe: 'public', check: () => undefined } satisfies FieldPolicy,
  signedIn: { describe: 'signed in', check: (viewer: Viewer) => requireSignedIn(viewer) } satisfies FieldPolicy,
  /** A staff user's own session: customers and API keys are FORBIDDEN (what belongs to a person, e.g. notifications). */
  staff: { describe: 'staff', check: (viewer: Viewer) => requireStaff(viewer) } satisfies FieldPolicy,
  permission: (permission: Permission): FieldPolicy => ({
    describe: permission,
    check: (viewer) => requirePermission(viewer, permission),
  }),
  /** A holder of any of the permissions (the service decides which one the record in hand needs). */
  anyPermission: (...permissions: [Permission, ...Permission[]]): FieldPolicy => ({
    describe: permissions.join(' or '),
    check: (viewer) => {
      if (!permissions.some((p) => can(viewer, p))) requirePermission(viewer, permissions[0]);
    },
  }),
  /** A customer account (the service scopes it to its own organisation), or a holder of `permission`. */
  ownCustomerOr: (permission: Permission): FieldPolicy => ({
    describe: `own customer or ${permission}`,
    check: (viewer) => {
      if (viewer.kind !== 'customer') requirePermission(viewer, permission);
    },
  }),
};

export type RootPolicies = { Query?: Record<string, FieldPolicy>; Mutation?: Record<string, FieldPolicy> };

type AnyResolver = GraphQLFieldResolver<unknown, GraphQLContext, Record<string, unknown>>;

/** Wraps root resolvers with their policy; throws when a root field of the SDL has no policy. */
export function withPolicies(
  resolvers: Record<string, Record<string, unknown>>,
  policies: RootPolicies,
  rootFields: { Query: string[]; Mutation: string[] },
): Record<string, Record<string, unknown>> {
  const out = { ...resolvers };
  for (const root of ['Query', 'Mutation'] as const) {
    const wrapped: Record<string, unknown> = { ...(resolvers[root] ?? {}) };
    for (const field of rootFields[root]) {
      const fieldPolicy = policies[root]?.[field];
      if (!fieldPolicy) throw new Error(`${root}.${field} has no authorisation policy (src/graphql/*/resolvers.ts)`);
      const resolve = wrapped[field] as AnyResolver | undefined;
      if (!resolve) throw new Error(`${root}.${field} has no resolver`);
      wrapped[field] = ((parent, args, ctx, info) => {
        fieldPolicy.check(ctx.viewer);
        return resolve(parent, args, ctx, info);
      }) satisfies AnyResolver;
    }
    out[root] = wrapped;
  }
  return out;
}
