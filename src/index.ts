/**
 * rijkspers as a library: what the command line does, as functions.
 *
 *   import { publish, check, parse } from 'rijkspers';
 *   const report = await publish(['input/brief.txt'], { outDir: 'output' });
 *   if (report.summary.exitCode !== 0) …
 *
 * `publish` and `check` return the JSON report (`docs/report-schema.json`), with paths relative to
 * the working directory; `publish` also writes each letter's files and report and the folder's
 * index.html. Bad input is in the report (status `input-error`), never thrown; `parse` throws an
 * `InputError` with the file and line.
 */
import { runBuild, runCheck, type CheckOptions, type PublishOptions } from './pipeline/run.js';
import { readLetter } from './readers/index.js';
import type { ParseResult } from './readers/types.js';
import { toJunit } from './report/junit.js';
import { serialiseReport } from './report/report.js';
import { serialiseSarif } from './report/sarif.js';
import type { Report } from './report/schema.js';

export type { Finding, FindingLocation, FindingSeverity, Impact, OutputFormat, ToolId } from './check/types.js';
export type { PdfStandard } from './formats.js';
export { FORMAT_NAMES, PDF_STANDARDS } from './formats.js';
export type { Letter } from './model/ast.js';
export type { ProgressEvent } from './pipeline/progress.js';
export type { CheckOptions, PublishOptions } from './pipeline/run.js';
export type { Diagnostic } from './readers/shared/diagnostics.js';
export { InputError } from './readers/shared/diagnostics.js';
export type { ParseResult } from './readers/types.js';
export { REPORT_VERSION } from './report/schema.js';
export type {
  CheckEntry, LetterEntry, LetterError, LetterStatus, OutputEntry, OutputStatus, Report, ReportFinding, ReportSummary, ReportToolRun, SourceLine,
} from './report/schema.js';
export { VERSION } from './version.js';

/** Publishes letters (`.txt`) into `options.outDir` (default `output`), checks them, writes index.html. */
export async function publish(inputs: string | readonly string[], options: Omit<PublishOptions, 'onLetter'> = {}): Promise<Report> {
  return (await runBuild(typeof inputs === 'string' ? [inputs] : inputs, options)).report;
}

/** Checks existing .html, .pdf and .epub files; with `reportDir`, also writes report.json and index.html there. */
export async function check(files: string | readonly string[], options: Omit<CheckOptions, 'onFile' | 'onError'> = {}): Promise<Report> {
  return runCheck(typeof files === 'string' ? [files] : files, options);
}

/** Reads one letter into the document model, with the parser's warnings. */
export async function parse(file: string): Promise<ParseResult> {
  return readLetter(file);
}

/** A report as text: `json` (the report file format), `sarif` (2.1.0) or `junit` (XML). */
export function formatReport(report: Report, format: 'json' | 'sarif' | 'junit'): string {
  return format === 'json' ? serialiseReport(report) : format === 'sarif' ? serialiseSarif(report) : toJunit(report);
}
