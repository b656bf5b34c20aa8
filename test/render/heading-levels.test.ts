/**
 * Every format gives every heading the same level (issue 8): the sequence of (level, text) of the
 * headings of the HTML page (h1–h6), of the EPUB's content documents in spine order, and of the
 * PDF's structure tree (H1–H6 elements, with the text of their marked content) must be one and the
 * same, and the one the model decided (`finishLetter`).
 *
 * By design some headings exist only on the web: the visually hidden "Kenmerken van deze brief"
 * (the PDF groups the reference column in a titled Div instead) and the notes sections' "Voetnoten"
 * and "Bronnen" (the PDF places each note right after the text that calls it). They are left out of
 * the comparison by their ids, and the PDF is asserted to tag none of them.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Letter } from '../../src/model/ast.js';
import { inlineText } from '../../src/model/text.js';
import type { Theme } from '../../src/render/theme.js';
import { readBook } from '../support/epub.js';
import { attr, headingsOf, normalized, one, parseHtml } from '../support/html.js';
import { FIN_KABINETSREACTIE, NUMBERED_SECTIONS, SAMPLES, UNSEEN, qaAnnex } from '../support/letters.js';
import { elements, inspectPdf, pagesOf, tagText } from '../support/pdf/inspect.js';
import { renderAll, type LetterSource } from '../support/render.js';

interface Heading { level: number; text: string }

/** Ids of the headings only the web formats have, by design (see above). */
const WEB_ONLY = ['kenmerken-titel', 'noten-voetnoten', 'noten-bronnen'];

const webHeadings = (tree: Parameters<typeof headingsOf>[0]): Heading[] =>
  headingsOf(tree).filter((h) => !WEB_ONLY.includes(attr(h.el, 'id') ?? '')).map(({ level, text }) => ({ level, text }));

/** What the model decided: the subject, body headings, the annex heading and its labels. */
function modelHeadings(letter: Letter, theme: Pick<Theme, 't'>): Heading[] {
  const blocks = (bs: readonly Block[]): Heading[] => bs.flatMap((b) => (b.type === 'heading' ? [{ level: b.level, text: normalized(inlineText(b.content)) }] : []));
  const out: Heading[] = [{ level: 1, text: normalized(letter.subject.text) }, ...blocks(letter.body)];
  const { annex } = letter;
  if (annex) {
    out.push({ level: annex.level, text: normalized(annex.title ? inlineText(annex.title.content) : theme.t('questionsAndAnswers')) });
    out.push(...blocks(annex.intro));
    for (const part of annex.parts) out.push({ level: part.level, text: normalized(part.label) }, ...blocks(part.content));
  }
  return out;
}

/** Unseen letters with two heading levels (numbered and not) and a Q&A annex; test/e2e/ publishes all of them. */
const HEADED_UNSEEN = UNSEEN.filter((p) => /ez-ondernemingsklimaat|fin-voorjaarsnota|jenv-antwoorden/u.test(p));

const LETTERS: Array<[string, LetterSource]> = [
  ['crafted: annex with a title', { parts: { annex: qaAnnex() }, file: 'annex-met-titel.txt' }],
  ['crafted: annex without a title', { parts: { annex: qaAnnex(false) }, file: 'annex-zonder-titel.txt' }],
  ['crafted: numbered sections 1. / 1.1 / 1.1.1', { parts: { body: NUMBERED_SECTIONS }, file: 'genummerde-kopjes.txt' }],
  ['crafted: numbered sections and an annex without a title', { parts: { body: NUMBERED_SECTIONS, annex: qaAnnex(false) }, file: 'kopjes-en-annex.txt' }],
  ...[...SAMPLES, FIN_KABINETSREACTIE, ...HEADED_UNSEEN].map((p): [string, LetterSource] => [p, p]),
];

describe.each(LETTERS)('%s', (_name, source) => {
  it('has the same headings at the same levels in HTML, EPUB and the PDF tags, as the model decided', async () => {
    const { input, html, epub, pdf } = await renderAll(source);
    const expected = modelHeadings(input.letter, input.theme);

    const page = parseHtml(html);
    const fromHtml = webHeadings(one('body', page));

    const book = readBook(epub);
    const fromEpub = book.spine.flatMap((doc) => webHeadings(one('body', doc.tree)));

    const doc = await inspectPdf(pdf, { pageText: false });
    const tagged = elements(doc.root).filter((e) => /^H[1-6]$/u.test(e.type));
    const fromPdf = tagged.map((h) => ({ level: Number(h.type.slice(1)), text: normalized(tagText(h)) }));

    expect(fromHtml).toEqual(expected);
    expect(fromEpub).toEqual(expected);
    expect(fromPdf).toEqual(expected);

    // pdfjs reads the same heading elements page by page (getStructTree) as the whole tree (pdf-lib) has.
    const perPage = doc.pages.map((p) => p.structRoles.filter((r) => /^H[1-6]$/u.test(r)));
    expect(perPage).toEqual(doc.pages.map((_, i) => tagged.filter((h) => pagesOf(h).includes(i)).map((h) => h.type)));

    // The web-only headings are there on the web and nowhere in the PDF tags.
    const webOnly = headingsOf(one('body', page)).filter((h) => WEB_ONLY.includes(attr(h.el, 'id') ?? '')).map((h) => h.text);
    expect(webOnly[0]).toBe(input.theme.t('referenceColumn'));
    for (const text of webOnly) expect(fromPdf.map((h) => h.text)).not.toContain(text);
  });
});
