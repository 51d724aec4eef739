import { readObligationAttachment } from '@/graphql/key-account-obligations/key-account-obligation.service';
import { attachmentResponse } from '@/server/http/attachment-response';
import { withRoute } from '@/server/http/route';

/**
 * GET /api/key-account-obligations/<id>/attachments/<attachmentId> — the file of an obligation's done record, for
 * whoever may read obligations (staff with keyaccounts:read); NOT_FOUND otherwise, so ids cannot be probed.
 */
export const dynamic = 'force-dynamic';

export const GET = withRoute<{ id: string; attachmentId: string }>(
  'key-account-obligations/attachments',
  'viewer',
  async ({ viewer, params: { id, attachmentId } }) => {
    const { attachment, bytes } = await readObligationAttachment(viewer, id, attachmentId);
    return attachmentResponse(attachment, bytes);
  },
);
