/**
 * The content documents: the letter and, when there is one, the Q&A annex, each its own XHTML
 * file, rendered from the same Handlebars partials as the HTML page (`markup.ts`, XHTML mode with
 * `epub:type`s), with the PDF's page-break markers in place.
 *
 * EPUB-specific decisions live here, not in the partials:
 *  - the annex stands alone, so its headings move up one level (its title becomes the document's h1);
 *  - each note goes to the document of its first call (uncalled notes to the last document), and
 *    links between the two documents get the other file's name;
 *  - `aria-labelledby` keeps only ids that exist in the document.
 */
import type { Letter } from '../../model/ast.js';
import { createMarkup, letterView, type LetterView } from '../markup.js';
import type { EpubRenderInput } from '../types.js';
import type { EpubSettings } from './package-metadata.js';
import { placeInlineAnchors, placeMarkers, type PageAnchor } from './page-list.js';
import { idsOf, rewriteAttributes, shiftHeadings, textContent } from './xhtml.js';

export interface ChapterDocument {
  /** Manifest id. */
  id: 'letter' | 'annex';
  filename: string;
  title: string;
  body: string;
  bodyClass: string;
  /** Manifest `properties` (`svg` when the document holds inline SVG). */
  properties?: string;
}

/** Note ids in order of their calls, anywhere inside `node` (an AST subtree). */
function calledNoteIds(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) calledNoteIds(n, out);
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'noteRef' && typeof record.noteId === 'string') out.push(record.noteId);
    else for (const value of Object.values(record)) calledNoteIds(value, out);
  }
  return out;
}

/** Which document each note belongs in: that of its first call; uncalled notes go last. */
export function noteDocuments(letter: Letter): Map<string, 'letter' | 'annex'> {
  const { annex, notes: _notes, ...rest } = letter;
  const placement = new Map<string, 'letter' | 'annex'>();
  for (const id of calledNoteIds(rest)) if (!placement.has(id)) placement.set(id, 'letter');
  if (annex) for (const id of calledNoteIds(annex)) if (!placement.has(id)) placement.set(id, 'annex');
  for (const note of letter.notes) if (!placement.has(note.id)) placement.set(note.id, annex ? 'annex' : 'letter');
  return placement;
}

function notesView(view: LetterView, keep: (id: string) => boolean): LetterView {
  const footnotes = view.footnotes.filter((n) => keep(n.id));
  const sources = view.sources.filter((n) => keep(n.id));
  return { ...view, footnotes, sources, hasNotes: footnotes.length + sources.length > 0 };
}

/**
 * Same-document links (`#id`) whose target lives in the other document get its file name; a
 * link to an id no document has is a bug and fails the build. `aria-labelledby`/`describedby`
 * keep only ids of their own document.
 */
export function linkDocuments(docs: ReadonlyArray<{ filename: string; body: string }>): string[] {
  const ids = docs.map((d) => new Set(idsOf(d.body)));
  return docs.map((doc, i) =>
    rewriteAttributes(doc.body, (name, value) => {
      if (name === 'href' && value.startsWith('#')) {
        const target = value.slice(1);
        if (ids[i]?.has(target)) return value;
        const other = ids.findIndex((set) => set.has(target));
        if (other < 0) throw new Error(`epub: ${doc.filename} links to #${target}, which no document has`);
        return `${docs[other]?.filename ?? ''}#${target}`;
      }
      if (name === 'aria-labelledby' || name === 'aria-describedby') {
        const kept = value.split(/\s+/u).filter((id) => id && ids[i]?.has(id));
        return kept.length ? kept.join(' ') : undefined;
      }
      return value;
    }),
  );
}

export function buildChapters(input: EpubRenderInput, settings: EpubSettings, anchors: readonly PageAnchor[]): { chapters: ChapterDocument[]; pageDocument: Map<number, number> } {
  const markup = createMarkup(input.theme, { xhtml: true, epub: true });
  const view = letterView(input);
  placeInlineAnchors(view, anchors);
  const placement = noteDocuments(input.letter);
  const notesFor = (doc: 'letter' | 'annex'): string => markup.partial('notes', notesView(view, (id) => placement.get(id) === doc));

  const letterBody = [
    markup.partial('masthead', view),
    '<main class="letter">',
    markup.partial('letterhead', view),
    markup.partial('reference', view),
    markup.partial('body', view),
    notesFor('letter'),
    '</main>',
  ].join('\n');
  const bodies = [{ filename: settings.files.letter, body: letterBody }];
  if (view.annex) {
    const annexBody = ['<main class="annex-document">', shiftHeadings(markup.partial('annex', view.annex), -1), notesFor('annex'), '</main>'].join('\n');
    bodies.push({ filename: settings.files.annex, body: annexBody });
  }

  const placed = placeMarkers(bodies.map((b) => b.body), anchors);
  const linked = linkDocuments(bodies.map((b, i) => ({ filename: b.filename, body: placed.documents[i] ?? '' })));

  const chapters: ChapterDocument[] = linked.map((body, i) => {
    const isLetter = i === 0;
    const title = isLetter ? view.title : textContent(markup.partial('inline', view.annex?.title ?? [])).replace(/\s+/gu, ' ').trim();
    return {
      id: isLetter ? 'letter' : 'annex',
      filename: bodies[i]?.filename ?? '',
      title,
      body,
      bodyClass: isLetter ? 'letter-document' : 'annex-document',
      ...(body.includes('<svg') ? { properties: 'svg' } : {}),
    };
  });
  return { chapters, pageDocument: placed.pageDocument };
}
