/**
 * Trees to text, the last step of the HTML and EPUB writers. XHTML (EPUB content documents) closes
 * void elements (`<br/>`); both escape with numeric references only, so the output is well-formed
 * XML as well as HTML.
 */
import type { Nodes, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';

export function serialize(node: Nodes | RootContent[], xhtml: boolean): string {
  const root: Nodes = Array.isArray(node) ? { type: 'root', children: node } : node;
  return toHtml(root, {
    closeSelfClosing: xhtml,
    tightSelfClosing: true,
    characterReferences: { useNamedReferences: false },
  });
}
