/**
 * Eight Kamerbrieven the project had never seen (test/fixtures/letters/unseen/): other ministries,
 * other field labels, every list style, running headers of later pages in the body, many and long
 * footnotes, source references, Q&A annexes with shared and wrongly labelled answers, CRLF + BOM.
 *
 * Part 1 pins what a human verified in each letter's text (labels, headings, lists, Q&A parts,
 * notes). Part 2 publishes all eight with every checker and demands zero violations.
 * Where rijkspers was wrong when these letters were first run, the assertions were written to the
 * right behaviour before the fix; those are marked "was a bug" below and now guard against regressions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, Heading, Letter, List, QaPart } from '../src/model/ast.js';
import { blockText, inlineText, noteText } from '../src/model/text.js';
import type { Diagnostic } from '../src/parse/diagnostics.js';
import { parseLetterFile } from '../src/parse/parse-letter.js';
import { buildLetters, type LetterOutcome } from '../src/pipeline.js';

const DIR = 'test/fixtures/letters/unseen';
const NBSP = '\u00a0';

// ---------------------------------------------------------------- views of the model

const headings = (blocks: readonly Block[]): Array<[number, string]> =>
  blocks.filter((b): b is Heading => b.type === 'heading').map((h) => [h.level, inlineText(h.content)]);

/** `lower-alpha.: a.{o,o} b. c.{-,-} d.` — style, suffix, markers, and the markers of nested lists. */
function listShape(list: List): string {
  const items = list.items.map((i) => i.marker + (i.children ? `{${i.children.items.map((c) => c.marker).join(',')}}` : ''));
  return `${list.style}${list.suffix}: ${items.join(' ')}`;
}

function allLists(blocks: readonly Block[]): List[] {
  return blocks.filter((b): b is List => b.type === 'list');
}

const fieldView = (l: Letter): Array<[string, string, string[]]> => l.fields.map((f) => [f.label, f.kind, f.values.map((v) => v.text)]);
const signatoryView = (l: Letter): Array<[string[], string | undefined]> => l.signatories.map((s) => [s.functionLines.map((f) => f.text), s.name?.text]);
const partView = (p: QaPart): [string, string, number[], number[] | undefined] => [p.type, p.label, p.numbers, p.answers];
const noteView = (l: Letter): Array<[string, number]> => l.notes.map((n) => [n.id, n.refIds.length]);
const codes = (ws: readonly Diagnostic[]): string[] => ws.map((w) => w.code);

/** Every block of the body and the annex, nested list items included, as plain text. */
function allText(l: Letter): string {
  const parts = l.body.map(blockText);
  if (l.annex) parts.push(...l.annex.parts.map(blockText));
  return parts.join('\n');
}

const footnotes = (n: number): Array<[string, number]> => Array.from({ length: n }, (_, i) => [`fn-${i + 1}`, 1]);
const sources = (n: number): Array<[string, number]> => Array.from({ length: n }, (_, i) => [`src-${i + 1}`, 1]);

async function parse(name: string): Promise<{ letter: Letter; warnings: Diagnostic[] }> {
  return parseLetterFile(join(DIR, `${name}.txt`));
}

// ---------------------------------------------------------------- part 1: the parser

