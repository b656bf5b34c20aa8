/**
 * The letter from the salutation on: blocks → structure elements and body lines with their
 * page-break rules (widows/orphans, keep-with-next for headings and Q&A labels, keep-together for
 * the signature, a forced break before the annex).
 *
 * Notes go into the structure tree right after the element holding their first call (inside the
 * list item's LBody for a call in a list item): a screen reader finishes the sentence, hears the
 * note, and reads on. On paper the note sits at the foot of the same page.
 */
import type { Block, Image, Inline, List, ListItem, Paragraph, QaAnnex, Signatory } from '../../../model/ast.js';
import { inlineText, listItemOffsets, type PageAnchor } from '../../../model/page-starts.js';
import { ascentIn, type Anchor, type BreakRule, type FlowContext, type FlowLine, type LinePart, type NoteFlow } from './flow-types.js';
import { inlineSpans, runStyle, textLinesSpans } from './inline-spans.js';
import type { HeadingSpec, TextSpec } from './layout-config.js';
import { breakLines, type Line, type Span } from './line-break.js';
import { placeNote } from './notes-flow.js';
import { layoutTable } from './table-flow.js';
import { qaGroups } from '../../../model/qa.js';
import { qaPartNames } from '../../outline.js';
import { bulletAt } from '../../theme.js';
import type { StructNode, StructType } from './tags.js';

type Mark = PageAnchor;
/** The page-start mark of a node's unit text at `offset`. */
const at = (id: string, offset: number): Mark => ({ kind: 'node', id, offset });
/** What a paragraph-like element needs from the model: its id (for page starts) and its text. */
type TextBlock = Pick<Paragraph, 'id' | 'content'>;

interface EmitOptions {
  spec: Pick<TextSpec, 'size' | 'leading'>;
  gap: number;
  /** The page-start mark of line `i` (its block and the offset of its first character). */
  mark: (i: number, line: Line | undefined) => Mark;
  keepTogether?: boolean;
  keepWithNext?: { gapAfter: number };
  anchors?: Anchor[];
  bar?: boolean;
}

export interface BodyFlow {
  lines: FlowLine[];
  notes: NoteFlow[];
}

export function buildBody(ctx: FlowContext): BodyFlow {
  const b = new BodyBuilder(ctx);
  const { letter } = ctx;
  // The salutation never ends a page: it stays with the text it opens.
  if (letter.salutation) b.paragraph(ctx.root, letter.salutation, ctx.layout.body, 0, { gapAfter: ctx.layout.body.paragraphGap });
  b.blocks(ctx.root, letter.body);
  // The closing and signature never stand alone on the last page: the end of the text comes along.
  if (letter.closing || letter.signatories.length > 0) b.keepWithPrevious();
  if (letter.closing) b.paragraph(ctx.root, letter.closing, ctx.layout.body, ctx.layout.body.paragraphGap, { gapAfter: ctx.layout.signature.gapBefore });
  letter.signatories.forEach((s) => b.signatory(s));
  if (letter.annex) b.annex(letter.annex);
  b.unreferencedNotes();
  b.sources();
  return { lines: b.lines, notes: b.noteFlows };
}

/** Destinations at the calls of sources, where the source list's back-links return. */
function callAnchors(parts: readonly LinePart[]): Anchor[] {
  const out: Anchor[] = [];
  for (const part of parts) for (const piece of part.line.pieces) if (piece.callRef) out.push({ dest: piece.callRef });
  return out;
}

class BodyBuilder {
  readonly lines: FlowLine[] = [];
  readonly noteFlows: NoteFlow[] = [];
  private nextGap: number | null = null;
  private nextBreak: BreakRule | null = null;
  /** A container that begins with the next line (annex, Q&A part): reported instead of the block. */
  private pendingStart: Mark | null = null;

  constructor(private readonly ctx: FlowContext) {}

  private get width(): number {
    return this.ctx.layout.body.width;
  }

  private break(spans: Span[], width: number): Line[] {
    return breakLines(spans, width, this.ctx.fonts);
  }

