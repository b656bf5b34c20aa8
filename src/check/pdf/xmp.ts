/**
 * The document's XMP packet, read once for every rule that needs it: whether it is well-formed
 * (XML 1.0 and the RDF frame), the identifications (`pdfuaid:part`, `pdfaid:part` and
 * `conformance`), `dc:title`, whether a language alternative uses `x-default` (which needs a
 * catalog /Lang), the `xpacket` header, every top-level property, and the properties that PDF/A
 * extension schemas in the packet describe.
 */
import { XmlError, descendants, parseXml, textContent, type XmlDocument, type XmlElement } from './xml.js';

export const NS_PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';
export const NS_PDFAID = 'http://www.aiim.org/pdfa/ns/id/';
export const NS_DC = 'http://purl.org/dc/elements/1.1/';
export const NS_RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const NS_XMP = 'http://ns.adobe.com/xap/1.0/';
export const NS_PDF = 'http://ns.adobe.com/pdf/1.3/';
export const NS_PDFA_EXTENSION = 'http://www.aiim.org/pdfa/ns/extension/';
export const NS_PDFA_SCHEMA = 'http://www.aiim.org/pdfa/ns/schema#';
export const NS_PDFA_PROPERTY = 'http://www.aiim.org/pdfa/ns/property#';
const NS_XML = 'http://www.w3.org/XML/1998/namespace';

export interface XmpProperty {
  ns: string;
  prefix: string;
  local: string;
  /** Text value (the x-default alternative, or the first item, for arrays). */
  value: string;
}

export interface XmpFacts {
  /** Why the packet is not well-formed; nothing else is known then. */
  error?: string;
  /** Attributes of the `<?xpacket begin=… ?>` header. */
  header?: Map<string, string>;
  /** `pdfuaid:part` as written, when present (element or attribute form). */
  uaPart?: string;
  /**
   * `pdfaid:part`, `pdfaid:conformance` as written, and the prefixes the pdfaid properties use.
   * In a packet that is not well-formed, part and conformance are what a plain text search finds:
   * enough to know which profile the file claims, never used to judge the identification itself.
   */
  pdfaPart?: string;
  pdfaConformance?: string;
  pdfaidPrefixes: string[];
  /** `dc:title` text (the x-default alternative when there is one); undefined when absent. */
  title?: string;
  /** Some `rdf:li` carries `xml:lang="x-default"`. */
  usesXDefault: boolean;
  /** Every top-level property of every `rdf:Description`. */
  properties: XmpProperty[];
  /** Namespace URI → property names that a PDF/A extension schema in this packet describes. */
  extensionProperties: Map<string, Set<string>>;
}

const EMPTY: Omit<XmpFacts, 'error'> = { usesXDefault: false, pdfaidPrefixes: [], properties: [], extensionProperties: new Map() };

