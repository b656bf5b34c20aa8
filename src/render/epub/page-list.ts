/**
 * Print page numbers in the EPUB: one page-break marker per PDF page, where that page begins.
 *
 * The PDF reports each page start as a block id plus a character offset into `blockText(block)`
 * (see `render/pagination.ts`). Here each start becomes an anchor:
 *  - `before` an element (offset 0, a heading, an image, a question/answer label, the annex):
 *    the marker goes right before the element's start tag, never inside a heading;
 *  - `inline`: inside paragraph or list-item text at that offset (or just before a link or note
 *    call that the offset falls into, so a link is never split).
 *
 * Inline anchors are placed in the view model before the shared partials render it, as a
 * placeholder of two Unicode noncharacters around the page number (the partials escape text
 * and leave those alone); `placeMarkers` turns placeholders into markers afterwards and puts the
 * `before` markers in front of their elements by id. The partials need no EPUB-only code.
 */
import type { Block, Letter, QaPart, Signatory } from '../../model/ast.js';
import { blockText, listItemOffsets } from '../../model/text.js';
import type { PageStart } from '../pagination.js';
import { escapeXml } from '../../util/escape-xml.js';
import { insertBeforeId } from './xhtml.js';

/** Unicode noncharacters: never in interchange text, so never in a letter. */
const OPEN = '\uFDD0';
const CLOSE = '\uFDD1';
const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'gu');

export type PageAnchor =
  | { page: number; kind: 'start' }
  | { page: number; kind: 'before'; elementId: string }
  | { page: number; kind: 'inline'; blockId: string; path: InlinePath; offset: number };

/** Which inline run of a block: the paragraph itself, a list item (indices depth-first), a signature line. */
export type InlinePath = { in: 'paragraph' } | { in: 'item'; indices: number[] } | { in: 'signature'; line: number };

export function pageMarkerId(page: number): string {
  return `page-${page}`;
}

/** The marker itself, written as an explicit pair: `<span/>` is an open tag to an HTML parser. */
export function pageMarker(page: number): string {
  const label = escapeXml(String(page));
  return `<span epub:type="pagebreak" role="doc-pagebreak" id="${pageMarkerId(page)}" aria-label="${label}"></span>`;
}

// ---------------------------------------------------------------- PageStart → anchor

type Located = { kind: 'block'; block: Block } | { kind: 'part'; part: QaPart } | { kind: 'signatory'; signatory: Signatory } | { kind: 'annex' } | { kind: 'annexTitle' };

function findBlock(letter: Letter, id: string): Located | undefined {
  const inBlocks = (blocks: readonly Block[]): Block | undefined => blocks.find((b) => b.id === id);
  const simple = (letter.salutation?.id === id ? letter.salutation : undefined)
    ?? inBlocks(letter.body)
    ?? (letter.closing?.id === id ? letter.closing : undefined);
  if (simple) return { kind: 'block', block: simple };
  const signatory = letter.signatories.find((s) => s.id === id);
  if (signatory) return { kind: 'signatory', signatory };
  const annex = letter.annex;
  if (!annex) return undefined;
  if (annex.id === id) return { kind: 'annex' };
  if (annex.title?.id === id) return { kind: 'annexTitle' };
  const intro = inBlocks(annex.intro);
  if (intro) return { kind: 'block', block: intro };
  for (const part of annex.parts) {
    if (part.id === id) return { kind: 'part', part };
    const inner = inBlocks(part.content);
    if (inner) return { kind: 'block', block: inner };
  }
  return undefined;
}

function blockAnchor(page: number, block: Block, offset: number): PageAnchor {
  if (offset <= 0 || block.type === 'heading' || block.type === 'image') return { page, kind: 'before', elementId: block.id };
  if (block.type === 'paragraph') return { page, kind: 'inline', blockId: block.id, path: { in: 'paragraph' }, offset };
  const items = listItemOffsets(block);
  const item = [...items].reverse().find((it) => it.start <= offset) ?? items[0];
  if (!item) return { page, kind: 'before', elementId: block.id };
  return { page, kind: 'inline', blockId: block.id, path: { in: 'item', indices: item.indices }, offset: Math.min(offset - item.start, item.length) };
}

