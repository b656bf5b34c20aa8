/**
 * Issue 10 (a): what a reader picks from — the EPUB's table of contents, the PDF's bookmarks — and
 * what a screen reader announces for each heading of the HTML page: no two entries read the same,
 * and each answer says which question(s) it answers, also when one answer answers several
 * questions ("Antwoord 7 en 8" after Vraag 8 and Vraag 9 in the reference letter; "Antwoord op
 * vraag 2 en 3" after Vraag 2 and Vraag 3 in the VWS letter) or when its label says nothing
 * ("Antwoord").
 */
import { describe, expect, it } from 'vitest';
import { readBook } from '../support/epub.js';
import { answeredBy, expectNavigation, modelHeadings, type ExpectedHeading } from '../support/headings.js';
import { attr, headingsOf, normalized, one, parseHtml, selectAll, textOf } from '../support/html.js';
import { REFERENCE, VWS, letterText } from '../support/letters.js';
import { inspectPdf, type OutlineEntry } from '../support/pdf/inspect.js';
import { renderAll, type LetterSource, type RenderedLetter } from '../support/render.js';

interface Navigation {
  rendered: RenderedLetter;
  /** EPUB table of contents, in order. */
  toc: string[];
  /** PDF bookmarks, depth first. */
  bookmarks: string[];
  /** The accessible names of the HTML page's headings, in order. */
  htmlNames: string[];
  /** The model's headings (what every entry must stand for). */
  expected: ExpectedHeading[];
}

const flat = (es: readonly OutlineEntry[]): string[] => es.flatMap((e) => [e.title, ...flat(e.children)]);

async function navigationOf(source: LetterSource): Promise<Navigation> {
  const rendered = await renderAll(source);
  const book = readBook(rendered.epub);
  const doc = await inspectPdf(rendered.pdf, { pageText: false });
  return {
    rendered,
    toc: selectAll('nav[epub\\:type="toc"] a', book.nav.tree).map((a) => normalized(textOf(a))),
    bookmarks: flat(doc.outline).map(normalized),
    htmlNames: headingsOf(one('body', parseHtml(rendered.html))).map((h) => h.text),
    expected: modelHeadings(rendered.input.letter, rendered.input.theme),
  };
}

/** The web-only headings of the EPUB's table of contents, and the PDF's sources section, where they stand. */
function withExtras(n: Navigation, format: 'epub' | 'pdf'): ExpectedHeading[] {
  const { letter, theme } = n.rendered.input;
  const named = (level: number, text: string): ExpectedHeading => ({ level, text, name: text });
  const [subject, ...rest] = n.expected;
  const hasNotes = (kind: 'footnote' | 'source'): boolean => letter.notes.some((x) => x.kind === kind);
  if (format === 'pdf') return [...n.expected, ...(hasNotes('source') ? [named(2, theme.t('sources'))] : [])];
  // EPUB: the letter document (with the reference column's hidden heading), then the annex document; each ends with its notes.
  const bodyHeadings = letter.body.filter((b) => b.type === 'heading').length;
  const letterPart = rest.slice(0, bodyHeadings);
  const annexPart = rest.slice(bodyHeadings);
  const notesIn = (ids: readonly string[]): ExpectedHeading[] => [
    ...(letter.notes.some((x) => x.kind === 'footnote' && ids.includes(x.id)) ? [named(2, theme.t('footnotes'))] : []),
    ...(letter.notes.some((x) => x.kind === 'source' && ids.includes(x.id)) ? [named(2, theme.t('sources'))] : []),
  ];
  const book = readBook(n.rendered.epub);
  const idsIn = (i: number): string[] => (book.spine[i] ? selectAll('aside[role="doc-footnote"]', book.spine[i]!.tree).map((a) => attr(a, 'id')!) : []);
  return [subject!, named(2, theme.t('referenceColumn')), ...letterPart, ...notesIn(idsIn(0)), ...annexPart, ...notesIn(idsIn(1))];
}

const reference = await navigationOf(REFERENCE);
const vws = await navigationOf(VWS);