describe('fin-voorjaarsnota-2026 (Financiën: return address, 5 fields, no logo, numbered headings, 10 footnotes)', async () => {
  const { letter, warnings } = await parse('fin-voorjaarsnota-2026');

  it('reads the letterhead: return address, subject with & < >, units, several value lines per field', () => {
    expect(letter.returnAddress?.text).toBe('> Retouradres Postbus 20201 2500 EE  Den Haag');
    expect(letter.subject.text).toBe('Voorjaarsnota 2026 & suppletoire begrotingen: tekort < 3% en schuld > 45% bbp');
    expect(letter.sender.organisation.text).toBe('Ministerie van Financiën');
    expect(letter.sender.units.map((u) => u.text)).toEqual(['Directoraat-Generaal Rijksbegroting', 'Directie Begrotingszaken']);
    expect(letter.sender.address.map((a) => a.text)).toEqual(['Korte Voorhout 7', '2511 CW  Den Haag', 'Postbus 20201', '2500 EE  Den Haag', 'www.rijksoverheid.nl/fin', 'T 070 342 80 00']);
    expect(fieldView(letter)).toEqual([
      ['Ons kenmerk', 'ourReference', ['2026-0000087654', 'BZ/2026/1123']],
      ['Uw kenmerk', 'yourReference', ['2026Z05512']],
      ['Inlichtingen', 'contact', ['drs. K. Yılmaz', 'T 06 1234 5678', 'k.yilmaz@minfin.nl']],
      ['Kopie aan', 'copyTo', ['Algemene Rekenkamer', 'Raad van State']],
      ['Bijlage(n)', 'attachments', ['3']],
    ]);
    expect(letter.logo).toBeUndefined();
    expect(letter.date).toMatchObject({ text: '21 april 2026', iso: '2026-04-21' });
  });

  // was a bug: "3.1 Saldo en schuld" directly under "3. Begrotingsbeleid" (no blank line) was read as a paragraph.
  it('reads numbered headings, also a sub-heading right under its heading', () => {
    expect(headings(letter.body)).toEqual([
      [2, '1. Inleiding'], [2, '2. Economische ontwikkeling'], [3, '2.1 Inflatie en koopkracht'], [3, '2.2 Arbeidsmarkt'],
      [2, '3. Begrotingsbeleid'], [3, '3.1 Saldo en schuld'], [3, '3.2 Meevallers en tegenvallers'], [3, '3.3 Europese begrotingsregels'],
      [2, '4. Vervolg'],
    ]);
  });

  it('reads a 1) list and a - list, with footnotes inside items, and keeps no-break spaces', () => {
    expect(allLists(letter.body).map(listShape)).toEqual(['decimal): 1) 2) 3)', 'bullet: - - - -']);
    const [koopkracht] = allLists(letter.body);
    expect(koopkracht!.items[0]!.content.some((c) => c.type === 'noteRef' && c.noteId === 'fn-4')).toBe(true);
    expect(allText(letter)).toContain(`€${NBSP}640${NBSP}miljoen`);
    expect(allText(letter)).toContain(`≥ 120${NBSP}%`);
    expect(allText(letter)).toContain('R&D-aftrek');
  });

  // was a bug: a footnote call right after a web address was swallowed by the link
  // ("…/voorjaarsnota/2026.[footnoteRef:10]" became the href), so note 10 was never called.
  it('ends a web address before the footnote call that follows it', () => {
    const vervolg = letter.body.at(-1)!;
    expect(vervolg.type).toBe('paragraph');
    const content = vervolg.type === 'paragraph' ? vervolg.content : [];
    const link = content.find((c) => c.type === 'link' && c.text.includes('rijksfinancien'));
    expect(link).toMatchObject({ href: 'https://www.rijksfinancien.nl/voorjaarsnota/2026', text: 'https://www.rijksfinancien.nl/voorjaarsnota/2026' });
    expect(content.some((c) => c.type === 'noteRef' && c.noteId === 'fn-10')).toBe(true);
    expect(inlineText(content)).not.toContain('[footnoteRef');
    expect(noteView(letter)).toEqual(footnotes(10));
    expect(codes(warnings)).toEqual([]);
  });

  it('reads the closing and the signatory', () => {
    expect(letter.closing && inlineText(letter.closing.content)).toBe('Met vriendelijke groet,');
    expect(signatoryView(letter)).toEqual([[['De minister van Financiën,'], 'E. Heinen']]);
  });
});