  /** Appends one block's lines with its break rules. `partsPerLine[i]` are the parts of line i. */
  emit(partsPerLine: LinePart[][], opts: EmitOptions): void {
    const { body } = this.ctx.layout;
    const n = partsPerLine.length;
    if (n === 0) return;
    const ascent = ascentIn(this.ctx, opts.spec);
    partsPerLine.forEach((parts, i) => {
      let breakBefore: BreakRule;
      if (i === 0) breakBefore = this.nextBreak ?? 'allow';
      else if (opts.keepTogether) breakBefore = 'avoid';
      else breakBefore = i >= body.orphans && n - i >= body.widows ? 'allow' : 'avoid';
      const notes = this.firstCalls(parts);
      const textPart = parts[parts.length - 1];
      let start = opts.mark(i, textPart?.line);
      if (i === 0 && this.pendingStart) {
        start = this.pendingStart;
        this.pendingStart = null;
      }
      this.lines.push({
        parts,
        height: opts.spec.leading,
        ascent,
        spaceBefore: i === 0 ? (this.nextGap ?? opts.gap) : 0,
        breakBefore,
        notes,
        start,
        anchors: [...(i === 0 ? (opts.anchors ?? []) : []), ...callAnchors(parts)],
        ...(opts.bar ? { bar: true } : {}),
      });
      if (i === 0) {
        this.nextGap = null;
        this.nextBreak = null;
      }
    });
    if (opts.keepWithNext) {
      this.nextGap = opts.keepWithNext.gapAfter;
      this.nextBreak = 'avoid';
    }
  }

  /** Notes whose first call is in these parts: they start on the page of this line. */
  private firstCalls(parts: readonly LinePart[]): string[] {
    const notes: string[] = [];
    for (const part of parts) {
      for (const piece of part.line.pieces) {
        // Only footnotes sit at the foot of the page of their first call.
        if (piece.call && !this.ctx.notes.called.has(piece.call) && this.ctx.notes.byId.get(piece.call)?.kind === 'footnote') {
          this.ctx.notes.called.add(piece.call);
          notes.push(piece.call);
        }
      }
    }
    return notes;
  }

  /**
   * Appends lines made elsewhere (table rows, pictures): the first takes the pending gap, break
   * rule and page start of what came before; every line learns the notes first called in it.
   */
  private append(lines: readonly FlowLine[], gap: number): void {
    lines.forEach((line, i) => {
      if (i === 0) {
        line.spaceBefore = this.nextGap ?? gap;
        if (this.nextBreak) line.breakBefore = this.nextBreak;
        if (this.pendingStart) line.start = this.pendingStart;
        this.pendingStart = null;
        this.nextGap = null;
        this.nextBreak = null;
      }
      line.notes = this.firstCalls(line.parts);
      line.anchors.push(...callAnchors(line.parts));
      this.lines.push(line);
    });
  }

  /** The next block's first line must not start a page (it stays with what precedes it). */
  keepWithPrevious(): void {
    if (this.nextBreak !== 'force') this.nextBreak = 'avoid';
  }

  /** Places the notes first called in `calls` right after the element just built in `parent`. */
  private notesAfter(parent: StructNode, calls: readonly string[]): void {
    for (const id of calls) {
      if (this.ctx.notes.placed.has(id)) continue;
      const note = this.ctx.notes.byId.get(id);
      // Source references are not footnotes: they are listed apart at the end (`sources`).
      if (!note || note.kind === 'source') continue;
      this.ctx.notes.placed.add(id);
      this.noteFlows.push({ note, lines: placeNote(this.ctx, parent, note) });
    }
  }

  /** Footnotes nobody calls: placed at the end of the document, printed under the last body line. */
  unreferencedNotes(): void {
    const rest = this.ctx.letter.notes.filter((n) => n.kind === 'footnote' && !this.ctx.notes.placed.has(n.id));
    if (rest.length === 0) return;
    const last = this.lines[this.lines.length - 1];
    for (const note of rest) {
      this.ctx.notes.placed.add(note.id);
      this.ctx.notes.called.add(note.id);
      this.noteFlows.push({ note, lines: placeNote(this.ctx, this.ctx.root, note) });
      last?.notes.push(note.id);
    }
  }

