import { printSchema } from 'graphql';
import { buildSchema } from '@/graphql/schema';
import { forbidden, unauthenticated } from '@/server/errors';
import { withRoute } from '@/server/http/route';

export const dynamic = 'force-dynamic';

/**
 * The GraphQL SDL with every description, as a download: for signed-in staff and API clients (any scope) only — the
 * same audience introspection is open to; anonymous → 401, customers → 403.
 */
export const GET = withRoute('graphql-schema', 'viewer', async ({ viewer, requestId }) => {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'staff' && viewer.kind !== 'apiClient') throw forbidden('common.staffOnly');
  return new Response(`${printSchema(buildSchema())}\n`, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': 'attachment; filename="kefu-schema.graphql"',
      'cache-control': 'no-store',
      'x-request-id': requestId,
    },
  });
});
