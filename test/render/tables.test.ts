/**
 * Issue 9: tables are tables in all three formats, from both readers.
 *  - A plain-text letter with a TAB-separated table (a header row and three rows): PDF
 *    `Table > THead > TR > TH` (Scope Column) and `TBody > TR > TD`; HTML and EPUB
 *    `table > thead > tr > th[scope=col]` and `tbody > tr > td`, the cells as written.
 *  - features.docx: every word and every note of the document in every output, in order; both
 *    tables are tables in all three formats; the long table's header row is repeated at the top of
 *    every further PDF page as an artifact (on the page, not in the tags a second time).
 */
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import type { Letter, Table } from '../../src/model/ast.js';
import { inlineText } from '../../src/model/text.js';
import { readBook, type Book } from '../support/epub.js';
import { attr, childElements, normalized, parseHtml, selectAll, textOf } from '../support/html.js';
import { DOCX_FEATURES, TAB_TABLE } from '../support/letters.js';
import { expectEveryWord, expectNoteLinks } from '../support/outputs.js';
import { elementsOfType } from '../support/pdf/expect.js';
import { elements, inspectPdf, pagesOf, tagText, type Inspected, type TagNode } from '../support/pdf/inspect.js';
import { renderAll, type RenderedLetter } from '../support/render.js';

interface Published {
  rendered: RenderedLetter;
  letter: Letter;
  html: Root;
  book: Book;
  pdf: Inspected;
  tables: Table[];
}

async function publish(path: string): Promise<Published> {
  const rendered = await renderAll(path);
  const { letter } = rendered.input;
  const tables = letter.body.filter((b): b is Table => b.type === 'table');
  return { rendered, letter, html: parseHtml(rendered.html), book: readBook(rendered.epub), pdf: await inspectPdf(rendered.pdf), tables };
}

const cellText = (content: Table['rows'][number]['cells'][number]['content']): string => normalized(content.map((p) => inlineText(p)).join(' '));

/** A table of the model as rows of [tag, text]: TH/TD by its header flag. */
const modelRows = (t: Table): string[][] => t.rows.map((r) => r.cells.map((c) => `${c.header ? 'TH' : 'TD'} ${cellText(c.content)}`));

/** A PDF Table element as rows of [tag, text], header rows first. */
function pdfRows(table: TagNode): string[][] {
  return elements(table).filter((e) => e.type === 'TR').map((tr) => tr.kids.filter((k): k is TagNode => k.kind === 'el').map((c) => `${c.type} ${normalized(tagText(c))}`));
}

/** An HTML/XHTML table as rows of [tag, text]. */
function webRows(table: Element): string[][] {
  return selectAll('tr', table).map((tr) => childElements(tr).map((c) => `${c.tagName.toUpperCase()} ${normalized(textOf(c))}`));
}

/** Every table is a table in every format, with its header cells scoped to their columns. */
function expectTablesEverywhere(p: Published): void {
  expect(p.tables.length).toBeGreaterThan(0);
  const pdfTables = elementsOfType(p.pdf.root, 'Table');
  const htmlTables = selectAll('table', p.html);
  const epubTables = p.book.spine.flatMap((d) => selectAll('table', d.tree));
  for (const [what, n] of [['PDF', pdfTables.length], ['HTML', htmlTables.length], ['EPUB', epubTables.length]] as const) expect(n, what).toBe(p.tables.length);
  p.tables.forEach((t, i) => {
    const rows = modelRows(t);
    expect(pdfRows(pdfTables[i]!), `PDF table ${i + 1}`).toEqual(rows);
    expect(webRows(htmlTables[i]!), `HTML table ${i + 1}`).toEqual(rows);
    expect(webRows(epubTables[i]!), `EPUB table ${i + 1}`).toEqual(rows);
    // Header rows in THead / thead, the rest in TBody / tbody.
    const kids = pdfTables[i]!.kids.filter((k): k is TagNode => k.kind === 'el').map((k) => k.type);
    expect(kids).toEqual([...(t.caption ? ['Caption'] : []), ...(t.headerRows ? ['THead'] : []), 'TBody']);
    for (const web of [htmlTables[i]!, epubTables[i]!]) {
      expect(selectAll('thead > tr', web)).toHaveLength(t.headerRows);
      expect(selectAll('tbody > tr', web)).toHaveLength(t.rows.length - t.headerRows);
      for (const th of selectAll('th', web)) expect(['col', 'row']).toContain(attr(th, 'scope'));
      if (t.caption) expect(normalized(textOf(selectAll('caption', web)[0]!))).toBe(normalized(inlineText(t.caption)));
    }
    for (const th of elements(pdfTables[i]!).filter((e) => e.type === 'TH')) expect(['Column', 'Row']).toContain(th.attributes.Scope);
  });
}

