/**
 * Drawing on pdfkit with tagging: every painting operator is wrapped either in marked content with
 * an MCID (recorded in the structure slot it belongs to) or in an `/Artifact` sequence — never one
 * inside the other. Link annotations are created here too, with their `/StructParent`, a
 * descriptive `/Contents`, and an OBJR recorded in the Link element's slot on the current page.
 */
import type { FontSet, Face } from '../layout/fonts.js';
import { shapedRun } from '../layout/shaping.js';
import { visibleWidth, type LinkTarget, type Line, type Piece } from '../layout/line-break.js';
import type { PdfKitDoc, PdfOutlineItem, PdfRef } from './pdfkit-doc.js';
import type { DrawnPage, Slot } from '../layout/tags.js';
import { UniqueLabels } from '../../outline.js';
import { embedWithoutCidSet } from './cidset.js';
import { installToUnicodeWithoutNotdef } from './to-unicode.js';

export type ArtifactKind = { type: 'Pagination'; subtype?: 'Header' | 'Footer' } | { type: 'Layout' };

export interface LinkStyle {
  underlineThickness: number;
  underlineOffset: number;
}

export class TaggedPainter {
  readonly pages: DrawnPage[] = [];
  private page: DrawnPage | undefined;
  private readonly fontsReady = new Set<string>();
  /** Open marked content: nesting of tagged and artifact sequences is a bug, caught here. */
  private open: 'tagged' | 'artifact' | null = null;
  /** The tagged sequence left open for more content of the same slot on the same page. */
  private held: { slot: Slot; page: DrawnPage } | undefined;
  private readonly outlineRoot: OutlineNode;
  private readonly outlineStack: OutlineNode[];
  private readonly bookmarkTitles = new UniqueLabels();
  private readonly uriActions = new WeakMap<LinkTarget, PdfRef>();
  private currentFace: Face | undefined;

  constructor(
    private readonly doc: PdfKitDoc,
    private readonly fonts: FontSet,
    private readonly size: [number, number],
    private readonly linkStyle: LinkStyle,
  ) {
    this.outlineRoot = { level: 0, item: doc.outline, children: [] };
    this.outlineStack = [this.outlineRoot];
  }

  newPage(): DrawnPage {
    this.release();
    this.doc.addPage({ size: this.size, margin: 0 });
    const page: DrawnPage = { index: this.pages.length, ref: this.doc.page.dictionary, owners: [] };
    this.pages.push(page);
    this.page = page;
    return page;
  }

  private current(): DrawnPage {
    if (!this.page) throw new Error('PDF painter: no page');
    return this.page;
  }

  /**
   * Content of one structure slot: `/Type <</MCID n>> BDC … EMC`. The sequence stays open after
   * drawing: when the next content belongs to the same slot on the same page (the next line of a
   * paragraph), it joins it, so a paragraph has one marked-content sequence per page rather than
   * one per line (a smaller file and a smaller structure tree, the same tagged text).
   */
  tagged(slot: Slot, draw: () => void): void {
    if (this.open) throw new Error(`PDF painter: tagged content inside ${this.open} content`);
    const page = this.current();
    if (this.held?.slot !== slot || this.held.page !== page) {
      this.release();
      page.structParents ??= this.doc.page.structParentTreeKey;
      const mcid = page.owners.length;
      page.owners.push(slot);
      this.doc.addContent(`/${slot.owner.type} <</MCID ${mcid}>> BDC`);
      slot.marks.push({ kind: 'mc', page, mcid });
      this.held = { slot, page };
    }
    this.open = 'tagged';
    draw();
    this.open = null;
  }

  /** Closes the tagged sequence kept open for the next line, if any. */
  release(): void {
    if (!this.held) return;
    this.doc.addContent('EMC');
    this.held = undefined;
  }