  /**
   * The source references, apart from the footnotes as in the HTML and the EPUB: a `Bronnen`
   * section at the end of the letter, each source a `Note` with its label, its text and a link
   * back to every call of it.
   */
  sources(): void {
    const sources = this.ctx.letter.notes.filter((n) => n.kind === 'source');
    if (sources.length === 0) return;
    const { layout, theme } = this.ctx;
    const sect = this.ctx.root.add('Sect');
    const spec = layout.headings.h2;
    this.pendingStart = { kind: 'notes' };
    this.heading(sect, { id: 'sources', content: [{ type: 'text', text: theme.t('sources'), line: sources[0]!.line }] }, 2, spec, spec.spaceBefore, spec.spaceAfter);
    const body = layout.body;
    const labelWidth = layout.list.indent * 2;
    for (const note of sources) {
      this.ctx.notes.placed.add(note.id);
      const element = sect.add('Note', { id: note.id });
      const lbl = element.add('Lbl');
      const label = this.break([{ text: note.label, style: runStyle(this.ctx, body), slot: lbl.slot() }], labelWidth)[0];
      const p = element.add('P');
      const { spans } = inlineSpans(this.ctx, note.content, p, body);
      const number = String(note.number);
      const symbol = theme.t('backlinkSymbol');
      const back = theme.t('backlinkSource', { number });
      note.refIds.forEach((refId, i) => {
        const text = note.refIds.length > 1 ? `${symbol}${i + 1}` : symbol;
        const contents = note.refIds.length > 1 ? theme.t('backlinkNth', { back, n: i + 1, total: note.refIds.length }) : back;
        spans.push({ text: '\u00a0', style: runStyle(this.ctx, body), slot: p.slot() });
        spans.push({ text, style: runStyle(this.ctx, body, 'link'), slot: p.add('Link').slot(), link: { kind: 'dest', dest: refId, contents } });
      });
      const lines = this.break(spans, this.width - labelWidth);
      this.emit(lines.map((line, i) => (i === 0 && label ? [{ dx: 0, line: label }, { dx: labelWidth, line }] : [{ dx: labelWidth, line }])), {
        spec: body, gap: body.paragraphGap / 2, mark: () => ({ kind: 'notes' }), anchors: [{ dest: note.id }],
      });
    }
  }

  paragraph(parent: StructNode, p: TextBlock, spec: TextSpec, gap: number, keepWithNext?: { gapAfter: number }, type: StructType = 'P', anchors?: Anchor[], alt?: string): void {
    const node = parent.add(type, alt ? { alt } : {});
    const { spans, calls } = inlineSpans(this.ctx, p.content, node, spec);
    const lines = this.break(spans, this.width);
    this.emit(
      lines.map((line) => [{ dx: 0, line }]),
      {
        spec,
        gap,
        mark: (_, line) => at(p.id, line?.start ?? 0),
        ...(keepWithNext ? { keepWithNext } : {}),
        ...(anchors ? { anchors } : {}),
      },
    );
    this.notesAfter(parent, calls);
  }

  /** A heading element at the level the model decided (`model/finish.ts`); the outline nests the same way. */
  heading(parent: StructNode, h: TextBlock, level: number, spec: HeadingSpec, gap: number, gapAfter: number, outlineTitle?: string, alt?: string): void {
    const title = outlineTitle ?? inlineText(h.content).trim();
    const type = `H${level}` as StructType;
    this.paragraph(parent, h, spec, gap, { gapAfter }, type, title ? [{ outline: { title, level } }] : undefined, alt);
  }

  private headingSpec(level: number): HeadingSpec {
    const { headings } = this.ctx.layout;
    return level <= 2 ? headings.h2 : level === 3 ? headings.h3 : headings.h4;
  }

