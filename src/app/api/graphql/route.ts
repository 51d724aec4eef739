import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { withRoute } from '@/server/http/route';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/server';
import { admitApiKey, graphqlRefusal, recordApiKeyUsage, responseFailed } from '@/server/auth/api-key-gate';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { clientAddressFrom } from '@/server/http/client-address';
import type { Viewer } from '@/server/viewer';

// The API client an admitted request belongs to, so the context does not look the key up a second time.
const admitted = new WeakMap<NextRequest, Viewer>();

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
  context: async (req) =>
    createContext(admitted.get(req) ?? (await viewerFromRequest(req)), undefined, clientAddressFrom(req.headers)),
});

/**
 * A request with an API key passes the key's gate first (expiry, rotation overlap, per-key rate limit: 401/429 in
 * GraphQL's error shape) and is counted in the key's daily usage (calls, errors); everything else goes to Apollo.
 */
async function serve(req: NextRequest): Promise<Response> {
  const admission = await admitApiKey(req.headers);
  if (admission.kind === 'refused') return graphqlRefusal(admission);
  if (admission.kind === 'none') return handler(req);
  admitted.set(req, admission.viewer);
  const response = await handler(req);
  recordApiKeyUsage(admission.viewer.apiKeyId, await responseFailed(response));
  return response;
}

export const dynamic = 'force-dynamic';
// Apollo answers its own errors; withRoute catches what escapes it (the database down while resolving the viewer).
export const GET = withRoute('graphql', 'none', ({ req }) => serve(req));
export const POST = withRoute('graphql', 'none', ({ req }) => serve(req));
