/**
 * End to end, once: every letter we have — the samples of input/, the eight unseen letters, the
 * other ministry's letterhead, the markup-like crafted letter and a crafted letter the project had
 * never seen — is published in all formats with every check, as `rijkspers build` does
 * (`buildLetter` over one `CheckerPool`, the loop of `buildLetters`): one browser and one JVM for
 * the whole run. The same sessions then check what only a test can make: PDFs of the layout's edge
 * cases, and EPUBs whose page markers sit at every kind of position.
 *
 * Asserted per letter: every output passes every check (no failing finding, every tool ran), every
 * word of the input is in each output in order (HTML text, EPUB text, PDF tags), note links
 * resolve, the EPUB page list is the PDF's pages, and the report on disk describes the outputs.
 *
 * Written against `CheckResult.findings`/`passed` (src/check/types.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, OutputFormat } from '../../src/check/types.js';
import type { Letter } from '../../src/model/ast.js';
import { letterWords, noteText, splitWords } from '../../src/model/text.js';
import { buildLetter, type BuildOptions } from '../../src/pipeline/build.js';
import { CheckerPool } from '../../src/pipeline/checkers.js';
import { readLetter } from '../../src/readers/index.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { summarise } from '../../src/report/console.js';
import type { LetterOutcome } from '../../src/report/outcome.js';
import { REPORT_VERSION } from '../../src/report/report.js';
import { loadTheme } from '../../src/render/theme.js';
import { readBook, type Book, type ContentDocument } from '../support/epub.js';
import { attr, byId, one, parseHtml, selectAll, textOf } from '../support/html.js';
import {
  CRAFTED_BODIES, FIN_KABINETSREACTIE, FURNITURE, HTML_CRAFTED, IENW_A12_UNSEEN, NOTES_IN_BOTH_DOCUMENTS, SAMPLES, UNSEEN,
  layoutLetter, letterText, notesInBothDocumentsPageStarts, qaAnnex,
} from '../support/letters.js';
import { syntheticPageStarts } from '../support/page-starts.js';
import { addedWords, alignWords, elementsOfType, mainWords, readingText } from '../support/pdf/expect.js';
import { inspectPdf, objrs, type Inspected, type TagNode } from '../support/pdf/inspect.js';
import { epubInputOf, renderInputOf, type LetterSource } from '../support/render.js';
import { firstMissingWord } from '../support/words.js';

const FORMATS: OutputFormat[] = ['html', 'pdf', 'epub'];
const theme = loadTheme();

interface Published {
  input: string;
  outcome: LetterOutcome;
  letter?: Letter;
}

const src = mkdtempSync(join(tmpdir(), 'rijkspers-e2e-src-'));
const outDir = mkdtempSync(join(tmpdir(), 'rijkspers-e2e-out-'));
const unseenFile = join(src, 'ienw-a12-unseen.txt');
writeFileSync(unseenFile, letterText(IENW_A12_UNSEEN));
const INPUTS = [...SAMPLES, ...UNSEEN, FIN_KABINETSREACTIE, HTML_CRAFTED, unseenFile];

/** PDFs of the layout's edge cases (test/render/pdf/crafted.test.ts), for the PDF checker. */
const LAYOUT_LETTERS: Array<[string, LetterSource]> = [
  ...Object.entries(CRAFTED_BODIES).map(([name, body]): [string, LetterSource] => [name, { parts: layoutLetter(body), file: `${name}.txt` }]),
  ['subject', { parts: layoutLetter(['Een korte brief.'], { subject: 'Kosten & baten van <regels> voor A&B en "citaten"' }), file: 'subject.txt' }],
  ['furniture', { parts: layoutLetter(CRAFTED_BODIES.sections, FURNITURE), file: 'furniture.txt' }],
  ['untitledAnnex', { parts: layoutLetter(['Een korte brief met vragen en antwoorden.'], { annex: qaAnnex(false) }), file: 'untitled-annex.txt' }],
];

