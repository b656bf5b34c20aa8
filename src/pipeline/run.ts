/**
 * The two things rijkspers does, as the command line and the library API both call them:
 * publish letters into a folder (each letter's files and report, then the folder's index.html),
 * and check existing files (optionally writing report.json and index.html into a folder).
 * Both return the JSON report (`report/schema.ts`), its paths relative to the working directory.
 */
import { access, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { CheckResult } from '../check/types.js';
import { FORMAT_NAMES, formatOfFile, type OutputFormat } from '../formats.js';
import type { Diagnostic } from '../readers/shared/diagnostics.js';
import type { LetterOutcome } from '../report/outcome.js';
import { buildReport, checkEntry, letterEntryOf, makeReport, outputEntry, rebaseLetter } from '../report/report.js';
import type { LetterEntry, OutputEntry, Report } from '../report/schema.js';
import { hashFile } from '../util/hash.js';
import { OutputError } from '../util/output-files.js';
import { VERSION } from '../version.js';
import { buildLetters, checkFiles, type BuildOptions } from './build.js';
import type { OnProgress } from './progress.js';

export interface PublishOptions extends Omit<Partial<BuildOptions>, 'onProgress'> {
  /** Write `index.html`, the publication report of the folder (default true). */
  index?: boolean;
  onProgress?: OnProgress;
  /** Each letter as it is done, in input order, with its entry seen from the working directory. */
  onLetter?: (outcome: LetterOutcome, entry: LetterEntry) => void;
}

/** Publishes letters into `outDir` (default `output`) and writes its index.html; the report of this run. */
export async function runBuild(inputs: readonly string[], options: PublishOptions = {}): Promise<{ report: Report; outcomes: LetterOutcome[] }> {
  const outDir = options.outDir ?? 'output';
  const build: BuildOptions = {
    outDir,
    formats: options.formats ?? FORMAT_NAMES,
    check: options.check ?? true,
    ...(options.theme !== undefined ? { theme: options.theme } : {}),
    ...(options.certifier !== undefined ? { certifier: options.certifier } : {}),
    ...(options.manualReview !== undefined ? { manualReview: options.manualReview } : {}),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.pdfStandard !== undefined ? { pdfStandard: options.pdfStandard } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  // The index's templates load while the workers render (this thread waits for them otherwise).
  const indexWriter = options.index ?? true ? import('../report/html/write-index.js') : undefined;
  // Awaited below; a failed import must not end the process as an unhandled rejection first.
  indexWriter?.catch(() => {});
  const outcomes = await buildLetters(inputs, build, (outcome) => options.onLetter?.(outcome, rebaseLetter(letterEntryOf(outcome), outDir)));
  if (indexWriter) {
    const file = `${outDir.replace(/\/+$/u, '')}/index.html`;
    options.onProgress?.({ type: 'index', file });
    // Letters of this run that wrote nothing have no report in the folder: the index lists them from here.
    const unpublished = outcomes.filter((o) => o.kind !== 'published').map(letterEntryOf);
    try {
      const { writeFolderIndex } = await indexWriter;
      await writeFolderIndex(outDir, { unpublished, ...(options.theme ? { theme: options.theme } : {}) });
    } catch (err) {
      // A folder that took no letter takes no index either: each letter has said so already.
      const said = outcomes.length > 0 && outcomes.every((o) => o.kind === 'output-error' || o.kind === 'input-error');
      if (!(err instanceof OutputError && said)) throw err;
    }
  }
  return { report: buildReport(outcomes, outDir, VERSION), outcomes };
}

export interface CheckOptions {
  /** Also write `report.json` and `index.html` into this folder. */
  reportDir?: string;
  theme?: string;
  onProgress?: OnProgress;
  /** Each file as it is checked, with its entry. */
  onFile?: (entry: OutputEntry, result: CheckResult) => void;
  /** A file that cannot be checked (unknown type, unreadable), as a `FILE:LINE` diagnostic. */
  onError?: (error: Diagnostic) => void;
}

async function readable(path: string): Promise<string | undefined> {
  try {
    await access(path);
    if (!(await stat(path)).isFile()) return 'not a file';
    return undefined;
  } catch {
    return 'cannot read the file';
  }
}

/** Checks existing .html, .pdf and .epub files (any, not only rijkspers'); the report of the run. */
export async function runCheck(paths: readonly string[], options: CheckOptions = {}): Promise<Report> {
  const files: Array<{ path: string; format: OutputFormat }> = [];
  const errors: Diagnostic[] = [];
  const fail = (file: string, code: string, message: string): void => {
    const d: Diagnostic = { severity: 'error', code, file, line: 1, message };
    errors.push(d);
    options.onError?.(d);
  };
  for (const path of paths) {
    const format = formatOfFile(path);
    if (!format) { fail(path, 'unknown-file-type', 'cannot check this file type (expected .html, .pdf or .epub)'); continue; }
    const problem = await readable(path);
    if (problem) { fail(path, 'unreadable', problem); continue; }
    files.push({ path, format });
  }
  // Size and hash first: each file's entry is then made, and told, as soon as its check is done.
  const facts = await Promise.all(files.map(async (f) => ({ bytes: (await stat(f.path)).size, sha256: await hashFile(f.path) })));
  const entries: OutputEntry[] = [];
  await checkFiles(files, (result) => {
    const i = entries.length;
    const path = files[i]!.path;
    const entry = outputEntry({ format: files[i]!.format, file: path, ...facts[i]!, check: checkEntry(result, path) });
    entries.push(entry);
    options.onFile?.(entry, result);
  }, options.onProgress);
  const report = makeReport({ version: VERSION, command: 'check', files: entries, errors });
  if (options.reportDir !== undefined) {
    options.onProgress?.({ type: 'index', file: `${options.reportDir.replace(/\/+$/u, '')}/index.html` });
    const { writeCheckReport } = await import('../report/html/write-index.js');
    await writeCheckReport(options.reportDir, rebaseFiles(report, options.reportDir), options.theme);
  }
  return report;
}

/** The check report as seen from `dir`: each file's path relative to it. */
function rebaseFiles(report: Report, dir: string): Report {
  const from = (file: string): string => relative(dir, file).split('\\').join('/');
  return {
    ...report,
    files: report.files.map((o) => ({
      ...o,
      file: from(o.file),
      ...(o.check ? { check: { ...o.check, findings: o.check.findings.map((f) => ({ ...f, locations: f.locations.map((l) => (l.file === o.file ? { ...l, file: from(o.file) } : l)) })) } } : {}),
    })),
    errors: report.errors.map((e) => ({ ...e, file: from(e.file) })),
  };
}
