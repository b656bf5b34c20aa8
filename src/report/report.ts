/**
 * The per-letter report (`STEM.report.json`): what was published, what the parser warned about,
 * what every checker found. It holds no timings or absolute paths, so the same input gives the
 * same report byte for byte, like every other output.
 */
import type { CheckResult, Finding, OutputFormat, ToolRun } from '../check/types.js';
import type { Diagnostic } from '../readers/shared/diagnostics.js';
import type { OutputEntry } from './outcome.js';

export const REPORT_VERSION = 2;

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
  /** Findings of the document rules on the model, before any output was written. */
  document: Finding[];
  outputs: OutputEntry[];
  /** Absent when the build ran with `--no-check`. */
  checks?: FormatCheck[];
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
  document: Finding[];
  outputs: OutputEntry[];
  checks?: FormatCheck[];
}): LetterReport {
  const violations = (args.checks ?? []).reduce((n, c) => n + c.findings.filter((f) => f.fails).length, 0) + args.document.filter((f) => f.fails).length;
  const failed = (args.checks ?? []).some((c) => !c.passed) || args.document.some((f) => f.fails);
  const status: LetterStatus = args.checks === undefined ? 'not-checked' : failed ? 'violations' : 'published';
  return {
    rijkspers: { reportVersion: REPORT_VERSION, version: args.version },
    input: args.input,
    title: args.title,
    status,
    warnings: args.warnings,
    document: args.document,
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
