/**
 * Issue 10 (d): bulleted lists carry the house style's marker for their nesting level
 * (`lists.bullets` in theme.json: •, –, ◦; deeper levels repeat the last), the same in the three
 * formats, whatever glyph the letter used. Compared per depth: the PDF's `Lbl` texts, and the
 * marker the HTML page's and the EPUB's stylesheets give `ul.list-level-N`.
 */
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import type { List } from '../../src/model/ast.js';
import { fileText, readBook } from '../support/epub.js';
import { classes, childElements, one, parseHtml, textOf } from '../support/html.js';
import { IENW_A12_UNSEEN, letterText } from '../support/letters.js';
import { elementsOfType } from '../support/pdf/expect.js';
import { elements, inspectPdf, tagText, type TagNode } from '../support/pdf/inspect.js';
import { renderAll, type RenderedLetter } from '../support/render.js';

/** Four levels: by a change of glyph (Word's •, o, ▪ at one indentation), then one deeper by indentation. */
const NESTED = letterText({
  body: [
    'De maatregelen zijn:',
    '•\teerste punt;',
    'o\teerste subpunt;',
    '▪\teen punt op het derde niveau;',
    '\t▪\teen punt op het vierde niveau;',
    'o\ttweede subpunt;',
    '•\ttweede punt.',
  ],
});

/** A CSS string's characters: `"\2022 \a0\a0"` → `•\u00a0\u00a0`. */
function cssString(value: string): string {
  return value.replace(/\\([0-9a-f]{1,6}) ?/giu, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** The marker a stylesheet gives a bulleted list of level N (`ul.list-level-N`), deeper lists inheriting the last rule. */
function cssMarkers(css: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of css.matchAll(/ul\.list-level-(\d+)(?:, ul\.list-level-\d+ ul)? \{ list-style-type: "([^"]*)"; \}/gu)) {
    out.set(Number(m[1]), cssString(m[2]!).replace(/\u00a0+$/u, ''));
  }
  return out;
}

/** The CSS marker of a `ul` element: its own level's rule, or the deepest rule for lists nested deeper. */
function markerOf(ul: Element, markers: Map<number, string>): string {
  const level = Number(classes(ul).find((c) => c.startsWith('list-level-'))!.slice('list-level-'.length));
  const deepest = Math.max(...markers.keys());
  return markers.get(Math.min(level, deepest))!;
}

/** Every bulleted `ul` with its depth (0 = outermost) and its items. */
function bulletLists(tree: Root): Array<{ depth: number; items: number; ul: Element }> {
  const out: Array<{ depth: number; items: number; ul: Element }> = [];
  const walk = (el: Element, depth: number): void => {
    for (const kid of childElements(el)) {
      if (kid.tagName === 'ul' && classes(kid).includes('list-bullet')) {
        out.push({ depth, items: childElements(kid).length, ul: kid });
        walk(kid, depth + 1);
      } else walk(kid, kid.tagName === 'ol' ? depth + 1 : depth);
    }
  };
  walk(one('body', tree), 0);
  return out;
}

/** The PDF's list items' Lbl texts by the depth of their L (0 = outermost), bulleted lists only. */
function pdfMarkersByDepth(root: TagNode, bulleted: ReadonlySet<string>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const walk = (node: TagNode, depth: number): void => {
    for (const kid of node.kids) {
      if (kid.kind !== 'el') continue;
      if (kid.type === 'L') {
        for (const li of kid.kids.filter((k): k is TagNode => k.kind === 'el' && k.type === 'LI')) {
          const lbl = tagText(li.kids.find((k): k is TagNode => k.kind === 'el' && k.type === 'Lbl')!);
          if (bulleted.has(lbl) || !/\d|[a-z][.)]/u.test(lbl)) out.set(depth, [...(out.get(depth) ?? []), lbl]);
          walk(li, depth + 1);
        }
      } else walk(kid, depth);
    }
  };
  walk(root, 0);
  return out;
}

