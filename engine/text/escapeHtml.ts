/**
 * The one escape for text put into HTML, SVG or XML (print pages, the
 * audiobook cover, WordPress posts, reports, espeak's SSML): safe in element
 * content and in quoted attributes alike.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