describe.each([['the reference letter', reference], ['the VWS letter', vws]] as const)('%s', (_name, n) => {
  it('has a table of contents in which no two entries read the same, each standing for its heading', () => {
    expectNavigation(n.toc, withExtras(n, 'epub'), 'EPUB table of contents');
  });

  it('has bookmarks in which no two read the same, each standing for its heading', () => {
    expectNavigation(n.bookmarks, withExtras(n, 'pdf'), 'PDF bookmarks');
  });

  it('has HTML headings whose accessible names are all different', () => {
    expect(new Set(n.htmlNames).size).toBe(n.htmlNames.length);
    for (const h of n.expected) expect(n.htmlNames).toContain(h.name);
  });

  it('says in every answer entry which question(s) it answers', () => {
    const answered = answeredBy(n.rendered.input.letter);
    const answers = n.expected.filter((h) => h.part?.type === 'answer');
    expect(answers.length).toBeGreaterThan(0);
    for (const h of answers) {
      const numbers = answered.get(h.part!)!;
      expect(numbers.length).toBeGreaterThan(0);
      const says = new RegExp(`op vraag ${numbers.slice(0, -1).join(', ')}${numbers.length > 1 ? ' en ' : ''}${numbers.at(-1)}\\)?$`, 'u');
      // The label says it already ("Antwoord op vraag 2 en 3"), or the entry adds it.
      for (const [what, entries] of [['toc', n.toc], ['bookmarks', n.bookmarks], ['html', n.htmlNames]] as const) {
        expect(entries.filter((e) => e === h.name), `${what}: ${h.name}`).toHaveLength(1);
        expect(h.name, `${what}: ${h.name}`).toMatch(says);
      }
    }
  });
});

describe('answers to several questions at once', () => {
  it('the reference letter: "Antwoord 7 en 8" after Vraag 8 and Vraag 9 is published as written and named as the answer to 8 and 9', () => {
    const i = reference.expected.findIndex((h) => h.text === 'Antwoord 7 en 8');
    expect(reference.expected.slice(i - 2, i + 1).map((h) => h.text)).toEqual(['Vraag 8', 'Vraag 9', 'Antwoord 7 en 8']);
    const name = 'Antwoord 7 en 8 (op vraag 8 en 9)';
    expect(reference.expected[i]!.name).toBe(name);
    expect(reference.toc).toContain(name);
    expect(reference.bookmarks).toContain(name);
    expect(reference.htmlNames).toContain(name);
    // Vraag 8 and Vraag 9 are both entries of their own, each by the start of its text.
    for (const entries of [reference.toc, reference.bookmarks]) {
      expect(entries.filter((e) => /^Vraag [89]: /u.test(e))).toHaveLength(2);
    }
  });

  it('the VWS letter: "Antwoord op vraag 2 en 3" after Vraag 2 and Vraag 3 says it all and gets no words added', () => {
    const i = vws.expected.findIndex((h) => h.text === 'Antwoord op vraag 2 en 3');
    expect(vws.expected.slice(i - 2, i + 1).map((h) => h.text)).toEqual(['Vraag 2', 'Vraag 3', 'Antwoord op vraag 2 en 3']);
    expect(vws.expected[i]!.name).toBe('Antwoord op vraag 2 en 3');
    for (const entries of [vws.toc, vws.bookmarks, vws.htmlNames]) expect(entries.filter((e) => e.startsWith('Antwoord op vraag 2 en 3'))).toEqual(['Antwoord op vraag 2 en 3']);
  });
});

describe('a letter that repeats a question', () => {
  // Two members asked the same question; the letter numbers both "Vraag 1" (a warning, not an error).
  const text = letterText({
    body: ['Hierbij de antwoorden.'],
    annex: [
      'Antwoorden op vragen van de leden Jansen en De Vries.', '',
      'Vraag 1', 'Wat kost de proef?', '', 'Antwoord', 'Twee miljoen.', '',
      'Vraag 1', 'Wat kost de proef?', '', 'Antwoord', 'Ook twee miljoen.', '',
      'Vraag 2', 'Wanneer?', '', 'Vraag 3', 'Waar?', '', 'Antwoord', 'In 2027, in Utrecht.',
    ],
  });

  it('numbers the repeats in the table of contents and the bookmarks: no two entries read the same', async () => {
    const n = await navigationOf({ text, file: 'dubbele-vraag.txt' });
    expect(n.rendered.input.warnings.map((w) => w.code)).toEqual(['question-sequence']);
    const qa = ['Vraag 1: Wat kost de proef?', 'Antwoord op vraag 1', 'Vraag 1: Wat kost de proef? (2)', 'Antwoord op vraag 1 (2)', 'Vraag 2: Wanneer?', 'Vraag 3: Waar?', 'Antwoord op vraag 2 en 3'];
    expect(n.toc.slice(3)).toEqual(qa);
    expect(n.bookmarks.slice(2)).toEqual(qa);
    expectNavigation(n.toc, withExtras(n, 'epub'), 'EPUB table of contents');
    expectNavigation(n.bookmarks, withExtras(n, 'pdf'), 'PDF bookmarks');
  });
});
