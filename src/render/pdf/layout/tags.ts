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
import type { PdfRef } from '../write/pdfkit-doc.js';

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
  | 'Caption'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
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
  /** Table attributes of a cell (`/A << /O /Table /Scope … /RowSpan … /ColSpan … >>`). */
  table?: { scope?: 'Column' | 'Row'; rowSpan?: number; colSpan?: number };
  /**
   * Layout bounding box of a Figure in PDF user space (`/A << /O /Layout /BBox […] >>`), set
   * when it is drawn.
   */
  bbox?: [number, number, number, number];
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