describe('jenv-antwoorden-vreemdelingenbewaring (J&V: Q&A with shared question block and shared answers)', async () => {
  const { letter, warnings } = await parse('jenv-antwoorden-vreemdelingenbewaring');

  it('reads an unknown label as a field and the logo alt text', () => {
    expect(letter.sender.units.map((u) => u.text)).toEqual(['Directoraat-Generaal Migratie', 'Directie Migratiebeleid']);
    expect(fieldView(letter)).toEqual([
      ['Ons kenmerk', 'ourReference', ['6512398']],
      ['Uw kenmerk', 'yourReference', ['2026Z02210']],
      ['Rubricering', 'other', ['Ongerubriceerd']],
      ['Bijlage(n)', 'attachments', ['-']],
    ]);
    expect(letter.logo?.alt).toBe('Logo Rijksoverheid');
  });

  it('keeps the letter to one paragraph and one signatory, the rest is the annex', () => {
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph']);
    expect(blockText(letter.body[0]!)).toContain('mede namens de minister van Asiel en Migratie');
    expect(letter.closing).toBeUndefined();
    expect(signatoryView(letter)).toEqual([[['De staatssecretaris van Justitie en Veiligheid,'], 'I. Coenradie']]);
  });

  it('reads every question and answer label as written, with the questions each answer answers', () => {
    expect(letter.annex?.title && inlineText(letter.annex.title.content)).toMatch(/^Antwoorden van de staatssecretaris van Justitie en Veiligheid op vragen van de leden Ellian en Van Nispen/u);
    expect(letter.annex!.parts.map(partView)).toEqual([
      ['question', 'Vraag 1', [1], undefined],
      ['answer', 'Antwoord', [], [1]],
      ['question', 'Vraag 2 en 3', [2, 3], undefined],
      ['answer', 'Antwoord op vraag 2 en 3', [2, 3], [2, 3]],
      ['question', 'Vraag 4', [4], undefined],
      ['question', 'Vraag 5', [5], undefined],
      ['question', 'Vraag 6', [6], undefined],
      ['answer', 'Antwoord 4, 5 en 6', [4, 5, 6], [4, 5, 6]],
      ['question', 'Vraag 7', [7], undefined],
      ['answer', 'Antwoord', [], [7]],
      ['question', 'Vraag 8', [8], undefined],
      ['answer', 'Antwoord 8', [8], [8]],
    ]);
    expect(letter.annex!.parts[2]!.content.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    const answer7 = letter.annex!.parts[9]!;
    expect(allLists(answer7.content).map(listShape)).toEqual(['bullet: - - - -']);
  });

  it('keeps footnotes and source references apart, each called once', () => {
    expect(noteView(letter)).toEqual([...footnotes(4), ...sources(3)]);
    expect(codes(warnings)).toEqual([]);
  });
});

describe('def-voortgang-materieelprojecten (Defensie: running headers in the body, * and – lists, long URL)', async () => {
  const { letter, warnings } = await parse('def-voortgang-materieelprojecten');

  it('reads Kenmerk, an unknown label with two values and an empty logo alt', () => {
    expect(fieldView(letter)).toEqual([
      ['Kenmerk', 'ourReference', ['BS2026012345']],
      ['Projectnummer', 'other', ['DMO-P-2019-044', 'DMO-P-2021-102']],
      ['Contactpersoon', 'contact', ['kol. ir. H.J. Meijer', 'T 070 441 21 12']],
      ['Bijlage(n)', 'attachments', ['2']],
    ]);
    expect(letter.logo).toMatchObject({ alt: '' });
    expect(letter.salutation && inlineText(letter.salutation.content)).toBe('Geachte voorzitter');
  });

  it('drops the running headers of pages 2–4 and reads headings and lists', () => {
    expect(headings(letter.body).map(([, t]) => t)).toEqual([
      'Algemeen beeld', 'Projecten in de realisatiefase', 'Onderzeeboten', 'Luchtverdediging', 'IT-vernieuwing',
      'Munitie en reservedelen', 'Financiën', 'Tot slot',
    ]);
    expect(allLists(letter.body).map(listShape)).toEqual(['bullet: * * * *', 'bullet: – – –']);
    expect(letter.body).toHaveLength(20);
    expect(allText(letter)).not.toMatch(/Pagina \d+ van \d+/u);
    expect(letter.body.filter((b) => blockText(b) === 'Ministerie van Defensie')).toEqual([]);
  });

  it('keeps a very long web address as one link', () => {
    const links = letter.body.flatMap((b) => (b.type === 'paragraph' ? b.content : [])).filter((c) => c.type === 'link');
    expect(links.map((l) => l.type === 'link' && l.href)).toEqual([
      'https://www.defensie.nl/downloads/kamerstukken/2026/05/15/bijlage-1-projectoverzichten-grote-materieelprojecten-voortgangsrapportage-2026-future-air-defence-patriot-nasams-korte-afstand-luchtverdediging-definitief-versie-1.2.pdf',
    ]);
  });

  it('reads a signature in capitals after Hoogachtend', () => {
    expect(letter.closing && inlineText(letter.closing.content)).toBe('Hoogachtend,');
    expect(signatoryView(letter)).toEqual([[['DE STAATSSECRETARIS VAN DEFENSIE,'], 'G.P. Tuinman']]);
    expect(noteView(letter)).toEqual(footnotes(4));
    expect(codes(warnings)).toEqual([]);
  });
});

describe('lvvn-mestmarkt-en-derogatie (LVVN: a. list with Word sub-levels, notes in items, 1 200-character note, two signatories)', async () => {
  const { letter, warnings } = await parse('lvvn-mestmarkt-en-derogatie');

  it('reads an organisation name with commas and a contact with three lines', () => {
    expect(letter.sender.organisation.text).toBe('Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur');
    expect(fieldView(letter)).toEqual([
      ['Onze referentie', 'ourReference', ['DGA / 98765432']],
      ['Uw referentie', 'yourReference', ['2025Z21456']],
      ['Contactpersoon', 'contact', ['mr. A. Kowalczyk-Łukasiewicz', 'Directie Agro- en Natuurkennis', 'T 070 378 68 68']],
      ['Bijlage(n)', 'attachments', ['1']],
    ]);
    expect(letter.logo?.alt).toBe('Logo Rijksoverheid met de tekst Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur');
    expect(headings(letter.body).map(([, t]) => t)).toEqual(['Aanleiding', 'Wat we doen', 'Gevolgen voor de boer', 'Waterkwaliteit', 'Vervolg']);
  });

  // was a bug: item "a." whose sub-items follow at the same indentation ("o<TAB>") was not recognised as
  // the start of the list: it became a paragraph "a.<TAB>We ondersteunen …", the o-items a list of their
  // own and b.–d. a third list starting at 2.
  it('reads one a.–d. list with the o-items under a. and the indented - items under c.', () => {
    expect(allLists(letter.body).map(listShape)).toEqual(['lower-alpha.: a.{o,o} b. c.{-,-} d.']);
    expect(letter.body.map((b) => b.type)).toEqual([
      'paragraph', 'heading', 'paragraph', 'heading', 'paragraph', 'list', 'heading', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph',
    ]);
    const [maatregelen] = allLists(letter.body);
    expect(maatregelen?.start).toBe(1);
    expect(inlineText(maatregelen!.items[0]!.content)).toMatch(/^We ondersteunen bedrijven/u);
    const sub = maatregelen!.items[0]!.children!.items[0]!;
    expect(sub.content.some((c) => c.type === 'noteRef' && c.noteId === 'fn-3')).toBe(true);
  });

  it('keeps a very long footnote whole, with its link', () => {
    const fn5 = letter.notes.find((n) => n.id === 'fn-5')!;
    expect(noteText(fn5).length).toBeGreaterThan(1200);
    expect(fn5.content.filter((c) => c.type === 'link').map((c) => c.type === 'link' && c.href)).toEqual(['https://www.rvo.nl/subsidies-financiering/overbruggingsregeling-mestafzet-2026']);
    expect(noteView(letter)).toEqual(footnotes(6));
    expect(allText(letter)).toContain(`170${NBSP}kg`);
  });

  it('reads two signatories', () => {
    expect(letter.closing && inlineText(letter.closing.content)).toBe('Met vriendelijke groet,');
    expect(signatoryView(letter)).toEqual([
      [['De minister van Landbouw, Visserij, Voedselzekerheid en Natuur,'], 'F.M. Wiersma'],
      [['De staatssecretaris van Infrastructuur en Waterstaat,'], 'C.A. Jansen'],
    ]);
    expect(codes(warnings)).toEqual([]);
  });
});

describe('szw-antwoorden-arbeidsmigranten (SZW: numbered answers, one wrong label, quotes and diacritics)', async () => {
  const { letter, warnings } = await parse('szw-antwoorden-arbeidsmigranten');

  it('reads a sender without units and an Inlichtingen field with an e-mail address', () => {
    expect(letter.sender.units).toEqual([]);
    expect(letter.sender.address.map((a) => a.text)).toEqual(['Parnassusplein 5', '2511 VX  Den Haag', 'Postbus 90801', '2509 LV  Den Haag', 'T 070 333 44 44', 'www.rijksoverheid.nl/szw']);
    expect(fieldView(letter)).toEqual([
      ['Onze referentie', 'ourReference', ['2026-0000154321']],
      ['Uw referentie', 'yourReference', ['2026Z11045']],
      ['Inlichtingen', 'contact', ['Afdeling Communicatie', 'communicatie@minszw.nl']],
      ['Bijlage(n)', 'attachments', ['-']],
    ]);
    expect(letter.fields[2]!.values[1]!.content[0]).toMatchObject({ type: 'link', href: 'mailto:communicatie@minszw.nl' });
  });

  it('keeps the wrong label "Antwoord 8" under Vraag 7 as written and warns once', () => {
    expect(letter.annex!.parts.map(partView)).toEqual([
      ['question', 'Vraag 1', [1], undefined], ['answer', 'Antwoord 1', [1], [1]],
      ['question', 'Vraag 2', [2], undefined], ['answer', 'Antwoord 2', [2], [2]],
      ['question', 'Vraag 3 en 4', [3, 4], undefined], ['answer', 'Antwoord 3 en 4', [3, 4], [3, 4]],
      ['question', 'Vraag 5', [5], undefined], ['question', 'Vraag 6', [6], undefined], ['answer', 'Antwoord 5 en 6', [5, 6], [5, 6]],
      ['question', 'Vraag 7', [7], undefined], ['answer', 'Antwoord 8', [8], [7]],
      ['question', 'Vraag 8', [8], undefined], ['answer', 'Antwoord 8', [8], [8]],
    ]);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['qa-label-mismatch', 89]]);
  });

  it('keeps quotes, diacritics and the euro sign exactly', () => {
    expect(letter.subject.text).toBe('Antwoorden op vragen van het lid Öztürk over de huisvesting van arbeidsmigranten');
    const text = allText(letter);
    expect(text).toContain(`„‘Twaalf man in één huis, €${NBSP}450 per bed’: arbeidsmigranten in Venlo betalen de hoofdprijs”?[1]`);
    expect(text).toContain('Michał');
    expect(text).toContain('‘ontkoppeling huurovereenkomst en arbeidsovereenkomst’');
    expect(noteText(letter.notes.find((n) => n.id === 'src-1')!)).toContain('Ağtepe');
    expect(noteView(letter)).toEqual([...footnotes(3), ...sources(3)]);
  });
});

