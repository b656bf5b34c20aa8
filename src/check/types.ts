/** What every checker returns, whatever tool it wraps. */

export type OutputFormat = 'html' | 'pdf' | 'epub';

export interface Violation {
  /** The checker that found it: `axe`, `pa11y`, `pdfua`, `qpdf`, `verapdf`, `epubcheck`, `ace`. */
  tool: string;
  /** Rule id as the tool names it: axe rule id, HTML_CodeSniffer code, veraPDF rule id (`7.1-3`) … */
  rule: string;
  /** `error` fails the build; `warning` is reported and (for EPUBCheck) also fails it, see checker. */
  severity: 'error' | 'warning';
  message: string;
  /** Where: a CSS selector, `page 3`, `EPUB/letter.xhtml:12:5`, an object number … */
  location?: string;
  /** A short fix hint or the tool's help text. */
  help?: string;
  /** A link to the rule's documentation, when the tool provides one. */
  helpUrl?: string;
}

export interface ToolRun {
  tool: string;
  /** Version of the tool, for the report. */
  version?: string;
  /** False when the tool itself could not run (that is a failure too, never silently skipped). */
  ran: boolean;
  /** Why it could not run. */
  error?: string;
  /** An optional tool that is not installed: reported, but its absence does not fail the check. */
  optional?: boolean;
  /** Rules or tests the tool evaluated, when it says (axe passes, pdfua rules checked …). */
  checked?: number;
  durationMs: number;
}

export interface CheckResult {
  format: OutputFormat;
  file: string;
  tools: ToolRun[];
  violations: Violation[];
  /** True when every tool ran and no violation has severity `error` (or a failing `warning`). */
  passed: boolean;
}

/**
 * A checker for one format. Opened once per run and used for every file of its format, so a
 * browser or JVM starts once, not once per letter. `close` must release every process it started.
 */
export interface CheckSession {
  format: OutputFormat;
  check(file: string): Promise<CheckResult>;
  close(): Promise<void>;
}

/** Each format's module exports one of these as `open<Format>Checker`. */
export type OpenChecker = () => Promise<CheckSession>;
