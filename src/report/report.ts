/**
 * The per-letter report (`STEM.report.json`): what was published, what the parser warned about,
 * what every checker found. It holds no timings or absolute paths, so the same input gives the
 * same report byte for byte, like every other output.
 */
import type { CheckResult, Finding, OutputFormat, ToolRun } from '../check/types.js';
import type { Diagnostic } from '../parse/diagnostics.js';

export const REPORT_VERSION = 1;

export interface OutputEntry {
  format: OutputFormat;
  /** File name relative to the output directory. */
  file: string;
  bytes: number;
  sha256: string;
  /** Only for the PDF. */
  pages?: number;
}

export interface FormatCheck {
  format: OutputFormat;
  file: string;
  passed: boolean;
  tools: Array<Omit<ToolRun, 'durationMs'>>;
  findings: Finding[];
}

export type LetterStatus = 'published' | 'violations' | 'not-checked';

export interface LetterReport {
  rijkspers: { reportVersion: number; version: string };
  input: string;
  title: string;
  status: LetterStatus;
  warnings: Diagnostic[];
  outputs: OutputEntry[];
  /** Absent when the build ran with `--no-check`. */
  checks?: FormatCheck[];
  /** `violations`: findings that fail their check (violations, failing warnings, tool failures). */
  summary: { outputs: number; checked: number; violations: number; warnings: number };
}

export function formatCheck(result: CheckResult, file: string): FormatCheck {
  return {
    format: result.format,
    file,
    passed: result.passed,
    tools: result.tools.map(({ durationMs: _ignored, ...rest }) => rest),
    findings: result.findings,
  };
}

export function letterReport(args: {
  version: string;
  input: string;
  title: string;
  warnings: Diagnostic[];
  outputs: OutputEntry[];
  checks?: FormatCheck[];
}): LetterReport {
  const violations = (args.checks ?? []).reduce((n, c) => n + c.findings.filter((f) => f.fails).length, 0);
  const failed = (args.checks ?? []).some((c) => !c.passed);
  const status: LetterStatus = args.checks === undefined ? 'not-checked' : failed ? 'violations' : 'published';
  return {
    rijkspers: { reportVersion: REPORT_VERSION, version: args.version },
    input: args.input,
    title: args.title,
    status,
    warnings: args.warnings,
    outputs: args.outputs,
    ...(args.checks ? { checks: args.checks } : {}),
    summary: {
      outputs: args.outputs.length,
      checked: args.checks?.length ?? 0,
      violations,
      warnings: args.warnings.length,
    },
  };
}

/** Stable JSON: two-space indent and a final newline. */
export function serialiseReport(report: LetterReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
