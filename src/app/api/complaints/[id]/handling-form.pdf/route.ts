import type { NextRequest } from 'next/server';
import { complaintDocumentPdf } from '@/graphql/complaints/complaint-documents.service';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { fileResponse, routeErrorResponse } from '@/server/http/file-response';

/**
 * GET /api/complaints/<id>/handling-form.pdf — the 客户投诉处理单 of the complaint with its full history, opened in
 * the browser's PDF viewer. Staff (and API clients) with interactions:read within their read scope; NOT_FOUND
 * otherwise, customers included.
 */
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const { filename, pdf } = await complaintDocumentPdf(await viewerFromRequest(req), id, 'handlingForm');
    return fileResponse(pdf, { filename, format: 'pdf', inline: true });
  } catch (error) {
    return routeErrorResponse(error, 'complaints/handling-form.pdf');
  }
}
