/**
 * The contract between the PDF layout and every format that shows print pages: a node's unit
 * text, and where an offset in it falls (model/page-starts.ts).
 */
import { describe, expect, it } from 'vitest';
import type { List, Paragraph } from '../../src/model/ast.js';
import { inlineText, listItemOffsets, positionIn, signatoryLines, unitText } from '../../src/model/page-starts.js';
import { parseString } from '../support/letters.js';

const { letter } = parseString([
  'Aan de Voorzitter', 'Datum', '1 maart 2026', 'Betreft', 'Eenheden', '', 'Ministerie van Eenheden', '',
  'Geachte voorzitter,', '', '1. Eerste kop', 'Een alinea met een noot.[footnoteRef:1] Verder. [1:  De noot.]', '',
  'Punten:', '- een', '    - een a', '    - een b', '- twee', '',
  '[image: Een grafiek]', '',
  'Met vriendelijke groet,', '', 'De minister van Eenheden,', 'namens deze,', '', '', 'A. Eenheid', '', '',
  'Antwoorden op vragen van het lid Maat.', '',
  'Vraag 1', 'Klopt dit?', '', 'Antwoord', 'Ja.', '', 'Zeker.',
].join('\n'), 'eenheden.txt');
const body = (type: string): Paragraph | List => letter.body.find((b) => b.type === type && (type !== 'paragraph' || b.id !== letter.body[0]?.id)) as Paragraph | List;
const list = letter.body.find((b): b is List => b.type === 'list')!;
const paragraph = letter.body.find((b): b is Paragraph => b.type === 'paragraph' && inlineText(b.content).startsWith('Een alinea'))!;
const signatory = letter.signatories[0]!;
const annex = letter.annex!;
const answer = annex.parts[1]!;

describe('unit text', () => {
  it('of a paragraph or heading is its inline text, note labels included', () => {
    expect(unitText(paragraph)).toBe('Een alinea met een noot.1 Verder.');
    expect(unitText(body('heading'))).toBe('1. Eerste kop');
  });

  it("of a list is its items' text joined by line ends, nested items right after their parent", () => {
    expect(unitText(list)).toBe('een\neen a\neen b\ntwee');
    expect(listItemOffsets(list).map((o) => [o.indices, o.start, o.length])).toEqual([[[0], 0, 3], [[0, 0], 4, 5], [[0, 1], 10, 5], [[1], 16, 4]]);
  });

  it('of an image is its description, of a signatory its lines, of a part its label then its blocks, of the annex nothing', () => {
    expect(unitText(letter.body.find((b) => b.type === 'image')!)).toBe('Een grafiek');
    expect(signatoryLines(signatory)).toEqual(['De minister van Eenheden,', 'namens deze,', 'A. Eenheid']);
    expect(unitText(signatory)).toBe('De minister van Eenheden,\nnamens deze,\nA. Eenheid');
    expect(unitText(answer)).toBe('Antwoord\nJa.\nZeker.');
    expect(unitText(annex)).toBe('');
  });
});

describe('positionIn', () => {
  it('puts offset 0, any offset in a heading or an image, and the annex before the element', () => {
    expect(positionIn(paragraph, 0)).toEqual({ kind: 'before', id: paragraph.id });
    expect(positionIn(body('heading'), 5)).toEqual({ kind: 'before', id: body('heading').id });
    const image = letter.body.find((b) => b.type === 'image')!;
    expect(positionIn(image, 3)).toEqual({ kind: 'before', id: image.id });
    expect(positionIn(annex, 7)).toEqual({ kind: 'before', id: annex.id });
  });

  it('finds the run of text and the offset in it: paragraph, nested list item, signature line', () => {
    expect(positionIn(paragraph, 4)).toEqual({ kind: 'text', id: paragraph.id, run: { in: 'paragraph' }, offset: 4 });
    expect(positionIn(list, 12)).toEqual({ kind: 'text', id: list.id, run: { in: 'item', indices: [0, 1] }, offset: 2 });
    expect(positionIn(signatory, 'De minister van Eenheden,'.length + 1)).toEqual({ kind: 'text', id: signatory.id, run: { in: 'line', line: 1 }, offset: 0 });
    expect(positionIn(signatory, 0)).toEqual({ kind: 'before', id: signatory.id });
  });

  it('puts a page that starts in a question/answer label before the part, and one in its text into the block', () => {
    expect(positionIn(answer, 3)).toEqual({ kind: 'before', id: answer.id });
    expect(positionIn(answer, 'Antwoord\nJa.\n'.length + 2)).toEqual({ kind: 'text', id: answer.content[1]!.id, run: { in: 'paragraph' }, offset: 2 });
  });
});