function partAnchor(page: number, part: QaPart, offset: number): PageAnchor {
  // blockText(part) = label + '\n' + blocks joined by '\n'. A page starting in the label starts
  // before the part: the label is its heading.
  let rest = offset - part.label.length - 1;
  if (rest < 0) return { page, kind: 'before', elementId: part.id };
  for (const block of part.content) {
    const length = blockText(block).length;
    if (rest < length || block === part.content.at(-1)) return blockAnchor(page, block, rest);
    rest -= length + 1;
  }
  return { page, kind: 'before', elementId: part.id };
}

/** A signatory's offsets count in `signatoryText` units: function lines then the name, joined by `\n`. */
function signatoryAnchor(page: number, s: Signatory, offset: number): PageAnchor {
  const lines = [...s.functionLines.map((l) => l.text), ...(s.name ? [s.name.text] : [])];
  let rest = offset;
  for (let line = 0; line < lines.length; line++) {
    const length = lines[line]?.length ?? 0;
    if (rest <= 0) return line === 0 ? { page, kind: 'before', elementId: s.id } : { page, kind: 'inline', blockId: s.id, path: { in: 'signature', line }, offset: 0 };
    if (rest < length) return { page, kind: 'inline', blockId: s.id, path: { in: 'signature', line }, offset: rest };
    rest -= length + 1;
  }
  return { page, kind: 'before', elementId: s.id };
}

/** Where each PDF page begins in the EPUB. Throws on a block id the letter does not have. */
export function resolvePageStarts(letter: Letter, pageStarts: readonly PageStart[]): PageAnchor[] {
  const seen = new Set<number>();
  return pageStarts.map((ps): PageAnchor => {
    if (seen.has(ps.page)) throw new Error(`page-list: page ${ps.page} starts twice`);
    seen.add(ps.page);
    const offset = Math.max(0, ps.offset);
    if (ps.blockId === 'letterhead') return { page: ps.page, kind: 'start' };
    if (ps.blockId === 'notes') return { page: ps.page, kind: 'before', elementId: 'notes' };
    const found = findBlock(letter, ps.blockId);
    if (!found) throw new Error(`page-list: page ${ps.page} starts in block "${ps.blockId}", which ${letter.source.stem} does not have`);
    switch (found.kind) {
      case 'block': return blockAnchor(ps.page, found.block, offset);
      case 'part': return partAnchor(ps.page, found.part, offset);
      case 'signatory': return signatoryAnchor(ps.page, found.signatory, offset);
      // Both are headed by a heading: a page never starts inside it.
      case 'annex': return { page: ps.page, kind: 'before', elementId: ps.blockId };
      case 'annexTitle': return { page: ps.page, kind: 'before', elementId: ps.blockId };
    }
  });
}

// ---------------------------------------------------------------- placeholders in the view

/** The inline runs of the shared view model, as far as this module needs to know them. */
interface InlineLike { type: string; text?: string; label?: string }
interface ViewNode { id?: string; content?: InlineLike[]; items?: Array<{ content: InlineLike[]; children?: { items: unknown[] } }>; functionLines?: InlineLike[][]; name?: InlineLike[] }

function visibleLength(node: InlineLike): number {
  return node.type === 'noteRef' ? (node.label ?? '').length : (node.text ?? '').length;
}

/** Puts `marker` (text) into a run of inline views at a character offset, never inside a link or note call. */
export function insertIntoInlines(run: InlineLike[], offset: number, marker: string): void {
  let pos = 0;
  for (let i = 0; i < run.length; i++) {
    const node = run[i] as InlineLike;
    const length = visibleLength(node);
    if (offset <= pos) {
      run.splice(i, 0, { type: 'text', text: marker });
      return;
    }
    if (offset < pos + length) {
      if (node.type === 'text') {
        const cut = offset - pos;
        node.text = `${(node.text ?? '').slice(0, cut)}${marker}${(node.text ?? '').slice(cut)}`;
      } else {
        run.splice(i, 0, { type: 'text', text: marker });
      }
      return;
    }
    pos += length;
  }
  run.push({ type: 'text', text: marker });
}

