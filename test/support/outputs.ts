/**
 * What a published letter's files must say, whatever the checkers think of them: read back with
 * real parsers and compared with the letter's model. Shared by the fast pipeline test (without
 * checks) and the end-to-end run (with every check).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'hast';
import { expect } from 'vitest';
import type { OutputFormat } from '../../src/check/types.js';
import type { Letter } from '../../src/model/ast.js';
import { letterWords, noteText, splitWords } from '../../src/model/text.js';
import type { LetterOutcome } from '../../src/report/outcome.js';
import { REPORT_VERSION } from '../../src/report/report.js';
import type { Report } from '../../src/report/schema.js';
import type { Theme } from '../../src/render/theme.js';
import { readBook, type Book, type ContentDocument } from './epub.js';
import { attr, byId, one, parseHtml, readingTextOf, selectAll, textOf } from './html.js';
import { addedWords, alignWords, elementsOfType, isBackLink, mainWords, noteBodyText, readingText } from './pdf/expect.js';
import { elements, inspectPdf, objrs, pagesOf, type Inspected, type TagNode } from './pdf/inspect.js';
import { firstMissingWord } from './words.js';

export type PublishedOutcome = Extract<LetterOutcome, { kind: 'published' }>;

export interface Outputs {
  html: Root;
  book: Book;
  pdf: Inspected;
}

export function outputFile(outcome: PublishedOutcome, format: OutputFormat): string {
  const o = outcome.outputs.find((x) => x.format === format);
  if (!o) throw new Error(`${outcome.input}: no ${format} output`);
  return o.path;
}

/**
 * The three files of a published letter, parsed. Of the PDF, the structure tree with its texts:
 * what the assertions below read (pdfjs's page text is left out; the render tests read it).
 */
export async function readOutputs(outcome: PublishedOutcome): Promise<Outputs> {
  return {
    html: parseHtml(readFileSync(outputFile(outcome, 'html'), 'utf8')),
    book: readBook(new Uint8Array(readFileSync(outputFile(outcome, 'epub')))),
    pdf: await inspectPdf(new Uint8Array(readFileSync(outputFile(outcome, 'pdf'))), { pageText: false }),
  };
}

/** The element a link (`file#id` or `#id`, relative to `from`) points at. */
export function resolveIn(book: Book, from: ContentDocument, href: string): ReturnType<typeof byId> {
  const [file, id] = href.includes('#') ? href.split('#') : [href, ''];
  const doc = file ? book.spine.find((d) => d.href === file) : from;
  return doc && id ? byId(doc.tree, id) : undefined;
}

/**
 * Every word of the letter in order: the HTML text; the EPUB text (each note whole in the document
 * of its first call); the PDF tags (notes where they are placed). No raw Word markup anywhere.
 */