describe('a plain-text letter with a TAB-separated table', async () => {
  const p = await publish(TAB_TABLE);

  it('reads the lines as a table with a header row', () => {
    expect(p.rendered.input.warnings).toEqual([]);
    expect(p.tables).toHaveLength(1);
    expect(modelRows(p.tables[0]!)).toEqual([
      ['TH Regio', 'TH Wachtenden', 'TH Gemiddelde wachttijd'],
      ['TD Noord-Holland Noord', 'TD 1.200', 'TD 18 weken'],
      ['TD Twente', 'TD 950', 'TD 16 weken'],
      ['TD Zuid-Limburg', 'TD 1.100', 'TD 17 weken'],
    ]);
  });

  it('publishes it as a table in the PDF tags, the HTML page and the EPUB, header cells scoped to their column', () => {
    expectTablesEverywhere(p);
    const [table] = elementsOfType(p.pdf.root, 'Table');
    expect(elements(table!).filter((e) => e.type === 'TH').map((e) => e.attributes.Scope)).toEqual(['Column', 'Column', 'Column']);
    for (const t of [selectAll('table', p.html)[0]!, selectAll('table', p.book.spine[0]!.tree)[0]!]) {
      expect(selectAll('th', t).map((th) => attr(th, 'scope'))).toEqual(['col', 'col', 'col']);
    }
  });

  it('keeps every word in order and the text around the table', () => {
    expectEveryWord(p.letter, { html: p.html, book: p.book, pdf: p.pdf }, p.rendered.input.theme);
  });
});

describe('features.docx', async () => {
  const p = await publish(DOCX_FEATURES);

  it('has every word of the document and every note in every output, in order, and every note link there and back', () => {
    expect(p.letter.notes.length).toBeGreaterThanOrEqual(3);
    expectEveryWord(p.letter, { html: p.html, book: p.book, pdf: p.pdf }, p.rendered.input.theme);
    expectNoteLinks(p.letter, { html: p.html, book: p.book, pdf: p.pdf });
  });

  it('publishes both tables as tables in all three formats', () => {
    expect(p.tables.map((t) => [t.headerRows, t.rows.length])).toEqual([[1, 3], [1, 61]]);
    expectTablesEverywhere(p);
  });

  it('repeats the long table\'s header row at the top of each further PDF page, as an artifact only', () => {
    const long = p.tables[1]!;
    const header = long.rows[0]!.cells.map((c) => cellText(c.content));
    const table = elementsOfType(p.pdf.root, 'Table')[1]!;
    const pages = pagesOf(table);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const headerPage = pagesOf(elements(table).find((e) => e.type === 'THead')!);
    expect(headerPage).toEqual([pages[0]]);
    // In the tags once: one THead, one TH per header cell.
    expect(elements(table).filter((e) => e.type === 'TH').map((e) => normalized(tagText(e)))).toEqual(header);
    for (const page of pages.slice(1)) {
      const artifacts = p.pdf.pages[page]!.artifactText.split('\n').map((l) => l.trim()).filter(Boolean);
      expect(artifacts, `page ${page + 1}`).toEqual(expect.arrayContaining(header));
      // Drawn above the rows continued on that page.
      const runs = p.pdf.pages[page]!.runs;
      const headerY = Math.min(...runs.filter((r) => r.artifact && header.includes(r.str.trim())).map((r) => r.y));
      const rowTexts = new Set(long.rows.slice(1).flatMap((r) => r.cells.map((c) => cellText(c.content))));
      const firstRowY = Math.max(...runs.filter((r) => !r.artifact && rowTexts.has(r.str.trim())).map((r) => r.y));
      expect(headerY, `page ${page + 1}: header above the rows`).toBeGreaterThan(firstRowY);
      // Not tagged there: the page's tagged text holds no header cell on its own line.
      expect(p.pdf.pages[page]!.taggedText.map((t) => t.trim())).not.toEqual(expect.arrayContaining(header));
    }
    // Every body row is tagged exactly once.
    expect(elements(table).filter((e) => e.type === 'TR')).toHaveLength(long.rows.length);
  });

  it('warns about the picture without alternative text, with its location', () => {
    const alt = p.rendered.input.warnings.filter((w) => w.code === 'image-without-alt');
    expect(alt).toEqual([expect.objectContaining({ severity: 'warning', file: DOCX_FEATURES, line: expect.any(Number) })]);
    expect(alt[0]!.message).toContain(`paragraph ${alt[0]!.line}`);
  });
});
