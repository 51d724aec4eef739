import sanitizeHtml from 'sanitize-html';

/**
 * A notice's rich-text body is sanitised on the server before it is stored (and again before it is served, so a row
 * written by anything else cannot carry script to customers). Only basic formatting and links are kept: no
 * `<script>`, no `style`, no event handler attributes (`onerror=`, …), and links only with http(s)/mailto/tel
 * (a `javascript:` href is dropped). sanitize-html (allow-list, maintained, no DOM needed on the server) does the
 * parsing: a hand-written filter is the classic way to let `<img src=x onerror=…>` through.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a'],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links open in a new tab without handing the notice's window to the target.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
};

export function sanitizeNoticeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Plain text of a body, for the mail and previews. */
export function noticeBodyText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li|h3|h4|blockquote)>|<br\s*\/?>/gi, '\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
