/**
 * The PDF renderer on crafted letters: a paragraph crossing pages, a footnote too long for its
 * page, URLs wider than the column, no-break spaces, a long and a nested list, characters Fira
 * Sans lacks, `&` and `<` in the Betreft, and a character no font has.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishLetter } from '../../../src/model/finish.js';
import { inlineText, noteText, splitWords } from '../../../src/model/text.js';
import { MissingGlyphError, renderPdf } from '../../../src/render/pdf/index.js';
import { makePrintLayout } from '../../../src/render/print-layout.js';
import type { PdfRendering } from '../../../src/render/types.js';
import { parseXml, xmlElements, xmlText } from '../../support/xml.js';
import { CRAFTED_BODIES, FURNITURE, LONG_URL, layoutLetter, qaAnnex } from '../../support/letters.js';
import { addedWords, alignWords, bodyColumnRuns, drawnLines, elementsOfType, expectedParagraphCount, linesPerPage, mainWords, readingText, textAtPageStart } from '../../support/pdf/expect.js';
import { elements, inspectPdf, objrs, pagesOf, tagText, type Inspected, type TagNode } from '../../support/pdf/inspect.js';
import { renderInputOf, type Input } from '../../support/render.js';

const dir = mkdtempSync(join(tmpdir(), 'rijkspers-pdf-crafted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MM = 72 / 25.4;
const COLUMN_LEFT = 27 * MM;
// Changed on purpose: the body column is 128 mm wide (27–155 mm), 9 mm before the reference column.
const COLUMN_RIGHT = (27 + 128) * MM;

interface Case extends Input {
  pdf: PdfRendering;
  doc: Inspected;
  file: string;
}

const cases = new Map<string, Case>();
const SUBJECT = 'Kosten & baten van <regels> voor A&B en "citaten"';
const furnitureLetter = { parts: layoutLetter(CRAFTED_BODIES.sections, FURNITURE), file: 'furniture.txt' };

/** The furniture letter rendered first, while the process's font caches are empty. */
let renderedFirst: Uint8Array;

beforeAll(async () => {
  renderedFirst = (await renderPdf(await renderInputOf(furnitureLetter))).bytes;
  const all: Array<[string, Input]> = [];
  for (const [name, body] of Object.entries(CRAFTED_BODIES)) all.push([name, await renderInputOf({ parts: layoutLetter(body), file: `${name}.txt` })]);
  all.push(['subject', await renderInputOf({ parts: layoutLetter(['Een korte brief.'], { subject: SUBJECT }), file: 'subject.txt' })]);
  all.push(['furniture', await renderInputOf(furnitureLetter)]);
  all.push(['untitledAnnex', await renderInputOf({ parts: layoutLetter(['Een korte brief met vragen en antwoorden.'], { annex: qaAnnex(false) }), file: 'untitled-annex.txt' })]);
  for (const [name, input] of all) {
    const pdf = await renderPdf(input);
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf.bytes);
    cases.set(name, { ...input, pdf, file, doc: await inspectPdf(pdf.bytes) });
  }
});

const get = (name: string): Case => cases.get(name)!;


describe('every crafted letter', () => {
  // Our PDF/UA checker runs on these letters in test/e2e/ (with the one checker session of the run).
  it('keeps all words in reading order and one P per paragraph', () => {
    for (const [name, c] of cases) {
      const words = splitWords(readingText(c.doc.root, (n) => n.type === 'Note'));
      const { missing, unexpected } = alignWords(mainWords(c.letter), words, addedWords(c.letter, c.theme));
      expect({ name, missing, unexpected }).toEqual({ name, missing: [], unexpected: [] });
      expect(elementsOfType(c.doc.root, 'P'), name).toHaveLength(expectedParagraphCount(c.letter));
    }
  });

  it('never lets tagged text run past the right edge of its column', () => {
    for (const [name, c] of cases) {
      c.doc.pages.forEach((_, p) => {
        // The reference column starts right of the body; the masthead's wordmark is not in the body.
        for (const run of bodyColumnRuns(c.doc, p, COLUMN_RIGHT)) {
          expect(run.x + run.width, `${name} p${p + 1}: "${run.str}"`).toBeLessThanOrEqual(COLUMN_RIGHT + 0.5);
          expect(run.x).toBeGreaterThanOrEqual(COLUMN_LEFT - 0.01);
        }
      });
    }
  });

  it('reports page starts that point at the text the page begins with', () => {
    for (const [name, c] of cases) {
      for (const start of c.pdf.pageStarts.slice(1)) {
        if (start.at.kind === 'notes') {
          // A page holding only the rest of a long note: its first text continues a Note.
          const first = c.doc.pages[start.page - 1]!.taggedText[0]!.replace(/\s+/gu, ' ').trim().slice(0, 20);
          const notes = elementsOfType(c.doc.root, 'Note').map((n) => tagText(n).replace(/\s+/gu, ' '));
          expect(notes.some((n) => n.includes(first)), `${name} page ${start.page}`).toBe(true);
          continue;
        }
        const text = textAtPageStart(c.letter, start.at, c.theme);
        expect(text, `${name} page ${start.page}: ${JSON.stringify(start.at)}`).toBeDefined();
        const first = c.doc.pages[start.page - 1]!.taggedText[0]!.replace(/\s+/gu, ' ').trim().slice(0, 10);
        expect(text!.replace(/\s+/gu, ' ').startsWith(first), `${name} page ${start.page}`).toBe(true);
      }
    }
  });
});

