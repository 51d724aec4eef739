import { startServerAndCreateNextHandler } from '@as-integrations/next';
import type { NextRequest } from 'next/server';
import { createContext, type GraphQLContext } from '@/graphql/context';
import { createApolloServer } from '@/graphql/server';
import { viewerFromRequest } from '@/server/auth/request-viewer';

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
  context: async (req) => createContext(await viewerFromRequest(req), undefined, clientIpOf(req)),
});

function clientIpOf(req: NextRequest): string {
  const forwarded = req.headers.get('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0]!.trim();
  return req.headers.get('x-real-ip') || 'unknown';
}

export const dynamic = 'force-dynamic';
export async function GET(request: NextRequest) {
  return handler(request);
}
export async function POST(request: NextRequest) {
  return handler(request);
}
