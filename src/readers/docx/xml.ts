/**
 * The OOXML parts as element trees, read by a strict XML parser (saxes): a part that is not
 * well-formed is an input error naming the part and the paragraph it broke in, never a guess.
 * Names are canonical (`w:p`, `wp:docPr`, `r:id`) whatever prefixes the producer chose, so the
 * rest of the reader can name elements the way the standard does; `serializeXml` writes a tree
 * back for mammoth (which maps namespaces the same way).
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { InputError } from '../shared/diagnostics.js';

export interface XmlElement {
  kind: 'element';
  /** Canonical qualified name: `w:p`; an unknown namespace keeps a generated prefix (`ns1:x`). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | undefined;
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

/** Namespace URI → the prefix the standard uses (transitional and strict URIs alike). */
const PREFIXES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing': 'wp14',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.microsoft.com/office/word/2012/wordml': 'w15',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'urn:schemas-microsoft-com:office:word': 'w10',
  'http://schemas.microsoft.com/office/drawing/2017/decorative': 'adec',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

/** The URI written for each canonical prefix when a tree is serialised (transitional OOXML). */
const URIS: Record<string, string> = {};
for (const [uri, prefix] of Object.entries(PREFIXES)) if (!(prefix in URIS) && !uri.startsWith('http://purl.oclc.org/')) URIS[prefix] = uri;

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** Where paragraphs are counted for messages: blocks directly in a story (body, header, note). */
const STORIES = new Set(['w:body', 'w:hdr', 'w:ftr', 'w:footnote', 'w:endnote', 'w:comment']);

function isStoryBlock(name: string, parent: XmlElement | undefined): boolean {
  if (name !== 'w:p' && name !== 'w:tbl') return false;
  let p = parent;
  // Content controls around paragraphs do not make them any less the story's own paragraphs.
  while (p && (p.name === 'w:sdtContent' || p.name === 'w:sdt' || p.name === 'w:customXml')) p = p.parent;
  return p !== undefined && STORIES.has(p.name);
}

/** Decodes a part's bytes: UTF-8 (with or without BOM), or UTF-16 with its BOM, as XML allows. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Parses one part. `file` and `part` name the place in messages; errors are `InputError`s with the
 * story paragraph they occurred in (`line` = that paragraph, 1 when the part has none).
 */
export function parseXml(file: string, part: string, bytes: Uint8Array): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const unknown = new Map<string, string>();
  const canonical = (uri: string, local: string, prefix: string): string => {
    if (uri === '') return prefix === '' ? local : `${prefix}:${local}`;
    let p = PREFIXES[uri];
    if (p === undefined) {
      p = unknown.get(uri);
      if (p === undefined) { p = `ns${unknown.size + 1}`; unknown.set(uri, p); }
    }
    return `${p}:${local}`;
  };
  const root: XmlElement = { kind: 'element', name: '#document', attrs: {}, children: [], parent: undefined };
  let current = root;
  let paragraphs = 0;
  const fail = (reason: string): never => {
    const where = paragraphs > 0 ? `, paragraph ${paragraphs}` : '';
    throw new InputError(file, Math.max(1, paragraphs), 'malformed-xml',
      `${part} is not well-formed XML${where} (line ${parser.line}, column ${parser.column}: ${reason}); the file is damaged: open it in Word and save it again`);
  };
  parser.on('error', (err) => fail(err.message.replace(/^\d+:\d+:\s*/u, '').replace(/\.$/u, '')));
  parser.on('doctype', () => fail('a DOCTYPE declaration, which OOXML never has'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      if (a.uri === XMLNS || a.name === 'xmlns') continue;
      attrs[canonical(a.uri, a.local, a.prefix)] = a.value;
    }
    const el: XmlElement = { kind: 'element', name: canonical(tag.uri, tag.local, tag.prefix), attrs, children: [], parent: current };
    if (isStoryBlock(el.name, current)) paragraphs++;
    current.children.push(el);
    current = el;
  });
  parser.on('closetag', () => { current = current.parent ?? root; });
  parser.on('text', (text) => { if (current !== root) current.children.push({ kind: 'text', text }); });
  parser.on('cdata', (text) => { if (current !== root) current.children.push({ kind: 'text', text }); });
  parser.write(decodeXml(bytes)).close();
  const top = root.children.find((c): c is XmlElement => c.kind === 'element');
  if (!top) fail('no root element');
  top!.parent = undefined;
  return top!;
}

// ---------------------------------------------------------------- navigation

export function children(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c): c is XmlElement => c.kind === 'element' && (name === undefined || c.name === name));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

/** The element at the end of a path of child names: `path(pPr, 'w:numPr', 'w:ilvl')`. */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = el;
  for (const n of names) at = child(at, n);
  return at;
}

/** Every descendant with that name, in document order (not below a match). */
export function descendants(el: XmlElement, name: string, stopAt: ReadonlySet<string> = new Set()): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.kind !== 'element') continue;
      if (c.name === name) out.push(c);
      else if (!stopAt.has(c.name)) walk(c);
    }
  };
  walk(el);
  return out;
}

export function ancestor(el: XmlElement, name: string): XmlElement | undefined {
  let p = el.parent;
  while (p && p.name !== name) p = p.parent;
  return p;
}

/** The text content, concatenated. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : textOf(c))).join('');
}

/** `w:val` and friends: a boolean OOXML property (present and not false/0/off). */
export function isOn(el: XmlElement | undefined, attr = 'w:val'): boolean {
  if (!el) return false;
  const v = el.attrs[attr];
  return v === undefined || !['false', '0', 'off'].includes(v.toLowerCase());
}

export function element(name: string, attrs: Record<string, string> = {}, parent?: XmlElement): XmlElement {
  return { kind: 'element', name, attrs, children: [], parent };
}

export function remove(el: XmlElement): void {
  if (!el.parent) return;
  el.parent.children = el.parent.children.filter((c) => c !== el);
  el.parent = undefined;
}

// ---------------------------------------------------------------- writing back

const escapeText = (s: string): string => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/gu, '&quot;').replace(/\t/gu, '&#9;').replace(/\n/gu, '&#10;').replace(/\r/gu, '&#13;');

const prefixOf = (n: string): string | undefined => (n.includes(':') ? n.slice(0, n.indexOf(':')) : undefined);

/** Writes a tree as XML, declaring the standard URI of every prefix it uses on the root. */
export function serializeXml(rootEl: XmlElement): string {
  const used = new Set<string>();
  const collect = (el: XmlElement): void => {
    for (const n of [el.name, ...Object.keys(el.attrs)]) { const p = prefixOf(n); if (p && p !== 'xml') used.add(p); }
    for (const c of el.children) if (c.kind === 'element') collect(c);
  };
  collect(rootEl);
  const decls = [...used].map((p) => ` xmlns:${p}="${URIS[p] ?? `urn:rijkspers:unknown-namespace:${p}`}"`).join('');
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'];
  const write = (el: XmlElement, isRoot: boolean): void => {
    out.push(`<${el.name}${isRoot ? decls : ''}`);
    for (const [k, v] of Object.entries(el.attrs)) out.push(` ${k}="${escapeAttr(v)}"`);
    if (el.children.length === 0) { out.push('/>'); return; }
    out.push('>');
    for (const c of el.children) {
      if (c.kind === 'text') out.push(escapeText(c.text));
      else write(c, false);
    }
    out.push(`</${el.name}>`);
  };
  write(rootEl, true);
  return out.join('');
}
