/**
 * What every checker returns, whatever tool it wraps. The same shape goes into `STEM.report.json`,
 * `build --json`, `check --json`, SARIF and JUnit, so each field is structured (no location or
 * impact folded into a message).
 */

export type OutputFormat = 'html' | 'pdf' | 'epub';

/** A tool as the report names it: `axe` 4.14.1, `epubcheck` 4.2.6, `rijkspers-pdf` 0.2.0 … */
export interface ToolId {
  name: string;
  version?: string;
}

/**
 * `violation`: the output breaks a rule. `warning`: worth a look; whether it fails the check is the
 * checker's policy (EPUBCheck warnings do, see `Finding.fails`). `tool-failure`: a tool crashed, timed
 * out or could not start: nothing was checked, which fails the check but is not a fault of the file.
 */
export type FindingSeverity = 'violation' | 'warning' | 'tool-failure';

/** axe's impact scale, used for every tool that has one (Ace, axe); absent when a tool has none. */
export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

/** Where a finding is. Every field is optional: each tool knows some of them. */
export interface FindingLocation {
  /** A file inside the output (`EPUB/brief.xhtml`) or the checked file itself. */
  file?: string;
  line?: number;
  column?: number;
  /** 1-based PDF page. */
  page?: number;
  /** CSS selector (HTML, EPUB content documents). */
  selector?: string;
  /** A short piece of the markup or text at the location. */
  snippet?: string;
  /** A PDF object (`12 0 R`), a structure element (`H2 #14`), an XMP property … */
  object?: string;
}

export interface Finding {
  tool: ToolId;
  /** Rule id as the tool names it: axe rule id, HTML_CodeSniffer code, veraPDF rule id (`7.1-3`) … */
  rule: string;
  severity: FindingSeverity;
  /** Whether this finding fails its output's check (violations and tool failures always do). */
  fails: boolean;
  impact?: Impact;
  /** WCAG success criteria (`1.1.1`), when the rule maps onto any. */
  wcag?: string[];
  /** The profile or standard the rule belongs to: `pdfua1`, `pdfa2a`, `wcag22aa`, `epub-a11y-1.1` … */
  profile?: string;
  /** Other standards' ids: Matterhorn checkpoints (`13-004`), ISO 19005-2 clauses (`6.2.2`) … */
  references?: string[];
  /** What is wrong, in one or a few sentences (no location, impact or count folded in). */
  message: string;
  /** How many occurrences this finding stands for (default 1). */
  count?: number;
  locations: FindingLocation[];
  /** What to do about it. */
  help?: string;
  /** A link to the rule's documentation. */
  helpUrl?: string;
  /** Check passes the finding showed up in (axe: `light`, `dark`, `320px`). */
  passes?: string[];
}

export interface ToolRun {
  tool: ToolId;
  /** False when the tool itself could not run (that fails the check, never silently skipped). */
  ran: boolean;
  /** Why it could not run (also reported as a `tool-failure` finding). */
  error?: string;
  /** An optional tool that is not installed: reported, but its absence does not fail the check. */
  optional?: boolean;
  /** Rules or tests the tool evaluated, when it says (axe passes, pdfua rules checked …). */
  checked?: number;
  /** Profiles or standards checked against (`pdfua1`, `pdfa2a`, `WCAG2AA` …). */
  profiles?: string[];
  durationMs: number;
}

export interface CheckResult {
  format: OutputFormat;
  file: string;
  tools: ToolRun[];
  findings: Finding[];
  /** True when every required tool ran and no finding fails. */
  passed: boolean;
}

/**
 * A checker for one format. Opened once per run and used for every file of its format, so a
 * browser or JVM starts once, not once per letter. `check` may be called concurrently. `close`
 * must release every process it started.
 */
export interface CheckSession {
  format: OutputFormat;
  check(file: string): Promise<CheckResult>;
  close(): Promise<void>;
}

/** Each format's module exports one of these as `open<Format>Checker`. */
export type OpenChecker = () => Promise<CheckSession>;

/** A tool that ran into trouble: one finding that fails the check and says why. */
export function toolFailure(tool: ToolId, message: string, locations: FindingLocation[] = []): Finding {
  return { tool, rule: 'tool-failure', severity: 'tool-failure', fails: true, message, locations };
}

/** `passed` as every checker computes it. */
export function passedOf(tools: readonly ToolRun[], findings: readonly Finding[]): boolean {
  return tools.every((t) => t.ran || t.optional === true) && findings.every((f) => !f.fails);
}
