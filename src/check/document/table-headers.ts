import { walkLetter } from '../../model/visit.js';
import type { Rule, RuleHit } from '../rule.js';
import type { DocumentContext } from './context.js';

/** A data table says what its cells mean: at least one header row or header column. */
export const tableHeaders: Rule<DocumentContext> = {
  id: 'table-headers',
  summary: 'Every table has header cells (a header row or a first column of row headers).',
  help: 'Without header cells a screen reader reads a table as loose values. In Word, mark the first row as a header row (Table Properties → Row → "Repeat as header row at the top of each page"); in a text export, make the first line of the table its column labels.',
  severity: 'warning',
  wcag: ['1.3.1'],
  check({ letter }) {
    const hits: RuleHit[] = [];
    walkLetter(letter, {
      node: (n) => {
        if (n.type === 'table' && !n.rows.some((r) => r.cells.some((c) => c.header))) {
          hits.push({ message: `a table of ${n.rows.length} rows has no header cells`, locations: [{ file: letter.source.path, line: n.line }] });
        }
      },
    }, { notes: false, letterhead: false });
    return hits;
  },
};
