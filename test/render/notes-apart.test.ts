/**
 * Issue 10 (c): Word footnotes and source references are two different things and every format
 * keeps them apart, with a way back from each note to the text. The VWS sample has both on one
 * page, with the same number: footnote 1 ("Nederlands Jeugdinstituut …") and source [1]
 * ("Nationale ombudsman …").
 *  - PDF: each footnote at the foot of the page of its first call; the sources listed at the end
 *    under "Bronnen" (H2, a bookmark), each a Note with its label, text and a back-link (↩) to a
 *    named destination at its call.
 *  - HTML and EPUB: the notes section holds a "Voetnoten" list and a "Bronnen" list; every note
 *    has a back-link to each of its calls.
 */
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { noteText } from '../../src/model/text.js';
import { readBook } from '../support/epub.js';
import { attr, byId, childElements, classes, normalized, parseHtml, selectAll, textOf } from '../support/html.js';
import { VWS } from '../support/letters.js';
import { expectPdfSourceBackLinks } from '../support/outputs.js';
import { elementsOfType, isBackLink, noteBodyText } from '../support/pdf/expect.js';
import { elements, inspectPdf, objrs, pagesOf, tagText, type TagNode } from '../support/pdf/inspect.js';
import { renderAll } from '../support/render.js';

const all = await renderAll(VWS);
const { letter, theme } = all.input;
const doc = await inspectPdf(all.pdf);
const book = readBook(all.epub);
const html = parseHtml(all.html);

const footnotes = letter.notes.filter((n) => n.kind === 'footnote');
const sources = letter.notes.filter((n) => n.kind === 'source');

describe('the VWS letter', () => {
  it('has footnotes and a source with the same number', () => {
    expect(footnotes.map((n) => [n.id, n.label])).toEqual([['fn-1', '1'], ['fn-2', '2']]);
    expect(sources.map((n) => [n.id, n.label])).toEqual([['src-1', '[1]']]);
    expect(noteText(footnotes[0]!)).toMatch(/^Nederlands Jeugdinstituut/u);
    expect(noteText(sources[0]!)).toMatch(/^Nationale ombudsman/u);
  });
});

describe('PDF', () => {
  const notes = elementsOfType(doc.root, 'Note');
  const note = (id: string): TagNode => notes.find((n) => n.id === id)!;
  /** Baselines (pdfjs y, from the bottom) of an element's own and descendants' marked content. */
  const baselines = (el: TagNode): number[] => {
    const keys = new Set(elements(el).flatMap((e) => e.kids.flatMap((k) => (k.kind === 'mc' ? [`${k.page}:${k.mcid}`] : []))));
    return doc.pages.flatMap((p, i) => p.runs.filter((r) => keys.has(`${i}:${r.mcid}`)).map((r) => r.y));
  };
  const callOf = (id: string): TagNode => elementsOfType(doc.root, 'Reference').find((r) => objrs(r).some((o) => o.annot.dest === id))!;

  it('sets both on one page: the footnotes at its foot, the source in the Bronnen section above them', () => {
    const page = pagesOf(callOf('fn-1'))[0]!;
    for (const n of letter.notes) expect(pagesOf(note(n.id)), n.id).toEqual([page]);
    // Top to bottom: the last paragraph of the letter, "Bronnen", the source, the footnotes.
    const sect = doc.root.kids.filter((k): k is TagNode => k.kind === 'el').at(-1)!;
    const heading = sect.kids.find((k): k is TagNode => k.kind === 'el' && k.type === 'H2')!;
    expect(tagText(heading)).toBe(theme.t('sources'));
    const bodyParagraphs = elementsOfType(doc.root, 'P').filter((p) => !notes.some((n) => elements(n).includes(p)) && pagesOf(p).includes(page));
    const lowestText = Math.min(...bodyParagraphs.flatMap(baselines));
    const [headingY] = baselines(heading);
    const sourceYs = baselines(note('src-1'));
    const footnoteYs = footnotes.flatMap((n) => baselines(note(n.id)));
    expect(headingY).toBeLessThan(lowestText);
    expect(Math.max(...sourceYs)).toBeLessThan(headingY!);
    expect(Math.max(...footnoteYs)).toBeLessThan(Math.min(...sourceYs));
  });

  it('tags each footnote right after the paragraph that calls it, and the source in the last Sect, after "Bronnen"', () => {
    for (const n of footnotes) {
      const parent = elements(doc.root).find((e) => e.kids.includes(note(n.id)))!;
      const siblings = parent.kids.filter((k): k is TagNode => k.kind === 'el');
      const before = siblings.slice(0, siblings.indexOf(note(n.id))).filter((s) => s.type !== 'Note').at(-1)!;
      expect(elements(before)).toContain(callOf(n.id));
    }
    const sect = doc.root.kids.filter((k): k is TagNode => k.kind === 'el').at(-1)!;
    expect(sect.kids.filter((k): k is TagNode => k.kind === 'el').map((k) => [k.type, k.id ?? tagText(k)])).toEqual([['H2', 'Bronnen'], ['Note', 'src-1']]);
    expect(doc.outline[0]!.children.map((c) => c.title).at(-1)).toBe('Bronnen');
  });

  it('labels each note as written and gives the source its text and a back-link ↩ to its call', () => {
    for (const n of letter.notes) {
      const [lbl, p] = note(n.id).kids.filter((k): k is TagNode => k.kind === 'el');
      expect([lbl!.type, tagText(lbl!)]).toEqual(['Lbl', n.label]);
      expect(noteBodyText(p!)).toBe(noteText(n));
      const backLinks = elements(p!).filter(isBackLink);
      expect(backLinks.map((l) => tagText(l))).toEqual(n.kind === 'source' ? [theme.t('backlinkSymbol')] : []);
    }
    expectPdfSourceBackLinks(letter, doc);
    // The back-link's destination is at the call: on its page, at the height of its line.
    const dest = doc.dests.get('srcref-1')!;
    const callY = baselines(callOf('src-1'));
    expect(dest.y! - Math.max(...callY)).toBeGreaterThan(0);
    expect(dest.y! - Math.max(...callY)).toBeLessThan(20);
  });
});

