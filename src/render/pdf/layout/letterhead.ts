/**
 * Page furniture at fixed places: the page-1 letterhead (addressee, Datum, Betreft), the
 * reference column (sender and labelled fields), the emblem (blue band and word mark), and the
 * short running block with `Pagina X van Y` on every page.
 *
 * Tagging: the letterhead and the reference column are real content, each grouped in a `Div`
 * (reference column after the letterhead in reading order, before the salutation); the subject
 * is the document's `H1`. The emblem is a layout artifact unless the letter gives its logo a
 * description (then a `Figure` with that `/Alt`); the running block repeats what page 1 says and
 * is a pagination artifact.
 *
 * Set beside the body (the Kamerbrief grid), the reference column stands at a fixed place on page 1.
 * Set above the body (one column, large print), it flows like the body, before it: a letter with
 * many fields continues on page 2 instead of running over the page's foot.
 */
import type { Field, TextLine } from '../../../model/ast.js';
import { ascentIn, type FlowContext, type FlowLine, type NoteFlow, type PlacedLine } from './flow-types.js';
import { inlineSpans, runStyle, textLinesSpans } from './inline-spans.js';
import type { TextSpec } from './layout-config.js';
import { breakLines, type Line, type Span } from './line-break.js';
import { placeNote } from './notes-flow.js';
import { StructNode, type Slot } from './tags.js';

/** Where reference-column lines go: a stack at a fixed place, or the flow before the body. */
interface LineSink {
  lines(lines: readonly Line[], x: number, spec: Pick<TextSpec, 'size' | 'leading'>): void;
  /** Space before the next group; a page may end there (not inside a group). */
  gap(points: number): void;
}

/** Lines stacked downwards from a top edge. */
class Stack implements LineSink {
  readonly placed: PlacedLine[] = [];
  constructor(
    private readonly ctx: FlowContext,
    public y: number,
  ) {}

  lines(lines: readonly Line[], x: number, spec: Pick<TextSpec, 'size' | 'leading'>): void {
    const ascent = ascentIn(this.ctx, spec);
    for (const line of lines) {
      this.placed.push({ x, baseline: this.y + ascent, line });
      this.y += spec.leading;
    }
  }

  gap(points: number): void {
    this.y += points;
  }
}

/** Lines for the body's flow: paginated with it, a group (a field with its label) kept together. */
class FlowStack implements LineSink {
  readonly flow: FlowLine[] = [];
  private gapBefore = 0;
  private groupStart = true;
  constructor(private readonly ctx: FlowContext) {}

  lines(lines: readonly Line[], x: number, spec: Pick<TextSpec, 'size' | 'leading'>): void {
    const ascent = ascentIn(this.ctx, spec);
    for (const line of lines) {
      this.flow.push({
        parts: [{ dx: x - this.ctx.layout.body.left, line }], height: spec.leading, ascent,
        spaceBefore: this.gapBefore, breakBefore: this.groupStart ? 'allow' : 'avoid', notes: [], anchors: [], letterhead: true,
      });
      this.gapBefore = 0;
      this.groupStart = false;
    }
  }

  gap(points: number): void {
    this.gapBefore += points;
    this.groupStart = true;
  }
}

export interface Letterhead {
  lines: PlacedLine[];
  /** Where the body's flow starts on page 1 (with `flow`, if any, before the body). */
  bodyTop: number;
  /** The reference column when it is set above the body: the start of the body's flow. */
  flow: FlowLine[];
  /** Bottom of the reference column on page 1 (the page number goes under it). */
  referenceBottom: number;
  /** The bookmark of the subject (H1), at the top of its first line. */
  subjectTop: number;
  /** Notes called in the letterhead (rare): printed on page 1. */
  notes: NoteFlow[];
  /** The emblem's Figure slot when the logo has a description; artifact otherwise. */
  logoSlot?: Slot;
}

