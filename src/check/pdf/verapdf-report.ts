/**
 * Reads veraPDF's JSON report (`verapdf --format json`): report.jobs[].validationResult (one
 * object, or an array in newer releases) → details.ruleSummaries[] with clause, testNumber,
 * status, failedChecks, description and checks[].context.
 */
import type { Violation } from '../types.js';
import { ruleHelpUrl } from './rule-catalog.js';

interface RuleSummary {
  clause?: unknown;
  testNumber?: unknown;
  status?: unknown;
  ruleStatus?: unknown;
  failedChecks?: unknown;
  description?: unknown;
  checks?: unknown;
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** `root/document[0]/pages[2]/…` → `page 3`; veraPDF counts pages from 0. */
function locationOf(context: unknown): string | undefined {
  if (typeof context !== 'string') return undefined;
  const page = /pages\[(\d+)\]/.exec(context);
  return page ? `page ${Number(page[1]) + 1}` : context;
}

export function parseVerapdfJson(text: string): { violations: Violation[]; checkedRules?: number } {
  const root = record(JSON.parse(text));
  const report = record(root.report);
  const jobs = asArray(report.jobs);
  if (jobs.length === 0) throw new Error('no jobs in the report');
  const violations: Violation[] = [];
  let checked = 0;
  let sawDetails = false;
  for (const job of jobs) {
    const jobRecord = record(job);
    if (jobRecord.taskException) throw new Error(String(record(jobRecord.taskException).message ?? 'veraPDF task failed'));
    for (const result of asArray(jobRecord.validationResult)) {
      const details = record(record(result).details);
      if (!Array.isArray(details.ruleSummaries)) continue;
      sawDetails = true;
      checked += Number(details.passedRules ?? 0) + Number(details.failedRules ?? 0);
      for (const raw of details.ruleSummaries as RuleSummary[]) {
        const status = String(raw.status ?? raw.ruleStatus ?? '').toLowerCase();
        if (status !== 'failed') continue;
        const rule = `${String(raw.clause)}-${String(raw.testNumber)}`;
        const checks = asArray(raw.checks).map(record);
        const failed = Number(raw.failedChecks ?? checks.length);
        const location = locationOf(checks[0]?.context);
        const violation: Violation = {
          tool: 'verapdf',
          rule,
          severity: 'error',
          message: `${String(raw.description ?? 'veraPDF rule failed').replace(/\s+/g, ' ').trim()}${failed > 1 ? ` (${failed} failed checks)` : ''}`,
        };
        if (location) violation.location = location;
        const url = ruleHelpUrl(rule);
        if (url) violation.helpUrl = url;
        violations.push(violation);
      }
    }
  }
  if (!sawDetails) throw new Error('no validation details in the report');
  return { violations, ...(checked > 0 ? { checkedRules: checked } : {}) };
}
