/**
 * read → model → write → check → report, for each letter of a build.
 *
 * A letter is rendered completely in memory first. Its files are then staged in the output
 * folder under hidden names, checked there, and its report is staged next to them; only then is
 * the whole set renamed into place. So an input error, a full disk or an interrupt leaves nothing
 * for that letter, and a letter's outputs and its report always describe each other.
 *
 * One letter's failure never stops the batch: an input or output problem (exit 2) or a bug (exit 3)
 * is that letter's outcome, and the next letter is built.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CheckResult } from '../check/types.js';
import { FORMATS, type OutputFormat, type PdfStandard } from '../formats.js';
import { stemOf } from '../readers/index.js';
import type { LetterOutcome, PublishedOutput } from '../report/outcome.js';
import { keptOutputs } from '../report/partial-build.js';
import { checkEntry, makeReport, outputEntry, publishedStatus, serialiseReport } from '../report/report.js';
import type { LetterEntry } from '../report/schema.js';
import { documentFinding, idLines, withSourceLine } from '../report/source-lines.js';
import { hashFile } from '../util/hash.js';
import { commit, discard, ensureFolder, OutputError, stage, type Staged } from '../util/output-files.js';
import { VERSION } from '../version.js';
import { CheckerPool } from './checkers.js';
import type { OnProgress } from './progress.js';
import type { Rendered, RenderOptions, RenderResult } from './render-letter.js';
import { defaultJobs, inThread, workerPool } from './renderers.js';

export interface BuildOptions {
  outDir: string;
  formats: readonly OutputFormat[];
  check: boolean;
  theme?: string;
  /** The organisation behind the accessibility statement (default: the letter's sender). */
  certifier?: string;
  /** A person has evaluated the publications against WCAG 2.2 AA. */
  manualReview?: boolean;
  /** Letters rendered at once in worker threads (default: one per core; 1: in this thread). */
  jobs?: number;
  /** The standards the PDF claims (default: the PDF writer's). */
  pdfStandard?: PdfStandard;
  /** Told what is happening, letter by letter (a progress display); called on the main thread. */
  onProgress?: OnProgress;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The stem `index` would put a letter's HTML where the publication report goes. */
export const RESERVED_STEMS: readonly string[] = ['index'];

/** Where a letter is in the batch, for progress events. */
interface Position { index: number; total: number }
const ALONE: Position = { index: 0, total: 1 };

/** Removes outputs of a letter whose input now fails, so `output/` never shows stale results as current. */
async function removeStale(outDir: string, stem: string): Promise<void> {
  const names = [...FORMATS.map((f) => f.extension), '.report.json'].map((ext) => join(outDir, `${stem}${ext}`));
  await Promise.all(names.map((n) => rm(n, { force: true }).catch(() => undefined)));
}

/** A check of a staged file, told as a check of the file in its final place. */
function atFinalPath(result: CheckResult, staged: Staged): CheckResult {
  // Tools name the file by its path or by its bare name: both become the final one.
  const names = new Map([[staged.temp, staged.path], [basename(staged.temp), basename(staged.path)]]);
  return {
    ...result,
    file: staged.path,
    findings: result.findings.map((f) => ({ ...f, locations: f.locations.map((l) => (l.file !== undefined && names.has(l.file) ? { ...l, file: names.get(l.file)! } : l)) })),
  };
}

function internalError(input: string, err: unknown, warnings: Rendered['warnings'] = []): LetterOutcome {
  return {
    kind: 'internal-error', input, warnings,
    message: err instanceof Error ? err.message : String(err),
    ...(err instanceof Error && err.stack ? { stack: err.stack } : {}),
  };
}