describe('bzk-actieve-openbaarmaking (BZK: CRLF + BOM, return address, → in the subject, nested • list)', async () => {
  const { letter, warnings } = await parse('bzk-actieve-openbaarmaking');

  it('reads a CRLF file with a BOM like any other', () => {
    expect(letter.returnAddress?.text).toBe('Retouradres Postbus 20011 2500 EA  Den Haag');
    expect(letter.addressee.map((a) => a.text)).toEqual(['Aan de Voorzitter van de', 'Tweede Kamer der Staten-Generaal', 'Postbus 20018', '2500 EA  DEN HAAG']);
    expect(JSON.stringify(letter)).not.toMatch(/\\r|\\ufeff|\ufeff/u);
    expect(letter.subject.text).toBe('Voortgang Wet open overheid: actieve openbaarmaking → 17 informatiecategorieën');
  });

  it('reads two units, an e-mail line in the sender block and an attachment field with two titles', () => {
    expect(letter.sender.units.map((u) => u.text)).toEqual(['DG Digitalisering en Overheidsorganisatie', 'Directie Informatiesamenleving en Overheid']);
    expect(letter.sender.address.map((a) => a.text).slice(-3)).toEqual(['Nederland', 'www.rijksoverheid.nl/bzk', 'E wooloket@minbzk.nl']);
    expect(fieldView(letter)).toEqual([
      ['Onze referentie', 'ourReference', ['2026-0000432100']],
      ['Contactpersoon', 'contact', ['drs. S. Doğan', 'T 06 5000 1234']],
      ['Bijlage(n)', 'attachments', ['Voortgangsrapportage Woo 2026', 'Overzicht actieve openbaarmaking per ministerie']],
    ]);
  });

  it('reads headings and a • list with indented - items', () => {
    expect(headings(letter.body).map(([, t]) => t)).toEqual(['Stand van zaken', 'Actieve openbaarmaking', 'Wat we doen', 'Tot slot']);
    expect(allLists(letter.body).map(listShape)).toEqual(['bullet: • •{-,-} • •', 'bullet: • • •']);
    expect(allText(letter)).toContain('privacy & bedrijfsgeheimen');
    expect(signatoryView(letter)).toEqual([[['de minister van Binnenlandse Zaken en Koninkrijksrelaties,'], 'J.J.M. Uitermark']]);
    expect(noteView(letter)).toEqual(footnotes(2));
    expect(codes(warnings)).toEqual([]);
  });
});