export function readXmp(bytes: Uint8Array): XmpFacts {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return { ...EMPTY, error: 'the packet is not valid UTF-8' };
  }
  let doc: XmlDocument;
  try {
    doc = parseXml(source);
  } catch (e) {
    if (e instanceof XmlError) return { ...EMPTY, ...sniffPdfaClaim(source), error: e.message };
    throw e;
  }
  const all = [doc.root, ...descendants(doc.root)];
  const rdf = all.find((el) => el.ns === NS_RDF && el.local === 'RDF');
  if (!rdf) return { ...EMPTY, error: 'no rdf:RDF element: the packet is not RDF/XML' };

  const facts: XmpFacts = { usesXDefault: false, pdfaidPrefixes: [], properties: [], extensionProperties: new Map() };
  const header = doc.instructions.find((pi) => pi.target === 'xpacket' && /\bbegin\s*=/.test(pi.body));
  if (header) facts.header = pseudoAttributes(header.body);

  for (const description of rdf.children.filter((el) => el.ns === NS_RDF && el.local === 'Description')) {
    for (const attr of description.attrs) {
      if (attr.ns === '' || attr.ns === NS_RDF || attr.ns === NS_XML || attr.qname.startsWith('xmlns')) continue;
      facts.properties.push({ ns: attr.ns, prefix: attr.prefix, local: attr.local, value: attr.value });
    }
    for (const child of description.children) {
      facts.properties.push({ ns: child.ns, prefix: child.prefix, local: child.local, value: propertyText(child) });
    }
  }
  for (const property of facts.properties) {
    if (property.ns === NS_PDFUAID && property.local === 'part') facts.uaPart ??= property.value.trim();
    if (property.ns === NS_PDFAID) {
      if (!facts.pdfaidPrefixes.includes(property.prefix)) facts.pdfaidPrefixes.push(property.prefix);
      if (property.local === 'part') facts.pdfaPart ??= property.value.trim();
      if (property.local === 'conformance') facts.pdfaConformance ??= property.value.trim();
    }
    if (property.ns === NS_DC && property.local === 'title') facts.title ??= property.value;
  }
  for (const el of all) {
    if (el.ns === NS_RDF && el.local === 'li' && el.attrs.some((a) => a.ns === NS_XML && a.local === 'lang' && a.value === 'x-default')) {
      facts.usesXDefault = true;
    }
    if (el.ns === NS_PDFA_EXTENSION && el.local === 'schemas') readExtensionSchemas(el, facts.extensionProperties);
  }
  return facts;
}

/** `pdfaid:part>2<` or `pdfaid:part="2"`, found without parsing. */
function sniffPdfaClaim(source: string): Pick<XmpFacts, 'pdfaPart' | 'pdfaConformance'> {
  const value = (name: string): string | undefined => new RegExp(`pdfaid:${name}(?:\\s*=\\s*["']|>)\\s*([0-9A-Za-z]+)`).exec(source)?.[1];
  const part = value('part');
  const conformance = value('conformance');
  return { ...(part ? { pdfaPart: part } : {}), ...(conformance ? { pdfaConformance: conformance } : {}) };
}

/** `begin="…" id="W5M0…"` → a map. */
function pseudoAttributes(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of body.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, m[2] ?? m[3] ?? '');
  return out;
}

/** A property's text: a language alternative's x-default (else first) item, an array's first item, or its text. */
function propertyText(el: XmlElement): string {
  const container = el.children.find((c) => c.ns === NS_RDF && (c.local === 'Alt' || c.local === 'Seq' || c.local === 'Bag'));
  if (!container) return textContent(el);
  const items = container.children.filter((c) => c.ns === NS_RDF && c.local === 'li');
  const preferred = items.find((li) => li.attrs.some((a) => a.ns === NS_XML && a.local === 'lang' && a.value === 'x-default'));
  const chosen = preferred ?? items[0];
  return chosen ? textContent(chosen) : '';
}

/** A field of an XMP structure, in element or attribute form. */
function field(el: XmlElement, ns: string, local: string): string | undefined {
  const attr = el.attrs.find((a) => a.ns === ns && a.local === local);
  if (attr) return attr.value.trim();
  const child = el.children.find((c) => c.ns === ns && c.local === local);
  return child ? textContent(child).trim() : undefined;
}

/** pdfaExtension:schemas → for each schema: namespace URI → names of the properties it describes. */
function readExtensionSchemas(schemas: XmlElement, out: Map<string, Set<string>>): void {
  for (const li of descendants(schemas)) {
    if (!(li.ns === NS_RDF && li.local === 'li')) continue;
    // A schema is an rdf:li with rdf:parseType="Resource", or an rdf:li holding an rdf:Description.
    const holder = li.children.find((c) => c.ns === NS_RDF && c.local === 'Description') ?? li;
    const uri = field(holder, NS_PDFA_SCHEMA, 'namespaceURI');
    if (uri === undefined) continue;
    const names = out.get(uri) ?? new Set<string>();
    for (const el of descendants(holder)) {
      if (el.ns === NS_PDFA_PROPERTY && el.local === 'name') names.add(textContent(el).trim());
      for (const a of el.attrs) if (a.ns === NS_PDFA_PROPERTY && a.local === 'name') names.add(a.value.trim());
    }
    out.set(uri, names);
  }
}
