/**
 * Reads veraPDF's JSON report (`verapdf --format json`): report.jobs[].validationResult (one
 * object, or an array in newer releases) → details.ruleSummaries[] with clause, testNumber,
 * status, failedChecks, description and checks[].context.
 */
import type { Finding, FindingLocation, ToolId } from '../types.js';
import { pdfaHelpUrl } from './rules/pdfa/pdfa.js';
import { uaHelpUrl } from './rules/pdfua/ua.js';

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

/** `root/document[0]/pages[2]/…` → page 3; veraPDF counts pages from 0. */
function locationOf(context: unknown): FindingLocation | undefined {
  if (typeof context !== 'string') return undefined;
  const page = /pages\[(\d+)\]/.exec(context);
  return page ? { page: Number(page[1]) + 1, object: context } : { object: context };
}

/** veraPDF's JSON report → findings of `tool` under `profile` (`pdfua1`, `pdfa2a` …). */
export function parseVerapdfJson(text: string, tool: ToolId, profile: string): { findings: Finding[]; checkedRules?: number } {
  const root = record(JSON.parse(text));
  const report = record(root.report);
  const jobs = asArray(report.jobs);
  if (jobs.length === 0) throw new Error('no jobs in the report');
  const findings: Finding[] = [];
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
        const finding: Finding = {
          tool,
          rule,
          severity: 'violation',
          fails: true,
          profile,
          message: String(raw.description ?? 'veraPDF rule failed').replace(/\s+/g, ' ').trim(),
          locations: location ? [location] : [],
        };
        if (failed > 1) finding.count = failed;
        const url = profile === 'pdfua1' ? uaHelpUrl(rule) : pdfaHelpUrl(rule);
        if (url) finding.helpUrl = url;
        findings.push(finding);
      }
    }
  }
  if (!sawDetails) throw new Error('no validation details in the report');
  return { findings, ...(checked > 0 ? { checkedRules: checked } : {}) };
}