export function expectEveryWord(letter: Letter, { html, book, pdf }: Outputs, theme: Pick<Theme, 't' | 'data'>): void {
  // Pictures are read by their alternative text.
  expect(firstMissingWord(letterWords(letter), readingTextOf(one('body', html))), 'HTML').toBeUndefined();
  expect(firstMissingWord(mainWords(letter), book.spine.map((d) => readingTextOf(one('body', d.tree))).join('\n')), 'EPUB').toBeUndefined();
  for (const note of letter.notes) {
    const aside = book.spine.map((d) => byId(d.tree, note.id)).find((el) => el !== undefined);
    expect(aside && firstMissingWord(splitWords(noteText(note)), textOf(aside)), `EPUB note ${note.id}`).toBeUndefined();
  }
  const tagged = splitWords(readingText(pdf.root, (n) => n.type === 'Note'));
  expect(alignWords(mainWords(letter), tagged, addedWords(letter, theme)), 'PDF').toEqual({ missing: [], unexpected: [] });
  const notes = elementsOfType(pdf.root, 'Note');
  for (const note of letter.notes) {
    const el = notes.find((n) => n.id === note.id);
    expect(el, `PDF note ${note.id}`).toBeDefined();
    const p = el!.kids.filter((k): k is TagNode => k.kind === 'el' && k.type === 'P')[0]!;
    // A source's back-links (↩) follow its text; they are not words of the letter.
    expect(splitWords(readingText(p, isBackLink)), `PDF note ${note.id}`).toEqual(splitWords(noteText(note)));
    expect(splitWords(noteBodyText(p)), `PDF note ${note.id}`).toEqual(splitWords(noteText(note)));
  }
  for (const text of [textOf(html), ...book.spine.map((d) => textOf(d.tree)), readingText(pdf.root)]) {
    expect(text).not.toMatch(/\[footnoteRef:\s*\d+\s*\]|\[image:/u);
  }
}

/** Every note call reaches its note and every note leads back to each call, in every format. */
export function expectNoteLinks(letter: Letter, { html, book, pdf }: Outputs): void {
  const calls = letter.notes.reduce((n, note) => n + note.refIds.length, 0);
  const htmlCalls = selectAll('[role="doc-noteref"]', html);
  expect(htmlCalls, 'HTML note calls').toHaveLength(calls);
  for (const call of htmlCalls) {
    const note = byId(html, attr(call, 'href')!.slice(1));
    expect(note && attr(note, 'role'), attr(call, 'href')).toBe('doc-footnote');
    expect(selectAll('[role="doc-backlink"]', note!).map((b) => byId(html, attr(b, 'href')!.slice(1)))).toContain(call);
  }
  let epubCalls = 0;
  for (const doc of book.spine) {
    for (const call of selectAll('[role="doc-noteref"]', doc.tree)) {
      epubCalls++;
      const note = resolveIn(book, doc, attr(call, 'href')!);
      expect(note && attr(note, 'role'), `${doc.href} ${attr(call, 'href')}`).toBe('doc-footnote');
      const noteDoc = book.spine.find((d) => byId(d.tree, attr(note!, 'id')!) === note)!;
      expect(selectAll('[role="doc-backlink"]', note!).map((b) => resolveIn(book, noteDoc, attr(b, 'href')!))).toContain(call);
    }
  }
  expect(epubCalls, 'EPUB note calls').toBe(calls);
  // PDF: every Reference's Link goes to a Note element that the IDTree lists.
  const noteIds = new Set(elementsOfType(pdf.root, 'Note').map((n) => n.id));
  expect([...pdf.idTree].sort()).toEqual([...noteIds].sort());
  expect([...noteIds].sort()).toEqual(letter.notes.map((n) => n.id).sort());
  const references = elementsOfType(pdf.root, 'Reference');
  expect(references.length, 'PDF note calls').toBe(calls);
  for (const ref of references) {
    const dests = objrs(ref).map((o) => o.annot.dest);
    expect(dests.length).toBeGreaterThan(0);
    for (const dest of dests) expect(noteIds.has(dest)).toBe(true);
    // Every note's own destination exists (the call's link lands on it).
    for (const dest of dests) expect(pdf.dests.has(dest!), `PDF destination ${dest}`).toBe(true);
  }
  expectPdfSourceBackLinks(letter, pdf);
}

/**
 * PDF: each source (in the Bronnen section) leads back to every call of it: one back-link per
 * call, to a named destination on the page of that call (the n-th Reference to the source in
 * reading order is its n-th call).
 */
export function expectPdfSourceBackLinks(letter: Letter, pdf: Inspected): void {
  const notes = elementsOfType(pdf.root, 'Note');
  const references = elementsOfType(pdf.root, 'Reference');
  for (const note of letter.notes.filter((n) => n.kind === 'source')) {
    const el = notes.find((n) => n.id === note.id)!;
    const backLinks = elements(el).filter(isBackLink);
    expect(backLinks.map((l) => objrs(l).map((o) => o.annot.dest)[0]), `PDF back-links of ${note.id}`).toEqual(note.refIds);
    const calls = references.filter((r) => objrs(r).some((o) => o.annot.dest === note.id));
    expect(calls, `PDF calls of ${note.id}`).toHaveLength(note.refIds.length);
    note.refIds.forEach((refId, i) => {
      const dest = pdf.dests.get(refId);
      expect(dest, `PDF destination ${refId}`).toBeDefined();
      expect(dest!.page, `PDF destination ${refId} is on the page of its call`).toBe(pagesOf(calls[i]!)[0]);
    });
  }
}

/** The EPUB's page list is the PDF's pages, 1 … N, each entry at a page-break marker. */
export function expectPageListIsPdfPages(outcome: PublishedOutcome, { book, pdf }: Outputs): void {
  const pages = outcome.outputs.find((x) => x.format === 'pdf')!.pages!;
  expect(pdf.pageCount).toBe(pages);
  const entries = selectAll('nav[epub\\:type="page-list"] li > a', book.nav.tree);
  expect(entries.map((a) => textOf(a))).toEqual(Array.from({ length: pages }, (_, i) => String(i + 1)));
  for (const a of entries) expect(attr(resolveIn(book, book.nav, attr(a, 'href')!)!, 'role')).toBe('doc-pagebreak');
}

/** The report on disk names the files as they are (size, SHA-256, pages) and, when checked, every passing check. */
export function expectReportDescribesOutputs(outcome: PublishedOutcome, letter: Letter, outDir: string, checked: boolean): void {
  const formats: OutputFormat[] = ['html', 'pdf', 'epub'];
  const report = JSON.parse(readFileSync(outcome.reportPath, 'utf8')) as Report;
  expect(report).toMatchObject({ reportVersion: REPORT_VERSION, command: 'build', files: [], errors: [] });
  expect(report.summary).toMatchObject({
    letters: 1, outputs: 3, checked: checked ? 3 : 0, passed: checked ? 3 : 0, failed: 0, violations: 0,
    inputWarnings: outcome.warnings.length, exitCode: 0,
  });
  expect(report.letters).toHaveLength(1);
  const entry = report.letters[0]!;
  expect(entry).toMatchObject({ input: outcome.input, stem: outcome.stem, title: letter.subject.text, status: checked ? 'published' : 'not-checked', kept: [] });
  // The document rules' findings on the model (warnings only, or the letter would not be published).
  expect(entry.document.map((f) => f.rule)).toEqual(outcome.document.map((f) => f.rule));
  expect(entry.warnings).toEqual(JSON.parse(JSON.stringify(outcome.warnings)));
  expect(entry.outputs.map((x) => x.format)).toEqual(formats);
  const inputSha256 = createHash('sha256').update(readFileSync(outcome.input)).digest('hex');
  expect(entry.inputSha256).toBe(inputSha256);
  for (const output of entry.outputs) {
    const bytes = readFileSync(join(outDir, output.file));
    expect(output.file).toBe(`${outcome.stem}.${output.format}`);
    expect(output.bytes).toBe(bytes.length);
    expect(output.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(output.inputSha256).toBe(inputSha256);
    if (output.format === 'pdf') expect(output.pages).toBe(outcome.outputs.find((x) => x.format === 'pdf')!.pages);
    if (!checked) {
      expect(output.status).toBe('not-checked');
      expect(output.check).toBeUndefined();
      continue;
    }
    expect([output.status, output.check?.passed]).toEqual(['passed', true]);
    // No timings in a report: the same input gives the same report.
    for (const t of output.check!.tools) expect(t).not.toHaveProperty('durationMs');
    expect(output.check!.findings.filter((f) => f.fails)).toEqual([]);
  }
}
