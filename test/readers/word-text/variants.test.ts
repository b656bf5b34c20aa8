/** The parser on crafted variants of the letter family: list styles, headings, notes, encodings. */
import { describe, expect, it } from 'vitest';
import type { Block, Heading, Inline, List } from '../../../src/model/ast.js';
import { inlineText, unitText } from '../../../src/model/text.js';
import { parseLetterFile } from '../../../src/readers/word-text/parse-letter.js';
import { FIN_KABINETSREACTIE, letterText, parseCrafted, parseString } from '../../support/letters.js';

const lists = (blocks: readonly Block[]): List[] => blocks.filter((b): b is List => b.type === 'list');
const markers = (l: List): string[] => l.items.map((i) => i.marker);
const texts = (l: List): string[] => l.items.map((i) => inlineText(i.content));

describe('lists', () => {
  it.each([
    ['-', '- '], ['•', '• '], ['–', '– '], ['*', '* '], ['- (TAB)', '-\t'], ['• (TAB)', '•\t'],
  ])('bullet %s', (_name, prefix) => {
    const { letter } = parseCrafted({ body: ['Drie punten:', `${prefix}een;`, `${prefix}twee;`, `${prefix}drie.`] });
    const [list] = lists(letter.body);
    expect(list).toMatchObject({ ordered: false, style: 'bullet', suffix: '', start: 1 });
    expect(texts(list!)).toEqual(['een;', 'twee;', 'drie.']);
    expect(markers(list!)).toEqual(Array(3).fill(prefix.trim()));
  });

  it.each([
    ['1.', ['1.', '2.', '3.'], 'decimal', '.'],
    ['1)', ['1)', '2)', '3)'], 'decimal', ')'],
    ['a.', ['a.', 'b.', 'c.'], 'lower-alpha', '.'],
    ['a)', ['a)', 'b)', 'c)'], 'lower-alpha', ')'],
    ['A.', ['A.', 'B.', 'C.'], 'upper-alpha', '.'],
    ['i.', ['i.', 'ii.', 'iii.'], 'lower-roman', '.'],
  ] as const)('ordered %s', (_name, ms, style, suffix) => {
    const { letter } = parseCrafted({ body: ['Stappen:', ...ms.map((m, i) => `${m} stap ${i + 1};`)] });
    const [list] = lists(letter.body);
    expect(list).toMatchObject({ ordered: true, style, suffix, start: 1 });
    expect(markers(list!)).toEqual([...ms]);
    expect(texts(list!)).toEqual(['stap 1;', 'stap 2;', 'stap 3;']);
  });

  it('keeps the start number of a list that does not begin at 1', () => {
    const { letter } = parseCrafted({ body: ['Vervolg:', '4. vier;', '5. vijf.'] });
    expect(lists(letter.body)[0]).toMatchObject({ start: 4, style: 'decimal' });
  });

  it('continues a list across blank lines between items', () => {
    const { letter } = parseCrafted({ body: ['Punten:', '', '- een;', '', '- twee.', '', 'Daarna tekst.'] });
    expect(lists(letter.body)).toHaveLength(1);
    expect(texts(lists(letter.body)[0]!)).toEqual(['een;', 'twee.']);
    expect(unitText(letter.body.at(-1)!)).toBe('Daarna tekst.');
  });

  it('nests indented items under the previous item', () => {
    const { letter } = parseCrafted({ body: ['Punten:', '- een', '\t- een a', '\t- een b', '- twee'] });
    const [list] = lists(letter.body);
    expect(texts(list!)).toEqual(['een', 'twee']);
    expect(list!.items[0]!.children).toBeDefined();
    expect(texts(list!.items[0]!.children!)).toEqual(['een a', 'een b']);
    expect(list!.items[1]!.children).toBeUndefined();
  });

  it('nests Word sub-level glyphs at the same indentation (• then o)', () => {
    const { letter } = parseCrafted({ body: ['Punten:', '•\teen', 'o\tsub 1', 'o\tsub 2', '•\ttwee'] });
    const [list] = lists(letter.body);
    expect(texts(list!)).toEqual(['een', 'twee']);
    expect(markers(list!.items[0]!.children!)).toEqual(['o', 'o']);
  });

  it('nests a lettered list inside a numbered one', () => {
    const { letter } = parseCrafted({ body: ['Punten:', '1. een', '   a. een a', '   b. een b', '2. twee'] });
    const [list] = lists(letter.body);
    expect(texts(list!)).toEqual(['een', 'twee']);
    expect(list!.items[0]!.children).toMatchObject({ style: 'lower-alpha', start: 1 });
  });

  it('does not take a name or a lone number for a list', () => {
    const { letter } = parseCrafted({ body: ['A. Jansen heeft hierover vragen gesteld.', '', '1. Dit is een losse zin met een punt.'] });
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
  });
});

