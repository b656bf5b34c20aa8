/**
 * Every format gives every heading the same level (issue 8): the sequence of (level, text) of the
 * headings of the HTML page (h1–h6), of the EPUB's content documents in spine order, and of the
 * PDF's structure tree (H1–H6 elements, with the text of their marked content) must be one and the
 * same, and the one the model decided (`finishLetter`).
 *
 * Each heading is compared twice: its text as written (what the page shows) and its accessible
 * name (what a screen reader announces): an answer's label is published as written, and where it
 * does not say which questions it answers, the HTML/EPUB add visually hidden words and the PDF's H4
 * has an /Alt with the full name (issue 10).
 *
 * By design some headings exist only on the web: the visually hidden "Kenmerken van deze brief"
 * (the PDF groups the reference column in a titled Div instead) and the notes sections' "Voetnoten"
 * and "Bronnen". They are left out of the comparison by their ids; the PDF tags no reference-column
 * or "Voetnoten" heading (footnotes sit at the page foot), and its own "Bronnen" section (sources
 * apart from footnotes) is headed at H2 at the end, after every heading of the letter.
 */
import { describe, expect, it } from 'vitest';
import type { Element } from 'hast';
import { readBook } from '../support/epub.js';
import { modelHeadings } from '../support/headings.js';
import { attr, classes, headingsOf, normalized, one, parseHtml, textOf } from '../support/html.js';
import { FIN_KABINETSREACTIE, NUMBERED_SECTIONS, SAMPLES, UNSEEN, qaAnnex } from '../support/letters.js';
import { elements, inspectPdf, pagesOf, tagText } from '../support/pdf/inspect.js';
import { renderAll, type LetterSource } from '../support/render.js';

interface Heading { level: number; text: string; name: string }

/** Ids of the headings only the web formats have, by design (see above). */
const WEB_ONLY = ['kenmerken-titel', 'noten-voetnoten', 'noten-bronnen'];

/** What the page shows: the heading without its visually hidden words. */
function visibleText(el: Element): string {
  const strip = (node: Element): Element => ({
    ...node,
    children: node.children.filter((c) => c.type !== 'element' || !classes(c).includes('visually-hidden')).map((c) => (c.type === 'element' ? strip(c) : c)),
  });
  return normalized(textOf(strip(el)));
}

const webHeadings = (tree: Parameters<typeof headingsOf>[0]): Heading[] =>
  headingsOf(tree).filter((h) => !WEB_ONLY.includes(attr(h.el, 'id') ?? '')).map(({ level, text, el }) => ({ level, text: visibleText(el), name: text }));

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
    const expected: Heading[] = modelHeadings(input.letter, input.theme).map(({ level, text, name }) => ({ level, text, name }));

    const page = parseHtml(html);
    const fromHtml = webHeadings(one('body', page));

    const book = readBook(epub);
    const fromEpub = book.spine.flatMap((doc) => webHeadings(one('body', doc.tree)));

    const doc = await inspectPdf(pdf, { pageText: false });
    const tagged = elements(doc.root).filter((e) => /^H[1-6]$/u.test(e.type));
    const fromPdf = tagged.map((h) => ({ level: Number(h.type.slice(1)), text: normalized(tagText(h)), name: normalized(h.alt ?? tagText(h)) }));
    // The PDF's sources section: after the letter, at H2, only when the letter has sources.
    const sources = input.letter.notes.some((n) => n.kind === 'source');
    const pdfSources = sources ? fromPdf.pop() : undefined;
    expect(pdfSources).toEqual(sources ? { level: 2, text: input.theme.t('sources'), name: input.theme.t('sources') } : undefined);

    expect(fromHtml).toEqual(expected);
    expect(fromEpub).toEqual(expected);
    expect(fromPdf).toEqual(expected);
    // An /Alt only where the name says more than the text.
    for (const h of tagged) if (h.alt !== undefined) expect(normalized(h.alt)).not.toBe(normalized(tagText(h)));

    // pdfjs reads the same heading elements page by page (getStructTree) as the whole tree (pdf-lib) has.
    const perPage = doc.pages.map((p) => p.structRoles.filter((r) => /^H[1-6]$/u.test(r)));
    expect(perPage).toEqual(doc.pages.map((_, i) => tagged.filter((h) => pagesOf(h).includes(i)).map((h) => h.type)));

    // The web-only headings are there on the web; the PDF has no reference-column or footnotes heading.
    const webOnly = headingsOf(one('body', page)).filter((h) => WEB_ONLY.includes(attr(h.el, 'id') ?? '')).map((h) => h.text);
    expect(webOnly[0]).toBe(input.theme.t('referenceColumn'));
    for (const text of [input.theme.t('referenceColumn'), input.theme.t('footnotes')]) expect(fromPdf.map((h) => h.text)).not.toContain(text);
  });
});
