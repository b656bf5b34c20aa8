/**
 * The content documents: the letter and, when there is one, the Q&A annex, each its own XHTML
 * file, made from the shared tree (`web/tree.ts`) with the PDF's page markers in place.
 *
 * EPUB-only decisions live here, as transforms of the tree before it is serialised:
 *  - the annex is its own document (a reading system lists it as the appendix);
 *  - each note goes to the document of its first call (uncalled notes to the last document);
 *  - links between the two documents get the other file's name.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Image, Letter } from '../../model/ast.js';
import { inlineText } from '../../model/text.js';
import { walkLetter } from '../../model/visit.js';
import type { EpubRenderInput } from '../types.js';
import { buildLetterTree } from '../web/tree.js';
import { elementsWhere, IdIndex, idsIn } from '../web/tree-ops.js';
import type { EpubResource } from './epub-gen-workarounds.js';
import { pageMarker, runMarkers, type Placement } from './page-list.js';

export type DocumentId = 'letter' | 'annex';

export interface ChapterDocument {
  /** Manifest id. */
  id: DocumentId;
  filename: string;
  title: string;
  /** The body's content, as a tree (serialised by the caller). */
  tree: Root;
  bodyClass: string;
  /** Manifest `properties` (`svg` when the document holds inline SVG). */
  properties?: string;
}

/** Where an image's picture lives in the book (listed in the manifest by `imageResources`). */
export function imageHref(img: Image & { data: NonNullable<Image['data']> }): string {
  return `images/${img.id}.${img.data.mediaType === 'image/png' ? 'png' : 'jpg'}`;
}

/** Every picture of the letter as a file of the book. */
export function imageResources(letter: Letter): EpubResource[] {
  const out: EpubResource[] = [];
  walkLetter(letter, {
    node: (n) => {
      if (n.type === 'image' && n.data) out.push({ id: `image-${n.id}`, href: imageHref({ ...n, data: n.data }), mediaType: n.data.mediaType, data: n.data.bytes });
    },
  }, { notes: false, letterhead: false });
  return out;
}

/** Which document each note belongs in: that of its first call; uncalled notes go last. */
export function noteDocuments(letter: Letter): Map<string, DocumentId> {
  const placement = new Map<string, DocumentId>();
  let current: DocumentId = 'letter';
  walkLetter(letter, {
    node: (n) => { if (n.type === 'annex') current = 'annex'; },
    inline: (i) => { if (i.type === 'noteRef' && !placement.has(i.noteId)) placement.set(i.noteId, current); },
  }, { notes: false });
  for (const note of letter.notes) if (!placement.has(note.id)) placement.set(note.id, letter.annex ? 'annex' : 'letter');
  return placement;
}

/**
 * Same-document links (`#id`) whose target lives in the other document get its file name; a link
 * to an id no document has is a bug and fails the build.
 */
export function linkDocuments(docs: ReadonlyArray<{ filename: string; tree: Root }>): void {
  const ids = docs.map((d) => new Set(idsIn(d.tree)));
  docs.forEach((doc, i) => {
    for (const a of elementsWhere(doc.tree, (e) => e.tagName === 'a' && typeof e.properties.href === 'string' && e.properties.href.startsWith('#'))) {
      const target = String(a.properties.href).slice(1);
      if (ids[i]!.has(target)) continue;
      const other = ids.findIndex((set) => set.has(target));
      if (other < 0) throw new Error(`epub: ${doc.filename} links to #${target}, which no document has`);
      a.properties.href = `${docs[other]!.filename}#${target}`;
    }
  });
}

/** Puts the markers that go before an element, at the top, or before the last notes. */
function placeElementMarkers(docs: ReadonlyArray<{ tree: Root }>, placements: readonly Placement[]): void {
  const indexes = docs.map((d) => new IdIndex(d.tree));
  for (const p of placements) {
    if (p.kind === 'top') {
      docs[0]!.tree.children.unshift(pageMarker(p.page));
    } else if (p.kind === 'before' || p.kind === 'notes') {
      const id = p.kind === 'before' ? p.id : 'notes';
      const order = p.kind === 'notes' ? [...indexes].reverse() : indexes;
      if (!order.some((index) => index.insertBefore(id, pageMarker(p.page)))) {
        throw new Error(`epub: page ${p.page} starts before "${id}", which no document has`);
      }
    }
  }
}

/** Which document holds each page's marker. */
export function markerDocuments(docs: readonly ChapterDocument[]): Map<number, number> {
  const out = new Map<number, number>();
  docs.forEach((d, i) => {
    for (const id of idsIn(d.tree)) {
      const m = /^page-(\d+)$/u.exec(id);
      if (m) out.set(Number(m[1]), i);
    }
  });
  return out;
}

export function buildChapters(input: EpubRenderInput, placements: readonly Placement[]): ChapterDocument[] {
  const { letter, meta, theme } = input;
  const files = theme.data.epub.files;
  const tree = buildLetterTree(input, { epub: true, decorateRun: runMarkers(placements), imageSrc: (img) => imageHref(img) });
  const placement = noteDocuments(letter);
  const notesFor = (doc: DocumentId): ElementContent[] => {
    const notes = tree.notes((id) => placement.get(id) === doc);
    return notes ? [notes] : [];
  };
  const root = (children: Element[]): Root => ({ type: 'root', children });
  const docs: ChapterDocument[] = [{
    id: 'letter',
    filename: files.letter,
    title: meta.title,
    tree: root([tree.masthead, h('main', { className: ['letter'] }, [tree.letterhead, tree.reference, tree.body, ...notesFor('letter')])]),
    bodyClass: 'letter-document',
    // The masthead's emblem is inline SVG.
    properties: 'svg',
  }];
  if (tree.annex && letter.annex) {
    const title = letter.annex.title ? inlineText(letter.annex.title.content).replace(/\s+/gu, ' ').trim() : theme.t('questionsAndAnswers');
    docs.push({
      id: 'annex',
      filename: files.annex,
      title,
      tree: root([h('main', { className: ['annex-document'] }, [tree.annex, ...notesFor('annex')])]),
      bodyClass: 'annex-document',
    });
  }
  placeElementMarkers(docs, placements);
  linkDocuments(docs);
  return docs;
}