describe('ez-ondernemingsklimaat-netcongestie (EZ: 5 pages, running headers, 1.<TAB> lists, nested o-items)', async () => {
  const { letter, warnings } = await parse('ez-ondernemingsklimaat-netcongestie');

  it('reads a field with a date and a number, Kopie aan with two values and an empty logo alt', () => {
    expect(fieldView(letter)).toEqual([
      ['Onze referentie', 'ourReference', ['DGED / 26312456']],
      ['Uw brief van', 'yourReference', ['14 oktober 2026', '2026Z17001']],
      ['Kopie aan', 'copyTo', ['Sociaal-Economische Raad', 'Adviescollege toetsing regeldruk']],
      ['Bijlage(n)', 'attachments', ['2']],
    ]);
    expect(letter.sender.address.map((a) => a.text).slice(-3)).toEqual(['www.rijksoverheid.nl/ez', 'T 070 379 89 11', 'E info@minez.nl']);
    expect(letter.logo).toMatchObject({ alt: '' });
  });

  it('reads two heading levels and four lists, without the running headers', () => {
    expect(headings(letter.body)).toEqual([
      [2, '1. Netcongestie'], [3, '1.1 Wat er al gebeurt'], [3, '1.2 Wat er nieuw is'],
      [2, '2. Regeldruk'], [3, '2.1 Aanpak'], [3, '2.2 Resultaten tot nu toe'],
      [2, '3. Innovatie'], [3, '3.1 Financiering'], [3, '3.2 Talent'],
      [2, '4. Financiële gevolgen'], [2, '5. Vervolg'],
    ]);
    expect(allLists(letter.body).map(listShape)).toEqual([
      'decimal.: 1. 2. 3. 4.', 'bullet: - -{o,o,o} - -', 'decimal.: 1. 2. 3.', 'decimal.: 1. 2. 3. 4.',
    ]);
    expect(allText(letter)).not.toMatch(/Pagina \d+ van \d+/u);
    expect(allText(letter)).toContain('“Groene en Digitale Banen”');
    expect(noteView(letter)).toEqual(footnotes(9));
    expect(signatoryView(letter)).toEqual([[['De minister van Economische Zaken,'], 'V.P.G. Karremans']]);
    expect(codes(warnings)).toEqual([]);
  });
});