  artifact(kind: ArtifactKind, draw: () => void): void {
    if (this.open) throw new Error(`PDF painter: artifact inside ${this.open} content`);
    this.release();
    this.open = 'artifact';
    const sub = 'subtype' in kind && kind.subtype ? ` /Subtype /${kind.subtype}` : '';
    this.doc.addContent(`/Artifact <</Type /${kind.type}${sub}>> BDC`);
    draw();
    this.doc.addContent('EMC');
    this.open = null;
  }

  private useFace(face: Face): void {
    // pdfkit keeps the current font between text calls: switching only on change saves a lookup per piece.
    if (this.currentFace === face) return;
    this.currentFace = face;
    // Registered on first use: a document embeds only the faces it draws with.
    if (!this.fontsReady.has(face.name)) this.doc.registerFont(face.name, face.font);
    this.doc.font(face.name);
    if (!this.fontsReady.has(face.name)) {
      installToUnicodeWithoutNotdef(this.doc._font);
      embedWithoutCidSet(this.doc._font);
      // Our measuring shaped every word already: pdfkit reuses those runs, and anything it still
      // has to shape goes through the same shaping (same features, same code point repairs).
      this.doc._font.layoutCache = face.runs;
      this.doc._font.layoutRun = (text: string) => shapedRun(face, text);
      this.fontsReady.add(face.name);
    }
  }

  /** One piece at its place; must be called inside `tagged` or `artifact`. */
  piece(piece: Piece, x: number, baseline: number): void {
    if (!this.open) throw new Error('PDF painter: text outside marked content');
    this.useFace(piece.face);
    this.doc.fontSize(piece.style.size).fillColor(piece.style.color);
    if (piece.invisible) this.doc.addContent('q 3 Tr');
    this.doc.text(piece.text, x + piece.x, baseline - piece.style.rise, { lineBreak: false, baseline: 'alphabetic' });
    if (piece.invisible) this.doc.addContent('Q');
    if (piece.style.underline) {
      const w = visibleWidth(piece, this.fonts);
      const y = baseline + this.linkStyle.underlineOffset;
      this.doc
        .lineWidth(this.linkStyle.underlineThickness)
        .strokeColor(piece.style.color)
        .moveTo(x + piece.x, y)
        .lineTo(x + piece.x + w, y)
        .stroke();
    }
  }

  /** A broken line of tagged text: one marked-content sequence per slot run, then its links. */
  line(line: Line, x: number, baseline: number): void {
    let run: Piece[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const pieces = run;
      this.tagged(pieces[0]!.slot, () => pieces.forEach((p) => this.piece(p, x, baseline)));
      this.links(pieces, x, baseline);
      run = [];
    };
    for (const piece of line.pieces) {
      if (run.length > 0 && run[0]!.slot !== piece.slot) flush();
      run.push(piece);
    }
    flush();
  }

  /** A line drawn as an artifact (running block, page number, word mark). */
  artifactLine(line: Line, x: number, baseline: number, kind: ArtifactKind): void {
    if (line.pieces.length === 0) return;
    this.artifact(kind, () => line.pieces.forEach((p) => this.piece(p, x, baseline)));
  }

  private links(pieces: readonly Piece[], x: number, baseline: number): void {
    let group: Piece[] = [];
    const flush = (): void => {
      const first = group[0];
      if (!first?.link) {
        group = [];
        return;
      }
      const last = group[group.length - 1]!;
      const lastWidth = visibleWidth(last, this.fonts);
      const left = x + first.x;
      const right = x + last.x + lastWidth;
      const size = Math.max(...group.map((p) => p.style.size));
      const face = first.face;
      const top = baseline - first.style.rise - (face.ascent * size) / 1000;
      const height = ((face.ascent - face.descent) * size) / 1000;
      if (right > left) this.annotate(first.slot, first.link, left, top, right - left, height);
      group = [];
    };
    for (const p of pieces) {
      if (group.length > 0 && group[0]!.link !== p.link) flush();
      group.push(p);
    }
    flush();
  }