interface Case { name: string; rendered: RenderedLetter }
const cases: Case[] = [
  { name: 'a letter with four levels of bullets', rendered: await renderAll({ text: NESTED, file: 'opsomming.txt' }) },
  { name: 'the IENW letter (• and o in the text)', rendered: await renderAll({ text: letterText(IENW_A12_UNSEEN), file: 'ienw.txt' }) },
];

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { rendered }) => {
  const { theme, letter } = rendered.input;
  const bullets = theme.data.lists.bullets;
  const html = parseHtml(rendered.html);
  const book = readBook(rendered.epub);
  const htmlCss = textOf(one('style', html));
  const epubCss = fileText(book.files, 'OEBPS/style.css');

  it('takes the house style\'s bullets, not the glyphs the letter used', () => {
    expect(bullets).toEqual(['•', '–', '◦']);
    const written = new Set<string>();
    const visit = (l: List): void => { for (const it of l.items) { written.add(it.marker); if (it.children) visit(it.children); } };
    for (const b of letter.body) if (b.type === 'list') visit(b);
    expect([...written].some((m) => !bullets.includes(m))).toBe(true);
  });

  it('gives the same marker per nesting level in the PDF tags, the HTML page and the EPUB', async () => {
    const doc = await inspectPdf(rendered.pdf, { pageText: false });
    const pdf = pdfMarkersByDepth(doc.root, new Set(bullets));
    const htmlMarkers = cssMarkers(htmlCss);
    const epubMarkers = cssMarkers(epubCss);
    // The stylesheets say the house style's markers, level by level, the last for every deeper level.
    expect([...htmlMarkers.entries()]).toEqual(bullets.map((b, i) => [i + 1, b]));
    expect([...epubMarkers.entries()]).toEqual([...htmlMarkers.entries()]);
    const htmlLists = bulletLists(html);
    const epubLists = book.spine.flatMap((d) => bulletLists(d.tree));
    expect(htmlLists.map((l) => [l.depth, l.items])).toEqual(epubLists.map((l) => [l.depth, l.items]));
    const depths = [...new Set(htmlLists.map((l) => l.depth))];
    expect(depths.length).toBeGreaterThanOrEqual(2);
    for (const depth of depths) {
      const expected = bullets[Math.min(depth, bullets.length - 1)]!;
      const lists = htmlLists.filter((l) => l.depth === depth);
      for (const l of lists) expect(classes(l.ul)).toEqual(['list-bullet', `list-level-${depth + 1}`]);
      expect(lists.map((l) => markerOf(l.ul, htmlMarkers)), `HTML depth ${depth}`).toEqual(lists.map(() => expected));
      expect(epubLists.filter((l) => l.depth === depth).map((l) => markerOf(l.ul, epubMarkers)), `EPUB depth ${depth}`).toEqual(lists.map(() => expected));
      const items = lists.reduce((n, l) => n + l.items, 0);
      expect(pdf.get(depth), `PDF depth ${depth}`).toEqual(Array.from({ length: items }, () => expected));
    }
    // Every Lbl of a bulleted PDF list is one of the house style's markers.
    expect(elementsOfType(doc.root, 'Lbl').map((l) => tagText(l)).filter((t) => !/^\[?\d+\]?$|^[a-z0-9]+[.)]$/iu.test(t)).every((t) => bullets.includes(t))).toBe(true);
    expect(elements(doc.root).some((e) => e.type === 'L')).toBe(true);
  });
});

describe('a list deeper than the house style has markers for', () => {
  it('repeats the last marker', () => {
    const { rendered } = cases[0]!;
    const lists = bulletLists(parseHtml(rendered.html));
    expect(lists.map((l) => l.depth)).toEqual([0, 1, 2, 3]);
    expect(classes(lists[3]!.ul)).toContain('list-level-4');
    expect(markerOf(lists[3]!.ul, cssMarkers(textOf(one('style', parseHtml(rendered.html)))))).toBe('◦');
    // The rule for level 3 also covers every list inside one (`ul.list-level-3 ul`).
    expect(textOf(one('style', parseHtml(rendered.html)))).toMatch(/ul\.list-level-3, ul\.list-level-3 ul \{/u);
  });
});
