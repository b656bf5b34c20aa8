/** What became of each letter of a build: the pipeline produces these, reports and the terminal read them. */
import type { CheckResult, Finding, OutputFormat } from '../check/types.js';
import type { Diagnostic } from '../readers/shared/diagnostics.js';
import type { LetterEntry } from './schema.js';

export interface OutputEntry {
  format: OutputFormat;
  /** File name relative to the output directory. */
  file: string;
  bytes: number;
  sha256: string;
  /** Printed pages (the PDF). */
  pages?: number;
}

export interface PublishedOutput extends OutputEntry {
  /** Path of the written file (the output directory joined with `file`). */
  path: string;
}

export type LetterOutcome =
  | {
    kind: 'published';
    input: string;
    stem: string;
    title: string;
    warnings: Diagnostic[];
    /** The document rules' findings on the model (check/document). */
    document: Finding[];
    outputs: PublishedOutput[];
    /** One per output when checked; absent with `--no-check`. */
    checks?: CheckResult[];
    reportPath: string;
    /** The letter as its `STEM.report.json` describes it (paths relative to the output folder). */
    entry: LetterEntry;
  }
  /** The input could not be read or published: nothing was written for it (exit 2). */
  | { kind: 'input-error'; input: string; error: Diagnostic; warnings: Diagnostic[] }
  /** The output folder could not take the files (a file in the way, read-only, full): nothing left behind (exit 2). */
  | { kind: 'output-error'; input: string; path: string; message: string; warnings: Diagnostic[] }
  /** A bug in rijkspers (exit 3); the other letters of the batch are still built. */
  | { kind: 'internal-error'; input: string; message: string; stack?: string; warnings: Diagnostic[] };