describe('headings', () => {
  it('recognises unnumbered and numbered headings and closes level gaps', () => {
    const { letter } = parseCrafted({
      body: ['Inleiding van de brief.', '', '1. Aanleiding', 'Tekst een.', '', '1.1 Achtergrond', 'Tekst twee.', '', '2.1.1 Detail', 'Tekst drie.', '', 'Tot slot', 'Tekst vier.'],
    });
    const hs = letter.body.filter((b): b is Heading => b.type === 'heading');
    expect(hs.map((h) => [h.level, h.number, inlineText(h.content)])).toEqual([
      [2, '1', '1. Aanleiding'], [3, '1.1', '1.1 Achtergrond'], [4, '2.1.1', '2.1.1 Detail'], [2, undefined, 'Tot slot'],
    ]);
  });

  it('never turns a sentence, a colon line or a list lead-in into a heading', () => {
    const { letter } = parseCrafted({ body: ['Dit is een zin.', '', 'De aanpak:', '- een', '', 'kleine letter begint', 'Tekst.'] });
    expect(letter.body.some((b) => b.type === 'heading')).toBe(false);
  });

  it('does not make headings in Q&A answers (a short answer without full stop)', () => {
    const { letter } = parseCrafted({ annex: ['Antwoorden op vragen.', '', 'Vraag 1', 'Klopt dit?', '', 'Antwoord', 'Nee', '', 'Vraag 2', 'En dat?', '', 'Antwoord', 'Ja.'] });
    expect(letter.annex!.parts[1]!.content.map((b) => b.type)).toEqual(['paragraph']);
  });
});

