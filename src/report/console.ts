/** Human-readable lines for the terminal: one line per output with its check result, then a summary. */
import type { CheckResult, Finding, FindingLocation } from '../check/types.js';
import { formatDiagnostic } from '../readers/shared/diagnostics.js';
import type { LetterOutcome } from './outcome.js';

const MAX_FINDINGS_SHOWN = 8;

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

export function locationText(l: FindingLocation): string {
  const file = l.file !== undefined ? [l.file, l.line, l.column].filter((p) => p !== undefined).join(':') : undefined;
  return [
    file,
    l.page !== undefined ? `page ${l.page}` : undefined,
    l.object,
    l.selector,
  ].filter((p) => p !== undefined && p !== '').join(' ');
}

export function findingLine(f: Finding): string {
  const where = f.locations.map(locationText).filter(Boolean);
  const at = where.length ? ` at ${where.slice(0, 2).join(', ')}${where.length > 2 ? ` (+${where.length - 2})` : ''}` : '';
  const count = f.count !== undefined && f.count > 1 ? ` (${f.count} occurrences)` : '';
  return `${f.tool.name} ${f.rule}${at}: ${f.message}${count}`;
}

/** Lines for one checked file: `PASS path  tools` and, on failure, the first findings. */
export function checkLines(result: CheckResult, reportPath?: string): string[] {
  const lines = [`${result.passed ? 'PASS' : 'FAIL'}  ${result.file}  ${toolSummary(result)}`];
  const shown = result.findings.filter((f) => f.fails);
  for (const f of shown.slice(0, MAX_FINDINGS_SHOWN)) lines.push(`      ${findingLine(f)}`);
  const more = shown.length - MAX_FINDINGS_SHOWN;
  if (more > 0) lines.push(`      … and ${more} more${reportPath ? ` (all in ${reportPath})` : ''}`);
  return lines;
}

export function outcomeLines(outcome: LetterOutcome): { out: string[]; err: string[] } {
  const err = outcome.warnings.map((w) => formatDiagnostic(w));
  switch (outcome.kind) {
    case 'input-error':
      err.push(formatDiagnostic(outcome.error));
      return { out: [`ERROR ${outcome.input}: not published (nothing written)`], err };
    case 'output-error':
      err.push(`${outcome.input}: error: ${outcome.message}`);
      return { out: [`ERROR ${outcome.input}: not published (nothing written)`], err };
    case 'internal-error':
      err.push(`${outcome.input}: internal error (please report): ${outcome.stack ?? outcome.message}`);
      return { out: [`ERROR ${outcome.input}: not published (internal error)`], err };
    case 'published': {
      const out: string[] = [];
      for (const f of outcome.document) {
        if (f.fails) out.push(`FAIL  ${outcome.input}  ${findingLine(f)}`);
        else err.push(`${f.locations[0]?.file ?? outcome.input}:${f.locations[0]?.line ?? 1}: warning: ${f.message} [${f.rule}]`);
      }
      outcome.outputs.forEach((o, i) => {
        const check = outcome.checks?.[i];
        if (check) out.push(...checkLines(check, outcome.reportPath));
        else out.push(`WROTE ${o.path}  ${size(o.bytes)}${o.pages ? `, ${o.pages} pages` : ''} (not checked)`);
      });
      return { out, err };
    }
  }
}

export interface BuildSummary {
  letters: number;
  published: number;
  inputErrors: number;
  outputErrors: number;
  internalErrors: number;
  outputs: number;
  passed: number;
  failed: number;
  warnings: number;
  exitCode: 0 | 1 | 2 | 3;
}

export function summarise(outcomes: readonly LetterOutcome[]): BuildSummary {
  const s = { letters: outcomes.length, published: 0, inputErrors: 0, outputErrors: 0, internalErrors: 0, outputs: 0, passed: 0, failed: 0, warnings: 0 };
  for (const o of outcomes) {
    s.warnings += o.warnings.length;
    if (o.kind === 'input-error') s.inputErrors++;
    else if (o.kind === 'output-error') s.outputErrors++;
    else if (o.kind === 'internal-error') s.internalErrors++;
    else {
      s.published++;
      s.outputs += o.outputs.length;
      for (const c of o.checks ?? []) (c.passed ? s.passed++ : s.failed++);
      if (o.document.some((f) => f.fails)) s.failed++;
    }
  }
  const exitCode = s.internalErrors > 0 ? 3 : s.inputErrors + s.outputErrors > 0 ? 2 : s.failed > 0 ? 1 : 0;
  return { ...s, exitCode };
}

export function summaryLine(s: BuildSummary, checked: boolean): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(s.letters, 'letter'), `${plural(s.outputs, 'output')} written`];
  if (checked) parts.push(`${s.passed} passed`, `${s.failed} with violations`);
  else parts.push('not checked');
  parts.push(plural(s.inputErrors, 'input error'));
  if (s.outputErrors) parts.push(plural(s.outputErrors, 'output error'));
  if (s.internalErrors) parts.push(plural(s.internalErrors, 'internal error'));
  parts.push(plural(s.warnings, 'warning'));
  return `Summary: ${parts.join(', ')} → exit ${s.exitCode}`;
}