  /** Body blocks, one after the other. */
  blocks(parent: StructNode, blocks: readonly Block[], firstGap?: number): void {
    const { body } = this.ctx.layout;
    blocks.forEach((block, i) => {
      const gap = i === 0 && firstGap !== undefined ? firstGap : body.paragraphGap;
      switch (block.type) {
        case 'paragraph':
          this.paragraph(parent, block, body, gap);
          break;
        case 'heading': {
          const spec = this.headingSpec(block.level);
          this.heading(parent, block, block.level, spec, i === 0 && firstGap !== undefined ? firstGap : spec.spaceBefore, spec.spaceAfter);
          break;
        }
        case 'list':
          this.list(parent, block, 0, this.listOffsets(block), i === 0 && firstGap !== undefined ? firstGap : this.ctx.layout.list.gapBefore);
          break;
        case 'image':
          if (block.data) this.picture(parent, { ...block, data: block.data }, gap);
          else this.image(parent, block.id, block.alt, gap);
          break;
        case 'table': {
          const table = layoutTable(this.ctx, block, parent, this.width);
          this.append(table.lines, i === 0 && firstGap !== undefined ? firstGap : this.ctx.layout.table.gapBefore);
          for (const [node, calls] of table.calls) this.notesAfter(node, calls);
          break;
        }
      }
    });
  }

  /** Offsets of each item's text in the list's `blockText`, the unit of page starts. */
  private listOffsets(list: List): Map<ListItem, number> {
    return new Map(listItemOffsets(list).map(({ item, start }) => [item, start]));
  }

  private list(parent: StructNode, list: List, depth: number, offsets: Map<ListItem, number>, gap: number, rootId: string = list.id): void {
    const { layout } = this.ctx;
    const spec = layout.body;
    const numbering = list.ordered
      ? ({ decimal: 'Decimal', 'lower-alpha': 'LowerAlpha', 'upper-alpha': 'UpperAlpha', 'lower-roman': 'LowerRoman', bullet: 'Decimal' } as const)[list.style]
      : 'Disc';
    const l = parent.add('L', { listNumbering: numbering });
    const markerX = depth * layout.list.indent;
    const textX = (depth + 1) * layout.list.indent;
    list.items.forEach((item, index) => {
      const li = l.add('LI');
      const lbl = li.add('Lbl');
      const marker = list.ordered ? item.marker : bulletAt(this.ctx.theme, depth);
      const markerLine = this.break([{ text: marker, style: runStyle(this.ctx, spec), slot: lbl.slot() }], layout.list.indent * 3)[0];
      const lbody = li.add('LBody');
      const { spans, calls } = inlineSpans(this.ctx, item.content, lbody, spec);
      const lines = this.break(spans, this.width - textX);
      const base = offsets.get(item) ?? 0;
      const parts = lines.map((line, i): LinePart[] => (i === 0 && markerLine ? [{ dx: markerX, line: markerLine }, { dx: textX, line }] : [{ dx: textX, line }]));
      if (parts.length === 0 && markerLine) parts.push([{ dx: markerX, line: markerLine }]);
      this.emit(parts, {
        spec,
        gap: index === 0 ? gap : layout.list.itemGap,
        mark: (_, line) => at(rootId, base + (line && line !== markerLine ? line.start : 0)),
      });
      this.notesAfter(lbody, calls);
      if (item.children) this.list(lbody, item.children, depth + 1, offsets, layout.list.itemGap, rootId);
    });
  }

  /**
   * A picture, scaled to the text width and to part of the page height: a Figure with its
   * description (its bounding box written when drawn), or an artifact when decorative; the caption
   * under it as a paragraph of its own.
   */
  private picture(parent: StructNode, img: Image & { data: NonNullable<Image['data']> }, gap: number): void {
    const { layout } = this.ctx;
    const natural = { width: img.data.widthPt ?? img.data.width * 0.75, height: img.data.heightPt ?? img.data.height * 0.75 };
    const maxHeight = (layout.body.bottom - layout.body.top) * layout.figure.maxHeightRatio;
    const scale = Math.min(1, this.width / natural.width, maxHeight / natural.height);
    const figure = img.decorative || img.alt.trim() === '' ? undefined : parent.add('Figure', { alt: img.alt });
    const line: FlowLine = {
      parts: [], height: natural.height * scale, ascent: 0, spaceBefore: 0, breakBefore: 'allow', notes: [], anchors: [],
      start: at(img.id, 0),
      picture: { bytes: img.data.bytes, dx: 0, width: natural.width * scale, height: natural.height * scale, ...(figure ? { figure } : {}) },
    };
    this.append([line], gap);
    if (img.caption) this.paragraph(parent, { id: img.id, content: img.caption }, layout.figure.caption, layout.figure.gapAfterPicture);
  }

