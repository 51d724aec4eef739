import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/server';
import type { Viewer } from '@/server/viewer';
import type { GqlResult } from './graphql';

const servers = new Map<boolean, ApolloServer<GraphQLContext>>();

async function serverFor(production: boolean): Promise<ApolloServer<GraphQLContext>> {
  let server = servers.get(production);
  if (!server) {
    server = createApolloServer({ production });
    await server.start();
    servers.set(production, server);
  }
  return server;
}

export type HttpResult = GqlResult & { status: number; headers: Map<string, string> };

/**
 * Sends an operation through Apollo's HTTP handling (status codes, headers, error formatting) as the given viewer,
 * as the route does once it has the body and the viewer. `production` picks the server's production behaviour.
 */
export async function gqlHttp(
  viewer: Viewer,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  options: { production?: boolean; clientIp?: string } = {},
): Promise<HttpResult> {
  const server = await serverFor(options.production ?? false);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: 'POST',
      headers: new HeaderMap([['content-type', 'application/json']]),
      search: '',
      body,
    },
    context: async () => createContext(viewer, undefined, options.clientIp),
  });
  if (response.body.kind !== 'complete') throw new Error('unexpected chunked response');
  return {
    ...(JSON.parse(response.body.string) as GqlResult),
    status: response.status ?? 200,
    headers: new Map(response.headers),
  };
}
