/** What every reader gives the pipeline: one letter in the document model, and what it warned about. */
import type { Letter } from '../model/ast.js';
import type { Diagnostic } from './shared/diagnostics.js';

export interface ParseResult {
  letter: Letter;
  warnings: Diagnostic[];
}

export interface ReadOptions {
  /** The stem of every output file of the letter (file name without directory and extension). */
  stem: string;
}

/** A reader module's entry point: `read(path)` → model, or an `InputError` for a file it cannot publish. */
export type ReadLetter = (path: string, options: ReadOptions) => Promise<ParseResult>;