  private image(parent: StructNode, id: string, alt: string, gap: number): void {
    if (alt.trim() === '') return; // No description: nothing to show or read.
    const { layout } = this.ctx;
    const figure = parent.add('Figure', { alt });
    const spec = layout.image.text;
    const lines = this.break([{ text: alt, style: runStyle(this.ctx, spec), slot: figure.slot() }], this.width - layout.image.padding);
    this.emit(
      lines.map((line) => [{ dx: layout.image.padding, line }]),
      { spec, gap, mark: (_, line) => at(id, line?.start ?? 0), bar: true },
    );
  }

  signatory(s: Signatory): void {
    const { layout, theme } = this.ctx;
    const spec = layout.body;
    const div = this.ctx.root.add('Div', { title: theme.t('signature') });
    const fn = div.add('P');
    const { perLine, calls } = textLinesSpans(this.ctx, s.functionLines, fn, spec);
    const parts: LinePart[][] = [];
    const offsets: number[] = [];
    let base = 0;
    perLine.forEach((spans, i) => {
      for (const line of this.break(spans, this.width)) {
        parts.push([{ dx: 0, line }]);
        offsets.push(base + line.start);
      }
      base += (s.functionLines[i]?.text.length ?? 0) + 1;
    });
    this.emit(parts, { spec, gap: layout.signature.gapBefore, keepTogether: true, mark: (i) => at(s.id, offsets[i] ?? 0), keepWithNext: { gapAfter: layout.signature.signatureSpace } });
    this.notesAfter(div, calls);
    if (s.name) {
      const name = div.add('P');
      const named = inlineSpans(this.ctx, s.name.content, name, spec);
      const lines = this.break(named.spans, this.width);
      this.emit(
        lines.map((line) => [{ dx: 0, line }]),
        { spec, gap: layout.signature.signatureSpace, keepTogether: true, mark: (_, line) => at(s.id, base + (line?.start ?? 0)) },
      );
      this.notesAfter(div, named.calls);
    }
  }

  annex(annex: QaAnnex): void {
    const { layout, theme } = this.ctx;
    const sect = this.ctx.root.add('Sect');
    this.nextBreak = 'force';
    this.pendingStart = at(annex.id, 0);
    // Every format heads the annex: its own title, or the house style's generic one.
    const title: TextBlock = annex.title ?? { id: annex.id, content: [{ type: 'text', text: theme.t('questionsAndAnswers'), line: annex.line }] };
    const spec: HeadingSpec = { ...layout.annex.title, spaceBefore: 0, spaceAfter: layout.annex.gapAfterTitle };
    // The title keeps with the first question, but after a blank line.
    this.heading(sect, title, annex.level, spec, 0, layout.annex.gapAfterTitle);
    this.blocks(sect, annex.intro);
    const names = qaPartNames(annex, theme);
    let first = true;
    for (const group of qaGroups(annex)) {
      // A question and its answer are one section, as in the HTML and the EPUB.
      const pair = sect.add('Sect');
      for (const part of [...group.questions, ...(group.answer ? [group.answer] : [])]) {
        const name = names.get(part);
        const div = pair.add('Div');
        const labelSpec: HeadingSpec = { ...layout.annex.label, spaceBefore: layout.annex.partGap, spaceAfter: 0 };
        const gap = first && annex.intro.length === 0 ? layout.annex.gapAfterTitle : layout.annex.partGap;
        first = false;
        const label: Inline[] = [{ type: 'text', text: part.label, line: part.line }];
        // The tag reads what the label alone does not say (which questions an answer answers).
        this.heading(div, { id: part.id, content: label }, part.level, labelSpec, gap, 0, name?.navLabel,
          name?.hiddenSuffix ? `${part.label}${name.hiddenSuffix}` : undefined);
        this.blocks(div, part.content, 0);
      }
    }
  }
}
