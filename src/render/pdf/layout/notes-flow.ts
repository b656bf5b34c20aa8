/**
 * Footnotes and source references: one `Note` element each (with a unique `/ID` and an `Lbl`),
 * laid out at the footnote size with the label hanging left of the text.
 */
import type { Note } from '../../../model/ast.js';
import { ascentIn, type FlowContext, type FlowLine } from './flow-types.js';
import { inlineSpans, runStyle } from './inline-spans.js';
import { breakLines } from './line-break.js';
import type { StructNode } from './tags.js';

/**
 * Adds the note's element to `parent` (at the current end of its children: right after the
 * element that calls it) and returns its lines. Each line may end a page: a long note continues
 * in the footnote area of the next page.
 */
export function placeNote(ctx: FlowContext, parent: StructNode, note: Note): FlowLine[] {
  const spec = ctx.layout.footnotes;
  const element = parent.add('Note', { id: note.id });
  const lbl = element.add('Lbl');
  const labelLines = breakLines([{ text: note.label, style: runStyle(ctx, spec), slot: lbl.slot() }], spec.labelWidth * 4, ctx.fonts);
  const p = element.add('P');
  const { spans } = inlineSpans(ctx, note.content, p, spec);
  const textLines = breakLines(spans, ctx.layout.body.width - spec.labelWidth, ctx.fonts);
  const ascent = ascentIn(ctx, spec);
  const count = Math.max(1, textLines.length);
  const lines: FlowLine[] = [];
  for (let i = 0; i < count; i++) {
    const parts = [];
    if (i === 0 && labelLines[0]) parts.push({ dx: 0, line: labelLines[0] });
    const text = textLines[i];
    if (text) parts.push({ dx: spec.labelWidth, line: text });
    lines.push({
      parts,
      height: spec.leading,
      ascent,
      spaceBefore: i === 0 ? spec.noteGap : 0,
      breakBefore: 'allow',
      notes: [],
      anchors: i === 0 ? [{ dest: note.id }] : [],
    });
  }
  return lines;
}
