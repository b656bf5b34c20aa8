/**
 * Rules on the document model itself, run once per letter before any writer: what every format
 * would get wrong the same way (a note nobody can reach, a skipped heading level, a table without
 * header cells; readers warn about images without a description at their own line or paragraph).
 * A new rule is one file here and one row in `DOCUMENT_RULES`.
 */
import type { Letter } from '../../model/ast.js';
import { VERSION } from '../../version.js';
import type { Rule } from '../rule.js';
import type { Finding, ToolId } from '../types.js';
import type { DocumentContext } from './context.js';
import { headingOrder } from './heading-order.js';
import { notesReachable } from './notes-reachable.js';
import { tableHeaders } from './table-headers.js';
import { uniqueIds } from './unique-ids.js';

export const DOCUMENT_RULES: ReadonlyArray<Rule<DocumentContext>> = [notesReachable, headingOrder, tableHeaders, uniqueIds];

export const DOCUMENT_TOOL: ToolId = { name: 'rijkspers-document', version: VERSION };

export function checkDocument(letter: Letter, rules: ReadonlyArray<Rule<DocumentContext>> = DOCUMENT_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check({ letter })) {
      findings.push({
        tool: DOCUMENT_TOOL,
        rule: rule.id,
        severity: rule.severity,
        fails: rule.severity === 'violation',
        message: hit.message,
        locations: hit.locations ?? [],
        help: `${rule.summary} ${rule.help}`,
        ...(rule.wcag ? { wcag: rule.wcag } : {}),
        ...(hit.count !== undefined ? { count: hit.count } : {}),
      });
    }
  }
  return findings;
}