export function layoutLetterhead(ctx: FlowContext): Letterhead {
  const { letter, layout, theme } = ctx;
  const lh = layout.letterhead;
  const left = layout.body.left;
  const width = layout.body.width;
  const calls: Array<[StructNode, string[]]> = [];
  const lines: PlacedLine[] = [];

  const alt = letter.logo?.alt.trim() ?? '';
  const logoSlot = alt ? ctx.root.add('Figure', { alt }).slot() : undefined;

  const head = ctx.root.add('Div', { title: ctx.theme.t('letterhead') });

  if (letter.returnAddress) {
    const p = head.add('P');
    const { spans, calls: c } = inlineSpans(ctx, letter.returnAddress.content, p, lh.returnAddress);
    const stack = new Stack(ctx, lh.returnAddress.top);
    stack.lines(breakLines(spans, width, ctx.fonts), left, lh.returnAddress);
    lines.push(...stack.placed);
    calls.push([head, c]);
  }

  const address = new Stack(ctx, lh.addressee.top);
  if (letter.addressee.length > 0) {
    const p = head.add('P');
    const { perLine, calls: c } = textLinesSpans(ctx, letter.addressee, p, lh.addressee);
    for (const spans of perLine) address.lines(breakLines(spans, width, ctx.fonts), left, lh.addressee);
    calls.push([head, c]);
  }
  lines.push(...address.placed);

  // Datum and Betreft: label on the left, value beside it.
  const ds = lh.dateSubject;
  const rows = new Stack(ctx, Math.max(ds.minTop, address.y + ds.gapAfterAddressee));
  const valueWidth = width - ds.labelWidth;
  /** `value` is called after the label's slot exists: in one element the label reads first. */
  const row = (labelOwner: StructNode, label: string, value: () => Span[], valueSpec: TextSpec): void => {
    const top = rows.y;
    const labelSpans: Span[] = [{ text: `${label} `, style: runStyle(ctx, ds.label), slot: labelOwner.slot() }];
    rows.lines(breakLines(labelSpans, ds.labelWidth, ctx.fonts), left, ds.label);
    const labelBottom = rows.y;
    rows.y = top;
    rows.lines(breakLines(value(), valueWidth, ctx.fonts), left + ds.labelWidth, valueSpec);
    rows.y = Math.max(rows.y, labelBottom) + ds.rowGap;
  };
  const date = head.add('P');
  row(date, theme.t('date'), () => [{ text: letter.date.text, style: runStyle(ctx, ds.value), slot: date.slot() }], ds.value);
  // The Betreft label is a paragraph of its own, so that the H1 is exactly the subject.
  const subjectLabel = head.add('P');
  const h1 = head.add('H1');
  const subjectTop = rows.y;
  const subject = inlineSpans(ctx, letter.subject.content, h1, ds.subject);
  calls.push([head, subject.calls]);
  row(subjectLabel, theme.t('subject'), () => subject.spans, ds.subject);
  lines.push(...rows.placed);

  const rc = layout.referenceColumn;
  const subjectBottom = rows.y - ds.rowGap;
  // Beside the body from its own top; or, in one column, right under Betreft, flowing before the body.
  let flow: FlowLine[] = [];
  let referenceBottom = subjectBottom;
  if (rc.placement === 'beside') {
    const reference = new Stack(ctx, rc.firstPageTop);
    layoutReferenceColumn(ctx, calls, reference);
    lines.push(...reference.placed);
    referenceBottom = reference.y;
  } else {
    const reference = new FlowStack(ctx);
    layoutReferenceColumn(ctx, calls, reference);
    flow = reference.flow;
  }

  const notes: NoteFlow[] = [];
  for (const [parent, ids] of calls) {
    for (const id of ids) {
      const note = ctx.notes.byId.get(id);
      if (!note || note.kind === 'source' || ctx.notes.placed.has(id)) continue;
      ctx.notes.placed.add(id);
      ctx.notes.called.add(id);
      notes.push({ note, lines: placeNote(ctx, parent, note) });
    }
  }

  return {
    lines,
    bodyTop: flow.length > 0 ? subjectBottom + rc.groupGap * 2 : subjectBottom + lh.gapAfterSubject,
    flow,
    referenceBottom,
    subjectTop,
    notes,
    ...(logoSlot ? { logoSlot } : {}),
  };
}

