/**
 * Navigation data for the nav document and the NCX: a table of contents with every heading of
 * every document (so every question and answer), taken from the documents' trees; landmarks; and
 * the page list (one entry per PDF page, in page order, each pointing at its marker). The EJS
 * templates only print this.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visitParents } from 'unist-util-visit-parents';
import { uniqueLabels } from '../outline.js';
import { navLabelOf, NOTES_ID } from '../web/tree.js';
import { idOf, idsIn } from '../web/tree-ops.js';
import type { ChapterDocument } from './chapters.js';
import { pageMarkerId, type Placement } from './page-list.js';

export interface TocEntry {
  label: string;
  href: string;
  children: TocEntry[];
  /** NCX navPoint id and play order (document order, shared by entries with the same target). */
  ncxId: string;
  playOrder: number;
}

export interface PageListEntry {
  label: string;
  /** The page number as the NCX `value` attribute wants it. */
  value: number;
  href: string;
  ncxId: string;
  playOrder: number;
}

export interface Landmark {
  type: string;
  href: string;
  label: string;
}

export interface Navigation {
  tocTitle: string;
  toc: TocEntry[];
  landmarksTitle: string;
  landmarks: Landmark[];
  pageListTitle: string;
  pageList: PageListEntry[];
}

export interface NcxData {
  depth: number;
  totalPageCount: number;
  maxPageNumber: number;
}

export interface NavigationStrings {
  tocTitle: string;
  landmarksTitle: string;
  pageListTitle: string;
  letterLandmark: string;
  annexLandmark: string;
  notesLandmark: string;
  pageLabel: (page: number) => string;
}

/** Position of a link target in reading order: document index, then the target id's index in it (-1: the document's top). */
function positionOf(chapters: readonly ChapterDocument[], idOrder: ReadonlyArray<ReadonlyMap<string, number>>, href: string): [number, number] {
  const [file, id] = href.split('#');
  const doc = chapters.findIndex((c) => c.filename === file);
  if (doc < 0) return [Number.MAX_SAFE_INTEGER, 0];
  return [doc, id === undefined ? -1 : (idOrder[doc]?.get(id) ?? -1)];
}

/** Heading text as a table of contents shows it: note calls left out, whitespace collapsed. */
function headingLabel(heading: Element): string {
  const label = navLabelOf(heading);
  if (label !== undefined) return label;
  const text = (node: ElementContent): string => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element' || node.properties.role === 'doc-noteref') return '';
    return node.children.map(text).join('');
  };
  return heading.children.map(text).join('').replace(/\s+/gu, ' ').trim();
}

/** The headings of a document, in order, each with the id a link can point at. */
function headingsOf(tree: Root): Array<{ level: number; label: string; targetId?: string }> {
  const out: Array<{ level: number; label: string; targetId?: string }> = [];
  visitParents(tree, 'element', (node, ancestors) => {
    const m = /^h([1-6])$/u.exec(node.tagName);
    if (!m) return undefined;
    const targetId = idOf(node) ?? [...ancestors].reverse().map(idOf).find((id) => id !== undefined);
    out.push({ level: Number(m[1]), label: headingLabel(node), ...(targetId !== undefined ? { targetId } : {}) });
    return 'skip';
  });
  return out;
}

export function buildNavigation(
  chapters: readonly ChapterDocument[],
  placements: readonly Placement[],
  markerDocument: ReadonlyMap<number, number>,
  navFile: string,
  strings: NavigationStrings,
): { nav: Navigation; ncx: NcxData } {
  // Table of contents: the headings of each document, nested by level.
  const toc: TocEntry[] = [];
  const stack: Array<{ level: number; entry: TocEntry }> = [];
  let depth = 0;
  for (const chapter of chapters) {
    for (const h of headingsOf(chapter.tree)) {
      const entry: TocEntry = { label: h.label, href: h.targetId ? `${chapter.filename}#${h.targetId}` : chapter.filename, children: [], ncxId: '', playOrder: 0 };
      while (stack.length && (stack.at(-1)?.level ?? 0) >= h.level) stack.pop();
      (stack.at(-1)?.entry.children ?? toc).push(entry);
      stack.push({ level: h.level, entry });
      depth = Math.max(depth, stack.length);
    }
  }

  // A reader picks an entry by its text: no two may read the same.
  const entries: TocEntry[] = [];
  const collect = (list: TocEntry[]): void => list.forEach((e) => { entries.push(e); collect(e.children); });
  collect(toc);
  uniqueLabels(entries.map((e) => e.label)).forEach((label, i) => { entries[i]!.label = label; });

  const pageList: PageListEntry[] = [...placements]
    .sort((a, b) => a.page - b.page)
    .map((p) => {
      const doc = chapters[markerDocument.get(p.page) ?? -1];
      if (!doc) throw new Error(`epub: no document holds the marker of page ${p.page}`);
      return { label: strings.pageLabel(p.page), value: p.page, href: `${doc.filename}#${pageMarkerId(p.page)}`, ncxId: `page-target-${p.page}`, playOrder: 0 };
    });

  // NCX play order: one number per distinct target, in reading order.
  const idLists = chapters.map((c) => idsIn(c.tree));
  const idOrder = idLists.map((ids) => new Map(ids.map((id, i) => [id, i])));
  const flat: Array<TocEntry | PageListEntry> = [];
  const walk = (entries: TocEntry[]): void => entries.forEach((e) => { flat.push(e); walk(e.children); });
  walk(toc);
  flat.push(...pageList);
  const targets = [...new Set(flat.map((e) => e.href))].sort((a, b) => {
    const [da, ia] = positionOf(chapters, idOrder, a);
    const [db, ib] = positionOf(chapters, idOrder, b);
    return da - db || ia - ib;
  });
  const order = new Map(targets.map((href, i) => [href, i + 1]));
  let n = 0;
  const number = (entries: TocEntry[]): void => entries.forEach((e) => { e.ncxId = `nav-point-${++n}`; e.playOrder = order.get(e.href) ?? 0; number(e.children); });
  number(toc);
  for (const p of pageList) p.playOrder = order.get(p.href) ?? 0;

  const landmarks: Landmark[] = [{ type: 'toc', href: `${navFile}#toc`, label: strings.tocTitle }];
  for (const chapter of chapters) {
    landmarks.push(chapter.id === 'letter'
      ? { type: 'bodymatter', href: chapter.filename, label: strings.letterLandmark }
      : { type: 'appendix', href: chapter.filename, label: strings.annexLandmark });
  }
  for (const chapter of chapters) {
    if (idOrder[chapters.indexOf(chapter)]!.has(NOTES_ID)) landmarks.push({ type: 'endnotes', href: `${chapter.filename}#${NOTES_ID}`, label: strings.notesLandmark });
  }

  return {
    nav: { tocTitle: strings.tocTitle, toc, landmarksTitle: strings.landmarksTitle, landmarks, pageListTitle: strings.pageListTitle, pageList },
    ncx: { depth: Math.max(1, depth), totalPageCount: pageList.length, maxPageNumber: Math.max(0, ...pageList.map((p) => p.value)) },
  };
}
