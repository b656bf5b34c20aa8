/**
 * parse → render → write → check → report, for each letter.
 *
 * A letter is rendered completely in memory before anything is written, and its files are
 * renamed into place together: an input error or a renderer failure leaves nothing for that
 * letter in the output directory.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { toolFailure, type CheckResult, type CheckSession, type OutputFormat } from './check/types.js';
import { EXTENSIONS, loadChecker } from './formats.js';
import type { Letter } from './model/ast.js';
import { letterMetadata } from './model/metadata.js';
import { sourceLineOf } from './model/text.js';
import { InputError, type Diagnostic } from './parse/diagnostics.js';
import { parseLetterFile, stemOf } from './parse/parse-letter.js';
import { loadTheme } from './render/theme.js';
import type { PdfRendering, RenderInput } from './render/types.js';
import { formatCheck, letterReport, serialiseReport, type OutputEntry } from './report/report.js';
import { writeAllAtomic, writeFileAtomic } from './util/atomic-write.js';
import { VERSION } from './version.js';

export interface BuildOptions {
  outDir: string;
  formats: readonly OutputFormat[];
  check: boolean;
  theme?: string;
}

export interface PublishedOutput extends OutputEntry {
  /** Path of the written file (outDir joined with `file`). */
  path: string;
}

export type LetterOutcome =
  | {
    kind: 'published';
    input: string;
    stem: string;
    warnings: Diagnostic[];
    outputs: PublishedOutput[];
    /** One per output when checked; absent with `--no-check`. */
    checks?: CheckResult[];
    reportPath: string;
  }
  | { kind: 'input-error'; input: string; error: Diagnostic; warnings: Diagnostic[] };

export interface Rendered {
  letter: Letter;
  warnings: Diagnostic[];
  files: Array<{ format: OutputFormat; file: string; data: Uint8Array; pages?: number }>;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Renders the requested formats of one letter in memory. The EPUB needs the PDF's page starts. */
export async function renderLetter(inputPath: string, formats: readonly OutputFormat[], themeName?: string): Promise<Rendered> {
  const { letter, warnings } = await parseLetterFile(inputPath);
  const theme = loadTheme(themeName);
  const input: RenderInput = { letter, meta: letterMetadata(letter, theme.t), theme };
  const stem = letter.source.stem;
  const files: Rendered['files'] = [];
  let pdf: PdfRendering | undefined;
  if (formats.includes('pdf') || formats.includes('epub')) {
    const { renderPdf, MissingGlyphError } = await import('./render/pdf/index.js');
    try {
      pdf = await renderPdf(input);
    } catch (err) {
      // A character no embedded font can draw is a property of the input: report it at its line.
      if (err instanceof MissingGlyphError) {
        throw new InputError(inputPath, sourceLineOf(letter, err.char) ?? 1, 'missing-glyph', err.message.replace(/^PDF: /u, 'cannot publish the PDF: '));
      }
      throw err;
    }
  }
  for (const format of formats) {
    const file = `${stem}${EXTENSIONS[format]}`;
    if (format === 'html') {
      const { renderHtml } = await import('./render/html.js');
      files.push({ format, file, data: Buffer.from(renderHtml(input), 'utf8') });
    } else if (format === 'pdf') {
      files.push({ format, file, data: pdf!.bytes, pages: pdf!.pageCount });
    } else {
      const { renderEpub } = await import('./render/epub/index.js');
      const data = await renderEpub({ ...input, pageStarts: pdf!.pageStarts, pdfFileName: `${stem}${EXTENSIONS.pdf}` });
      files.push({ format, file, data });
    }
  }
  return { letter, warnings, files };
}

/** Opens each format's checker once, on first use, and closes them all at the end of a run. */
export class CheckerPool {
  private readonly sessions = new Map<OutputFormat, Promise<CheckSession>>();

  /** The format's session, opened on first use (tests reach the session's own properties through it). */
  session(format: OutputFormat): Promise<CheckSession> {
    let session = this.sessions.get(format);
    if (!session) {
      session = loadChecker(format).then((open) => open());
      this.sessions.set(format, session);
    }
    return session;
  }

