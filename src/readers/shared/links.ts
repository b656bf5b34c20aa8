/**
 * Addresses too long to be links. Browsers and servers refuse addresses far shorter than what a
 * mistake can paste into a letter (RFC 9110 asks for at least 8,000 octets); a link no one can
 * follow only weighs the publication down. Such an address is published as text, with a warning.
 */
import type { Inline } from '../../model/ast.js';
import type { DiagnosticSink } from './diagnostics.js';

export const MAX_LINK_LENGTH = 8000;

export function boundedLinks(content: Inline[], sink: DiagnosticSink): Inline[] {
  return content.map((node): Inline => {
    if (node.type !== 'link' || node.href.length <= MAX_LINK_LENGTH) return node;
    sink.warn(node.line, 'link-too-long',
      `a web address of ${node.href.length.toLocaleString('en')} characters is published as text, not as a link: no browser or server takes addresses longer than about ${MAX_LINK_LENGTH.toLocaleString('en')}`);
    return { type: 'text', text: node.text, line: node.line, ...(node.marks ? { marks: node.marks } : {}) };
  });
}
