/**
 * Addresses too long to be links. Browsers and servers refuse addresses far shorter than what a
 * mistake can paste into a letter (RFC 9110 asks for at least 8,000 octets); a link no one can
 * follow only weighs the publication down. Such an address is published as text, with a warning,
 * and shortened: its start and end tell the reader which address it was, while thousands of
 * characters of it would be pages of noise to read or listen to (a 128 KB address filled 35 pages).
 */
import type { Inline } from '../../model/ast.js';
import type { DiagnosticSink } from './diagnostics.js';

export const MAX_LINK_LENGTH = 8000;
/** What is kept of an address published as text: its first and last characters (code points). */
export const SHOWN_START = 200;
export const SHOWN_END = 20;

/** `text` shortened to its first and last characters around an ellipsis, if it is longer than those. */
function shortened(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= SHOWN_START + SHOWN_END + 1) return text;
  return `${chars.slice(0, SHOWN_START).join('')}…${chars.slice(-SHOWN_END).join('')}`;
}

export function boundedLinks(content: Inline[], sink: DiagnosticSink): Inline[] {
  return content.map((node): Inline => {
    if (node.type !== 'link' || node.href.length <= MAX_LINK_LENGTH) return node;
    sink.warn(node.line, 'link-too-long',
      `a web address of ${node.href.length.toLocaleString('en')} characters is published as text, not as a link, shortened to its first ${SHOWN_START} and last ${SHOWN_END} characters: no browser or server takes addresses longer than about ${MAX_LINK_LENGTH.toLocaleString('en')}`);
    return { type: 'text', text: shortened(node.text), line: node.line, ...(node.marks ? { marks: node.marks } : {}) };
  });
}
