/**
 * Draws the paginated letter, page by page, in reading order: page furniture (artifacts), the
 * page-1 letterhead and reference column, the body lines, then the footnotes of the page.
 */
import type { FlowContext, FlowLine, PlacedLine } from '../layout/flow-types.js';
import { artifactLines, runningBlock, type Letterhead } from '../layout/letterhead.js';
import { breakLines } from '../layout/line-break.js';
import { runStyle } from '../layout/inline-spans.js';
import type { PageLayout } from '../layout/paginate.js';
import type { TaggedPainter } from './painter.js';
import { StructNode } from '../layout/tags.js';

export function drawPages(ctx: FlowContext, painter: TaggedPainter, letterhead: Letterhead, pages: readonly PageLayout[]): void {
  const { layout, theme } = ctx;
  const rc = layout.referenceColumn;
  const pageSpec = { ...rc.text, font: layout.pageNumber.font };
  const running = runningBlock(ctx);

  for (const page of pages) {
    painter.newPage();
    const pageNo = page.index + 1;
    let numberTop: number;
    if (page.index === 0) {
      drawEmblem(ctx, painter, letterhead);
      numberTop = letterhead.referenceBottom + layout.pageNumber.gapBefore;
    } else {
      const block = artifactLines(ctx, running, rc.left, rc.nextPagesTop, rc.width);
      for (const p of block.placed) painter.artifactLine(p.line, p.x, p.baseline, { type: 'Pagination', subtype: 'Header' });
      numberTop = block.bottom + layout.pageNumber.gapBefore;
    }
    if (layout.pageNumber.placement === 'foot') numberTop = layout.pageHeight - layout.pageNumber.bottom - pageSpec.leading;
    const number = artifactLines(ctx, [{ text: theme.t('page', { page: pageNo, pages: pages.length }), spec: pageSpec }], rc.left, numberTop, rc.width);
    for (const p of number.placed) painter.artifactLine(p.line, p.x, p.baseline, { type: 'Pagination', subtype: 'Header' });

    if (page.index === 0) {
      painter.bookmark(ctx.meta.title, 1, letterhead.subjectTop);
      for (const p of letterhead.lines) painter.line(p.line, p.x, p.baseline);
    }

    for (const { line, top } of page.body) drawFlowLine(ctx, painter, line, top);

    if (page.ruleY !== undefined) {
      const y = page.ruleY;
      painter.artifact({ type: 'Layout' }, () =>
        painter.hLine(layout.body.left, layout.body.left + layout.footnotes.ruleWidth, y, layout.footnotes.ruleThickness, layout.colors.rule),
      );
    }
    for (const { line, top } of page.foot) drawFlowLine(ctx, painter, line, top);
  }
}

function drawFlowLine(ctx: FlowContext, painter: TaggedPainter, line: FlowLine, top: number): void {
  const left = ctx.layout.body.left;
  for (const anchor of line.anchors) {
    if (anchor.outline) painter.bookmark(anchor.outline.title, anchor.outline.level, top);
    if (anchor.dest) painter.namedDestination(anchor.dest, left, top);
  }
  if (line.bar) {
    const { ruleWidth } = ctx.layout.image;
    painter.artifact({ type: 'Layout' }, () => painter.vLine(left + ruleWidth / 2, top, top + line.height, ruleWidth, ctx.layout.colors.rule));
  }
  if (line.boxes) {
    const { boxes, width, color } = line.boxes;
    painter.artifact({ type: 'Layout' }, () => {
      for (const b of boxes) painter.strokeRect(left + b.x, top + b.y, b.width, b.height, width, color);
    });
  }
  if (line.picture) {
    const pic = line.picture;
    const draw = (): void => painter.image(pic.bytes, left + pic.dx, top, pic.width, pic.height);
    if (pic.figure) {
      painter.tagged(pic.figure.slot(), draw);
      pic.figure.attrs.bbox = painter.userSpaceBox(left + pic.dx, top, pic.width, pic.height);
    } else {
      painter.artifact({ type: 'Layout' }, draw);
    }
  }
  for (const part of line.parts) {
    const baseline = top + (part.dy ?? line.ascent);
    // A repeated table header is the same text again: an artifact, read once from the first page.
    if (line.artifact) painter.artifactLine(part.line, left + part.dx, baseline, { type: 'Pagination', subtype: 'Header' });
    else painter.line(part.line, left + part.dx, baseline);
  }
}

/**
 * The blue band and the word mark (organisation name). A layout artifact: the organisation is
 * read from the reference column. When the letter describes its logo, a Figure with that text.
 */
function drawEmblem(ctx: FlowContext, painter: TaggedPainter, letterhead: Letterhead): void {
  const { layout, letter } = ctx;
  const wm = layout.wordmark;
  const detached = new StructNode('Span');
  const lines = breakLines([{ text: letter.sender.organisation.text, style: runStyle(ctx, wm), slot: detached.slot() }], wm.maxWidth, ctx.fonts);
  const placed: PlacedLine[] = lines.map((line, i) => ({ x: wm.x, baseline: wm.firstBaseline + i * wm.leading, line }));
  const draw = (): void => {
    painter.fillRect(layout.band.x, 0, layout.band.width, layout.band.height, layout.colors.band);
    for (const p of placed) for (const piece of p.line.pieces) painter.piece(piece, p.x, p.baseline);
  };
  if (letterhead.logoSlot) painter.tagged(letterhead.logoSlot, draw);
  else painter.artifact({ type: 'Layout' }, draw);
}
