/**
 * The reference letter as Word documents: made by pandoc (letterhead as body paragraphs, running
 * header in a header part) and by LibreOffice the way government templates lay it out (addressee
 * and reference column in text boxes, Datum/Betreft in a table, a header on pages 2+ only). Both
 * must give the model the text reader gives for the text export of the same letter.
 */
import { describe, expect, it } from 'vitest';
import { readLetter } from '../../../src/readers/index.js';
import { letterWords } from '../../../src/model/text.js';
import { comparable, text } from './support.js';
import { fixture, type FixtureExpectation } from './manifest.js';
import type { Letter } from '../../../src/model/ast.js';

const TXT = 'input/000_4c8a1616a76a7555.txt';

function expectLetterhead(letter: Letter, expected: FixtureExpectation): void {
  const lh = expected.letterhead!;
  expect(letter.addressee.map((l) => l.text)).toEqual(lh.addressee);
  expect(letter.date).toMatchObject({ text: lh.date, iso: lh.dateIso });
  // The manifest writes U+00A0 as a space; the model keeps it.
  expect(letter.subject.text.replace(/\u00a0/gu, ' ')).toBe(lh.subject.replace(/\u00a0/gu, ' '));
  expect(letter.sender.organisation.text).toBe(lh.organisation);
  expect(letter.sender.address.map((l) => l.text)).toEqual(lh.senderAddress);
  expect(letter.fields.map((f) => ({ label: f.label, values: f.values.map((v) => v.text) }))).toEqual(lh.fields);
}

describe('reference-pandoc.docx (letterhead as body paragraphs)', async () => {
  const { path, expect: expected } = fixture('reference-pandoc.docx');
  const docx = await readLetter(path);
  const txt = await readLetter(TXT);

  it('gives the same model as the text export of the same letter (source lines and file aside)', () => {
    expect(comparable(docx.letter)).toEqual(comparable(txt.letter));
  });

  it('warns about the same things', () => {
    expect(docx.warnings.map((w) => [w.code, w.message])).toEqual(txt.warnings.map((w) => [w.code, w.message]));
    // Located by body paragraph: "Antwoord 7 en 8" is paragraph 110 (line 112 of the .txt, whose header lines 33–34 are in header1.xml).
    expect(docx.warnings[0]).toMatchObject({ code: 'qa-label-mismatch', line: 110, file: path });
  });

  it('reads the letterhead, salutation, signature and annex the manifest describes', () => {
    expectLetterhead(docx.letter, expected);
    expect(text(docx.letter.salutation!.content)).toBe(expected.salutation);
    expect(docx.letter.signatories[0]!.functionLines.map((l) => l.text)).toEqual(expected.signatory!.functionLines);
    expect(docx.letter.signatories[0]!.name?.text).toBe(expected.signatory!.name);
    const labels = docx.letter.annex!.parts.map((p) => p.label);
    expect(labels.filter((l) => l.startsWith('Vraag'))).toEqual(expected.annex!.questionLabels);
    expect(labels.filter((l) => l.startsWith('Antwoord'))).toEqual(expected.annex!.answerLabels);
  });

  it('numbers the Word footnotes as Word shows them (pandoc\'s w:id start near 23) and keeps the source reference', () => {
    const footnotes = docx.letter.notes.filter((n) => n.kind === 'footnote');
    expect(footnotes.map((n) => [n.id, n.label, text(n.content)])).toEqual(expected.footnotes!.map((f) => [`fn-${f.number}`, String(f.number), f.text]));
    const sources = docx.letter.notes.filter((n) => n.kind === 'source');
    expect(sources.map((n) => [n.id, text(n.content)])).toEqual(expected.sourceNotes!.map((s) => [`src-${s.number}`, s.text]));
  });

  it('drops the running header of the header part (organisation and Pagina {PAGE} van {NUMPAGES})', () => {
    const words = letterWords(docx.letter).join(' ');
    expect(words).not.toMatch(/Pagina/u);
    expect(words.split('Ministerie van Buitenlandse Zaken').length - 1).toBe(1);
  });
});

describe('reference-template.docx (text boxes, Datum/Betreft table, header on pages 2+)', async () => {
  const { path, expect: expected } = fixture('reference-template.docx');
  const docx = await readLetter(path);
  const txt = await readLetter(TXT);

  it('reads the letterhead from the text boxes and the table, each text box once', () => {
    expectLetterhead(docx.letter, expected);
    const words = letterWords(docx.letter).join(' ');
    // The VML fallback copy of each text box is not read a second time.
    expect(words.split('Prinses Irenestraat 6').length - 1).toBe(1);
    expect(words.split('BZ2624201').length - 1).toBe(1);
  });

  it('keeps the logo\'s description and leaves the header of pages 2+ out', () => {
    expect(docx.letter.logo?.alt).toBe('Logo Ministerie van Buitenlandse Zaken');
    const words = letterWords(docx.letter).join(' ');
    expect(words).not.toMatch(/Pagina/u);
    // The header repeats Datum and Onze referentie: they are in the letter once.
    expect(words.split('12 februari 2026').length - 1).toBe(1);
  });

  it('gives the same model as the text export, but for the logo description the template has and the export lacks', () => {
    const a = comparable(docx.letter) as { logo?: { alt: string } };
    const b = comparable(txt.letter) as { logo?: { alt: string } };
    // The text export's logo placeholder is "[image: ]": this template's logo has alternative text.
    expect(a.logo?.alt).toBe('Logo Ministerie van Buitenlandse Zaken');
    expect(b.logo?.alt).toBe('');
    expect({ ...a, logo: undefined }).toEqual({ ...b, logo: undefined });
  });
});
