/**
 * End to end, once: every letter we have — the samples of input/, the eight unseen letters, the
 * other ministry's letterhead, the markup-like crafted letter and a crafted letter the project had
 * never seen — is published in all formats with every check, as `rijkspers build` does
 * (`buildLetter` over one `CheckerPool`, the loop of `buildLetters`), with the run's one browser
 * and one JVM (./pool.ts, shared with ./checkers.ts; ./run.test.ts is the file vitest runs). The
 * same sessions then check what only a test can make: PDFs of the layout's edge cases, and EPUBs
 * whose page markers sit at every kind of position.
 *
 * The samples and the unseen letters are published a second time in the large-print house style
 * (templates/grootletter), with the same assertions on words and notes.
 *
 * Asserted per letter: every output passes every check (no failing finding, every tool ran), every
 * word of the input is in each output in order (HTML text, EPUB text, PDF tags), note links
 * resolve, the EPUB page list is the PDF's pages, and the report on disk describes the outputs.
 *
 * Which letters go through every checker in `make test`: the samples and the unseen letters, and of
 * the others those with something of their own in HTML and EPUB (tables and pictures, fallback
 * faces); in large print, the reference letter and the sample with a Q&A annex. The other editions
 * are published with the same assertions, and their PDF, a layout of its own, goes through the PDF
 * checker (our PDF/UA-1 and PDF/A rules, qpdf, pdfinfo). Their HTML and EPUB come from the same
 * templates as a checked edition's: the large-print stylesheet is the same for every letter, and
 * the other letterhead, the Word versions of the reference letter and the crafted letters bring
 * no element a checked edition lacks (the crafted letter's page is checked in ./checkers.ts).
 * The page-marker EPUBs are made from the reference letter. Each full check costs ~3.3 s of CPU
 * (the HTML's ~0.8 s, Chromium for axe and pa11y; the EPUB's ~2.2 s, EPUBCheck's JVM and Ace; the
 * PDF's ~0.3 s, measured on the samples); `RIJKSPERS_E2E=full` (`make e2e-full`)
 * checks every edition in full and makes page-marker EPUBs of all three samples.
 *
 * Written against `CheckResult.findings`/`passed` (src/check/types.ts).
 *
 * `RIJKSPERS_E2E_CHECKS=off` publishes the same letters without the checkers and runs every
 * assertion that does not need them (words, note links, page list, reports): for a machine or a
 * branch where a checker cannot run. The checks' own assertions are skipped then, never passed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, OutputFormat } from '../../src/check/types.js';
import type { Letter } from '../../src/model/ast.js';
import { buildLetter, type BuildOptions } from '../../src/pipeline/build.js';
import type { LetterOutcome as BuildOutcome } from '../../src/report/outcome.js';
import { Limiter } from '../../src/util/limiter.js';
import { checkers as pool } from './pool.js';
import { readLetter } from '../../src/readers/index.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { summarise } from '../../src/report/console.js';
import { loadTheme } from '../../src/render/theme.js';
import {
  CRAFTED_BODIES, DOCX_FEATURES, DOCX_REFERENCE_PANDOC, DOCX_REFERENCE_TEMPLATE, FIN_KABINETSREACTIE, FURNITURE, HTML_CRAFTED, IENW_A12_UNSEEN,
  NOTES_IN_BOTH_DOCUMENTS, REFERENCE, SAMPLES, SYMBOLS, TAB_TABLE, UNSEEN, VWS, layoutLetter, letterText, notesInBothDocumentsPageStarts, qaAnnex,
} from '../support/letters.js';
import { syntheticPageStarts } from '../support/page-starts.js';
import {
  expectEveryWord, expectNoteLinks, expectPageListIsPdfPages, expectReportDescribesOutputs, readOutputs, type Outputs, type PublishedOutcome,
} from '../support/outputs.js';
import { epubInputOf, renderInputOf, type LetterSource } from '../support/render.js';

const FORMATS: OutputFormat[] = ['html', 'pdf', 'epub'];
const theme = loadTheme();
/** With the checkers (the default), or without them (`RIJKSPERS_E2E_CHECKS=off`). */
const CHECKED = process.env.RIJKSPERS_E2E_CHECKS !== 'off';
/** Every edition through every checker (`RIJKSPERS_E2E=full`), rather than the set above. */
const FULL = process.env.RIJKSPERS_E2E === 'full';

interface Published {
  input: string;
  outcome: BuildOutcome;
  letter?: Letter;
  /** The PDF's check, for an edition that is not checked in full. */
  pdfCheck?: CheckResult;
  /** Its outputs, read back. */
  outputs?: Outputs;
}

