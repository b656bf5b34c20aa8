/**
 * The XMP facts PDF/UA asks for: the PDF/UA identification (`pdfuaid:part`), the document title
 * (`dc:title`) and whether a language alternative uses `x-default` (which needs a catalog /Lang).
 */
import { XmlError, descendants, parseXml, textContent, type XmlElement } from './xml.js';

export const NS_PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';
export const NS_DC = 'http://purl.org/dc/elements/1.1/';
export const NS_RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const NS_XML = 'http://www.w3.org/XML/1998/namespace';

export interface XmpFacts {
  /** Why the packet is not well-formed; nothing else is known then. */
  error?: string;
  /** `pdfuaid:part` as written, when present (element or attribute form). */
  part?: string;
  /** `dc:title` text (the x-default alternative when there is one); undefined when absent. */
  title?: string;
  /** Some `rdf:li` carries `xml:lang="x-default"`. */
  usesXDefault: boolean;
}

export function readXmp(bytes: Uint8Array): XmpFacts {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return { error: 'the packet is not valid UTF-8', usesXDefault: false };
  }
  let root: XmlElement;
  try {
    root = parseXml(source);
  } catch (e) {
    if (e instanceof XmlError) return { error: e.message, usesXDefault: false };
    throw e;
  }

  const facts: XmpFacts = { usesXDefault: false };
  for (const el of [root, ...descendants(root)]) {
    if (el.ns === NS_PDFUAID && el.local === 'part' && facts.part === undefined) facts.part = textContent(el).trim();
    for (const attr of el.attrs) {
      if (attr.ns === NS_PDFUAID && attr.local === 'part' && facts.part === undefined) facts.part = attr.value.trim();
      if (attr.ns === NS_DC && attr.local === 'title' && facts.title === undefined) facts.title = attr.value;
      if (attr.ns === NS_XML && attr.local === 'lang' && attr.value === 'x-default' && el.ns === NS_RDF && el.local === 'li') {
        facts.usesXDefault = true;
      }
    }
    if (el.ns === NS_DC && el.local === 'title' && facts.title === undefined) facts.title = titleText(el);
  }
  return facts;
}

/** dc:title is a language alternative: prefer x-default, else the first alternative. */
function titleText(el: XmlElement): string {
  const items = [...descendants(el)].filter((d) => d.ns === NS_RDF && d.local === 'li');
  if (items.length === 0) return textContent(el);
  const preferred = items.find((li) => li.attrs.some((a) => a.ns === NS_XML && a.local === 'lang' && a.value === 'x-default'));
  return textContent(preferred ?? items[0]!);
}
