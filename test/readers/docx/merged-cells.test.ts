/**
 * merged-cells.docx (LibreOffice): a table with gridSpan and vMerge merges, two repeating header
 * rows and a caption numbered by a SEQ field, and two endnotes. It is no letter (no letterhead), so
 * its lines are read as the body of a minimal letter around them.
 */
import { describe, expect, it } from 'vitest';
import { openWordDocument } from '../../../src/readers/docx/index.js';
import { buildLetter } from '../../../src/readers/shared/letter/build-letter.js';
import type { SourceLine } from '../../../src/readers/shared/letter/source-line.js';
import { fixture } from './manifest.js';
import { blocksOf, grid, manifestText, text } from './support.js';

const { path, expect: expected } = fixture('merged-cells.docx');
const doc = await openWordDocument(path);
const line = (text: string): SourceLine => ({ n: 1, text });
const head = ['Aan de Voorzitter', 'Datum', '12 februari 2026', 'Betreft', 'Overzicht', '', 'Ministerie van Infrastructuur en Waterstaat', '', 'Geachte voorzitter,', ''].map(line);
const tail = ['', 'Hoogachtend,', '', 'De minister,', '', '', 'A.B. de Vries'].map(line);
const { letter, warnings } = buildLetter({ file: path, stem: 'merged-cells', sink: doc.sink, notes: doc.notes, lines: [...head, ...doc.lines, ...tail] });

describe('merged-cells.docx', () => {
  it('reads the table with its merged cells where Word places them', () => {
    const [table] = blocksOf(letter, 'table');
    const want = expected.tables![0]!;
    expect([table!.rows.length, table!.columns, table!.headerRows]).toEqual([want.rows, want.columns, want.headerRows]);
    const cells = grid(table!);
    // The manifest lists a vMerge continuation as an empty cell; the model lists only the cells that start in a row.
    expect(cells.map((r) => r.map((c) => c.text))).toEqual(want.cellsPerRow!.map((r, i) => (i === 0 ? r : r.filter((c, k) => !(c === '' && k < 2)))));
    const merged = cells.flatMap((r, row) => r.filter((c) => c.colSpan > 1 || c.rowSpan > 1).map((c) => ({ row, col: c.col, text: c.text, colspan: c.colSpan, rowspan: c.rowSpan })));
    expect(merged).toEqual(want.merges);
  });

  it('makes both repeating header rows header cells', () => {
    const [table] = blocksOf(letter, 'table');
    expect(table!.rows.slice(0, 2).every((r) => r.cells.every((c) => c.header && c.scope === 'col'))).toBe(true);
    expect(table!.rows.slice(2).some((r) => r.cells.some((c) => c.header))).toBe(false);
  });

  it('takes the caption paragraph with its SEQ field result as the table\'s caption', () => {
    const [table] = blocksOf(letter, 'table');
    expect(text(table!.caption!)).toBe(expected.tables![0]!.caption);
    expect(blocksOf(letter, 'paragraph').some((p) => text(p.content) === expected.tables![0]!.caption)).toBe(false);
  });

  it('numbers the endnotes as Word shows them, with ids of their own', () => {
    const notes = letter.notes.map((n) => [n.id, n.kind, n.label, text(n.content)]);
    expect(notes).toEqual(expected.endnotes!.map((e) => [`en-${e.number}`, 'footnote', String(e.number), e.text]));
    const texts = blocksOf(letter, 'paragraph').map((p) => manifestText(p.content));
    for (const entry of expected.body.filter((b) => b.text?.includes('[endnoteRef:'))) expect(texts).toContain(entry.text);
  });

  it('makes a heading of the Heading 1 paragraph', () => {
    expect(blocksOf(letter, 'heading').map((h) => [h.level, text(h.content)])).toEqual(expected.headings!.map((h) => [h.level + 1, h.text]));
    expect(warnings.filter((w) => w.code !== 'no-salutation')).toEqual([]);
  });
});
