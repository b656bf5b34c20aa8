/**
 * Trees to text, the last step of the HTML and EPUB writers. XHTML (EPUB content documents) closes
 * void elements (`<br/>`); both escape with numeric references only, so the output is well-formed
 * XML as well as HTML.
 */
import type { Nodes, Parents, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';

/**
 * XML forbids `]]>` in character data, which HTML allows and the serialiser leaves as is: in XHTML
 * the `>` of such a sequence is written as a reference (a raw node, the one thing the serialiser
 * passes through untouched).
 */
// hast-util-to-html writes `raw` nodes as they are (with allowDangerousHtml); @types/hast does not
// list that node type, so it is typed here as the content it stands for.
const RAW_GT = { type: 'raw', value: '&#x3E;' } as unknown as RootContent;

function guardCdataEnd(node: Parents): void {
  const out: RootContent[] = [];
  let changed = false;
  for (const child of node.children) {
    if (child.type === 'text' && child.value.includes(']]>')) {
      changed = true;
      child.value.split(']]>').forEach((part, i) => {
        if (i > 0) out.push({ type: 'text', value: ']]' }, RAW_GT);
        if (part) out.push({ type: 'text', value: part });
      });
      continue;
    }
    if ('children' in child) guardCdataEnd(child);
    out.push(child);
  }
  if (changed) node.children = out as typeof node.children;
}

export function serialize(node: Nodes | RootContent[], xhtml: boolean): string {
  const root: Nodes = Array.isArray(node) ? { type: 'root', children: node } : node;
  if (xhtml && 'children' in root) guardCdataEnd(root);
  return toHtml(root, {
    closeSelfClosing: xhtml,
    tightSelfClosing: true,
    characterReferences: { useNamedReferences: false },
    allowDangerousHtml: xhtml,
  });
}
