/**
 * The logical structure (tags) of the PDF, built as a plain tree while laying out and written
 * as PDF objects after drawing.
 *
 * Why not pdfkit's `struct()` elements: they order children by the time content is added, write
 * an OBJR with whatever page is current when the element is flushed, have no `/ID`, and flatten
 * nested lists. Here every element's children are fixed at layout time, in reading order, and
 * text reaches an element through a `Slot`: drawing appends marked-content ids (and link
 * annotations) to the slot, wherever and whenever the text lands. A footnote drawn at the foot of
 * a page can therefore sit in the tree right after the paragraph that calls it.
 */
import type { PdfKitDoc, PdfRef } from './pdfkit-doc.js';

/** Standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that the letter uses. */
export type StructType =
  | 'Document'
  | 'Div'
  | 'Sect'
  | 'P'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Note'
  | 'Reference'
  | 'Link'
  | 'Figure'
  | 'Span';

export interface StructAttrs {
  /** `/ID`: required on Note elements (PDF/UA 7.9), listed in the IDTree. */
  id?: string;
  /** `/Alt`: required on Figure. */
  alt?: string;
  /** `/T`: a title for grouping elements (the reference column, the letterhead). */
  title?: string;
  /** List numbering attribute (`/A << /O /List /ListNumbering … >>`). */
  listNumbering?: 'None' | 'Disc' | 'Decimal' | 'LowerAlpha' | 'UpperAlpha' | 'LowerRoman';
}

/** Where a piece of marked content or an annotation landed. */
export type Mark =
  | { kind: 'mc'; page: DrawnPage; mcid: number }
  | { kind: 'objr'; page: DrawnPage; annot: PdfRef; structParent: number };

/** A page as the structure writer needs it: its dictionary and its parent-tree key. */
export interface DrawnPage {
  index: number;
  ref: PdfRef;
  /** `/StructParents` of the page, allocated on first tagged content. */
  structParents?: number;
  /** Owner of each MCID on the page, by MCID. */
  owners: Slot[];
}

/** A place in an element's children where drawn content goes, in drawing order. */
export class Slot {
  readonly marks: Mark[] = [];
  constructor(readonly owner: StructNode) {}
}

export class StructNode {
  readonly children: Array<StructNode | Slot> = [];
  constructor(
    readonly type: StructType,
    readonly attrs: StructAttrs = {},
  ) {}

  /** Appends and returns a child element. */
  add(type: StructType, attrs: StructAttrs = {}): StructNode {
    const node = new StructNode(type, attrs);
    this.children.push(node);
    return node;
  }

  /** Appends and returns a slot for drawn content. */
  slot(): Slot {
    const slot = new Slot(this);
    this.children.push(slot);
    return slot;
  }

  /** True when no content was drawn anywhere below this element. */
  isEmpty(): boolean {
    return this.children.every((c) => (c instanceof Slot ? c.marks.length === 0 : c.isEmpty()));
  }

  /** Every element below (and including) this one, depth first, in reading order. */
  *walk(): Generator<StructNode> {
    yield this;
    for (const c of this.children) if (c instanceof StructNode) yield* c.walk();
  }
}

/**
 * Writes the tree under the catalog's StructTreeRoot: one object per non-empty element, `/K` in
 * reading order (MCIDs, MCRs for content on another page than the element's `/Pg`, OBJRs for
 * annotations), the ParentTree entries of every MCID and annotation, and an IDTree for `/ID`s.
 * Elements without any drawn content are left out (an empty tag is noise to a screen reader).
 */
export function writeStructTree(doc: PdfKitDoc, root: StructNode): void {
  const treeRoot = doc.getStructTreeRoot();
  const parentTree = doc.getStructParentTree();
  const refs = new Map<StructNode, PdfRef>();
  const ids: Array<[string, PdfRef]> = [];

  const build = (node: StructNode, parent: PdfRef): PdfRef => {
    const ref = doc.ref({ Type: 'StructElem', S: node.type, P: parent });
    refs.set(node, ref);
    const data = ref.data;
    if (node.attrs.id !== undefined) {
      data.ID = new String(node.attrs.id);
      ids.push([node.attrs.id, ref]);
    }
    if (node.attrs.title !== undefined) data.T = new String(node.attrs.title);
    if (node.attrs.alt !== undefined) data.Alt = new String(node.attrs.alt);
    if (node.attrs.listNumbering !== undefined) data.A = { O: 'List', ListNumbering: node.attrs.listNumbering };

    const firstMark = firstOwnMark(node);
    const pg = firstMark?.page;
    if (pg) data.Pg = pg.ref;
    const kids: unknown[] = [];
    for (const child of node.children) {
      if (child instanceof StructNode) {
        if (!child.isEmpty()) kids.push(build(child, ref));
        continue;
      }
      for (const mark of child.marks) {
        if (mark.kind === 'mc') {
          kids.push(mark.page === pg ? mark.mcid : { Type: 'MCR', Pg: mark.page.ref, MCID: mark.mcid });
        } else {
          kids.push({ Type: 'OBJR', Pg: mark.page.ref, Obj: mark.annot });
          parentTree.add(mark.structParent, ref);
        }
      }
    }
    data.K = kids;
    return ref;
  };

  if (root.isEmpty()) throw new Error('PDF: the document has no tagged content');
  const top = build(root, treeRoot);
  treeRoot.data.K = [top];

  // ParentTree: per page, the element owning each MCID (pdfkit writes the tree at doc.end()).
  const pages = new Set<DrawnPage>();
  for (const node of root.walk()) {
    for (const c of node.children) if (!(c instanceof StructNode)) for (const m of c.marks) if (m.kind === 'mc') pages.add(m.page);
  }
  for (const page of [...pages].sort((a, b) => a.index - b.index)) {
    if (page.structParents === undefined) throw new Error(`PDF: page ${page.index + 1} has tagged content but no StructParents`);
    const owners = page.owners.map((slot) => {
      const ref = refs.get(slot.owner);
      if (!ref) throw new Error(`PDF: marked content on page ${page.index + 1} belongs to an element that was not written`);
      return ref;
    });
    parentTree.add(page.structParents, owners);
  }

  if (ids.length > 0) {
    const seen = new Set<string>();
    for (const [id] of ids) {
      if (seen.has(id)) throw new Error(`PDF: structure element ID "${id}" is not unique`);
      seen.add(id);
    }
    ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    treeRoot.data.IDTree = { Names: ids.flatMap(([id, ref]) => [new String(id), ref]) };
  }

  for (const ref of refs.values()) ref.end();
}

function firstOwnMark(node: StructNode): Mark | undefined {
  for (const c of node.children) if (!(c instanceof StructNode) && c.marks.length > 0) return c.marks[0];
  return undefined;
}