const src = mkdtempSync(join(tmpdir(), 'rijkspers-e2e-src-'));
const outDir = mkdtempSync(join(tmpdir(), 'rijkspers-e2e-out-'));
const unseenFile = join(src, 'ienw-a12-unseen.txt');
writeFileSync(unseenFile, letterText(IENW_A12_UNSEEN));
/** Every letter: text exports, Word documents (issue 9), a TAB-separated table, emoji and symbols (issue 10). */
const INPUTS = [
  ...SAMPLES, ...UNSEEN, FIN_KABINETSREACTIE, HTML_CRAFTED, unseenFile,
  DOCX_FEATURES, DOCX_REFERENCE_PANDOC, DOCX_REFERENCE_TEMPLATE, TAB_TABLE, SYMBOLS,
];

/** The large-print edition of these, in a folder of its own. */
const LARGE_PRINT = [...SAMPLES, ...UNSEEN];

/** The editions that go through every checker; the others get the PDF checker (see above). */
const FULLY_CHECKED = new Set(FULL ? INPUTS : [...SAMPLES, ...UNSEEN, DOCX_FEATURES, SYMBOLS]);
/** The reference letter and the one with a Q&A annex: the large-print stylesheet is the same for every letter. */
const FULLY_CHECKED_LARGE_PRINT = new Set(FULL ? LARGE_PRINT : [REFERENCE, VWS]);
/** The samples the EPUB page-marker fixtures are made from. */
const MARKED_SAMPLES = FULL ? SAMPLES : SAMPLES.filter((s) => s === REFERENCE);
const largePrintDir = join(outDir, 'grootletter');
const largePrintTheme = loadTheme('grootletter');
const largePrint: Published[] = [];

/** PDFs of the layout's edge cases (test/render/pdf/crafted.test.ts), for the PDF checker. */
const LAYOUT_LETTERS: Array<[string, LetterSource]> = [
  ...Object.entries(CRAFTED_BODIES).map(([name, body]): [string, LetterSource] => [name, { parts: layoutLetter(body), file: `${name}.txt` }]),
  ['subject', { parts: layoutLetter(['Een korte brief.'], { subject: 'Kosten & baten van <regels> voor A&B en "citaten"' }), file: 'subject.txt' }],
  ['furniture', { parts: layoutLetter(CRAFTED_BODIES.sections, FURNITURE), file: 'furniture.txt' }],
  ['untitledAnnex', { parts: layoutLetter(['Een korte brief met vragen en antwoorden.'], { annex: qaAnnex(false) }), file: 'untitled-annex.txt' }],
];

const published: Published[] = [];
const extraChecks = new Map<string, CheckResult>();

/**
 * Letters published at once. Most of a check's time is spent waiting on Chromium and the JVM, so
 * while one letter is checked the next one is rendered and the last one's outputs are read back.
 */
const LANES = 2;

beforeAll(async () => {
  const lanes = new Limiter(LANES);
  // Chromium and the JVM start while the first letters are rendered.
  if (CHECKED) for (const format of FORMATS) void pool.session(format).catch(() => undefined);
  const options: BuildOptions = { outDir, formats: FORMATS, check: CHECKED };
  const publish = async (input: string, opts: BuildOptions, inFull: boolean): Promise<Published> => {
    const outcome = await buildLetter(input, { ...opts, check: CHECKED && inFull }, pool);
    if (outcome.kind !== 'published') return { input, outcome };
    const pdf = outcome.outputs.find((o) => o.format === 'pdf')!.path;
    const letter = (await readLetter(input)).letter;
    return {
      input, outcome, letter, outputs: await readOutputs(outcome),
      ...(CHECKED && !inFull ? { pdfCheck: await pool.check('pdf', pdf) } : {}),
    };
  };
  const largePrintOptions = { ...options, outDir: largePrintDir, theme: 'grootletter' };
  const jobs: Array<Promise<unknown>> = [
    ...INPUTS.map(async (input, i) => { published[i] = await lanes.run(() => publish(input, options, FULLY_CHECKED.has(input))); }),
    ...LARGE_PRINT.map(async (input, i) => { largePrint[i] = await lanes.run(() => publish(input, largePrintOptions, FULLY_CHECKED_LARGE_PRINT.has(input))); }),
  ];
  if (CHECKED) {
    jobs.push(...LAYOUT_LETTERS.map(([name, source]) => lanes.run(async () => {
      const file = join(src, `layout-${name}.pdf`);
      writeFileSync(file, (await renderPdf(await renderInputOf(source))).bytes);
      extraChecks.set(`pdf ${name}`, await pool.check('pdf', file));
    })));
    // EPUB page markers at every kind of position (test/render/epub/epub.test.ts).
    const marked: Array<[string, LetterSource, (l: Letter) => ReturnType<typeof syntheticPageStarts>]> = [
      ...MARKED_SAMPLES.map((sample): [string, LetterSource, typeof syntheticPageStarts] => [sample, sample, syntheticPageStarts]),
      ['notes in both documents', NOTES_IN_BOTH_DOCUMENTS, notesInBothDocumentsPageStarts],
    ];
    jobs.push(...marked.map(([name, source, starts], i) => lanes.run(async () => {
      const input = await renderInputOf(source);
      const file = join(src, `markers-${i}.epub`);
      writeFileSync(file, await renderEpub(epubInputOf(input, starts(input.letter))));
      extraChecks.set(`epub ${name}`, await pool.check('epub', file));
    })));
  }
  await Promise.all(jobs);
}, 1_800_000);

