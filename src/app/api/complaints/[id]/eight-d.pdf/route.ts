import { complaintDocumentPdf } from '@/graphql/complaints/complaint-document.service';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';

/**
 * GET /api/complaints/<id>/eight-d.pdf — the complaint's 8D report (SPEC §4), opened in the browser's PDF viewer.
 * Staff (and API clients) with interactions:read within their read scope; NOT_FOUND otherwise, customers included.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string }>('complaints/eight-d.pdf', 'viewer', async ({ viewer, params: { id } }) => {
  const { filename, pdf } = await complaintDocumentPdf(viewer, id, 'eightD');
  return fileResponse(pdf, { filename, format: 'pdf', inline: true });
});
