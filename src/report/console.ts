/** Human-readable lines for the terminal: one line per output with its check result, then a summary. */
import type { CheckResult, Finding } from '../check/types.js';
import { formatDiagnostic } from '../parse/diagnostics.js';
import type { LetterOutcome } from '../pipeline.js';

const MAX_VIOLATIONS_SHOWN = 8;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function toolSummary(result: CheckResult): string {
  return result.tools
    .map((t) => {
      if (!t.ran) return t.optional ? `${t.tool.name} not installed (optional)` : `${t.tool.name} did not run`;
      const found = result.findings.filter((v) => v.tool.name === t.tool.name && v.severity !== 'tool-failure');
      const warnings = found.filter((v) => v.severity === 'warning').length;
      // Warnings fail an EPUBCheck run but not a PDF check: show them apart so `PASS … 1` never happens.
      return `${t.tool.name} ${found.length - warnings}${warnings ? ` (+${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`;
    })
    .join(' · ');
}

export function violationLine(v: Finding): string {
  const at = v.locations[0];
  const where = at?.page !== undefined ? ` at page ${at.page}` : at?.object ? ` at ${at.object}` : '';
  return `${v.tool.name} ${v.rule}${where}: ${v.message}${v.count && v.count > 1 ? ` (${v.count} occurrences)` : ''}`;
}

/** Lines for one checked file: `PASS path  tools` and, on failure, the first violations. */
export function checkLines(result: CheckResult, reportPath?: string): string[] {
  const lines = [`${result.passed ? 'PASS' : 'FAIL'}  ${result.file}  ${toolSummary(result)}`];
  for (const t of result.tools) if (!t.ran && !t.optional) lines.push(`      ${t.tool.name} could not run: ${t.error ?? 'unknown reason'}`);
  for (const v of result.findings.filter((f) => f.severity !== 'tool-failure').slice(0, MAX_VIOLATIONS_SHOWN)) lines.push(`      ${violationLine(v)}`);
  const more = result.findings.filter((f) => f.severity !== 'tool-failure').length - MAX_VIOLATIONS_SHOWN;
  if (more > 0) lines.push(`      … and ${more} more${reportPath ? ` (all in ${reportPath})` : ''}`);
  return lines;
}

export function outcomeLines(outcome: LetterOutcome): { out: string[]; err: string[] } {
  const err = outcome.warnings.map((w) => formatDiagnostic(w));
  if (outcome.kind === 'input-error') {
    err.push(formatDiagnostic(outcome.error));
    return { out: [`ERROR ${outcome.input}: not published (nothing written)`], err };
  }
  const out: string[] = [];
  outcome.outputs.forEach((o, i) => {
    const check = outcome.checks?.[i];
    if (check) out.push(...checkLines(check, outcome.reportPath));
    else out.push(`WROTE ${o.path}  ${size(o.bytes)}${o.pages ? `, ${o.pages} pages` : ''} (not checked)`);
  });
  return { out, err };
}

export interface BuildSummary {
  letters: number;
  published: number;
  inputErrors: number;
  outputs: number;
  passed: number;
  failed: number;
  warnings: number;
  exitCode: 0 | 1 | 2;
}

export function summarise(outcomes: readonly LetterOutcome[]): BuildSummary {
  let outputs = 0;
  let passed = 0;
  let failed = 0;
  let warnings = 0;
  let inputErrors = 0;
  for (const o of outcomes) {
    warnings += o.warnings.length;
    if (o.kind === 'input-error') { inputErrors++; continue; }
    outputs += o.outputs.length;
    for (const c of o.checks ?? []) (c.passed ? passed++ : failed++);
  }
  const exitCode = inputErrors > 0 ? 2 : failed > 0 ? 1 : 0;
  return { letters: outcomes.length, published: outcomes.length - inputErrors, inputErrors, outputs, passed, failed, warnings, exitCode };
}

export function summaryLine(s: BuildSummary, checked: boolean): string {
  const parts = [`${s.letters} letter${s.letters === 1 ? '' : 's'}`, `${s.outputs} output${s.outputs === 1 ? '' : 's'} written`];
  if (checked) parts.push(`${s.passed} passed`, `${s.failed} with violations`);
  else parts.push('not checked');
  parts.push(`${s.inputErrors} input error${s.inputErrors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`);
  return `Summary: ${parts.join(', ')} → exit ${s.exitCode}`;
}