const published: Published[] = [];
const extraChecks = new Map<string, CheckResult>();

beforeAll(async () => {
  const pool = new CheckerPool();
  try {
    const options: BuildOptions = { outDir, formats: FORMATS, check: true };
    for (const input of INPUTS) {
      const outcome = await buildLetter(input, options, pool);
      published.push({ input, outcome, ...(outcome.kind === 'published' ? { letter: (await readLetter(input)).letter } : {}) });
    }
    for (const [name, source] of LAYOUT_LETTERS) {
      const file = join(src, `layout-${name}.pdf`);
      writeFileSync(file, (await renderPdf(await renderInputOf(source))).bytes);
      extraChecks.set(`pdf ${name}`, await pool.check('pdf', file));
    }
    // EPUB page markers at every kind of position (test/render/epub/epub.test.ts).
    const marked: Array<[string, Awaited<ReturnType<typeof renderInputOf>>, (l: Letter) => ReturnType<typeof syntheticPageStarts>]> = [];
    for (const sample of SAMPLES) marked.push([sample, await renderInputOf(sample), syntheticPageStarts]);
    marked.push(['notes in both documents', await renderInputOf(NOTES_IN_BOTH_DOCUMENTS), notesInBothDocumentsPageStarts]);
    for (const [i, [name, input, starts]] of marked.entries()) {
      const file = join(src, `markers-${i}.epub`);
      writeFileSync(file, await renderEpub(epubInputOf(input, starts(input.letter))));
      extraChecks.set(`epub ${name}`, await pool.check('epub', file));
    }
  } finally {
    await pool.close();
  }
}, 1_800_000);

afterAll(() => {
  // Outputs with failures are kept for inspection (the failing test names the files).
  if (published.length === INPUTS.length && summarise(published.map((p) => p.outcome)).exitCode === 0) rmSync(outDir, { recursive: true, force: true });
  rmSync(src, { recursive: true, force: true });
});

/** A check, told briefly: its failing findings and the tools that did not run. */
function failures(c: CheckResult): string[] {
  return [
    ...c.tools.filter((t) => !t.ran && !t.optional).map((t) => `${c.format} ${t.tool.name} did not run: ${t.error ?? ''}`),
    ...c.findings.filter((f) => f.fails).map((f) => `${c.format} ${f.tool.name} ${f.rule} ${f.locations.map((l) => [l.file, l.page, l.selector, l.object].filter(Boolean).join(' ')).join('; ')}: ${f.message.slice(0, 200)}`),
  ];
}

function outcomeOf(input: string): Extract<LetterOutcome, { kind: 'published' }> & { letter: Letter } {
  const p = published.find((x) => x.input === input);
  if (!p) throw new Error(`${input} was not built`);
  if (p.outcome.kind !== 'published' || !p.letter) throw new Error(`${input} was not published: ${JSON.stringify(p.outcome)}`);
  return { ...p.outcome, letter: p.letter };
}

const fileOf = (input: string, format: OutputFormat): string => outcomeOf(input).outputs.find((o) => o.format === format)!.path;

const readings = new Map<string, { html: ReturnType<typeof parseHtml>; book: Book; pdf: Inspected }>();
async function readOutputs(input: string): Promise<{ html: ReturnType<typeof parseHtml>; book: Book; pdf: Inspected }> {
  let r = readings.get(input);
  if (!r) {
    r = {
      html: parseHtml(readFileSync(fileOf(input, 'html'), 'utf8')),
      book: readBook(new Uint8Array(readFileSync(fileOf(input, 'epub')))),
      pdf: await inspectPdf(new Uint8Array(readFileSync(fileOf(input, 'pdf')))),
    };
    readings.set(input, r);
  }
  return r;
}

function resolveIn(book: Book, from: ContentDocument, href: string): ReturnType<typeof byId> {
  const [file, id] = href.includes('#') ? href.split('#') : [href, ''];
  const doc = file ? book.spine.find((d) => d.href === file) : from;
  return doc && id ? byId(doc.tree, id) : undefined;
}

