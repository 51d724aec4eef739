import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/server';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { clientAddressFrom } from '@/server/http/client-address';

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
  context: async (req) => createContext(await viewerFromRequest(req), undefined, clientAddressFrom(req.headers)),
});

export const dynamic = 'force-dynamic';
export async function GET(request: NextRequest) {
  return handler(request);
}
export async function POST(request: NextRequest) {
  return handler(request);
}
