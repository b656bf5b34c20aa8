/**
 * Rule modules report `Finding`s; `toViolations` folds repeated failures of one rule at one
 * location into a single violation with a count, so a broken PDF gives one line per rule and
 * page, not ten thousand.
 */
import type { Violation } from '../types.js';
import { RULES, RULE_BY_ID, ruleHelpUrl } from './rule-catalog.js';

export interface Finding {
  rule: string;
  message: string;
  /** 0-based page index, when the failure is on a page. */
  page?: number;
  /** `object 12 0 R` when no page is known. */
  object?: string;
  /** How many occurrences this finding stands for (default 1). */
  count?: number;
}

const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const MAX_MESSAGES = 3;

function locationOf(f: Finding): string {
  if (f.page !== undefined) return `page ${f.page + 1}`;
  return f.object ?? 'document';
}

export function toViolations(findings: readonly Finding[]): Violation[] {
  const groups = new Map<string, { rule: string; location: string; page: number; messages: string[]; count: number }>();
  for (const f of findings) {
    const location = locationOf(f);
    const key = `${f.rule}\u0000${location}`;
    let group = groups.get(key);
    if (!group) {
      group = { rule: f.rule, location, page: f.page ?? -1, messages: [], count: 0 };
      groups.set(key, group);
    }
    if (!group.messages.includes(f.message)) group.messages.push(f.message);
    group.count += f.count ?? 1;
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      (RULE_ORDER.get(a.rule) ?? 999) - (RULE_ORDER.get(b.rule) ?? 999) ||
      a.page - b.page ||
      // Code-point order: a report must not depend on the locale of the machine that wrote it.
      (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
  );
  return sorted.map((g) => {
    const info = RULE_BY_ID.get(g.rule);
    const shown = g.messages.slice(0, MAX_MESSAGES).join('; ');
    const more = g.messages.length > MAX_MESSAGES ? `; and ${g.messages.length - MAX_MESSAGES} more` : '';
    const count = g.count > 1 ? ` (${g.count} occurrences)` : '';
    const violation: Violation = {
      tool: 'pdfua',
      rule: g.rule,
      severity: info?.severity ?? 'error',
      message: `${shown}${more}${count}`,
      location: g.location,
    };
    if (info) violation.help = `${info.summary} ${info.help}`;
    const url = ruleHelpUrl(g.rule);
    if (url) violation.helpUrl = url;
    return violation;
  });
}
