/**
 * Text and attribute values for XML we write ourselves (XMP packets, XHTML attributes): the five
 * predefined entities, so the result is safe inside element content and in either quote style.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