afterAll(() => {
  // Outputs with failures are kept for inspection (the failing test names the files).
  const all = [...published, ...largePrint];
  if (all.length === INPUTS.length + LARGE_PRINT.length && summarise(all.map((p) => p.outcome)).exitCode === 0) rmSync(outDir, { recursive: true, force: true });
  rmSync(src, { recursive: true, force: true });
});

/** A check, told briefly: its failing findings and the tools that did not run. */
function failures(c: CheckResult): string[] {
  return [
    ...c.tools.filter((t) => !t.ran && !t.optional).map((t) => `${c.format} ${t.tool.name} did not run: ${t.error ?? ''}`),
    ...c.findings.filter((f) => f.fails).map((f) => `${c.format} ${f.tool.name} ${f.rule} ${f.locations.map((l) => [l.file, l.page, l.selector, l.object].filter(Boolean).join(' ')).join('; ')}: ${f.message.slice(0, 200)}`),
  ];
}

function outcomeOf(input: string): PublishedOutcome & { letter: Letter } {
  const p = published.find((x) => x.input === input);
  if (!p) throw new Error(`${input} was not built`);
  if (p.outcome.kind !== 'published' || !p.letter) throw new Error(`${input} was not published: ${JSON.stringify(p.outcome)}`);
  return { ...p.outcome, letter: p.letter };
}

function outputsOf(input: string): Outputs {
  const outputs = published.find((x) => x.input === input)?.outputs;
  if (!outputs) throw new Error(`${input}: no outputs were read`);
  return outputs;
}

describe('the run', () => {
  it('published every letter and every check passed (exit 0)', () => {
    expect(published.map((p) => [p.input, p.outcome.kind])).toEqual(INPUTS.map((i) => [i, 'published']));
    const inFull = CHECKED ? FULLY_CHECKED.size : 0;
    expect(summarise(published.map((p) => p.outcome))).toMatchObject({
      letters: INPUTS.length, published: inFull, notChecked: INPUTS.length - inFull, inputErrors: 0, internalErrors: 0, outputs: 3 * INPUTS.length, passed: 3 * inFull, failed: 0, exitCode: 0,
    });
  });

  it.skipIf(!CHECKED)('checked in full the samples, the unseen letters and the letters with features of their own, and two samples in large print', () => {
    expect(published.filter((p) => p.outcome.kind === 'published' && p.outcome.checks).map((p) => p.input)).toEqual(INPUTS.filter((i) => FULLY_CHECKED.has(i)));
    expect(largePrint.filter((p) => p.outcome.kind === 'published' && p.outcome.checks).map((p) => p.input)).toEqual(LARGE_PRINT.filter((i) => FULLY_CHECKED_LARGE_PRINT.has(i)));
    expect([...FULLY_CHECKED]).toEqual(expect.arrayContaining([...SAMPLES, ...UNSEEN]));
    expect([...FULLY_CHECKED_LARGE_PRINT]).toEqual(expect.arrayContaining([REFERENCE, VWS]));
  });

  it.skipIf(!CHECKED)('ran every checker tool on every output checked in full, and the PDF tools on every other PDF', () => {
    for (const p of [...published, ...largePrint]) {
      if (p.outcome.kind !== 'published') continue;
      if (p.pdfCheck) {
        const pdfRan = p.pdfCheck.tools.filter((t) => t.ran).map((t) => t.tool.name);
        expect(pdfRan, p.input).toEqual(expect.arrayContaining(['qpdf', 'pdfinfo']));
        expect(pdfRan.filter((n) => !['qpdf', 'pdfinfo', 'verapdf'].includes(n)).length, p.input).toBeGreaterThan(0);
        continue;
      }
      const ran = new Map((p.outcome.checks ?? []).map((c) => [c.format, c.tools.filter((t) => t.ran).map((t) => t.tool.name)]));
      expect(ran.get('html'), p.input).toEqual(expect.arrayContaining(['axe', 'pa11y', 'chromium']));
      expect(ran.get('epub'), p.input).toEqual(expect.arrayContaining(['epubcheck', 'ace']));
      expect(ran.get('pdf'), p.input).toEqual(expect.arrayContaining(['qpdf', 'pdfinfo']));
      // Our own PDF/UA rules, whatever the tool is called.
      expect(ran.get('pdf')?.filter((n) => !['qpdf', 'pdfinfo', 'verapdf'].includes(n)).length, p.input).toBeGreaterThan(0);
    }
  });

  it.skipIf(!CHECKED)('the layout edge-case PDFs and the page-marker EPUBs pass their checks too', () => {
    expect([...extraChecks.keys()]).toHaveLength(LAYOUT_LETTERS.length + MARKED_SAMPLES.length + 1);
    for (const [name, c] of extraChecks) {
      expect(failures(c), name).toEqual([]);
      expect(c.passed, name).toBe(true);
    }
  });
});

