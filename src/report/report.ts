/**
 * Builds the JSON report (`schema.ts`) from what the pipeline and the checkers came to, and reads
 * it back (a partial build merges into it; `index.html` is made from the reports in a folder).
 * Everything here is pure data: no clock, no durations, no absolute paths added.
 */
import { posix } from 'node:path';
import type { CheckResult, Finding } from '../check/types.js';
import { formatSpec } from '../formats.js';
import { stemOf } from '../readers/index.js';
import type { Diagnostic } from '../readers/shared/diagnostics.js';
import type { LetterOutcome } from './outcome.js';
import {
  REPORT_VERSION,
  type CheckEntry,
  type LetterEntry,
  type OutputEntry,
  type Report,
  type ReportFinding,
  type ReportSummary,
} from './schema.js';

export { REPORT_VERSION } from './schema.js';

/** The check of one output as reported: durations dropped, the checked file's own path replaced by `file`. */
export function checkEntry(result: CheckResult, file: string, annotate: (f: Finding) => ReportFinding = (f) => f): CheckEntry {
  const own = (path: string | undefined): boolean => path !== undefined && (path === result.file || posix.normalize(path) === posix.normalize(result.file));
  return {
    passed: result.passed,
    tools: result.tools.map(({ durationMs: _ignored, ...rest }) => rest),
    findings: result.findings.map((f) => annotate({
      ...f,
      locations: f.locations.map((l) => (own(l.file) ? { ...l, file } : l)),
    })),
  };
}

export function outputEntry(args: {
  format: OutputEntry['format'];
  file: string;
  bytes: number;
  sha256: string;
  pages?: number;
  inputSha256?: string;
  check?: CheckEntry;
}): OutputEntry {
  return {
    format: args.format,
    file: args.file,
    mediaType: formatSpec(args.format).mediaType,
    bytes: args.bytes,
    sha256: args.sha256,
    ...(args.pages !== undefined ? { pages: args.pages } : {}),
    ...(args.inputSha256 !== undefined ? { inputSha256: args.inputSha256 } : {}),
    status: args.check === undefined ? 'not-checked' : args.check.passed ? 'passed' : 'failed',
    ...(args.check ? { check: args.check } : {}),
  };
}

/** A published letter's status: its own outputs and document rules decide, not the kept ones. */
export function publishedStatus(outputs: readonly OutputEntry[], document: readonly Finding[]): LetterEntry['status'] {
  if (document.some((f) => f.fails)) return 'violations';
  if (outputs.some((o) => o.status === 'failed')) return 'violations';
  if (outputs.some((o) => o.status === 'not-checked')) return 'not-checked';
  return 'published';
}

/** The entry of a letter that was not published (nothing was written for it). */
export function failedLetterEntry(outcome: Exclude<LetterOutcome, { kind: 'published' }>, stem: string): LetterEntry {
  const base = { input: outcome.input, stem, warnings: outcome.warnings, document: [], outputs: [], kept: [] };
  switch (outcome.kind) {
    case 'input-error': {
      const d = outcome.error;
      return { ...base, status: 'input-error', error: { code: d.code, file: d.file, line: d.line, message: d.message } };
    }
    case 'output-error':
      return { ...base, status: 'output-error', error: { code: 'output-error', file: outcome.path, message: outcome.message } };
    case 'internal-error':
      // The stack stays on the terminal: it holds absolute paths and is no use to a report reader.
      return { ...base, status: 'internal-error', error: { code: 'internal-error', file: outcome.input, message: outcome.message } };
  }
}

/** The report entry of any outcome (paths relative to the output folder). */
export function letterEntryOf(outcome: LetterOutcome): LetterEntry {
  return outcome.kind === 'published' ? outcome.entry : failedLetterEntry(outcome, stemOf(outcome.input));
}

/** The report of a build as seen from the working directory: output files under `outDir`. */
export function buildReport(outcomes: readonly LetterOutcome[], outDir: string, version: string): Report {
  return makeReport({ version, command: 'build', letters: outcomes.map((o) => rebaseLetter(letterEntryOf(o), outDir)) });
}