function findViewNode(root: unknown, id: string): ViewNode | undefined {
  if (Array.isArray(root)) {
    for (const item of root) {
      const found = findViewNode(item, id);
      if (found) return found;
    }
    return undefined;
  }
  if (root === null || typeof root !== 'object') return undefined;
  const node = root as Record<string, unknown>;
  if (node.id === id && (Array.isArray(node.content) || Array.isArray(node.items) || Array.isArray(node.functionLines))) return node as ViewNode;
  for (const value of Object.values(node)) {
    if (value !== null && typeof value === 'object') {
      const found = findViewNode(value, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Fails loudly if the letter already holds the placeholder characters (it never should). */
export function assertNoPlaceholderChars(view: unknown): void {
  if (JSON.stringify(view).includes(OPEN) || JSON.stringify(view).includes(CLOSE)) {
    throw new Error('page-list: the letter contains U+FDD0/U+FDD1, which the page markers use as placeholders');
  }
}

/** Writes the inline anchors into a (copied) view model as placeholders. */
export function placeInlineAnchors(view: unknown, anchors: readonly PageAnchor[]): void {
  assertNoPlaceholderChars(view);
  for (const a of anchors) {
    if (a.kind !== 'inline') continue;
    const node = findViewNode(view, a.blockId);
    if (!node) throw new Error(`page-list: page ${a.page}: no view node "${a.blockId}"`);
    const marker = `${OPEN}${a.page}${CLOSE}`;
    let run: InlineLike[] | undefined;
    if (a.path.in === 'paragraph') run = node.content;
    else if (a.path.in === 'signature') {
      const lines = [...(node.functionLines ?? []), ...(node.name ? [node.name] : [])];
      run = lines[a.path.line];
    } else {
      let items = node.items;
      let item: { content: InlineLike[]; children?: { items: unknown[] } } | undefined;
      for (const index of a.path.indices) {
        item = items?.[index];
        items = item?.children?.items as typeof items;
      }
      run = item?.content;
    }
    if (!run) throw new Error(`page-list: page ${a.page}: no text run in "${a.blockId}"`);
    insertIntoInlines(run, a.offset, marker);
  }
}

/**
 * Turns placeholders into markers and puts `before`/`start` markers in place. `documents` are the
 * rendered content documents in reading order (bodies only); `start` goes at the top of the first.
 * Returns the documents and, per page, the index of the document that holds its marker.
 */
export function placeMarkers(documents: readonly string[], anchors: readonly PageAnchor[]): { documents: string[]; pageDocument: Map<number, number> } {
  const out = documents.map((d) => d.replace(PLACEHOLDER, (_, page: string) => pageMarker(Number(page))));
  const pageDocument = new Map<number, number>();
  out.forEach((d, i) => {
    for (const m of d.matchAll(/id="page-(\d+)"/gu)) pageDocument.set(Number(m[1]), i);
  });
  for (const a of anchors) {
    if (a.kind === 'start') {
      out[0] = pageMarker(a.page) + (out[0] ?? '');
      pageDocument.set(a.page, 0);
    } else if (a.kind === 'before') {
      const has = (d: string): boolean => insertBeforeId(d, a.elementId, '') !== undefined;
      // A page of only note continuation belongs with the last notes of the book.
      const i = a.elementId === 'notes' ? out.findLastIndex(has) : out.findIndex(has);
      if (i < 0) throw new Error(`page-list: page ${a.page} starts before "${a.elementId}", which no document has`);
      out[i] = insertBeforeId(out[i] as string, a.elementId, pageMarker(a.page)) as string;
      pageDocument.set(a.page, i);
    }
  }
  for (const a of anchors) {
    if (!pageDocument.has(a.page)) throw new Error(`page-list: the marker of page ${a.page} was lost in rendering`);
  }
  return { documents: out, pageDocument };
}