  /** Safe to call for several files at once: each session limits its own concurrency. */
  async check(format: OutputFormat, file: string): Promise<CheckResult> {
    try {
      return await (await this.session(format)).check(file);
    } catch (err) {
      // A checker that crashes has not checked anything: that fails the build, never passes it.
      const message = err instanceof Error ? err.message : String(err);
      const tool = { name: `${format}-checker` };
      return {
        format, file, passed: false,
        tools: [{ tool, ran: false, error: message, durationMs: 0 }],
        findings: [toolFailure(tool, `the ${format} checker could not run: ${message}`)],
      };
    }
  }

  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map(async (s) => {
      try { await (await s).close(); } catch { /* a checker that failed to open has nothing to close */ }
    }));
  }
}

/** Removes outputs of a letter whose input now fails, so `output/` never shows stale results as current. */
async function removeStale(outDir: string, stem: string): Promise<void> {
  const names = [...Object.values(EXTENSIONS), '.report.json'].map((ext) => join(outDir, `${stem}${ext}`));
  await Promise.all(names.map((n) => rm(n, { force: true })));
}

export async function buildLetter(inputPath: string, options: BuildOptions, pool: CheckerPool): Promise<LetterOutcome> {
  let rendered: Rendered;
  try {
    rendered = await renderLetter(inputPath, options.formats, options.theme);
  } catch (err) {
    if (err instanceof InputError) {
      await removeStale(options.outDir, stemOf(inputPath));
      return { kind: 'input-error', input: inputPath, error: err.diagnostic, warnings: [] };
    }
    throw err;
  }
  const { letter, warnings, files } = rendered;
  const outputs: PublishedOutput[] = files.map((f) => ({
    format: f.format, file: f.file, path: join(options.outDir, f.file), bytes: f.data.length, sha256: sha256(f.data),
    ...(f.pages !== undefined ? { pages: f.pages } : {}),
  }));
  await writeAllAtomic(files.map((f) => ({ path: join(options.outDir, f.file), data: f.data })));

  let checks: CheckResult[] | undefined;
  if (options.check) {
    checks = await Promise.all(outputs.map((o) => pool.check(o.format, o.path)));
  }
  const reportPath = join(options.outDir, `${letter.source.stem}.report.json`);
  const report = letterReport({
    version: VERSION,
    input: inputPath,
    title: letter.subject.text,
    warnings,
    outputs: outputs.map(({ path: _path, ...entry }) => entry),
    ...(checks ? { checks: checks.map((c, i) => formatCheck(c, outputs[i]!.file)) } : {}),
  });
  await writeFileAtomic(reportPath, serialiseReport(report));
  return { kind: 'published', input: inputPath, stem: letter.source.stem, warnings, outputs, ...(checks ? { checks } : {}), reportPath };
}

/** Builds every letter; `onLetter` is called as each one finishes (for progress output). */
export async function buildLetters(
  inputs: readonly string[],
  options: BuildOptions,
  onLetter: (outcome: LetterOutcome) => void = () => {},
): Promise<LetterOutcome[]> {
  const pool = new CheckerPool();
  const outcomes: LetterOutcome[] = [];
  try {
    for (const input of inputs) {
      const outcome = await buildLetter(input, options, pool);
      outcomes.push(outcome);
      onLetter(outcome);
    }
  } finally {
    await pool.close();
  }
  return outcomes;
}

/** `rijkspers check`: checks existing files; each format's checker starts once. */
export async function checkFiles(
  files: ReadonlyArray<{ path: string; format: OutputFormat }>,
  onResult: (result: CheckResult) => void = () => {},
): Promise<CheckResult[]> {
  const pool = new CheckerPool();
  try {
    const results: CheckResult[] = [];
    for (const f of files) {
      const result = await pool.check(f.format, f.path);
      results.push(result);
      onResult(result);
    }
    return results;
  } finally {
    await pool.close();
  }
}