async function publish(inputPath: string, rendered: Rendered, options: BuildOptions, pool: CheckerPool, at: Position): Promise<LetterOutcome> {
  const { letter, warnings, document, files } = rendered;
  const progress = options.onProgress;
  const outputs: PublishedOutput[] = files.map((f) => ({
    format: f.format, file: f.file, path: join(options.outDir, f.file), bytes: f.data.length, sha256: sha256(f.data),
    ...(f.pages !== undefined ? { pages: f.pages } : {}),
  }));
  const staged: Staged[] = [];
  try {
    await ensureFolder(options.outDir);
    for (const [i, f] of files.entries()) staged.push(await stage(outputs[i]!.path, f.data));
    let checks: CheckResult[] | undefined;
    if (options.check) {
      checks = await Promise.all(outputs.map(async (o, i) => {
        const event = { ...at, input: inputPath, format: o.format, file: o.path };
        progress?.({ type: 'check-start', ...event });
        const result = atFinalPath(await pool.check(o.format, staged[i]!.temp), staged[i]!);
        progress?.({ type: 'check-done', ...event, passed: result.passed });
        return result;
      }));
    }
    const inputSha256 = await hashFile(inputPath).catch(() => undefined);
    const annotate = withSourceLine(inputPath, idLines(letter));
    const entries = outputs.map((o, i) => outputEntry({
      format: o.format, file: o.file, bytes: o.bytes, sha256: o.sha256,
      ...(o.pages !== undefined ? { pages: o.pages } : {}),
      ...(inputSha256 !== undefined ? { inputSha256 } : {}),
      ...(checks ? { check: checkEntry(checks[i]!, o.file, annotate) } : {}),
    }));
    const entry: LetterEntry = {
      input: inputPath,
      ...(inputSha256 !== undefined ? { inputSha256 } : {}),
      stem: letter.source.stem,
      title: letter.subject.text,
      status: publishedStatus(entries, document),
      warnings,
      document: document.map((f) => documentFinding(f, inputPath)),
      outputs: entries,
      // A partial build (--format) keeps describing what an earlier build left that it did not rewrite.
      kept: await keptOutputs(options.outDir, letter.source.stem, outputs.map((o) => o.format)),
    };
    const reportPath = join(options.outDir, `${letter.source.stem}.report.json`);
    const report = makeReport({ version: VERSION, command: 'build', letters: [entry] });
    staged.push(await stage(reportPath, serialiseReport(report)));
    await commit(staged);
    return {
      kind: 'published', input: inputPath, stem: letter.source.stem, title: letter.subject.text,
      warnings, document, outputs, ...(checks ? { checks } : {}), reportPath, entry,
    };
  } catch (err) {
    await discard(staged);
    if (err instanceof OutputError) return { kind: 'output-error', input: inputPath, path: err.path, message: err.message, warnings };
    return internalError(inputPath, err, warnings);
  }
}

function renderOptions(options: BuildOptions): RenderOptions {
  return {
    formats: options.formats,
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.pdfStandard ? { pdfStandard: options.pdfStandard } : {}),
    claim: { checked: options.check, ...(options.certifier ? { certifier: options.certifier } : {}), manualReview: options.manualReview ?? false },
  };
}

/** Publishes what rendering a letter came to: its files and report, or what went wrong. */
async function settle(inputPath: string, result: RenderResult, options: BuildOptions, pool: CheckerPool, at: Position): Promise<LetterOutcome> {
  switch (result.kind) {
    case 'rendered':
      options.onProgress?.({ type: 'letter-rendered', ...at, input: inputPath, formats: result.rendered.files.map((f) => f.format) });
      return publish(inputPath, result.rendered, options, pool, at);
    case 'input-error':
      await removeStale(options.outDir, stemOf(inputPath));
      return { kind: 'input-error', input: inputPath, error: result.diagnostic, warnings: [] };
    case 'internal-error':
      return { kind: 'internal-error', input: inputPath, message: result.message, ...(result.stack ? { stack: result.stack } : {}), warnings: [] };
  }
}

