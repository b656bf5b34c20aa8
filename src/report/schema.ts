/**
 * The one JSON report rijkspers writes, in TypeScript. `STEM.report.json`, `build --json`,
 * `check --json` and `check --report DIR` (report.json) are all a `Report`; SARIF, JUnit, the
 * terminal lines and `index.html` are made from it. `docs/report-schema.json` is the same shape as a
 * JSON Schema, checked against these types by test/report/schema.test.ts.
 *
 * A report holds no timings, clock times or absolute paths: the same inputs give the same bytes.
 * Paths (`input`, `file`) are relative to the folder of the report file; on standard output, to the
 * working directory.
 */
import type { Finding, OutputFormat, ToolRun } from '../check/types.js';
import type { Diagnostic } from '../readers/shared/diagnostics.js';

/** Raised whenever a field changes meaning or goes; new optional fields keep the version. */
export const REPORT_VERSION = 3;

export type LetterStatus =
  /** Every output written and checked, and no check failed. */
  | 'published'
  /** Every output written; a check (or a document rule) found violations. */
  | 'violations'
  /** Written with `--no-check`. */
  | 'not-checked'
  /** Nothing written: the input could not be read or parsed. */
  | 'input-error'
  /** Nothing written: the output folder refused the files. */
  | 'output-error'
  /** Nothing written: a bug in rijkspers. */
  | 'internal-error';

export type OutputStatus = 'passed' | 'failed' | 'not-checked';

/** Where in the letter's source a finding comes from, when the document model knows it. */
export interface SourceLine {
  file: string;
  line: number;
}

/** A checker's finding as reported: the checker's own `Finding`, plus the input line if known. */
export type ReportFinding = Finding & { input?: SourceLine };

/** A tool run as reported: without its duration (reports are byte-reproducible). */
export type ReportToolRun = Omit<ToolRun, 'durationMs'>;

export interface CheckEntry {
  /** Every required tool ran and no finding fails. */
  passed: boolean;
  tools: ReportToolRun[];
  findings: ReportFinding[];
}

export interface OutputEntry {
  format: OutputFormat;
  /** Where the file is (see the path rule above). */
  file: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  /** Printed pages (the PDF). */
  pages?: number;
  /** SHA-256 of the input the output was made from (outputs of a build). */
  inputSha256?: string;
  status: OutputStatus;
  /** Absent when the output was not checked. */
  check?: CheckEntry;
}

/** Why a letter was not published. */
export interface LetterError {
  /** A stable code for machines (`empty-file`, `output-error`, `internal-error` …). */
  code: string;
  /** The file at fault: the input (with its line) or the output path the folder refused. */
  file: string;
  line?: number;
  message: string;
}

export interface LetterEntry {
  input: string;
  /** SHA-256 of the input as read by this build (absent when it could not be read). */
  inputSha256?: string;
  /** The stem of every output file of the letter. */
  stem: string;
  /** The subject (Betreft), when the letter was read. */
  title?: string;
  status: LetterStatus;
  error?: LetterError;
  /** The parser's warnings, each with its input line. */
  warnings: Diagnostic[];
  /** What the document rules found in the model before any output was written. */
  document: ReportFinding[];
  /** The outputs this build wrote. */
  outputs: OutputEntry[];
  /**
   * Outputs an earlier build wrote that this (partial, `--format`) build did not rewrite. They are
   * kept while the file is still the one described (same SHA-256); their `inputSha256` tells
   * whether they were made from the input as it is now.
   */
  kept: OutputEntry[];
}

export interface ReportSummary {
  letters: number;
  published: number;
  /** Letters with violations (in an output check or a document rule). */
  withViolations: number;
  notChecked: number;
  inputErrors: number;
  outputErrors: number;
  internalErrors: number;
  /** Outputs written (build) or files checked (check); kept outputs are not counted. */
  outputs: number;
  checked: number;
  passed: number;
  failed: number;
  /** Findings by severity, each finding once (its `count` may stand for more occurrences). */
  violations: number;
  warnings: number;
  toolFailures: number;
  /** Parser warnings. */
  inputWarnings: number;
  /** 0 all published and passed; 1 violations; 2 input, output or usage errors; 3 internal error. */
  exitCode: 0 | 1 | 2 | 3;
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  generator: { name: 'rijkspers'; version: string };
  /** `build`: letters published; `check`: existing files checked. */
  command: 'build' | 'check';
  /** Build: one entry per letter, in input order (a `STEM.report.json` holds exactly one). */
  letters: LetterEntry[];
  /** Check: one entry per file checked. Empty for a build. */
  files: OutputEntry[];
  /** Check: files that could not be checked (unknown type, unreadable), as `FILE:LINE` diagnostics. */
  errors: Diagnostic[];
  summary: ReportSummary;
}