describe('the run', () => {
  it('published every letter and every check passed (exit 0)', () => {
    expect(published.map((p) => [p.input, p.outcome.kind])).toEqual(INPUTS.map((i) => [i, 'published']));
    expect(summarise(published.map((p) => p.outcome))).toMatchObject({
      letters: INPUTS.length, published: INPUTS.length, inputErrors: 0, internalErrors: 0, outputs: 3 * INPUTS.length, passed: 3 * INPUTS.length, failed: 0, exitCode: 0,
    });
  });

  it('ran every checker tool on every output', () => {
    for (const p of published) {
      if (p.outcome.kind !== 'published') continue;
      const ran = new Map((p.outcome.checks ?? []).map((c) => [c.format, c.tools.filter((t) => t.ran).map((t) => t.tool.name)]));
      expect(ran.get('html'), p.input).toEqual(expect.arrayContaining(['axe', 'pa11y', 'chromium']));
      expect(ran.get('epub'), p.input).toEqual(expect.arrayContaining(['epubcheck', 'ace']));
      expect(ran.get('pdf'), p.input).toEqual(expect.arrayContaining(['qpdf', 'pdfinfo']));
      // Our own PDF/UA rules, whatever the tool is called.
      expect(ran.get('pdf')?.filter((n) => !['qpdf', 'pdfinfo', 'verapdf'].includes(n)).length, p.input).toBeGreaterThan(0);
    }
  });

  it('the layout edge-case PDFs and the page-marker EPUBs pass their checks too', () => {
    expect([...extraChecks.keys()]).toHaveLength(LAYOUT_LETTERS.length + SAMPLES.length + 1);
    for (const [name, c] of extraChecks) {
      expect(failures(c), name).toEqual([]);
      expect(c.passed, name).toBe(true);
    }
  });
});

