import 'server-only';

/**
 * A stored file as a download: always `attachment`, never rendered inline on our origin (an uploaded file must not run
 * as our page), not sniffed, not cached. For the attachment routes of interactions and notices.
 */
export function attachmentResponse(file: { mimeType: string; fileName: string }, bytes: Uint8Array): Response {
  return new Response(new Blob([new Uint8Array(bytes)]), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(bytes.length),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
}