describe('az-reactie-verzoek-commissie (AZ: Eerste Kamer, no logo, no running header, two function lines)', async () => {
  const { letter, warnings } = await parse('az-reactie-verzoek-commissie');

  it('reads a one-line addressee and a letterhead without logo', () => {
    expect(letter.addressee.map((a) => a.text)).toEqual(['Aan de Voorzitter van de Eerste Kamer der Staten-Generaal', 'Binnenhof 22', '2513 AA  Den Haag']);
    expect(letter.sender.units.map((u) => u.text)).toEqual(['Kabinet van de Minister-President']);
    expect(fieldView(letter)).toEqual([
      ['Ons kenmerk', 'ourReference', ['3876543']],
      ['Uw kenmerk', 'yourReference', ['178312.01U']],
    ]);
    expect(letter.logo).toBeUndefined();
  });

  it('reads the body, a 1. list and a signatory with two function lines', () => {
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'list', 'paragraph']);
    expect(allLists(letter.body).map(listShape)).toEqual(['decimal.: 1. 2. 3.']);
    expect(allText(letter)).toContain('met een termijn < 7 dagen');
    expect(signatoryView(letter)).toEqual([[['De minister-president,', 'Minister van Algemene Zaken,'], 'D. Schoof']]);
    expect(noteView(letter)).toEqual(footnotes(1));
    expect(codes(warnings)).toEqual([]);
  });
});

