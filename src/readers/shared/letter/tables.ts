/**
 * Tables in the plain-text export. Word writes a table row as one line with its cells separated
 * by TAB characters: two or more consecutive such lines with the same number of cells (at least
 * two) are a table. Word trims nothing inside a row, but the reader drops trailing whitespace, so a
 * row whose last cells are empty may have fewer cells: it is padded. List items (`1.<TAB>text`,
 * `•<TAB>text`) are lists, never table rows.
 */
import type { Inline, Table, TableCell } from '../../../model/ast.js';
import type { ParseContext } from './context.js';
import { trimmedRange, type SourceLine } from './source-line.js';

/** The cells of a line that can be a table row: two or more, not all empty; undefined otherwise. */
export function rowCells(l: SourceLine | undefined): string[] | undefined {
  if (!l || !l.text.includes('\t') || l.rich?.block) return undefined;
  const cells = l.text.trim().split('\t').map((c) => c.trim());
  return cells.length >= 2 && cells.some((c) => c !== '') ? cells : undefined;
}

/** Where each cell of `rowCells(l)` is in the line's text: `[start, end)`, trimmed like the cell. */
function cellRanges(l: SourceLine): Array<[number, number]> {
  const [s, e] = trimmedRange(l.text);
  const out: Array<[number, number]> = [];
  let from = s;
  for (let tab = l.text.indexOf('\t', s); tab >= 0 && tab < e; tab = l.text.indexOf('\t', tab + 1)) {
    out.push(trimmedRange(l.text, from, tab));
    from = tab + 1;
  }
  out.push(trimmedRange(l.text, from, e));
  return out;
}

/** A cell that reads as a column label: short words, no number, no sentence at its end. */
function labelLike(cell: string): boolean {
  return cell !== '' && cell.length <= 60 && cell.split(/\s+/u).length <= 6 && /^\p{L}/u.test(cell) && !/\d/u.test(cell) && !/[.;:!?]$/u.test(cell);
}

/**
 * The table starting at `start` (where `isItem` says no line is a list item), or undefined when
 * fewer than two rows follow one another.
 */
export function parseTable(lines: readonly SourceLine[], start: number, ctx: ParseContext, isItem: (l: SourceLine) => boolean): { table: Table; end: number } | undefined {
  const first = rowCells(lines[start]);
  if (!first || isItem(lines[start]!)) return undefined;
  const columns = first.length;
  const rows: Array<{ line: SourceLine; cells: string[] }> = [{ line: lines[start]!, cells: first }];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const cells = rowCells(lines[i]);
    if (!cells || cells.length > columns || isItem(lines[i]!)) break;
    rows.push({ line: lines[i]!, cells: [...cells, ...new Array<string>(columns - cells.length).fill('')] });
  }
  const content = (line: SourceLine, index: number): Inline[] => {
    const range = cellRanges(line)[index];
    // A padded cell (the row ended early) is empty.
    return range ? ctx.contentOf(line, ...range) : ctx.inlines('', line.n);
  };
  if (rows.length < 2) return undefined;
  const header = first.every(labelLike) && !rows.slice(1).every((r) => r.cells.every(labelLike));
  const id = ctx.nextId();
  const table: Table = {
    type: 'table', id, line: lines[start]!.n, columns, headerRows: header ? 1 : 0,
    rows: rows.map((r, index) => ({
      line: r.line.n,
      cells: r.cells.map((_text, k): TableCell => ({
        line: r.line.n,
        header: header && index === 0,
        ...(header && index === 0 ? { scope: 'col' as const } : {}),
        colSpan: 1,
        rowSpan: 1,
        content: [content(r.line, k)],
      })),
    })),
  };
  return { table, end: i };
}
