/**
 * A rule of our own: defined once, beside its code, as one object in one file. The rule lists of
 * each checker (PDF/UA-1, PDF/A-2, the HTML page checks, the document rules on the model) are
 * arrays of these; reports, `--help` texts and documentation read the same objects.
 */
import type { FindingLocation, Impact } from './types.js';

/** What a rule reports: the rule, the checker and the tool name are added by whoever runs it. */
export interface RuleHit {
  message: string;
  locations?: FindingLocation[];
  /** How many occurrences this hit stands for (default 1). */
  count?: number;
}

export interface Rule<Context> {
  /** Stable id: veraPDF's (`7.1-3`, `6.2.4.3-2`), or ours (`RP-empty-text`, `external-request`). */
  id: string;
  /** What the rule requires, in one sentence. */
  summary: string;
  /** How to fix a file that breaks it. */
  help: string;
  /** `violation` fails the check; `warning` is reported only. */
  severity: 'violation' | 'warning';
  impact?: Impact;
  wcag?: string[];
  references?: string[];
  helpUrl?: string;
  check(context: Context): RuleHit[];
}