describe('Q&A annex', () => {
  const annex = [
    'Antwoorden van de minister op vragen van het lid Jansen.',
    '',
    'Vraag 1',
    'Eerste vraag?',
    '',
    'Antwoord 1',
    'Eerste antwoord.',
    '',
    'Vraag 2',
    'Tweede vraag?',
    '',
    'Vraag 3',
    'Derde vraag?',
    '',
    'Antwoord 2 en 3',
    'Gezamenlijk antwoord.',
    '',
    'Vragen 4 en 5',
    'Vierde en vijfde vraag?',
    '',
    'Antwoord op vraag 4 en 5',
    'Antwoord.',
    '',
    'Vraag 6',
    'Zesde?',
    '',
    'Antwoord 6 t/m 7',
    'Antwoord.',
  ];

  it('reads combined questions and answers with their numbers', () => {
    const { letter, warnings } = parseCrafted({ annex });
    const parts = letter.annex!.parts.map((p) => [p.type, p.label, p.numbers, p.answers ?? null]);
    expect(parts).toEqual([
      ['question', 'Vraag 1', [1], null],
      ['answer', 'Antwoord 1', [1], [1]],
      ['question', 'Vraag 2', [2], null],
      ['question', 'Vraag 3', [3], null],
      ['answer', 'Antwoord 2 en 3', [2, 3], [2, 3]],
      ['question', 'Vragen 4 en 5', [4, 5], null],
      ['answer', 'Antwoord op vraag 4 en 5', [4, 5], [4, 5]],
      ['question', 'Vraag 6', [6], null],
      ['answer', 'Antwoord 6 t/m 7', [6, 7], [6]],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['qa-label-mismatch']);
    expect(unitText(letter.annex!.title!)).toBe('Antwoorden van de minister op vragen van het lid Jansen.');
  });

  it('warns about skipped question numbers and a question left without answer', () => {
    const { warnings } = parseCrafted({ annex: ['Titel.', '', 'Vraag 1', 'Een?', '', 'Antwoord', 'Ja.', '', 'Vraag 3', 'Drie?'] });
    expect(warnings.map((w) => w.code)).toEqual(['question-sequence', 'question-without-answer']);
  });
});

describe('notes', () => {
  it('reads several footnotes on one line and a note text with brackets', () => {
    const { letter, warnings } = parseCrafted({
      body: ['Eerste bewering.[footnoteRef:1] Tweede bewering.[footnoteRef:2] [1:  Bron een [zie bijlage].]  [2:  Bron twee.]'],
    });
    expect(warnings).toEqual([]);
    expect(unitText(letter.body[0]!)).toBe('Eerste bewering.1 Tweede bewering.2');
    expect(letter.notes.map((n) => [n.id, inlineText(n.content)])).toEqual([
      ['fn-1', 'Bron een [zie bijlage].'], ['fn-2', 'Bron twee.'],
    ]);
  });

  it('numbers source references apart from footnotes', () => {
    const { letter } = parseCrafted({
      body: ['Zie het bericht.[1] En de motie.[footnoteRef:1] [1:  Motie Jansen.]'],
      annex: ['[1] NOS, 2 maart 2026.'],
    });
    const calls = (letter.body[0] as Block & { content: Inline[] }).content.filter((i) => i.type === 'noteRef');
    expect(calls.map((c) => (c.type === 'noteRef' ? [c.noteId, c.refId, c.label, c.kind] : []))).toEqual([
      ['src-1', 'srcref-1', '[1]', 'source'], ['fn-1', 'fnref-1', '1', 'footnote'],
    ]);
    expect(letter.annex).toBeUndefined();
  });

  it('gives a second call of the same note its own id', () => {
    const { letter } = parseCrafted({ body: ['Zie bron.[1]', '', 'Nogmaals dezelfde bron.[1]'], annex: ['[1] Bron.'] });
    expect(letter.notes[0]!.refIds).toEqual(['srcref-1', 'srcref-1-2']);
  });

  it('publishes a call without definition as written and warns', () => {
    const { letter, warnings } = parseCrafted({ body: ['Een bewering.[footnoteRef:4] En een bron.[7]'] });
    expect(unitText(letter.body[0]!)).toBe('Een bewering.[footnoteRef:4] En een bron.[7]');
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['undefined-note', 35], ['undefined-note', 35]]);
    expect(letter.notes).toEqual([]);
  });

  it('publishes a definition nobody calls and warns', () => {
    const { letter, warnings } = parseCrafted({ body: ['Tekst zonder verwijzing. [3:  Losse voetnoot.]'], annex: ['[2] Losse bron.'] });
    expect(letter.notes.map((n) => [n.id, n.refIds])).toEqual([['fn-3', []], ['src-2', []]]);
    expect(warnings.map((w) => w.code)).toEqual(['unreferenced-note', 'unreferenced-note']);
    expect(unitText(letter.body[0]!)).toBe('Tekst zonder verwijzing.');
  });

  it('warns about a footnote number defined twice and keeps the first text', () => {
    const { letter, warnings } = parseCrafted({ body: ['Een.[footnoteRef:1] [1:  Eerste.]', '', 'Twee. [1:  Tweede.]'] });
    expect(inlineText(letter.notes[0]!.content)).toBe('Eerste.');
    expect(warnings.map((w) => w.code)).toEqual(['duplicate-note']);
  });

  it('links web and e-mail addresses, not other text', () => {
    const { letter } = parseCrafted({ body: ['Mail naar info@minienw.nl of kijk op www.rijksoverheid.nl/onderwerpen (zie ook https://example.org/a_(b)).'] });
    const links = (letter.body[0] as Block & { content: Inline[] }).content.filter((i) => i.type === 'link');
    expect(links.map((l) => (l.type === 'link' ? [l.text, l.href] : []))).toEqual([
      ['info@minienw.nl', 'mailto:info@minienw.nl'],
      ['www.rijksoverheid.nl/onderwerpen', 'https://www.rijksoverheid.nl/onderwerpen'],
      ['https://example.org/a_(b)', 'https://example.org/a_(b)'],
    ]);
    expect(unitText(letter.body[0]!)).toBe('Mail naar info@minienw.nl of kijk op www.rijksoverheid.nl/onderwerpen (zie ook https://example.org/a_(b)).');
  });
});

