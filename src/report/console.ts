/** Human-readable lines for the terminal: one line per output with its check result, then a summary. */
import type { CheckResult, Finding, FindingLocation } from '../check/types.js';
import { formatDiagnostic } from '../parse/diagnostics.js';
import type { LetterOutcome } from '../pipeline.js';

const MAX_VIOLATIONS_SHOWN = 8;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

function toolSummary(result: CheckResult): string {
  return result.tools
    .map((t) => {
      const name = t.tool.name;
      if (!t.ran) return t.optional ? `${name} not installed (optional)` : `${name} did not run`;
      const found = result.findings.filter((f) => f.tool.name === name && f.severity !== 'tool-failure');
      const warnings = found.filter((f) => f.severity === 'warning').length;
      // Warnings fail an EPUBCheck run but not a PDF check: show them apart so `PASS … 1` never happens.
      return `${name} ${found.length - warnings}${warnings ? ` (+${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`;
    })
    .join(' · ');
}

function locationText(l: FindingLocation): string {
  const position = [l.file, l.line, l.column].filter((p) => p !== undefined).join(':');
  const page = l.page !== undefined ? `page ${l.page}` : '';
  return [position, page, l.selector, l.object].filter(Boolean).join(' ');
}

export function findingLine(f: Finding): string {
  const where = f.locations.map(locationText).filter(Boolean);
  const at = where.length ? ` at ${where[0]}${where.length > 1 ? ` (+${where.length - 1} more)` : ''}` : '';
  const tags = [f.severity === 'warning' ? 'warning' : '', f.impact ?? '', ...(f.wcag ?? []).map((c) => `WCAG ${c}`), f.passes?.length ? f.passes.join('/') : '']
    .filter(Boolean);
  const count = f.count !== undefined && f.count > 1 ? ` (${f.count}×)` : '';
  return `${f.tool.name} ${f.rule}${at}${tags.length ? ` [${tags.join(', ')}]` : ''}: ${f.message}${count}`;
}

/** Lines for one checked file: `PASS path  tools` and, on failure, the first violations. */
export function checkLines(result: CheckResult, reportPath?: string): string[] {
  const lines = [`${result.passed ? 'PASS' : 'FAIL'}  ${result.file}  ${toolSummary(result)}`];
  // Tool failures are findings too: each says which tool could not run and why.
  for (const f of result.findings.slice(0, MAX_VIOLATIONS_SHOWN)) lines.push(`      ${findingLine(f)}`);
  const more = result.findings.length - MAX_VIOLATIONS_SHOWN;
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
