import { readSignature } from '@/graphql/work-orders/work-order.service';
import { notFound } from '@/server/errors';
import { withRoute } from '@/server/http/route';

/** GET /api/work-orders/<id>/signature — the customer's drawn signature, to whoever may read the order. */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string }>('work-orders/signature', 'viewer', async ({ viewer, params: { id } }) => {
  const signature = await readSignature(viewer, id);
  if (!signature) throw notFound('WorkOrder');
  return new Response(new Uint8Array(signature.bytes), {
    headers: {
      'Content-Type': signature.mimeType,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
