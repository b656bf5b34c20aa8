/**
 * Tables in the PDF: the structure `Table > Caption?, THead > TR > TH…, TBody > TR > TH|TD…` with
 * `/Scope`, `/RowSpan`, `/ColSpan`; the cells set in columns sized to their content (the widest
 * word of a column at least, its longest line at most, the rest shared out); every row (or group
 * of rows joined by a merged cell) one unbreakable flow line with its cell borders; the header rows
 * repeated, as pagination artifacts, at the top of every further page the table runs onto.
 */
import type { Table, TableCell } from '../../../model/ast.js';
import { tableOffsets } from '../../../model/page-starts.js';
import { ascentIn, type Box, type FlowContext, type FlowLine, type LinePart } from './flow-types.js';
import { inlineSpans } from './inline-spans.js';
import type { TextSpec } from './layout-config.js';
import { breakLines, maxContentWidth, minContentWidth, type Line, type Span } from './line-break.js';
import type { StructNode } from './tags.js';

export interface TableLayout {
  lines: FlowLine[];
  /** Note calls per structure element, for placing the notes right after the element that calls them. */
  calls: Array<[StructNode, string[]]>;
}

interface PlacedCell {
  cell: TableCell;
  row: number;
  /** Index of the cell in its row (the model's order). */
  index: number;
  col: number;
  node: StructNode;
  spec: TextSpec;
  paragraphs: Span[][];
}

/** Columns each cell starts in, with rows spanned by merged cells above taken into account. */
function placeCells(table: Table): Array<{ row: number; index: number; col: number }> {
  const taken: boolean[][] = table.rows.map(() => []);
  const out: Array<{ row: number; index: number; col: number }> = [];
  table.rows.forEach((r, row) => {
    let col = 0;
    r.cells.forEach((cell, index) => {
      while (taken[row]![col]) col++;
      out.push({ row, index, col });
      for (let dr = 0; dr < cell.rowSpan && row + dr < table.rows.length; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) taken[row + dr]![col + dc] = true;
      }
      col += cell.colSpan;
    });
  });
  return out;
}

/** Column widths: each at least its widest word, at most its longest line, the rest shared by need. */
function columnWidths(cells: readonly PlacedCell[], columns: number, width: number, ctx: FlowContext, pad: number): number[] {
  const min = new Array<number>(columns).fill(2 * pad + 1);
  const max = new Array<number>(columns).fill(2 * pad + 1);
  for (const c of cells) {
    if (c.cell.colSpan !== 1) continue;
    for (const spans of c.paragraphs) {
      min[c.col] = Math.max(min[c.col]!, minContentWidth(spans, ctx.fonts) + 2 * pad);
      max[c.col] = Math.max(max[c.col]!, maxContentWidth(spans, ctx.fonts) + 2 * pad);
    }
  }
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  if (sum(max) <= width) {
    // Room for every line unbroken: share what is left so the table spans the text column.
    const extra = (width - sum(max)) / columns;
    return max.map((m) => m + extra);
  }
  if (sum(min) >= width) return min.map((m) => (m * width) / sum(min));
  const slack = max.map((m, i) => m - min[i]!);
  const share = (width - sum(min)) / sum(slack);
  return min.map((m, i) => m + slack[i]! * share);
}