/** The notes section of a page or document: its lists and what they hold. */
function notesLists(tree: Root): Array<{ heading: string; className: string[]; ids: string[] }> {
  const section = selectAll('section[role="doc-endnotes"]', tree);
  return section.flatMap((s) => {
    const kids = childElements(s);
    return kids.filter((k) => k.tagName === 'ol').map((ol) => {
      const heading = kids[kids.indexOf(ol) - 1]!;
      return { heading: `${heading.tagName} ${textOf(heading)}`, className: classes(ol), ids: selectAll('aside', ol).map((a) => attr(a, 'id')!) };
    });
  });
}

function expectBackLinks(find: (id: string) => Element | undefined): void {
  for (const n of letter.notes) {
    const el = find(n.id)!;
    const backs = selectAll('[role="doc-backlink"]', el);
    expect(backs.map((b) => attr(b, 'href')!.replace(/^.*#/u, '#')), n.id).toEqual(n.refIds.map((r) => `#${r}`));
    for (const refId of n.refIds) {
      const call = find(refId)!;
      expect(call, refId).toBeDefined();
      expect([attr(call, 'role'), attr(call, 'href')!.replace(/^.*#/u, '#')]).toEqual(['doc-noteref', `#${n.id}`]);
      expect(classes(call)).toContain(n.kind === 'footnote' ? 'noteref-footnote' : 'noteref-source');
      expect(textOf(call)).toBe(n.label);
    }
    expect(normalized(textOf(el))).toContain(normalized(noteText(n)));
  }
}

describe('HTML', () => {
  it('lists the footnotes and the sources apart, each under its own heading', () => {
    expect(notesLists(html)).toEqual([
      { heading: 'h2 Voetnoten', className: ['notes-list', 'notes-footnotes'], ids: ['fn-1', 'fn-2'] },
      { heading: 'h2 Bronnen', className: ['notes-list', 'notes-sources'], ids: ['src-1'] },
    ]);
  });

  it('links every call to its note and every note back to its calls', () => {
    expectBackLinks((id) => byId(html, id));
  });
});

describe('EPUB', () => {
  it('lists the footnotes and the sources apart, each under its own heading, in the document of their calls', () => {
    expect(book.spine.map((d) => notesLists(d.tree))).toEqual([
      [],
      [
        { heading: 'h2 Voetnoten', className: ['notes-list', 'notes-footnotes'], ids: ['fn-1', 'fn-2'] },
        { heading: 'h2 Bronnen', className: ['notes-list', 'notes-sources'], ids: ['src-1'] },
      ],
    ]);
  });

  it('links every call to its note and every note back to its calls', () => {
    expectBackLinks((id) => book.spine.map((d) => byId(d.tree, id)).find((e) => e !== undefined));
  });
});
