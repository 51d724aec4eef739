import { summaryPdf } from '@/graphql/key-account-summaries/key-account-summary.export';
import { withRoute } from '@/server/http/route';
import { fileResponse } from '@/server/http/file-response';

/**
 * GET /api/key-accounts/summaries/<id>/summary.pdf — the printed 《客户服务交流信息》, opened in the browser's PDF viewer.
 * Staff and API clients with keyaccounts:read; customers and everyone else FORBIDDEN, an unknown id NOT_FOUND.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string }>(
  'key-accounts/summary.pdf',
  'viewer',
  async ({ viewer, params: { id } }) => {
    const { filename, pdf } = await summaryPdf(viewer, id);
    return fileResponse(pdf, { filename, format: 'pdf', inline: true });
  },
);