describe('a paragraph longer than a page', () => {
  it('is one P over several pages, its text exact, with no widow or orphan line', () => {
    const { doc, letter, pdf } = get('longParagraph');
    const model = letter.body[1]!;
    const p = elementsOfType(doc.root, 'P').find((e) => tagText(e) === inlineText(model.type === 'paragraph' ? model.content : []))!;
    expect(p).toBeDefined();
    expect(pagesOf(p).length).toBeGreaterThanOrEqual(2);
    // Changed on purpose: one marked-content sequence per paragraph and page (not one per line).
    for (const page of pagesOf(p)) expect(p.kids.filter((k) => k.kind === 'mc' && k.page === page)).toHaveLength(1);
    for (const [, count] of linesPerPage(p)) expect(count).toBeGreaterThanOrEqual(2);
    expect(drawnLines(p).map((l) => l.text).join(' ')).toBe(inlineText(model.type === 'paragraph' ? model.content : []).replace(/\s+/gu, ' '));
    const continued = pdf.pageStarts.find((s) => s.at.kind === 'node' && s.at.id === model.id && s.at.offset > 0);
    expect(continued?.at.kind).toBe('node');
    const offset = continued!.at.kind === 'node' ? continued!.at.offset : -1;
    // The offset is the start of a word: the character before it is the space that ended the previous page.
    expect(inlineText(model.type === 'paragraph' ? model.content : []).charAt(offset - 1)).toBe(' ');
  });
});

describe('a footnote longer than the room left on its page', () => {
  it('starts on the page of its call and continues on the next page', () => {
    const { doc, letter } = get('longFootnote');
    const note = elementsOfType(doc.root, 'Note')[0]!;
    const [lbl, p] = note.kids.filter((k): k is TagNode => k.kind === 'el');
    const call = elementsOfType(doc.root, 'Reference')[0]!;
    expect(pagesOf(lbl!)).toEqual([pagesOf(call)[0]]);
    const pages = pagesOf(p!);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toBe(pagesOf(call)[0]);
    expect(tagText(p!)).toBe(noteText(letter.notes[0]!));
  });
});

describe('addresses wider than the column', () => {
  it('wrap inside the column at URL punctuation, one Link with an annotation per line', () => {
    const { doc } = get('url');
    const links = elementsOfType(doc.root, 'Link').filter((l) => tagText(l) === LONG_URL);
    expect(links).toHaveLength(1);
    const annots = objrs(links[0]!);
    expect(annots.length).toBeGreaterThanOrEqual(2);
    for (const { annot } of annots) {
      expect(annot.uri).toBe(LONG_URL);
      expect(annot.rect[2]!).toBeLessThanOrEqual(COLUMN_RIGHT + 0.5);
    }
    // Changed on purpose: the annotations of one link share one URI action, and a long address is
    // described by its start (the link itself keeps all of it).
    expect(new Set(annots.map((a) => a.annot.action)).size).toBe(1);
    expect(annots[0]!.annot.action).toBeDefined();
    for (const { annot } of annots) {
      const described = /^Link naar (.+)…$/u.exec(annot.contents ?? '');
      expect(described, annot.contents).not.toBeNull();
      expect(LONG_URL.startsWith(described![1]!)).toBe(true);
      expect(described![1]!.length).toBeGreaterThanOrEqual(100);
    }
    const lines = drawnLines(links[0]!).map((l) => l.text);
    expect(lines).toHaveLength(annots.length);
    expect(lines.join('')).toBe(LONG_URL);
    // Every line but the last ends right after URL punctuation.
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/[/.?&=_#@~+-]$/u);
  });

  it('breaks anywhere as a last resort (a path segment wider than the column)', () => {
    const { doc } = get('url');
    const long = elementsOfType(doc.root, 'Link').find((l) => tagText(l).includes('abcdefghij'))!;
    const lines = drawnLines(long).map((l) => l.text);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('')).toBe(`https://www.example.org/${'abcdefghij'.repeat(14)}`);
  });
});

