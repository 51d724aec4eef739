import { readAttachment } from '@/graphql/interactions/interaction.service';
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
    return new Response(new Blob([new Uint8Array(bytes)]), {
      headers: {
        'content-type': attachment.mimeType,
        'content-length': String(bytes.length),
        // Always a download, never rendered inline on our origin (an uploaded file must not run as our page).
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    });
  },
);