  private annotate(slot: Slot, target: LinkTarget, x: number, y: number, w: number, h: number): void {
    const page = this.current();
    const structParent = this.doc.createStructParentTreeNextKey();
    const options = { Contents: new String(target.contents), StructParent: structParent };
    if (target.kind === 'uri') {
      // One action for all the annotations of a link (one per line it wraps onto): a long address is
      // written once, not once per line.
      let action = this.uriActions.get(target);
      if (!action) {
        action = this.doc.ref({ S: 'URI', URI: new String(target.href) });
        action.end();
        this.uriActions.set(target, action);
      }
      this.doc.annotate(x, y, w, h, { ...options, Subtype: 'Link', A: action });
    } else {
      this.doc.goTo(x, y, w, h, target.dest, options);
    }
    const annot = this.doc.page.annotations[this.doc.page.annotations.length - 1];
    if (!annot) throw new Error('PDF painter: pdfkit did not add the link annotation');
    slot.marks.push({ kind: 'objr', page, annot, structParent });
  }

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    if (!this.open) throw new Error('PDF painter: painting outside marked content');
    this.doc.rect(x, y, w, h).fill(color);
  }

  hLine(x1: number, x2: number, y: number, thickness: number, color: string): void {
    if (!this.open) throw new Error('PDF painter: painting outside marked content');
    this.doc.lineWidth(thickness).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke();
  }

  vLine(x: number, y1: number, y2: number, thickness: number, color: string): void {
    if (!this.open) throw new Error('PDF painter: painting outside marked content');
    this.doc.lineWidth(thickness).strokeColor(color).moveTo(x, y1).lineTo(x, y2).stroke();
  }

  strokeRect(x: number, y: number, w: number, h: number, thickness: number, color: string): void {
    if (!this.open) throw new Error('PDF painter: painting outside marked content');
    this.doc.lineWidth(thickness).strokeColor(color).rect(x, y, w, h).stroke();
  }

  /** A picture (PNG or JPEG) in the box given in top-down page coordinates. */
  image(bytes: Uint8Array, x: number, y: number, w: number, h: number): void {
    if (!this.open) throw new Error('PDF painter: painting outside marked content');
    this.doc.image(Buffer.from(bytes), x, y, { width: w, height: h });
  }

  /** A box given top-down (as the layout works) in PDF user space: `[left, bottom, right, top]`. */
  userSpaceBox(x: number, y: number, w: number, h: number): [number, number, number, number] {
    const height = this.size[1];
    return [x, height - (y + h), x + w, height - y].map((v) => Math.round(v * 100) / 100) as [number, number, number, number];
  }

  namedDestination(name: string, x: number, top: number): void {
    this.doc.addNamedDestination(name, 'XYZ', x, top, null);
  }

  /** A bookmark on the current page, nested under the nearest bookmark of a lower level; no two read the same. */
  bookmark(text: string, level: number, top: number): void {
    const title = this.bookmarkTitles.next(text);
    while (this.outlineStack.length > 1 && this.outlineStack[this.outlineStack.length - 1]!.level >= level) this.outlineStack.pop();
    const parent = this.outlineStack[this.outlineStack.length - 1]!;
    // pdfkit computes XYZ left as `page width - options.left`: passing the width gives left 0.
    const item = parent.item.addItem(title, { top, left: this.size[0], zoom: 0, fit: false, pageNumber: null, expanded: false });
    const node: OutlineNode = { level, item, children: [] };
    parent.children.push(node);
    this.outlineStack.push(node);
  }

  /**
   * Opens every bookmark: `/Count` is the number of visible descendants at all levels (pdfkit
   * would write only the number of children, and none on the outline root).
   */
  finishOutline(): void {
    const open = (node: OutlineNode): number => {
      let visible = 0;
      for (const child of node.children) visible += 1 + open(child);
      if (visible > 0) node.item.outlineData.Count = visible;
      return visible;
    };
    open(this.outlineRoot);
  }
}

interface OutlineNode {
  level: number;
  item: PdfOutlineItem;
  children: OutlineNode[];
}
