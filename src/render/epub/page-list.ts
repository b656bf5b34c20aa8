/**
 * Print page numbers in the EPUB: one page-break marker per PDF page, where that page begins.
 *
 * The PDF layout reports each page start as a `PageStart` (model/page-starts.ts). Here each becomes
 * a place in the shared tree, found with the model's own offset functions:
 *  - the top of the letter: the first thing of the first document;
 *  - `before` an element (offset 0, a heading, an image, a question/answer label, the annex): the
 *    marker goes right before it, never inside a heading;
 *  - at a character of a run of text (a paragraph, a list item, a signature line): put in while
 *    the tree is built (`decorateRun`), never inside a link or a note call;
 *  - a page of nothing but note continuation: before the last notes section.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Letter } from '../../model/ast.js';
import { positionIn, type PageStart, type RunPath } from '../../model/page-starts.js';
import { nodesById } from '../../model/visit.js';
import { insertAtOffset } from '../web/tree-ops.js';

export type Placement =
  | { page: number; kind: 'top' }
  | { page: number; kind: 'notes' }
  | { page: number; kind: 'before'; id: string }
  | { page: number; kind: 'text'; id: string; run: RunPath; offset: number };

export function pageMarkerId(page: number): string {
  return `page-${page}`;
}

export function pageMarker(page: number): Element {
  return h('span', { 'epub:type': 'pagebreak', role: 'doc-pagebreak', id: pageMarkerId(page), ariaLabel: String(page) });
}

/** Where each PDF page begins in the EPUB. Throws on a page start the letter cannot have. */
export function placePageStarts(letter: Letter, pageStarts: readonly PageStart[]): Placement[] {
  const nodes = nodesById(letter);
  const seen = new Set<number>();
  return pageStarts.map((ps): Placement => {
    if (seen.has(ps.page)) throw new Error(`page-list: page ${ps.page} starts twice`);
    seen.add(ps.page);
    const { at } = ps;
    if (at.kind === 'letter') return { page: ps.page, kind: 'top' };
    if (at.kind === 'notes') return { page: ps.page, kind: 'notes' };
    const node = nodes.get(at.id);
    if (!node) throw new Error(`page-list: page ${ps.page} starts in "${at.id}", which ${letter.source.stem} does not have`);
    // The annex title is published as a heading: a page never starts inside it, only before.
    const position = node.id === letter.annex?.title?.id ? { kind: 'before' as const, id: node.id } : positionIn(node, at.offset);
    return position.kind === 'before'
      ? { page: ps.page, kind: 'before', id: position.id }
      : { page: ps.page, kind: 'text', id: position.id, run: position.run, offset: position.offset };
  });
}

function sameRun(a: RunPath, b: RunPath): boolean {
  if (a.in !== b.in) return false;
  if (a.in === 'item' && b.in === 'item') return a.indices.join('.') === b.indices.join('.');
  if (a.in === 'line' && b.in === 'line') return a.line === b.line;
  if (a.in === 'cell' && b.in === 'cell') return a.row === b.row && a.cell === b.cell && a.paragraph === b.paragraph;
  return true;
}

/**
 * The `decorateRun` hook for the tree builder: markers of pages that start inside a run of text.
 * Later pages go in first, so each offset still counts the run's own text.
 */
export function runMarkers(placements: readonly Placement[]): (id: string, run: RunPath, children: ElementContent[]) => ElementContent[] {
  const byId = new Map<string, Array<Extract<Placement, { kind: 'text' }>>>();
  for (const p of placements) if (p.kind === 'text') byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  return (id, run, children) => {
    const here = (byId.get(id) ?? []).filter((p) => sameRun(p.run, run)).sort((a, b) => b.offset - a.offset || b.page - a.page);
    let out = children;
    for (const p of here) out = insertAtOffset(out, p.offset, pageMarker(p.page));
    return out;
  };
}
