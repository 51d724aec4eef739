import { complaintDocumentPdf } from '@/graphql/complaints/complaint-document.service';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';

/**
 * GET /api/complaints/<id>/handling-form.pdf — the 客户投诉处理单 of the complaint with its full history, opened in
 * the browser's PDF viewer. Staff (and API clients) with interactions:read within their read scope; NOT_FOUND
 * otherwise, customers included.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string }>(
  'complaints/handling-form.pdf',
  'viewer',
  async ({ viewer, params: { id } }) => {
    const { filename, pdf } = await complaintDocumentPdf(viewer, id, 'handlingForm');
    return fileResponse(pdf, { filename, format: 'pdf', inline: true });
  },
);
