import type { ApolloServer } from '@apollo/server';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/server';
import type { Viewer } from '@/server/viewer';

let server: ApolloServer<GraphQLContext> | undefined;

export type GqlResult<T = Record<string, unknown>> = {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
};

/** Runs an operation through the real Apollo pipeline (limits, policies, error formatting) as the given viewer. */
export async function gqlAs<T = Record<string, unknown>>(
  viewer: Viewer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult<T>> {
  server ??= createApolloServer();
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(viewer) });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult as GqlResult<T>;
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export async function gqlOk<T = Record<string, unknown>>(
  viewer: Viewer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await gqlAs<T>(viewer, query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

export function errorCodes(result: GqlResult): string[] {
  return (result.errors ?? []).map((e) => String(e.extensions?.code));
}
