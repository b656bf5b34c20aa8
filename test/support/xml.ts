/** Reading XML back (package document, NCX, XMP): xast-util-from-xml, which throws on anything not well-formed. */
import type { Element as XmlElement, Nodes as XmlNodes, Root as XmlRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';

/** Well-formed XML, or an error naming line and column. */
export function parseXml(xml: string): XmlRoot {
  return fromXml(xml);
}

/** Every element named `name` (with its prefix, e.g. `dc:title`), in document order. */
export function xmlElements(node: XmlNodes, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlNodes): void => {
    if (n.type === 'element' && n.name === name) out.push(n);
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

export function xmlText(node: XmlNodes): string {
  if (node.type === 'text' || node.type === 'cdata') return node.value;
  if (!('children' in node)) return '';
  return node.children.map(xmlText).join('');
}

export function xmlAttr(el: XmlElement, name: string): string | undefined {
  const v = el.attributes[name];
  return v === null || v === undefined ? undefined : v;
}
