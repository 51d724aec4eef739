import { readAttachment } from '@/graphql/interactions/interaction.service';
import { attachmentResponse } from '@/server/http/attachment-response';
import { withRoute } from '@/server/http/route';

/**
 * GET /api/interactions/<id>/attachments/<attachmentId> — an attachment's file, for whoever may read the interaction
 * (staff with interactions:read, the customer who owns it); NOT_FOUND otherwise, so ids cannot be probed.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string; attachmentId: string }>(
  'interactions/attachments',
  'viewer',
  async ({ viewer, params: { id, attachmentId } }) => {
    const { attachment, bytes } = await readAttachment(viewer, id, attachmentId);
    return attachmentResponse(attachment, bytes);
  },
);
