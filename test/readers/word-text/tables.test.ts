/**
 * TAB-separated tables in the plain-text export (src/readers/shared/letter/tables.ts): two or more
 * consecutive lines with the same number (two or more) of TAB-separated cells are a table; its first
 * row is a header row when it reads as one (short labels, no numbers) and the rows under it do not.
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/model/ast.js';
import { inlineText } from '../../../src/model/text.js';
import { readLetter } from '../../../src/readers/index.js';
import { TAB_TABLE, paragraphs, parseCrafted } from '../../support/letters.js';

const tablesOf = (body: readonly string[]): { tables: Table[]; types: string[] } => {
  const { letter } = parseCrafted({ body });
  return { tables: letter.body.filter((b): b is Table => b.type === 'table'), types: letter.body.map((b) => b.type) };
};
const cells = (t: Table): string[][] => t.rows.map((r) => r.cells.map((c) => `${c.header ? 'th' : 'td'}:${c.content.map((p) => inlineText(p)).join('|')}`));

describe('TAB-separated tables', () => {
  it('reads the fixture letter\'s table with its header row, at the line of its first row', async () => {
    const { letter, warnings } = await readLetter(TAB_TABLE);
    expect(warnings).toEqual([]);
    const [table] = letter.body.filter((b): b is Table => b.type === 'table');
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
    expect({ line: table!.line, columns: table!.columns, headerRows: table!.headerRows }).toEqual({ line: 37, columns: 3, headerRows: 1 });
    expect(table!.rows[0]!.cells.map((c) => c.scope)).toEqual(['col', 'col', 'col']);
    expect(table!.rows.map((r) => r.line)).toEqual([37, 38, 39, 40]);
  });

  it('needs two rows: one line with TABs is a paragraph', () => {
    expect(tablesOf(['Regio\tAantal']).types).toEqual(['paragraph']);
  });

  it('has no header row when the first row reads as data', () => {
    const { tables } = tablesOf(paragraphs('De cijfers:', ['2024\t1.200\t18', '2025\t950\t16'].join('\n')));
    expect(cells(tables[0]!)).toEqual([['td:2024', 'td:1.200', 'td:18'], ['td:2025', 'td:950', 'td:16']]);
    expect(tables[0]!.headerRows).toBe(0);
  });

  it('has no header row when every row reads like labels (nothing tells the header apart)', () => {
    const { tables } = tablesOf(paragraphs('Wie doet wat:', ['Gemeente\tUitvoering', 'Provincie\tToezicht', 'Rijk\tWetgeving'].join('\n')));
    expect(tables[0]!.headerRows).toBe(0);
    expect(cells(tables[0]!)[0]).toEqual(['td:Gemeente', 'td:Uitvoering']);
  });

  it('pads a row whose last cells are empty (the export drops trailing TABs)', () => {
    const { tables } = tablesOf(paragraphs('Stand:', ['Project\tStart\tEinde', 'Brug\t2024\t2026', 'Sluis\t2025'].join('\n')));
    expect(cells(tables[0]!)).toEqual([['th:Project', 'th:Start', 'th:Einde'], ['td:Brug', 'td:2024', 'td:2026'], ['td:Sluis', 'td:2025', 'td:']]);
  });

  it('ends the table at a line with more cells, and never takes a list item for a row', () => {
    const { tables, types } = tablesOf(paragraphs(['Naam\tRol', 'Jansen\tvoorzitter', 'Pietersen\tlid\textra'].join('\n')));
    expect(types).toEqual(['table', 'paragraph']);
    expect(cells(tables[0]!)).toEqual([['td:Naam', 'td:Rol'], ['td:Jansen', 'td:voorzitter']]);
    const list = tablesOf(paragraphs('Punten:', ['•\teen', '•\ttwee'].join('\n')));
    expect(list.types).toEqual(['paragraph', 'list']);
  });
});