describe('no-break spaces', () => {
  it('are kept in the tags and never end a line', () => {
    const { doc, letter } = get('nbsp');
    const model = letter.body[0]!;
    const text = inlineText(model.type === 'paragraph' ? model.content : []);
    const p = elementsOfType(doc.root, 'P').find((e) => tagText(e) === text)!;
    expect(p).toBeDefined();
    expect(text.split('\u00a0').length).toBeGreaterThan(80);
    const lines = drawnLines(p).map((l) => l.text);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    // Each line is found in the paragraph after the previous one, and starts after a real space:
    // never inside an NBSP group such as "€ 10 miljoen".
    const flat = text.replace(/\u00a0/gu, ' ');
    let at = 0;
    for (const [i, line] of lines.entries()) {
      const found = flat.indexOf(line.replace(/\u00a0/gu, ' '), at);
      expect(found, `line ${i} "${line}"`).toBeGreaterThanOrEqual(at);
      if (i > 0) expect(text.charAt(found - 1), `the break before line ${i} "${line.slice(0, 20)}"`).toBe(' ');
      at = found + line.length;
    }
    expect(at).toBe(text.length);
  });
});

describe('lists', () => {
  it('are L > LI > Lbl + LBody, 15 items, nested lists inside the item LBody', () => {
    const { doc } = get('list');
    const lists = elementsOfType(doc.root, 'L');
    const top = lists.filter((l) => !lists.some((o) => o !== l && elements(o).includes(l)));
    expect(top).toHaveLength(2);
    const [long, nested] = top as [TagNode, TagNode];
    const items = (l: TagNode): TagNode[] => l.kids.filter((k): k is TagNode => k.kind === 'el');
    expect(items(long)).toHaveLength(15);
    for (const li of items(long)) {
      expect(li.type).toBe('LI');
      expect(li.kids.filter((k): k is TagNode => k.kind === 'el').map((k) => k.type)).toEqual(['Lbl', 'LBody']);
      expect(tagText(li.kids.find((k): k is TagNode => k.kind === 'el' && k.type === 'Lbl')!)).toBe('•');
    }
    expect(tagText(items(long)[14]!)).toContain('maatregel 15');
    const firstBody = items(items(nested)[0]!).find((k) => k.type === 'LBody')!;
    const sub = firstBody.kids.find((k): k is TagNode => k.kind === 'el' && k.type === 'L')!;
    expect(sub).toBeDefined();
    expect(items(sub).map((li) => tagText(li))).toEqual(['a.eerste subpunt;', 'b.tweede subpunt;']);
    expect(items(nested).map((li) => tagText(items(li)[0]!))).toEqual(['1.', '2.']);
  });
});

describe('characters Fira Sans lacks', () => {
  it('are drawn with the embedded fallback font and read back exactly', () => {
    const { doc, letter, file } = get('glyphs');
    const texts = letter.body.map((b) => inlineText(b.type === 'paragraph' ? b.content : []));
    expect(texts[1]).toContain('e\u0308');
    const tagged = elementsOfType(doc.root, 'P').map((p) => tagText(p));
    for (const text of texts) expect(tagged).toContain(text);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans .* CID TrueType +Identity-H +yes +yes +yes/u);
    expect(fonts).toMatch(/FiraSans-Regular/u);
  });

  it('fail with a clear error when no font has them, an input error at their line in the pipeline', async () => {
    const input = await renderInputOf({ parts: layoutLetter(['Een teken dat geen lettertype heeft: 中.']), file: 'glyph.txt' });
    await expect(renderPdf(input)).rejects.toThrow(MissingGlyphError);
    await expect(renderPdf(input)).rejects.toThrow(/U\+4E2D/u);
    // Changed on purpose: the message names the character, its Unicode name and the fonts tried.
    await expect(makePrintLayout(input)).rejects.toMatchObject({
      diagnostic: {
        code: 'missing-glyph', file: 'glyph.txt', line: 33,
        message: expect.stringMatching(/^the character "中" \(U\+4E2D CJK UNIFIED IDEOGRAPH-4E2D\) is in none of the fonts the house style embeds \(tried Fira Sans, DejaVu Sans, Noto Sans Symbols 2, Noto Sans Symbols, Noto Sans Math, Noto Emoji\): replace it or leave it out$/u),
      },
    });
  });
});

describe('& and < in the Betreft', () => {
  it('give a well-formed XMP packet whose dc:title is the subject, and the same Info Title and H1', () => {
    const { doc, pdf } = get('subject');
    expect(doc.xmpTitle).toBe(SUBJECT);
    expect(doc.info.Title).toBe(SUBJECT);
    expect(elementsOfType(doc.root, 'H1').map((h) => tagText(h))).toEqual([SUBJECT]);
    // The metadata stream is not compressed: the packet is read as XML, straight from the file.
    const raw = Buffer.from(pdf.bytes).toString('utf8');
    const xmp = parseXml(raw.slice(raw.indexOf('<x:xmpmeta'), raw.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length));
    expect(xmlElements(xmp, 'dc:title').map((t) => xmlElements(t, 'rdf:li').map(xmlText))).toEqual([[SUBJECT]]);
    expect(xmlElements(xmp, 'pdfuaid:part').map(xmlText)).toEqual(['1']);
  });
});