describe('encodings and furniture', () => {
  it('reads a file with BOM and CRLF line ends exactly like the plain one', () => {
    const plain = parseCrafted({ body: ['Tekst met € en ë.'] });
    const crlf = parseCrafted({ body: ['Tekst met € en ë.'], eol: '\r\n', bom: true });
    expect(crlf.letter).toEqual(plain.letter);
    expect(crlf.letter.addressee[0]!.text).toBe('Aan de Voorzitter van de');
  });

  it('drops running headers of later pages inside the body', () => {
    const { letter } = parseCrafted({ body: ['Eerste alinea.', '', 'Ministerie van Infrastructuur en Waterstaat', 'Pagina 2 van 3', '', 'Tweede alinea.'] });
    expect(letter.body.map(unitText)).toEqual(['Eerste alinea.', 'Tweede alinea.']);
  });

  it('keeps <, >, & and no-break spaces as text', () => {
    const { letter } = parseCrafted({ subject: 'Kosten < € 5 & baten > 10\u00a0%', body: ['Als a < b & c > d, dan ≥\u00a010\u00a0%.'] });
    expect(letter.subject.text).toBe('Kosten < € 5 & baten > 10\u00a0%');
    expect(unitText(letter.body[0]!)).toBe('Als a < b & c > d, dan ≥\u00a010\u00a0%.');
  });

  it('reads labels on the same line as their values and unknown field labels', () => {
    const text = letterText({ fields: ['Ons kenmerk', 'ABC-1', '', 'Behandelaar', 'J. Jansen', '', 'Projectcode', 'PX 17'] })
      .replace('Datum\n3 maart 2026', 'Datum: 3 maart 2026').replace('Betreft\nVoortgang van de proef', 'Betreft: Voortgang van de proef');
    const { letter } = parseString(text);
    expect(letter.date).toMatchObject({ text: '3 maart 2026', iso: '2026-03-03' });
    expect(letter.subject.text).toBe('Voortgang van de proef');
    expect(letter.fields.map((f) => [f.label, f.kind, f.values.map((v) => v.text)])).toEqual([
      ['Ons kenmerk', 'ourReference', ['ABC-1']],
      ['Behandelaar', 'contact', ['J. Jansen']],
      ['Projectcode', 'other', ['PX 17']],
    ]);
    expect(letter.logo).toEqual({ alt: 'Logo Rijksoverheid', line: expect.any(Number) });
  });

  it('reads two signatories', () => {
    const text = letterText().replace('A.B. de Vries\n', 'A.B. de Vries\n\nde staatssecretaris van Financiën,\n\n\n\n\nC.D. Janssen\n');
    const { letter } = parseString(text);
    expect(letter.signatories.map((s) => [s.functionLines.map((l) => l.text), s.name?.text])).toEqual([
      [['de minister van Infrastructuur en Waterstaat,'], 'A.B. de Vries'],
      [['de staatssecretaris van Financiën,'], 'C.D. Janssen'],
    ]);
  });
});

describe("another ministry's letterhead (test/fixtures/letters/fin-kabinetsreactie.txt)", async () => {
  const { letter, warnings } = await parseLetterFile(FIN_KABINETSREACTIE);

  it('reads return address, inline labels and a subject wrapped over two lines', () => {
    expect(letter.returnAddress?.text).toBe('> Retouradres Postbus 20201 2500 EE  Den Haag');
    expect(letter.addressee.map((l) => l.text)).toEqual(['Aan de Voorzitter van de Tweede Kamer', 'der Staten-Generaal', 'Postbus 20018', '2500 EA  Den Haag']);
    expect(letter.date).toMatchObject({ text: '14 april 2026', iso: '2026-04-14' });
    expect(letter.subject.text).toBe('Kabinetsreactie op het rapport over de toeslagen');
  });

  it('reads organisation units, address and fields with their own labels', () => {
    expect(letter.sender.organisation.text).toBe('Ministerie van Financiën');
    expect(letter.sender.units.map((l) => l.text)).toEqual(['Directie Algemene Fiscale Politiek']);
    expect(letter.sender.address.map((l) => l.text)).toEqual(['Korte Voorhout 7', '2511 CW  Den Haag', 'Postbus 20201', '2500 EE  Den Haag', 'www.rijksoverheid.nl/fin']);
    expect(letter.fields.map((f) => [f.label, f.kind, f.values.map((v) => v.text)])).toEqual([
      ['Inlichtingen', 'contact', ['J. de Boer', 'T 070 342 80 00', 'j.deboer@minfin.nl']],
      ['Ons kenmerk', 'ourReference', ['2026-0000123456']],
      ['Uw brief (kenmerk)', 'yourReference', ['2026Z01234']],
      ['Kopie aan', 'copyTo', ['Algemene Rekenkamer']],
    ]);
    expect(letter.fields[0]!.values[2]!.content[0]).toMatchObject({ type: 'link', href: 'mailto:j.deboer@minfin.nl' });
  });

  it('reads a letter without logo placeholder or running header', () => {
    expect(letter.logo).toBeUndefined();
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(letter.closing && inlineText(letter.closing.content)).toBe('Met vriendelijke groet,');
    expect(letter.signatories[0]!.name?.text).toBe('mr. A. van der Linden');
    expect(warnings).toEqual([]);
  });
});

