/** Reading check results in tests: one line per finding, so a failing assertion shows what and where. */
import type { CheckResult, Finding, FindingLocation } from '../../src/check/types.js';

function where(l: FindingLocation | undefined): string {
  if (!l) return '';
  return [[l.file, l.line, l.column].filter((p) => p !== undefined).join(':'), l.page !== undefined ? `p${l.page}` : '', l.selector, l.object]
    .filter(Boolean).join(' ');
}

export function findingText(f: Finding): string {
  return `${f.tool.name} ${f.rule} ${where(f.locations[0])}: ${f.message}`;
}

/** Every finding that fails the check (violations, failing warnings, tool failures), as text. */
export function failing(result: CheckResult | undefined): string[] {
  return (result?.findings ?? []).filter((f) => f.fails).map(findingText);
}

/** Rule ids a tool reported, sorted, without repeats. */
export function rulesOf(result: CheckResult, tool: string): string[] {
  return [...new Set(result.findings.filter((f) => f.tool.name === tool && f.severity !== 'tool-failure').map((f) => f.rule))].sort();
}

/** `[tool name, ran, error]` per tool, the shape tests compare. */
export function toolsRun(result: CheckResult | undefined): Array<[string, boolean, string | undefined]> {
  return (result?.tools ?? []).map((t) => [t.tool.name, t.ran, t.error]);
}