/** A letter entry as seen from another folder: output files (and findings pointing at them) prefixed with `dir`. */
export function rebaseLetter(entry: LetterEntry, dir: string): LetterEntry {
  return { ...entry, outputs: entry.outputs.map((o) => rebaseOutput(o, dir)), kept: entry.kept.map((o) => rebaseOutput(o, dir)) };
}

function rebaseOutput(entry: OutputEntry, dir: string): OutputEntry {
  const file = posix.join(dir.split('\\').join('/'), entry.file);
  if (!entry.check) return { ...entry, file };
  return {
    ...entry,
    file,
    check: {
      ...entry.check,
      findings: entry.check.findings.map((f) => ({ ...f, locations: f.locations.map((l) => (l.file === entry.file ? { ...l, file } : l)) })),
    },
  };
}

function countFindings(findings: readonly Finding[], into: { violations: number; warnings: number; toolFailures: number }): void {
  for (const f of findings) {
    if (f.severity === 'violation') into.violations++;
    else if (f.severity === 'warning') into.warnings++;
    else into.toolFailures++;
  }
}

/** What a set of letters (build) or files (check) came to, and the exit code that says so. */
export function summarise(letters: readonly LetterEntry[], files: readonly OutputEntry[] = [], errors: readonly Diagnostic[] = []): ReportSummary {
  const s: Omit<ReportSummary, 'exitCode'> = {
    letters: letters.length, published: 0, withViolations: 0, notChecked: 0,
    inputErrors: errors.length, outputErrors: 0, internalErrors: 0,
    outputs: 0, checked: 0, passed: 0, failed: 0,
    violations: 0, warnings: 0, toolFailures: 0, inputWarnings: 0,
  };
  const outputs: OutputEntry[] = [...files];
  for (const l of letters) {
    s.inputWarnings += l.warnings.length;
    if (l.status === 'input-error') s.inputErrors++;
    else if (l.status === 'output-error') s.outputErrors++;
    else if (l.status === 'internal-error') s.internalErrors++;
    else if (l.status === 'violations') s.withViolations++;
    else if (l.status === 'not-checked') s.notChecked++;
    else s.published++;
    countFindings(l.document, s);
    // A failing document rule is a failure of the letter, counted like a failed check.
    if (l.document.some((f) => f.fails)) s.failed++;
    outputs.push(...l.outputs);
  }
  for (const o of outputs) {
    s.outputs++;
    if (o.check) {
      s.checked++;
      if (o.check.passed) s.passed++;
      else s.failed++;
      countFindings(o.check.findings, s);
    }
  }
  const exitCode = s.internalErrors > 0 ? 3 : s.inputErrors + s.outputErrors > 0 ? 2 : s.failed > 0 ? 1 : 0;
  return { ...s, exitCode };
}

export function makeReport(args: {
  version: string;
  command: Report['command'];
  letters?: LetterEntry[];
  files?: OutputEntry[];
  errors?: Diagnostic[];
}): Report {
  const letters = args.letters ?? [];
  const files = args.files ?? [];
  const errors = args.errors ?? [];
  return {
    reportVersion: REPORT_VERSION,
    generator: { name: 'rijkspers', version: args.version },
    command: args.command,
    letters,
    files,
    errors,
    summary: summarise(letters, files, errors),
  };
}

/** Stable JSON: two-space indent and a final newline. */
export function serialiseReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A report read back from disk, or why it cannot be used. */
export type ReadReport = { ok: true; report: Report } | { ok: false; reason: string; version?: unknown };

/**
 * Parses a report file. Only the current version is taken whole; an older one is reported as such
 * (its outputs are not described until the letter is built again).
 */
export function parseReport(text: string): ReadReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (data === null || typeof data !== 'object') return { ok: false, reason: 'not a JSON object' };
  const record = data as Record<string, unknown>;
  const version = record.reportVersion ?? (record.rijkspers as Record<string, unknown> | undefined)?.reportVersion;
  if (version !== REPORT_VERSION) return { ok: false, reason: `report version ${String(version)}, expected ${REPORT_VERSION}`, version };
  if (!Array.isArray(record.letters) || !Array.isArray(record.files)) return { ok: false, reason: 'no letters or files list' };
  // The writer is this module; a hand-edited file that breaks the shape shows up in index.html as is.
  return { ok: true, report: data as Report };
}
