/**
 * Reading an EPUB back: the container's files, the package document (XML), the spine's content
 * documents and the navigation document (XHTML, parsed), and fixture EPUBs made from folders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import type { Root } from 'hast';
import type { Root as XmlRoot } from 'xast';
import { zipEpub, type ZipEntry } from '../../src/render/epub/zip.js';
import { parseXhtml } from './html.js';
import { parseXml, xmlAttr, xmlElements, xmlText } from './xml.js';

export { xmlAttr, xmlElements, xmlText } from './xml.js';

export const EPUB_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'epub');

// ---------------------------------------------------------------- the container

/** The files of an EPUB by path. */
export function unzipEpub(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

/** A file of the container as UTF-8 text. */
export function fileText(files: ReadonlyMap<string, Uint8Array>, path: string): string {
  const data = files.get(path);
  if (!data) throw new Error(`no ${path} in the EPUB (has: ${[...files.keys()].join(', ')})`);
  return new TextDecoder().decode(data);
}

/** Zip entry names in stored order, read from the local file headers. */
export function zipEntryOrder(bytes: Uint8Array): Array<{ name: string; method: number; extraLength: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<{ name: string; method: number; extraLength: number }> = [];
  let offset = 0;
  while (offset + 30 <= bytes.length && view.getUint32(offset, true) === 0x04034b50) {
    const method = view.getUint16(offset + 8, true);
    const compressed = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 30, offset + 30 + nameLength));
    out.push({ name, method, extraLength });
    offset += 30 + nameLength + extraLength + compressed;
  }
  return out;
}

function filesUnder(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(dir, full).split(sep).join('/'), data: new Uint8Array(readFileSync(full)) });
    }
  };
  walk(dir);
  return out;
}

/**
 * A fixture EPUB: the folder `test/fixtures/epub/minimal/` with the files of `overlay` (a sibling
 * folder holding only the files that differ) laid over it, zipped like the renderer zips.
 */
export function fixtureEpub(overlay?: string): Uint8Array {
  const files = new Map(filesUnder(join(EPUB_FIXTURES, 'minimal')).map((e) => [e.path, e]));
  if (overlay) for (const e of filesUnder(join(EPUB_FIXTURES, overlay))) files.set(e.path, e);
  return zipEpub([...files.values()], '2026-02-12');
}

// ---------------------------------------------------------------- the book

export interface ContentDocument {
  href: string;
  id: string;
  xhtml: string;
  tree: Root;
}

export interface Book {
  files: Map<string, Uint8Array>;
  opfText: string;
  opf: XmlRoot;
  manifest: Array<{ id: string; href: string; mediaType: string; properties?: string }>;
  /** Linear spine documents in reading order, parsed. */
  spine: ContentDocument[];
  nav: ContentDocument;
  ncx: XmlRoot;
}

const CONTENT = 'OEBPS';

export function readBook(bytes: Uint8Array): Book {
  const files = unzipEpub(bytes);
  const opfText = fileText(files, `${CONTENT}/content.opf`);
  const opf = parseXml(opfText);
  const manifest = xmlElements(opf, 'item').map((el) => ({
    id: xmlAttr(el, 'id') ?? '',
    href: xmlAttr(el, 'href') ?? '',
    mediaType: xmlAttr(el, 'media-type') ?? '',
    ...(xmlAttr(el, 'properties') !== undefined ? { properties: xmlAttr(el, 'properties')! } : {}),
  }));
  const doc = (id: string, href: string): ContentDocument => {
    const xhtml = fileText(files, `${CONTENT}/${href}`);
    return { id, href, xhtml, tree: parseXhtml(xhtml) };
  };
  const spine = xmlElements(opf, 'itemref')
    .filter((ref) => xmlAttr(ref, 'linear') !== 'no')
    .map((ref) => {
      const id = xmlAttr(ref, 'idref') ?? '';
      const item = manifest.find((m) => m.id === id);
      if (!item) throw new Error(`spine item ${id} is not in the manifest`);
      return doc(id, item.href);
    });
  const navItem = manifest.find((m) => m.properties?.split(/\s+/u).includes('nav'));
  if (!navItem) throw new Error('no navigation document in the manifest');
  return {
    files, opfText, opf, manifest, spine,
    nav: doc(navItem.id, navItem.href),
    ncx: parseXml(fileText(files, `${CONTENT}/toc.ncx`)),
  };
}

/** Values of `<meta property="…">` in the package metadata. */
export function metaValues(book: Book, property: string): string[] {
  return xmlElements(book.opf, 'meta').filter((m) => xmlAttr(m, 'property') === property).map(xmlText);
}

/** Text of the Dublin Core elements named `dc:NAME`. */
export function dcValues(book: Book, name: string): string[] {
  return xmlElements(book.opf, `dc:${name}`).map(xmlText);
}
