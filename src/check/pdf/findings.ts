/**
 * Rule hits → report findings. Repeated failures of one rule at one location (a page, an object)
 * fold into one finding whose `count` adds up the occurrences, so a broken PDF gives one finding
 * per rule and page, not ten thousand. Findings come in the profile's rule order, then by page.
 */
import type { Finding, ToolId } from '../types.js';
import { locationKey, type PdfRule, type RuleHit } from './pdf-rule.js';

/** At most this many distinct messages are kept per folded finding; the rest are summarised. */
const MAX_MESSAGES = 3;

export function toFindings(tool: ToolId, profile: string, rule: PdfRule, hits: readonly RuleHit[]): Finding[] {
  const groups = new Map<string, { hit: RuleHit; messages: string[]; count: number }>();
  for (const hit of hits) {
    const key = locationKey(hit.locations?.[0]);
    let group = groups.get(key);
    if (!group) {
      group = { hit, messages: [], count: 0 };
      groups.set(key, group);
    }
    if (!group.messages.includes(hit.message)) group.messages.push(hit.message);
    group.count += hit.count ?? 1;
  }
  const pageOf = (hit: RuleHit): number => hit.locations?.[0]?.page ?? 0;
  const sorted = [...groups.entries()].sort(
    ([ka, a], [kb, b]) =>
      pageOf(a.hit) - pageOf(b.hit) ||
      // Code-point order: a report must not depend on the locale of the machine that wrote it.
      (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  return sorted.map(([, g]) => {
    const shown = g.messages.slice(0, MAX_MESSAGES).join('; ');
    const others = g.messages.length - MAX_MESSAGES;
    const finding: Finding = {
      tool,
      rule: rule.id,
      severity: rule.severity,
      fails: rule.severity === 'violation',
      profile,
      message: others > 0 ? `${shown}; and ${others} other problem${others === 1 ? '' : 's'} like these` : shown,
      locations: g.hit.locations ?? [],
      help: `${rule.summary} ${rule.help}`,
    };
    if (g.count > 1) finding.count = g.count;
    if (rule.impact) finding.impact = rule.impact;
    if (rule.wcag) finding.wcag = [...rule.wcag];
    if (rule.references) finding.references = [...rule.references];
    if (rule.helpUrl) finding.helpUrl = rule.helpUrl;
    return finding;
  });
}
