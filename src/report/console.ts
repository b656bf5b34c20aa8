/**
 * Human-readable lines for the terminal, made from the report entries (so the terminal, the JSON
 * and index.html never disagree): one line per output with its check result and the findings under
 * it, then a summary. Without `verbose`, at most `MAX_FINDINGS_SHOWN` failing findings per output
 * and the rest counted, with where to read them all.
 */
import type { FindingLocation } from '../check/types.js';
import { formatDiagnostic } from '../readers/shared/diagnostics.js';
import type { LetterOutcome } from './outcome.js';
import { letterEntryOf, summarise as summariseEntries } from './report.js';
import type { LetterEntry, OutputEntry, ReportFinding, ReportSummary } from './schema.js';

export const MAX_FINDINGS_SHOWN = 8;

export interface LineOptions {
  /** Every finding, warnings included, with its help link. */
  verbose?: boolean;
  /** Only what failed: no PASS, WROTE or KEPT lines. */
  quiet?: boolean;
  /** Where the reader finds every finding (`output/index.html`). */
  fullReport?: string;
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toolSummary(output: OutputEntry): string {
  const check = output.check!;
  return check.tools
    .map((t) => {
      const name = t.tool.name;
      if (!t.ran) return t.optional ? `${name} not installed (optional)` : `${name} did not run`;
      const found = check.findings.filter((f) => f.tool.name === name && f.severity !== 'tool-failure');
      const warnings = found.filter((f) => f.severity === 'warning').length;
      // Warnings fail an EPUBCheck run but not a PDF check: show them apart so `PASS … 1` never happens.
      return `${name} ${found.length - warnings}${warnings ? ` (+${plural(warnings, 'warning')})` : ''}`;
    })
    .join(' · ');
}

export function locationText(l: FindingLocation): string {
  const file = l.file !== undefined ? [l.file, l.line, l.column].filter((p) => p !== undefined).join(':') : undefined;
  return [
    file,
    l.page !== undefined ? `page ${l.page}` : undefined,
    l.object,
    l.selector,
  ].filter((p) => p !== undefined && p !== '').join(' ');
}

export function findingLine(f: ReportFinding, verbose = false): string {
  const where = f.locations.map(locationText).filter(Boolean);
  const shown = verbose ? where : where.slice(0, 2);
  const at = shown.length ? ` at ${shown.join(', ')}${where.length > shown.length ? ` (+${where.length - shown.length})` : ''}` : '';
  const source = f.input ? ` (${f.input.file}:${f.input.line})` : '';
  const labels = [f.severity === 'warning' ? 'warning' : undefined, f.impact, f.wcag?.length ? `WCAG ${f.wcag.join(', ')}` : undefined].filter(Boolean);
  const tags = labels.length ? ` [${labels.join(', ')}]` : '';
  const count = f.count !== undefined && f.count > 1 ? ` (${f.count} occurrences)` : '';
  const help = verbose && f.helpUrl ? ` — ${f.helpUrl}` : '';
  return `${f.tool.name} ${f.rule}${tags}${at}${source}: ${f.message}${count}${help}`;
}

/** Lines for one checked output: `PASS path  tools` and the findings under it. */
export function outputLines(output: OutputEntry, options: LineOptions = {}): string[] {
  if (!output.check) {
    return options.quiet ? [] : [`WROTE ${output.file}  ${size(output.bytes)}${output.pages ? `, ${plural(output.pages, 'page')}` : ''} (not checked)`];
  }
  const failed = !output.check.passed;
  if (!failed && options.quiet) return [];
  const lines = [`${failed ? 'FAIL' : 'PASS'}  ${output.file}  ${toolSummary(output)}`];
  const listed = output.check.findings.filter((f) => options.verbose || f.fails);
  const shown = options.verbose ? listed : listed.slice(0, MAX_FINDINGS_SHOWN);
  for (const f of shown) lines.push(`      ${findingLine(f, options.verbose)}`);
  const more = listed.length - shown.length;
  if (more > 0) {
    const where = options.fullReport ? `all in ${options.fullReport}; ` : '';
    lines.push(`      … and ${more} more (${where}--verbose lists them here)`);
  }
  return lines;
}

/** Lines for a letter: `out` for results, `err` for parser warnings and errors (FILE:LINE). */
export function letterLines(entry: LetterEntry, options: LineOptions = {}, stack?: string): { out: string[]; err: string[] } {
  const err = entry.warnings.map((w) => formatDiagnostic(w));
  const out: string[] = [];
  if (entry.error) {
    const e = entry.error;
    if (entry.status === 'input-error') err.push(formatDiagnostic({ severity: 'error', code: e.code, file: e.file, line: e.line ?? 1, message: e.message }));
    else if (entry.status === 'internal-error') err.push(`${entry.input}: internal error (please report): ${stack ?? e.message}`);
    else err.push(`${entry.input}: error: ${e.message}`);
    out.push(`ERROR ${entry.input}: not published (${entry.status === 'internal-error' ? 'internal error' : 'nothing written'})`);
    return { out, err };
  }
  for (const f of entry.document) {
    if (f.fails) out.push(`FAIL  ${entry.input}  ${findingLine(f, options.verbose)}`);
    else err.push(`${f.input?.file ?? entry.input}:${f.input?.line ?? 1}: warning: ${f.message} [${f.rule}]`);
  }
  for (const o of entry.outputs) out.push(...outputLines(o, options));
  if (!options.quiet) {
    for (const o of entry.kept) {
      out.push(`KEPT  ${o.file}  from an earlier build (${o.status === 'not-checked' ? 'not checked' : o.status}${o.inputSha256 && entry.inputSha256 && o.inputSha256 !== entry.inputSha256 ? '; the input has changed since' : ''})`);
    }
  }
  return { out, err };
}

/** `letterLines` for a pipeline outcome, its entry seen from the working directory. */
export function outcomeLines(outcome: LetterOutcome, entry: LetterEntry = letterEntryOf(outcome), options: LineOptions = {}): { out: string[]; err: string[] } {
  return letterLines(entry, options, outcome.kind === 'internal-error' ? outcome.stack : undefined);
}

/** The summary of a set of outcomes (build), with the exit code. */
export function summarise(outcomes: readonly LetterOutcome[]): ReportSummary {
  return summariseEntries(outcomes.map(letterEntryOf));
}

export function summaryLine(s: ReportSummary, checked: boolean): string {
  const parts = [plural(s.letters, 'letter'), `${plural(s.outputs, 'output')} written`];
  if (checked) parts.push(`${s.passed} passed`, `${s.failed} with violations`);
  else parts.push('not checked');
  parts.push(plural(s.inputErrors, 'input error'));
  if (s.outputErrors) parts.push(plural(s.outputErrors, 'output error'));
  if (s.internalErrors) parts.push(plural(s.internalErrors, 'internal error'));
  parts.push(plural(s.inputWarnings, 'warning'));
  return `Summary: ${parts.join(', ')} → exit ${s.exitCode}`;
}

export function checkSummaryLine(s: ReportSummary): string {
  const unreadable = s.inputErrors ? `, ${s.inputErrors} not checked (unreadable or unknown type)` : '';
  return `Summary: ${s.outputs} checked, ${s.passed} passed, ${s.failed} with violations${unreadable} → exit ${s.exitCode}`;
}