function layoutReferenceColumn(ctx: FlowContext, calls: Array<[StructNode, string[]]>, stack: LineSink): void {
  const { letter, layout, theme } = ctx;
  const rc = layout.referenceColumn;
  const div = ctx.root.add('Div', { title: theme.t('referenceColumn') });
  const block = (textLines: readonly TextLine[], spec: TextSpec | ((line: number) => TextSpec), owner: StructNode): void => {
    const result = textLinesSpans(ctx, textLines, owner, spec);
    result.perLine.forEach((spans, i) => {
      const look = typeof spec === 'function' ? spec(i) : spec;
      stack.lines(breakLines(spans, rc.width, ctx.fonts), rc.left, look);
    });
    calls.push([div, result.calls]);
  };

  // The organisation (bold) and its units: one paragraph, a line each.
  const { organisation, units, address } = letter.sender;
  block([organisation, ...units], (i) => (i === 0 ? rc.organisation : rc.text), div.add('P'));
  if (address.length > 0) {
    stack.gap(rc.groupGap);
    block(address, rc.text, div.add('P'));
  }
  for (const field of letter.fields) {
    stack.gap(rc.groupGap);
    fieldBlock(ctx, stack, div, field, calls);
  }
}

function fieldBlock(ctx: FlowContext, stack: LineSink, div: StructNode, field: Field, calls: Array<[StructNode, string[]]>): void {
  const rc = ctx.layout.referenceColumn;
  const p = div.add('P');
  const label: Span[] = [{ text: `${field.label} `, style: runStyle(ctx, rc.label), slot: p.slot() }];
  stack.lines(breakLines(label, rc.width, ctx.fonts), rc.left, rc.label);
  const values = textLinesSpans(ctx, field.values, p, rc.text);
  for (const spans of values.perLine) stack.lines(breakLines(spans, rc.width, ctx.fonts), rc.left, rc.text);
  calls.push([div, values.calls]);
}

/** Untagged lines stacked in a column (the running block of pages 2+, the page number): drawn as artifacts. */
export function artifactLines(ctx: FlowContext, texts: ReadonlyArray<{ text: string; spec: TextSpec }>, x: number, top: number, width: number): { placed: PlacedLine[]; bottom: number } {
  const detached = new StructNode('Span');
  const stack = new Stack(ctx, top);
  for (const { text, spec } of texts) {
    if (text === '') {
      stack.gap(ctx.layout.referenceColumn.groupGap);
      continue;
    }
    stack.lines(breakLines([{ text, style: runStyle(ctx, spec), slot: detached.slot() }], width, ctx.fonts), x, spec);
  }
  return { placed: stack.placed, bottom: stack.y };
}

/** The short block that opens the reference column on pages 2 and later (`compact`: the organisation only). */
export function runningBlock(ctx: FlowContext): Array<{ text: string; spec: TextSpec }> {
  const { layout, letter, theme, meta } = ctx;
  const rc = layout.referenceColumn;
  const out: Array<{ text: string; spec: TextSpec }> = [{ text: letter.sender.organisation.text, spec: rc.organisation }];
  if (rc.runningBlock === 'compact') return out;
  out.push({ text: '', spec: rc.text }, { text: theme.t('date'), spec: rc.label }, { text: meta.dateText, spec: rc.text });
  const ours = letter.fields.find((f) => f.kind === 'ourReference');
  if (ours) {
    out.push({ text: '', spec: rc.text }, { text: ours.label, spec: rc.label });
    for (const v of ours.values) out.push({ text: v.text, spec: rc.text });
  }
  return out;
}