describe('addresses next to note calls', () => {
  it('ends a web address before a footnote call or source reference written straight after it', () => {
    const { letter, warnings } = parseCrafted({
      body: ['Zie https://www.rijksfinancien.nl/voorjaarsnota/2026.[footnoteRef:10] De rest (https://nos.nl/artikel/2512345)[1] volgt. [10:  Voorjaarsnota.]'],
      annex: ['[1] NOS.'],
    });
    expect(warnings).toEqual([]);
    const content = (letter.body[0] as Block & { content: Inline[] }).content;
    expect(content.map((i) => (i.type === 'link' ? `<${i.href}>` : i.type === 'noteRef' ? `{${i.noteId}}` : i.type === 'break' ? '\n' : i.text)).join('')).toBe(
      'Zie <https://www.rijksfinancien.nl/voorjaarsnota/2026>.{fn-10} De rest (<https://nos.nl/artikel/2512345>){src-1} volgt.',
    );
  });
});

describe('ordered lists with sub-levels at the same indentation', () => {
  it('keeps a.–d. as one list with o-items under a. and indented items under c.', () => {
    const { letter } = parseCrafted({
      body: ['Wij doen het volgende:', 'a.\tWe ondersteunen boeren:', 'o\tmet advies;', 'o\tmet subsidie;', 'b.\tWe meten.', 'c.\tWe handhaven:', '    - op het erf;', '    - op de weg;', 'd.\tWe evalueren.'],
    });
    const [list] = lists(letter.body);
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'list']);
    expect(markers(list!)).toEqual(['a.', 'b.', 'c.', 'd.']);
    expect(texts(list!.items[0]!.children!)).toEqual(['met advies;', 'met subsidie;']);
    expect(texts(list!.items[2]!.children!)).toEqual(['op het erf;', 'op de weg;']);
  });

  it('keeps 1.–2. as one list with a.–b. under 1.', () => {
    const { letter } = parseCrafted({ body: ['Stappen:', '1. Eerst:', 'a. dit;', 'b. dat;', '2. Daarna.'] });
    const [list] = lists(letter.body);
    expect(markers(list!)).toEqual(['1.', '2.']);
    expect(markers(list!.items[0]!.children!)).toEqual(['a.', 'b.']);
  });
});

describe('headings without a blank line before them', () => {
  it('reads a numbered sub-heading right under its heading, and a heading right after a list', () => {
    const { letter } = parseCrafted({
      body: ['Inleiding.', '', '3. Begrotingsbeleid', '3.1 Saldo en schuld', 'Het saldo daalt.', '', 'Drie punten:', '- een;', '- twee.', 'Vervolg', 'Daarna gaan we verder.'],
    });
    const hs = letter.body.filter((b): b is Heading => b.type === 'heading');
    expect(hs.map((h) => [h.level, inlineText(h.content)])).toEqual([[2, '3. Begrotingsbeleid'], [3, '3.1 Saldo en schuld'], [2, 'Vervolg']]);
  });

  it('keeps a short line right under a paragraph as text', () => {
    const { letter } = parseCrafted({ body: ['Dit is de eerste alinea.', 'Zie bijlage', 'En verder.'] });
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });
});

describe('unknown field labels', () => {
  it('reads a first field whose label names an identifier, even with digits in its value', () => {
    const { letter } = parseCrafted({ fields: ['Dossiernummer', '2026-0042', '', 'Onze referentie', 'ABC-1'] });
    expect(letter.fields.map((f) => [f.label, f.kind, f.values.map((v) => v.text)])).toEqual([
      ['Dossiernummer', 'other', ['2026-0042']], ['Onze referentie', 'ourReference', ['ABC-1']],
    ]);
    expect(letter.sender.address.map((l) => l.text)).toEqual(['Rijnstraat 8', '2515 XP Den Haag', 'Postbus 20901', '2500 EX Den Haag', 'www.rijksoverheid.nl/ienw']);
  });
});