describe('letterhead furniture and figures', () => {
  it('tags a described logo and an image description as Figures with /Alt, the return address as text', () => {
    const { doc, letter, theme } = get('furniture');
    const figures = elementsOfType(doc.root, 'Figure');
    expect(figures.map((f) => f.alt)).toEqual([FURNITURE.logoAlt, 'Grafiek van de uitgaven per jaar, 2020 tot en met 2026']);
    expect(doc.root.kids[0]).toBe(figures[0]);
    expect(tagText(figures[1]!)).toBe(figures[1]!.alt);
    const head = doc.root.kids.find((k): k is TagNode => k.kind === 'el' && k.title === theme.t('letterhead'))!;
    expect(tagText(head.kids.find((k): k is TagNode => k.kind === 'el')!)).toBe(letter.returnAddress!.text);
    const reference = doc.root.kids.find((k): k is TagNode => k.kind === 'el' && k.title === theme.t('referenceColumn'))!;
    expect(readingText(reference)).toContain('Ministerie van Testzaken Directie Opmaak en Toegankelijkheid');
  });

  it('makes section headings H2/H3 without skipped levels, bookmarked under the subject', () => {
    const { doc, letter } = get('furniture');
    expect(letter.body.filter((b) => b.type === 'heading')).toHaveLength(4);
    const headings = elements(doc.root).filter((e) => /^H\d$/u.test(e.type));
    expect(headings.map((h) => [h.type, tagText(h)])).toEqual([
      ['H1', 'Testbrief voor de PDF-opmaak'],
      ['H2', '1.1 Eerst een subkop'],
      ['H2', '1. Aanleiding'],
      ['H2', '2. Aanpak'],
      ['H3', '2.1 Uitwerking'],
    ]);
    expect(doc.outline.map((o) => [o.title, o.children.map((c) => [c.title, c.children.map((g) => g.title)])])).toEqual([
      ['Testbrief voor de PDF-opmaak', [['1.1 Eerst een subkop', []], ['1. Aanleiding', []], ['2. Aanpak', ['2.1 Uitwerking']]]],
    ]);
  });
});

describe('heading levels', () => {
  // Changed on purpose (issue 8): levels are decided once, by finishLetter, for every format; the
  // PDF tags the levels the model holds instead of closing gaps on its own.
  it('are the levels finishLetter decided: an H4 right after the subject becomes H2', async () => {
    const input = await renderInputOf({ parts: layoutLetter(CRAFTED_BODIES.sections) });
    const first = input.letter.body.find((b) => b.type === 'heading');
    if (first?.type !== 'heading') throw new Error('the crafted letter has a heading');
    first.level = 4;
    finishLetter(input.letter);
    expect(first.level).toBe(2);
    const doc = await inspectPdf((await renderPdf(input)).bytes);
    const levels = elements(doc.root).filter((e) => /^H\d$/u.test(e.type)).map((h) => Number(h.type.slice(1)));
    expect(levels).toEqual([1, 2, 2, 2, 3]);
  });

  // Changed on purpose (issue 8): an annex without a title is headed with the generic heading in
  // the PDF too (it had no heading there), at H2 with its labels at H3, as in HTML and EPUB.
  // Changed on purpose (issue 10): each answer at H4 under its question, named in full where its
  // label does not say which question it answers; the sources section heads itself at H2.
  it('head an annex without a title with "Vragen en antwoorden" at H2, its questions at H3 and answers at H4', () => {
    const { doc, theme } = get('untitledAnnex');
    const headings = elements(doc.root).filter((e) => /^H\d$/u.test(e.type)).map((h) => [h.type, tagText(h), h.alt]);
    expect(headings).toEqual([
      ['H1', 'Testbrief voor de PDF-opmaak', undefined],
      ['H2', theme.t('questionsAndAnswers'), undefined],
      ['H3', 'Vraag 1', undefined], ['H4', 'Antwoord', 'Antwoord op vraag 1'],
      ['H3', 'Vraag 2', undefined], ['H4', 'Antwoord 2', undefined],
      ['H2', theme.t('sources'), undefined],
    ]);
    expect(doc.outline[0]!.children.map((c) => c.title)).toEqual([theme.t('questionsAndAnswers'), theme.t('sources')]);
  });
});

describe('reproducibility', () => {
  it('gives the same bytes whatever the process rendered before (shared shaping caches)', () => {
    const later = get('furniture').pdf.bytes;
    expect(Buffer.compare(Buffer.from(renderedFirst), Buffer.from(later))).toBe(0);
  });
});
