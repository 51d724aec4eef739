import { readNoticeAttachment } from '@/graphql/notices/notice.service';
import { attachmentResponse } from '@/server/http/attachment-response';
import { withRoute } from '@/server/http/route';

/**
 * GET /api/notices/<id>/attachments/<attachmentId> — a notice's file, for whoever may read the notice
 * (staff with notices:read, its audience while it is active); NOT_FOUND otherwise, so ids cannot be probed.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string; attachmentId: string }>(
  'notices/attachments',
  'viewer',
  async ({ viewer, params: { id, attachmentId } }) => {
    const { attachment, bytes } = await readNoticeAttachment(viewer, id, attachmentId);
    return attachmentResponse(attachment, bytes);
  },
);