/** An input whose stem is taken (by index.html) is refused before anything is rendered. */
function reservedStem(inputPath: string): RenderResult | undefined {
  const stem = stemOf(inputPath);
  if (!RESERVED_STEMS.includes(stem.toLowerCase())) return undefined;
  return {
    kind: 'input-error',
    diagnostic: {
      severity: 'error', code: 'reserved-name', file: inputPath, line: 1,
      message: `the name "${stem}" is taken by the publication report (${stem}.html in the output folder); rename the input`,
    },
  };
}

async function renderWith(renderer: { render(input: string, options: RenderOptions): Promise<RenderResult> }, inputPath: string, options: RenderOptions): Promise<RenderResult> {
  return reservedStem(inputPath) ?? renderer.render(inputPath, options);
}

export async function buildLetter(inputPath: string, options: BuildOptions, pool: CheckerPool): Promise<LetterOutcome> {
  options.onProgress?.({ type: 'letter-start', ...ALONE, input: inputPath });
  return settle(inputPath, await renderWith(inThread, inputPath, renderOptions(options)), options, pool, ALONE);
}

/**
 * Builds every letter; `onLetter` is called as each one finishes, in input order (so the terminal,
 * the reports and the summary read the same whatever ran in parallel). Rendering runs in worker
 * threads (one thread per job); a window of letters is in flight at once, so memory stays bounded
 * however long the batch.
 */
export async function buildLetters(
  inputs: readonly string[],
  options: BuildOptions,
  onLetter: (outcome: LetterOutcome) => void = () => {},
): Promise<LetterOutcome[]> {
  const pool = new CheckerPool();
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), inputs.length));
  // Rendering never runs on this thread: a long letter keeps a worker busy for seconds, and this
  // thread must stay free to answer Ctrl-C (its handler removes staged files and stops the checkers).
  const renderer = await workerPool(jobs);
  const render = renderOptions(options);
  const window = jobs * 2;
  const outcomes: LetterOutcome[] = [];
  const pending: Array<Promise<LetterOutcome>> = [];
  const progress = options.onProgress;
  const total = inputs.length;
  const start = (i: number): void => {
    const input = inputs[i]!;
    progress?.({ type: 'letter-start', index: i, total, input });
    pending[i] = renderWith(renderer, input, render).then(
      (result) => settle(input, result, options, pool, { index: i, total }),
      (err: unknown) => internalError(input, err),
    );
  };
  progress?.({ type: 'start', command: 'build', total });
  try {
    for (let i = 0; i < Math.min(window, inputs.length); i++) start(i);
    for (let i = 0; i < inputs.length; i++) {
      const outcome = await pending[i]!;
      delete pending[i];
      if (i + window < inputs.length) start(i + window);
      outcomes.push(outcome);
      progress?.({ type: 'letter-done', index: i, total, input: outcome.input, status: outcome.kind === 'published' ? outcome.entry.status : outcome.kind });
      onLetter(outcome);
    }
  } finally {
    await Promise.allSettled(pending.filter(Boolean));
    await Promise.all([renderer.close(), pool.close()]);
  }
  return outcomes;
}

/** `rijkspers check`: checks existing files; each format's checker starts once. */
export async function checkFiles(
  files: ReadonlyArray<{ path: string; format: OutputFormat }>,
  onResult: (result: CheckResult) => void = () => {},
  onProgress?: OnProgress,
): Promise<CheckResult[]> {
  const pool = new CheckerPool();
  const total = files.length;
  onProgress?.({ type: 'start', command: 'check', total });
  try {
    const results: CheckResult[] = [];
    for (const [index, f] of files.entries()) {
      const event = { index, total, input: f.path, format: f.format, file: f.path };
      onProgress?.({ type: 'check-start', ...event });
      const result = await pool.check(f.format, f.path);
      onProgress?.({ type: 'check-done', ...event, passed: result.passed });
      results.push(result);
      onResult(result);
    }
    return results;
  } finally {
    await pool.close();
  }
}