// ---------------------------------------------------------------- part 2: publish and check

const LETTERS = [
  'az-reactie-verzoek-commissie', 'bzk-actieve-openbaarmaking', 'def-voortgang-materieelprojecten', 'ez-ondernemingsklimaat-netcongestie',
  'fin-voorjaarsnota-2026', 'jenv-antwoorden-vreemdelingenbewaring', 'lvvn-mestmarkt-en-derogatie', 'szw-antwoorden-arbeidsmigranten',
] as const;

describe('publishing the unseen letters with every check', () => {
  const outcomes = new Map<string, LetterOutcome>();
  let outDir: string | undefined;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'rijkspers-unseen-'));
    const results = await buildLetters(LETTERS.map((n) => join(DIR, `${n}.txt`)), { outDir, formats: ['html', 'pdf', 'epub'], check: true });
    results.forEach((o, i) => outcomes.set(LETTERS[i]!, o));
  }, 240_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  // were bugs: bzk (axe target-size: two links on consecutive lines of the sender block),
  // fin (EPUBCheck RSC-005/RSC-020: the link href swallowed "[footnoteRef:10]").
  it.each(LETTERS)('%s: all three outputs pass every checker', (name) => {
    const o = outcomes.get(name)!;
    expect(o.kind).toBe('published');
    if (o.kind !== 'published') return;
    const failures = (o.checks ?? []).flatMap((c) => c.findings.filter((f) => f.fails).map((f) => `${c.format} ${f.tool.name} ${f.rule}: ${f.message.slice(0, 160)}`));
    expect(failures).toEqual([]);
    expect(o.checks?.map((c) => [c.format, c.passed])).toEqual([['html', true], ['pdf', true], ['epub', true]]);
  });

  it.each(LETTERS)('%s: no raw Word markup reaches the reader, and the EPUB page list matches the PDF', (name) => {
    const o = outcomes.get(name)!;
    if (o.kind !== 'published') throw new Error(`${name} was not published`);
    const out = (format: string) => o.outputs.find((x) => x.format === format)!;
    const html = readFileSync(out('html').path, 'utf8');
    expect(html.match(/\[footnoteRef:\s*\d+\s*\]|\[\d+:\s[^\]]{0,40}/gu) ?? []).toEqual([]);
    const files = unzipSync(new Uint8Array(readFileSync(out('epub').path)));
    const xhtml = Object.entries(files).filter(([p]) => p.endsWith('.xhtml')).map(([, d]) => strFromU8(d)).join('\n');
    expect(xhtml.match(/\[footnoteRef:\s*\d+\s*\]/gu) ?? []).toEqual([]);
    const pageList = /<nav[^>]*epub:type="page-list"[^>]*>([\s\S]*?)<\/nav>/u.exec(xhtml)?.[1] ?? '';
    expect(pageList.match(/<li\b/gu)?.length).toBe(out('pdf').pages);
  });
});
