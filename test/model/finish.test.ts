/** What every writer must agree on, decided once (model/finish.ts): heading levels and note order. */
import { describe, expect, it } from 'vitest';
import type { Heading } from '../../src/model/ast.js';
import { finishLetter } from '../../src/model/finish.js';
import { NUMBERED_SECTIONS, parseCrafted, qaAnnex } from '../support/letters.js';

const levels = (hs: readonly { level: number }[]): number[] => hs.map((h) => h.level);
const headings = (blocks: readonly { type: string }[]): Heading[] => blocks.filter((b): b is Heading => b.type === 'heading');

describe('finishLetter', () => {
  it('gives numbered sections the levels of their numbers: 1. → 2, 1.1 → 3, 1.1.1 → 4', () => {
    const { letter } = parseCrafted({ body: NUMBERED_SECTIONS });
    expect(headings(letter.body).map((h) => [h.level, h.number])).toEqual([[2, '1'], [3, '1.1'], [4, '1.1.1'], [3, '1.2'], [2, '2']]);
  });

  it('closes gaps: a heading goes down any number of levels but up only one, within 2…6', () => {
    const { letter } = parseCrafted({ body: NUMBERED_SECTIONS });
    const hs = headings(letter.body);
    hs.forEach((h, i) => { h.level = [5, 1, 6, 9, 3][i]!; });
    finishLetter(letter);
    expect(levels(hs)).toEqual([2, 2, 3, 4, 3]);
  });

  // Changed on purpose (issue 10): an answer's label sits one level below its question(s).
  it('heads the annex at 2, its question labels at 3 and each answer label at 4, whatever the reader wrote', () => {
    for (const annex of [qaAnnex(), qaAnnex(false)]) {
      const { letter } = parseCrafted({ body: NUMBERED_SECTIONS, annex });
      const parts = (): Array<[string, string, number]> => letter.annex!.parts.map((p) => [p.type, p.label, p.level]);
      const expected: Array<[string, string, number]> = [['question', 'Vraag 1', 3], ['answer', 'Antwoord', 4], ['question', 'Vraag 2', 3], ['answer', 'Antwoord 2', 4]];
      expect(letter.annex!.level).toBe(2);
      expect(parts()).toEqual(expected);
      letter.annex!.level = 4;
      for (const p of letter.annex!.parts) p.level = 1;
      finishLetter(letter);
      expect(letter.annex!.level).toBe(2);
      expect(parts()).toEqual(expected);
    }
  });

  it('keeps an answer without a question at 3, and heads several questions answered together at 3 with their answer at 4', () => {
    const { letter } = parseCrafted({
      annex: ['Antwoorden op vragen.', '', 'Antwoord', 'Een antwoord zonder vraag.', '', 'Vraag 1', 'Een?', '', 'Vraag 2', 'Twee?', '', 'Antwoord op vraag 1 en 2', 'Beide.'],
    });
    expect(letter.annex!.parts.map((p) => [p.label, p.level])).toEqual([['Antwoord', 3], ['Vraag 1', 3], ['Vraag 2', 3], ['Antwoord op vraag 1 en 2', 4]]);
  });

  it('orders notes: Word footnotes by number, then source references by number', () => {
    const { letter } = parseCrafted({
      body: ['Eerst een bron.[2] Dan een voetnoot.[footnoteRef:3] En nog een.[footnoteRef:1] Bron een.[1] [3:  Drie.] [1:  Een.]'],
      annex: ['[2] Bron twee.', '[1] Bron een.'],
    });
    expect(letter.notes.map((n) => n.id)).toEqual(['fn-1', 'fn-3', 'src-1', 'src-2']);
    letter.notes.reverse();
    finishLetter(letter);
    expect(letter.notes.map((n) => n.id)).toEqual(['fn-1', 'fn-3', 'src-1', 'src-2']);
  });

  it('is idempotent', () => {
    const { letter } = parseCrafted({ body: NUMBERED_SECTIONS, annex: qaAnnex() });
    const once = structuredClone(letter);
    expect(finishLetter(letter)).toEqual(once);
  });
});
