/**
 * The document rules (src/check/document/): what every format would get wrong the same way,
 * checked once on the model before any writer runs — notes-reachable, heading-order, unique-ids
 * (violations) and table-headers (a warning). Each rule on a letter that breaks it, found at the
 * right line, and the samples and unseen letters clean.
 */
import { describe, expect, it } from 'vitest';
import { checkDocument, DOCUMENT_RULES } from '../../../src/check/document/index.js';
import type { Letter, Table } from '../../../src/model/ast.js';
import { readLetter } from '../../../src/readers/index.js';
import { NUMBERED_SECTIONS, SAMPLES, TAB_TABLE, UNSEEN, parseCrafted } from '../../support/letters.js';

const brief = (findings: ReturnType<typeof checkDocument>): Array<[string, string, boolean, number | undefined]> =>
  findings.map((f) => [f.rule, f.severity, f.fails, f.locations[0]?.line]);

describe('the document rules', () => {
  it('are the four rules, in order', () => {
    expect(DOCUMENT_RULES.map((r) => [r.id, r.severity])).toEqual([
      ['notes-reachable', 'violation'], ['heading-order', 'violation'], ['table-headers', 'warning'], ['unique-ids', 'violation'],
    ]);
  });

  it.each([...SAMPLES, ...UNSEEN])('find nothing in %s', async (path) => {
    const { letter } = await readLetter(path);
    expect(checkDocument(letter)).toEqual([]);
  });
});

describe('notes-reachable', () => {
  it('reports a source nobody calls, at its line', () => {
    const { letter } = parseCrafted({ body: ['Een zin met een bron.[1]'], annex: ['[1] De bron.', '[2] Een bron die niemand noemt.'] });
    const findings = checkDocument(letter);
    const line = letter.notes.find((n) => n.id === 'src-2')!.line;
    expect(brief(findings)).toEqual([['notes-reachable', 'violation', true, line]]);
    expect(findings[0]!.message).toBe('note [2] is never called from the text');
    expect(findings[0]!.locations[0]!.file).toBe('crafted.txt');
  });

  it('reports a call whose note the model lacks', () => {
    const { letter } = parseCrafted({ body: ['Een zin met een voetnoot.[footnoteRef:1] [1:  De noot.]'] });
    letter.notes = [];
    expect(brief(checkDocument(letter))).toEqual([['notes-reachable', 'violation', true, 35]]);
  });
});

describe('heading-order', () => {
  it('reports a skipped level and an empty heading, at their lines', () => {
    const { letter } = parseCrafted({ body: NUMBERED_SECTIONS });
    const headings = letter.body.filter((b) => b.type === 'heading');
    headings[1]!.level = 4; // after a level-2 heading
    headings[4]!.content = [];
    const findings = checkDocument(letter);
    expect(brief(findings)).toEqual([
      ['heading-order', 'violation', true, headings[1]!.line],
      ['heading-order', 'violation', true, headings[4]!.line],
    ]);
    expect(findings[0]!.message).toMatch(/^a level-4 heading \("1\.1 Achtergrond.*"\) follows a level-2 heading$/u);
    expect(findings[1]!.message).toBe('a level-2 heading has no text');
  });
});

describe('table-headers', () => {
  it('warns about a table without header cells, at its line, and does not fail', async () => {
    const { letter } = await readLetter(TAB_TABLE);
    expect(checkDocument(letter)).toEqual([]);
    const table = letter.body.find((b): b is Table => b.type === 'table')!;
    for (const row of table.rows) for (const cell of row.cells) cell.header = false;
    table.headerRows = 0;
    const findings = checkDocument(letter);
    expect(brief(findings)).toEqual([['table-headers', 'warning', false, table.line]]);
    expect(findings[0]!.message).toBe('a table of 4 rows has no header cells');
  });
});

describe('unique-ids', () => {
  it('reports a second block with the same id', () => {
    const { letter } = parseCrafted({ body: ['Eerste alinea.', '', 'Tweede alinea.'] });
    const [first, second] = letter.body as [Letter['body'][number], Letter['body'][number]];
    second.id = first.id;
    expect(brief(checkDocument(letter))).toEqual([['unique-ids', 'violation', true, second.line]]);
  });
});