describe.each(INPUTS)('%s', (input) => {
  it('has all three outputs passing every check: no failing finding, every tool ran', () => {
    const o = outcomeOf(input);
    expect(o.checks?.map((c) => c.format)).toEqual(FORMATS);
    for (const c of o.checks ?? []) {
      expect(failures(c)).toEqual([]);
      expect(c.passed).toBe(true);
      expect(c.file).toBe(o.outputs.find((x) => x.format === c.format)!.path);
      for (const t of c.tools) if (t.ran) expect(t.tool.name.length, `${c.format} tool`).toBeGreaterThan(0);
    }
  });

  it('has every word of the letter in order in the HTML text, the EPUB text and the PDF tags', async () => {
    const { letter } = outcomeOf(input);
    const { html, book, pdf } = await readOutputs(input);
    expect(firstMissingWord(letterWords(letter), textOf(one('body', html))), 'HTML').toBeUndefined();
    // The EPUB puts each note in the document of its first call: the text in order, each note whole.
    expect(firstMissingWord(mainWords(letter), book.spine.map((d) => textOf(one('body', d.tree))).join('\n')), 'EPUB').toBeUndefined();
    for (const note of letter.notes) {
      const aside = book.spine.map((d) => byId(d.tree, note.id)).find((el) => el !== undefined);
      expect(aside && firstMissingWord(splitWords(noteText(note)), textOf(aside)), `EPUB note ${note.id}`).toBeUndefined();
    }
    const tagged = splitWords(readingText(pdf.root, (n) => n.type === 'Note'));
    expect(alignWords(mainWords(letter), tagged, addedWords(letter, '•', theme)), 'PDF').toEqual({ missing: [], unexpected: [] });
    const notes = elementsOfType(pdf.root, 'Note');
    for (const note of letter.notes) {
      const el = notes.find((n) => n.id === note.id);
      expect(el, `PDF note ${note.id}`).toBeDefined();
      const p = el!.kids.filter((k): k is TagNode => k.kind === 'el' && k.type === 'P')[0]!;
      expect(splitWords(readingText(p))).toEqual(splitWords(noteText(note)));
    }
    // No raw Word markup reaches a reader.
    for (const text of [textOf(html), ...book.spine.map((d) => textOf(d.tree)), readingText(pdf.root)]) {
      expect(text).not.toMatch(/\[footnoteRef:\s*\d+\s*\]|\[image:/u);
    }
  });

  it('resolves every note link, there and back, in every format', async () => {
    const { letter } = outcomeOf(input);
    const { html, book, pdf } = await readOutputs(input);
    const calls = letter.notes.reduce((n, note) => n + note.refIds.length, 0);
    // HTML
    const htmlCalls = selectAll('[role="doc-noteref"]', html);
    expect(htmlCalls).toHaveLength(calls);
    for (const call of htmlCalls) {
      const note = byId(html, attr(call, 'href')!.slice(1));
      expect(note && attr(note, 'role'), attr(call, 'href')).toBe('doc-footnote');
      expect(selectAll('[role="doc-backlink"]', note!).map((b) => byId(html, attr(b, 'href')!.slice(1)))).toContain(call);
    }
    // EPUB, across its documents
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
    expect(epubCalls).toBe(calls);
    // PDF: every Reference's Link goes to a Note element that the IDTree lists.
    const noteIds = new Set(elementsOfType(pdf.root, 'Note').map((n) => n.id));
    expect([...pdf.idTree].sort()).toEqual([...noteIds].sort());
    const references = elementsOfType(pdf.root, 'Reference');
    expect(references.length).toBe(calls);
    for (const ref of references) {
      const dests = objrs(ref).map((o) => o.annot.dest);
      expect(dests.length).toBeGreaterThan(0);
      for (const dest of dests) expect(noteIds.has(dest)).toBe(true);
    }
  });

  it('has an EPUB page list that is the PDF pages', async () => {
    const o = outcomeOf(input);
    const { book, pdf } = await readOutputs(input);
    const pages = o.outputs.find((x) => x.format === 'pdf')!.pages!;
    expect(pdf.pageCount).toBe(pages);
    const entries = selectAll('nav[epub\\:type="page-list"] li > a', book.nav.tree);
    expect(entries.map((a) => textOf(a))).toEqual(Array.from({ length: pages }, (_, i) => String(i + 1)));
    for (const a of entries) expect(attr(resolveIn(book, book.nav, attr(a, 'href')!)!, 'role')).toBe('doc-pagebreak');
  });

  it('has a report on disk that describes its outputs and checks', () => {
    const o = outcomeOf(input);
    const report = JSON.parse(readFileSync(o.reportPath, 'utf8'));
    expect(report.rijkspers.reportVersion).toBe(REPORT_VERSION);
    expect(report).toMatchObject({
      input, title: o.letter.subject.text, status: 'published',
      summary: { outputs: 3, checked: 3, violations: 0, warnings: o.warnings.length },
    });
    expect(report.warnings).toEqual(JSON.parse(JSON.stringify(o.warnings)));
    expect(report.outputs.map((x: { format: string }) => x.format)).toEqual(FORMATS);
    for (const entry of report.outputs as Array<{ format: OutputFormat; file: string; bytes: number; sha256: string; pages?: number }>) {
      const bytes = readFileSync(join(outDir, entry.file));
      expect(entry.file).toBe(`${o.stem}.${entry.format}`);
      expect(entry.bytes).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      if (entry.format === 'pdf') expect(entry.pages).toBe(o.outputs.find((x) => x.format === 'pdf')!.pages);
    }
    expect(report.checks.map((c: { format: string; file: string; passed: boolean }) => [c.format, c.file, c.passed])).toEqual(FORMATS.map((f) => [f, `${o.stem}.${f}`, true]));
    for (const c of report.checks as Array<{ tools: Array<Record<string, unknown>>; findings: Array<{ fails: boolean }> }>) {
      // No timings in a report: the same input gives the same report.
      for (const t of c.tools) expect(t).not.toHaveProperty('durationMs');
      expect(c.findings.filter((f) => f.fails)).toEqual([]);
    }
  });
});
