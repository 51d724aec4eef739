import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { withRoute } from '@/server/http/route';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/server';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { clientAddressFrom } from '@/server/http/client-address';

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
  context: async (req) => createContext(await viewerFromRequest(req), undefined, clientAddressFrom(req.headers)),
});

export const dynamic = 'force-dynamic';
// Apollo answers its own errors; withRoute catches what escapes it (the database down while resolving the viewer).
export const GET = withRoute('graphql', 'none', ({ req }) => handler(req));
export const POST = withRoute('graphql', 'none', ({ req }) => handler(req));