export function layoutTable(ctx: FlowContext, table: Table, parent: StructNode, width: number): TableLayout {
  const spec = ctx.layout.table;
  const pad = spec.padding;
  const calls: Array<[StructNode, string[]]> = [];
  const node = parent.add('Table');
  const lines: FlowLine[] = [];

  if (table.caption) {
    const caption = node.add('Caption');
    const { spans, calls: c } = inlineSpans(ctx, table.caption, caption, spec.caption);
    const ascent = ascentIn(ctx, spec.caption);
    breakLines(spans, width, ctx.fonts).forEach((line, i) => {
      lines.push({
        parts: [{ dx: 0, line }], height: spec.caption.leading, ascent, spaceBefore: 0,
        // The caption never ends a page without the table under it.
        breakBefore: i === 0 ? 'allow' : 'avoid', notes: [], anchors: [], start: { kind: 'node', id: table.id, offset: 0 },
      });
    });
    calls.push([caption, c]);
  }

  // Structure first, in reading order: header rows, then body rows.
  const head = table.headerRows > 0 ? node.add('THead') : undefined;
  const body = table.rows.length > table.headerRows ? node.add('TBody') : undefined;
  const rowNodes = table.rows.map((_, r) => (r < table.headerRows ? head! : body!).add('TR'));
  const placed: PlacedCell[] = placeCells(table).map(({ row, index, col }) => {
    const cell = table.rows[row]!.cells[index]!;
    const cellNode = rowNodes[row]!.add(cell.header ? 'TH' : 'TD', {
      table: {
        ...(cell.header ? { scope: cell.scope === 'row' ? 'Row' as const : 'Column' as const } : {}),
        ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
        ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
      },
    });
    const cellSpec: TextSpec = cell.header ? { ...spec.text, font: spec.headerFont } : spec.text;
    const paragraphs = cell.content.map((p) => {
      const owner = cell.content.length > 1 ? cellNode.add('P') : cellNode;
      const result = inlineSpans(ctx, p, owner, cellSpec);
      calls.push([cellNode, result.calls]);
      return result.spans;
    });
    return { cell, row, index, col, node: cellNode, spec: cellSpec, paragraphs };
  });

  const widths = columnWidths(placed, table.columns, width, ctx, pad);
  const colX = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const spanWidth = (c: PlacedCell): number => widths.slice(c.col, c.col + c.cell.colSpan).reduce((a, b) => a + b, 0);
  const paragraphGap = spec.text.leading * 0.3;

  const broken = new Map<PlacedCell, Line[][]>();
  const contentHeight = (c: PlacedCell): number => {
    const paras = broken.get(c)!;
    const count = paras.reduce((n, ls) => n + Math.max(1, ls.length), 0);
    return count * c.spec.leading + Math.max(0, paras.length - 1) * paragraphGap;
  };
  for (const c of placed) broken.set(c, c.paragraphs.map((spans) => breakLines(spans, Math.max(1, spanWidth(c) - 2 * pad), ctx.fonts)));

  // Row heights: single-row cells first, then merged cells stretch their last row when needed.
  const rowHeight = table.rows.map(() => spec.text.leading + 2 * pad);
  for (const c of placed) if (c.cell.rowSpan === 1) rowHeight[c.row] = Math.max(rowHeight[c.row]!, contentHeight(c) + 2 * pad);
  for (const c of placed) {
    if (c.cell.rowSpan === 1) continue;
    const last = Math.min(table.rows.length, c.row + c.cell.rowSpan) - 1;
    const have = rowHeight.slice(c.row, last + 1).reduce((a, b) => a + b, 0);
    const need = contentHeight(c) + 2 * pad;
    if (need > have) rowHeight[last]! += need - have;
  }

  // Rows joined by a merged cell stay on one page: one flow line per group.
  const groups: Array<[number, number]> = [];
  for (let r = 0; r < table.rows.length;) {
    let end = r + 1;
    for (let k = r; k < end; k++) {
      for (const c of placed) if (c.row === k) end = Math.max(end, Math.min(table.rows.length, c.row + c.cell.rowSpan));
    }
    // The header rows are one group, apart from the body.
    if (r < table.headerRows) end = Math.max(end, table.headerRows);
    groups.push([r, end]);
    r = end;
  }

  const offsets = tableOffsets(table);
  const ascent = (s: TextSpec): number => ascentIn(ctx, s);
  const groupLine = ([from, to]: [number, number]): FlowLine => {
    const top = (row: number): number => rowHeight.slice(from, row).reduce((a, b) => a + b, 0);
    const parts: LinePart[] = [];
    const boxes: Box[] = [];
    for (const c of placed) {
      if (c.row < from || c.row >= to) continue;
      const y = top(c.row);
      const last = Math.min(to, c.row + c.cell.rowSpan);
      boxes.push({ x: colX[c.col]!, y, width: spanWidth(c), height: top(last) - y });
      let lineTop = y + pad;
      broken.get(c)!.forEach((paragraph, p) => {
        if (p > 0) lineTop += paragraphGap;
        for (const line of paragraph) {
          parts.push({ dx: colX[c.col]! + pad, dy: lineTop + ascent(c.spec), line });
          lineTop += c.spec.leading;
        }
        if (paragraph.length === 0) lineTop += c.spec.leading;
      });
    }
    const first = offsets.find((o) => o.row >= from);
    return {
      parts, height: top(to), ascent: ascent(spec.text), spaceBefore: 0, breakBefore: 'allow', notes: [], anchors: [],
      start: { kind: 'node', id: table.id, offset: from === 0 || !first ? 0 : first.start },
      boxes: { boxes, width: spec.ruleWidth, color: spec.ruleColor },
    };
  };

  const header = groups.filter(([from]) => from < table.headerRows).map(groupLine);
  const rows = groups.filter(([from]) => from >= table.headerRows).map(groupLine);
  // Header and first row stay together; each later row repeats the header when it opens a page.
  if (rows[0] && header.length) rows[0].breakBefore = 'avoid';
  const repeat = header.map((l): FlowLine => ({ ...l, artifact: true, notes: [], anchors: [], breakBefore: 'avoid', spaceBefore: 0 }));
  for (const row of rows.slice(1)) if (repeat.length) row.repeatHeader = repeat;
  const rowsAfterCaption = [...header, ...rows];
  if (lines.length && rowsAfterCaption[0]) rowsAfterCaption[0].breakBefore = 'avoid';
  lines.push(...rowsAfterCaption);
  return { lines, calls };
}
