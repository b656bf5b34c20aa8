/** One walk over a letter in reading order (model/visit.ts) and the text views built on it (model/text.ts). */
import { describe, expect, it } from 'vitest';
import { letterWords, sourceLineOf } from '../../src/model/text.js';
import { nodesById, walkLetter } from '../../src/model/visit.js';
import { parseCrafted, qaAnnex } from '../support/letters.js';

const { letter } = parseCrafted({
  returnAddress: 'Retouradres Postbus 1 1000 AA Ergens',
  body: ['Eerste alinea.[footnoteRef:1] [1:  Een voetnoot.]', '', '- een', '- twee'],
  annex: qaAnnex(),
});

describe('walkLetter', () => {
  it('visits letterhead, salutation, body, closing, signatories, annex and notes in reading order', () => {
    const order: string[] = [];
    walkLetter(letter, {
      textLine: (l) => order.push(`line:${l.text}`),
      node: (n) => order.push(`${n.type}:${n.id}`),
      note: (n) => order.push(`note:${n.id}`),
    });
    const i = (s: string): number => order.findIndex((x) => x.startsWith(s));
    expect(order[0]).toBe('line:Retouradres Postbus 1 1000 AA Ergens');
    expect(i('line:Aan de Voorzitter')).toBeLessThan(i('line:3 maart 2026'));
    expect(i('line:Voortgang van de proef')).toBeLessThan(i('line:Ministerie van Infrastructuur'));
    expect(i('line:Onze referentie')).toBeLessThan(i(`paragraph:${letter.salutation!.id}`));
    expect(i(`paragraph:${letter.salutation!.id}`)).toBeLessThan(i(`list:`));
    expect(i('list:')).toBeLessThan(i(`paragraph:${letter.closing!.id}`));
    expect(i(`paragraph:${letter.closing!.id}`)).toBeLessThan(i('signatory:'));
    expect(i('signatory:')).toBeLessThan(i('annex:'));
    expect(i('annex:')).toBeLessThan(i('question:'));
    expect(order.at(-1)).toBe('note:src-1');
  });

  it('leaves out notes and letterhead on request', () => {
    const seen: string[] = [];
    walkLetter(letter, { textLine: (l) => seen.push(l.text), note: (n) => seen.push(n.id) }, { notes: false, letterhead: false });
    expect(seen).toEqual(['de minister van Infrastructuur en Waterstaat,', 'A.B. de Vries']);
  });
});

describe('nodesById', () => {
  it('has every node a page can start in, and nothing else', () => {
    const nodes = nodesById(letter);
    const ids = [...nodes.keys()];
    expect(ids).toEqual([...ids].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(nodes.get(letter.annex!.id)?.type).toBe('annex');
    expect(nodes.get(letter.signatories[0]!.id)?.type).toBe('signatory');
    for (const part of letter.annex!.parts) {
      expect(nodes.get(part.id)).toBe(part);
      for (const b of part.content) expect(nodes.get(b.id)).toBe(b);
    }
    expect(nodes.get(letter.annex!.title!.id)).toBe(letter.annex!.title);
  });
});

describe('text views', () => {
  it('lists every word in reading order, notes last', () => {
    const words = letterWords(letter);
    expect(words.slice(0, 3)).toEqual(['Retouradres', 'Postbus', '1']);
    expect(words.indexOf('Eerste')).toBeLessThan(words.indexOf('twee'));
    expect(words.indexOf('Vraag')).toBeGreaterThan(words.indexOf('Vries'));
    // The footnote, then the source reference.
    expect(words.slice(-6)).toEqual(['Een', 'voetnoot.', 'NOS,', '5', 'februari', '2026.']);
  });

  it('finds the source line of a text', () => {
    expect(sourceLineOf(letter, 'Eerste alinea')).toBe(36);
    expect(sourceLineOf(letter, 'Retouradres')).toBe(2);
    expect(sourceLineOf(letter, 'nergens te vinden')).toBeUndefined();
  });
});
