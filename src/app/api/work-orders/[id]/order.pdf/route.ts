import { workOrderPdf } from '@/graphql/work-orders/work-order.export';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';

/**
 * GET /api/work-orders/<id>/order.pdf — the printable 派工单 with the customer's signature, opened in the browser's
 * viewer. Whoever may read the order (a technician their own, a customer their company's); NOT_FOUND otherwise.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string }>('work-orders/order.pdf', 'viewer', async ({ viewer, params: { id } }) => {
  const { filename, pdf } = await workOrderPdf(viewer, id);
  return fileResponse(pdf, { filename, format: 'pdf', inline: true });
});
