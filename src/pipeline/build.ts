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
import { join } from 'node:path';
import type { CheckResult } from '../check/types.js';
import { FORMATS, type OutputFormat } from '../formats.js';
import { stemOf } from '../readers/index.js';
import type { LetterOutcome, PublishedOutput } from '../report/outcome.js';
import { formatCheck, letterReport, serialiseReport } from '../report/report.js';
import { commit, discard, ensureFolder, OutputError, stage, type Staged } from '../util/output-files.js';
import { VERSION } from '../version.js';
import { CheckerPool } from './checkers.js';
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
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Removes outputs of a letter whose input now fails, so `output/` never shows stale results as current. */
async function removeStale(outDir: string, stem: string): Promise<void> {
  const names = [...FORMATS.map((f) => f.extension), '.report.json'].map((ext) => join(outDir, `${stem}${ext}`));
  await Promise.all(names.map((n) => rm(n, { force: true }).catch(() => undefined)));
}

/** A check of a staged file, told as a check of the file in its final place. */
function atFinalPath(result: CheckResult, staged: Staged): CheckResult {
  return {
    ...result,
    file: staged.path,
    findings: result.findings.map((f) => ({ ...f, locations: f.locations.map((l) => (l.file === staged.temp ? { ...l, file: staged.path } : l)) })),
  };
}

function internalError(input: string, err: unknown, warnings: Rendered['warnings'] = []): LetterOutcome {
  return {
    kind: 'internal-error', input, warnings,
    message: err instanceof Error ? err.message : String(err),
    ...(err instanceof Error && err.stack ? { stack: err.stack } : {}),
  };
}

async function publish(inputPath: string, rendered: Rendered, options: BuildOptions, pool: CheckerPool): Promise<LetterOutcome> {
  const { letter, warnings, document, files } = rendered;
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
      checks = await Promise.all(outputs.map(async (o, i) => atFinalPath(await pool.check(o.format, staged[i]!.temp), staged[i]!)));
    }
    const reportPath = join(options.outDir, `${letter.source.stem}.report.json`);
    const report = letterReport({
      version: VERSION,
      input: inputPath,
      title: letter.subject.text,
      warnings,
      document,
      outputs: outputs.map(({ path: _path, ...entry }) => entry),
      ...(checks ? { checks: checks.map((c, i) => formatCheck(c, outputs[i]!.file)) } : {}),
    });
    staged.push(await stage(reportPath, serialiseReport(report)));
    await commit(staged);
    return {
      kind: 'published', input: inputPath, stem: letter.source.stem, title: letter.subject.text,
      warnings, document, outputs, ...(checks ? { checks } : {}), reportPath,
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
    claim: { checked: options.check, ...(options.certifier ? { certifier: options.certifier } : {}), manualReview: options.manualReview ?? false },
  };
}

/** Publishes what rendering a letter came to: its files and report, or what went wrong. */
async function settle(inputPath: string, result: RenderResult, options: BuildOptions, pool: CheckerPool): Promise<LetterOutcome> {
  switch (result.kind) {
    case 'rendered':
      return publish(inputPath, result.rendered, options, pool);
    case 'input-error':
      await removeStale(options.outDir, stemOf(inputPath));
      return { kind: 'input-error', input: inputPath, error: result.diagnostic, warnings: [] };
    case 'internal-error':
      return { kind: 'internal-error', input: inputPath, message: result.message, ...(result.stack ? { stack: result.stack } : {}), warnings: [] };
  }
}

export async function buildLetter(inputPath: string, options: BuildOptions, pool: CheckerPool): Promise<LetterOutcome> {
  return settle(inputPath, await inThread.render(inputPath, renderOptions(options)), options, pool);
}

/**
 * Builds every letter; `onLetter` is called as each one finishes, in input order (so the terminal,
 * the reports and the summary read the same whatever ran in parallel). Rendering runs in worker
 * threads when `jobs` > 1; a window of letters is in flight at once, so memory stays bounded
 * however long the batch.
 */
export async function buildLetters(
  inputs: readonly string[],
  options: BuildOptions,
  onLetter: (outcome: LetterOutcome) => void = () => {},
): Promise<LetterOutcome[]> {
  const pool = new CheckerPool();
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), inputs.length));
  const renderer = jobs > 1 ? await workerPool(jobs) : inThread;
  const render = renderOptions(options);
  const window = jobs * 2;
  const outcomes: LetterOutcome[] = [];
  const pending: Array<Promise<LetterOutcome>> = [];
  const start = (i: number): void => {
    const input = inputs[i]!;
    pending[i] = renderer.render(input, render).then(
      (result) => settle(input, result, options, pool),
      (err: unknown) => internalError(input, err),
    );
  };
  try {
    for (let i = 0; i < Math.min(window, inputs.length); i++) start(i);
    for (let i = 0; i < inputs.length; i++) {
      const outcome = await pending[i]!;
      delete pending[i];
      if (i + window < inputs.length) start(i + window);
      outcomes.push(outcome);
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
