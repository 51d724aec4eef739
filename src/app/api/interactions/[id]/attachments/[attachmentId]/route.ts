import type { NextRequest } from 'next/server';
import { readAttachment } from '@/graphql/interactions/interaction.service';
import { viewerFromRequest } from '@/server/auth/request-viewer';
import { DomainError } from '@/server/errors';

/**
 * GET /api/interactions/<id>/attachments/<attachmentId> — an attachment's file, for whoever may read the interaction
 * (staff with interactions:read, the customer who owns it); NOT_FOUND otherwise, so ids cannot be probed.
 */
export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  const { id, attachmentId } = await params;
  try {
    const { attachment, bytes } = await readAttachment(await viewerFromRequest(request), id, attachmentId);
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
  } catch (error) {
    if (error instanceof DomainError) {
      const status = error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : 404;
      return Response.json({ error: error.code, message: error.message }, { status });
    }
    throw error;
  }
}