/** What an edition checked by the PDF checker only must show: a passing check of its PDF. */
function expectPdfPasses(p: Published | undefined): void {
  const c = p?.pdfCheck;
  expect(c, `${p?.input}: PDF checked`).toBeDefined();
  expect(c!.format).toBe('pdf');
  expect(failures(c!)).toEqual([]);
  expect(c!.passed).toBe(true);
}

describe.each(INPUTS)('%s', (input) => {
  it.skipIf(!CHECKED || FULLY_CHECKED.has(input))('has a PDF that passes every PDF check (its HTML and EPUB are not checked here)', () => {
    expectPdfPasses(published.find((p) => p.input === input));
  });

  it.skipIf(!CHECKED || !FULLY_CHECKED.has(input))('has all three outputs passing every check: no failing finding, every tool ran', () => {
    const o = outcomeOf(input);
    expect(o.checks?.map((c) => c.format)).toEqual(FORMATS);
    for (const c of o.checks ?? []) {
      expect(failures(c)).toEqual([]);
      expect(c.passed).toBe(true);
      expect(c.file).toBe(o.outputs.find((x) => x.format === c.format)!.path);
      for (const t of c.tools) if (t.ran) expect(t.tool.name.length, `${c.format} tool`).toBeGreaterThan(0);
    }
  });

  it('has every word of the letter in order in the HTML text, the EPUB text and the PDF tags', () => {
    expectEveryWord(outcomeOf(input).letter, outputsOf(input), theme);
  });

  it('resolves every note link, there and back, in every format', () => {
    expectNoteLinks(outcomeOf(input).letter, outputsOf(input));
  });

  it('has an EPUB page list that is the PDF pages', () => {
    expectPageListIsPdfPages(outcomeOf(input), outputsOf(input));
  });

  it('has a report on disk that describes its outputs and checks', () => {
    const o = outcomeOf(input);
    expectReportDescribesOutputs(o, o.letter, outDir, CHECKED && FULLY_CHECKED.has(input));
  });
});

describe.each(LARGE_PRINT)('%s, large print (grootletter)', (input) => {
  const outcome = (): PublishedOutcome & { letter: Letter } => {
    const p = largePrint.find((x) => x.input === input);
    if (p?.outcome.kind !== 'published' || !p.letter) throw new Error(`${input} was not published in large print: ${JSON.stringify(p?.outcome)}`);
    return { ...p.outcome, letter: p.letter };
  };

  it.skipIf(!CHECKED || FULLY_CHECKED_LARGE_PRINT.has(input))('has a PDF that passes every PDF check (its HTML and EPUB are not checked here)', () => {
    expectPdfPasses(largePrint.find((p) => p.input === input));
  });

  it.skipIf(!CHECKED || !FULLY_CHECKED_LARGE_PRINT.has(input))('has all three outputs passing every check: no failing finding, every tool ran', () => {
    const o = outcome();
    expect(o.checks?.map((c) => c.format)).toEqual(FORMATS);
    for (const c of o.checks ?? []) {
      expect(failures(c)).toEqual([]);
      expect(c.passed).toBe(true);
    }
  });

  it('has every word in order in every format, note links there and back, the PDF pages as the EPUB page list', () => {
    const o = outcome();
    const outputs = largePrint.find((x) => x.input === input)?.outputs;
    if (!outputs) throw new Error(`${input}: no large-print outputs were read`);
    expectEveryWord(o.letter, outputs, largePrintTheme);
    expectNoteLinks(o.letter, outputs);
    expectPageListIsPdfPages(o, outputs);
  });

  it('is set in the large-print style: more PDF pages than the default edition, and its report describes it', () => {
    const o = outcome();
    const pages = (x: PublishedOutcome): number => x.outputs.find((f) => f.format === 'pdf')!.pages!;
    expect(pages(o)).toBeGreaterThan(pages(outcomeOf(input)));
    expectReportDescribesOutputs(o, o.letter, largePrintDir, CHECKED && FULLY_CHECKED_LARGE_PRINT.has(input));
  });
});
