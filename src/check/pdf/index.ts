/**
 * rijkspers' own PDF/UA-1 checker. No npm or Debian package validates PDF/UA, so this reads the
 * PDF with pdf-lib and applies veraPDF's machine-checkable PDF/UA-1 rules (ids as veraPDF names
 * them) plus a few rijkspers rules; qpdf, poppler's pdfinfo and (when installed) veraPDF add
 * second opinions. Works on any PDF, not only ours.
 */
import { readFile } from 'node:fs/promises';
import type { CheckResult, OpenChecker, ToolRun, Violation } from '../types.js';
import { walkContent } from './content-walk.js';
import { runPdfinfoStruct, runQpdf, runVerapdf, type ToolOutcome } from './external-tools.js';
import { toViolations, type Finding } from './findings.js';
import { fontCache } from './fonts.js';
import { loadPdfModel, type PdfModel } from './pdf-model.js';
import { RULES } from './rule-catalog.js';
import type { RuleContext, RuleGroup } from './rule-context.js';
import { checkAnnotations } from './rules-annotations.js';
import { checkCatalog } from './rules-catalog.js';
import { checkFonts } from './rules-fonts.js';
import { checkLanguage } from './rules-language.js';
import { checkListsAndTables } from './rules-lists-tables.js';
import { checkMarkedContent } from './rules-marked-content.js';
import { checkNotes } from './rules-notes.js';
import { checkRijkspers } from './rules-rijkspers.js';
import { checkStructure } from './rules-structure.js';
import { readStructTree } from './struct-tree.js';

export { RULES, type RuleInfo } from './rule-catalog.js';
export type { Finding } from './findings.js';

const RULE_GROUPS: ReadonlyArray<[string, RuleGroup]> = [
  ['catalog and metadata', checkCatalog],
  ['language', checkLanguage],
  ['marked content', checkMarkedContent],
  ['structure', checkStructure],
  ['lists and tables', checkListsAndTables],
  ['notes', checkNotes],
  ['annotations', checkAnnotations],
  ['fonts', checkFonts],
  ['rijkspers', checkRijkspers],
];

export interface PdfUaReport {
  /** Aggregated: one violation per rule and location, with counts. */
  violations: Violation[];
  /** Raw findings, before aggregation (tests and debugging). */
  findings: Finding[];
  /** Number of rules evaluated. */
  checked: number;
}

/** Our own rules on PDF bytes, no external tools. */
export async function checkPdfUa(bytes: Uint8Array): Promise<PdfUaReport> {
  let model: PdfModel;
  try {
    model = await loadPdfModel(bytes);
  } catch (e) {
    const findings: Finding[] = [{ rule: 'RP-unreadable', message: `not a readable PDF: ${e instanceof Error ? e.message : String(e)}` }];
    return { violations: toViolations(findings), findings, checked: RULES.length };
  }
  if (model.trailer.Encrypt) {
    // Strings and streams of an encrypted file read as noise without the key: judging them
    // would bury the one real finding under hundreds of false ones.
    const findings: Finding[] = [{ rule: 'RP-encrypted', message: 'the file is encrypted; its content cannot be checked' }];
    return { violations: toViolations(findings), findings, checked: RULES.length };
  }
  const tree = readStructTree(model);
  const content = walkContent(model, fontCache(model));
  const context: RuleContext = { model, tree, content };
  const findings: Finding[] = [];
  for (const [name, group] of RULE_GROUPS) {
    try {
      findings.push(...group(context));
    } catch (e) {
      // A file that trips the checker must fail loudly, not pass with rules silently skipped.
      findings.push({ rule: 'RP-unreadable', message: `the ${name} rules could not be evaluated: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { violations: toViolations(findings), findings, checked: RULES.length };
}

export interface PdfCheckOptions {
  /** Command to run, or false to skip. Defaults: `qpdf`, `pdfinfo`, `verapdf`. */
  qpdf?: string | false;
  pdfinfo?: string | false;
  verapdf?: string | false;
}

/**
 * The one tool that may be missing without failing the build: veraPDF is a Java application
 * outside npm and Debian that most machines lack, and our own rules cover its PDF/UA-1 machine
 * checks. qpdf and pdfinfo are part of the documented environment (Debian qpdf, poppler-utils):
 * when they cannot run, the ToolRun says why and the check fails, like any tool that did not run.
 * Pass `qpdf: false` / `pdfinfo: false` to leave them out on purpose.
 */
const OPTIONAL_WHEN_MISSING = new Set(['verapdf']);

export async function checkPdf(file: string, options: PdfCheckOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  const external: Array<Promise<ToolOutcome>> = [];
  const qpdf = options.qpdf ?? 'qpdf';
  const pdfinfo = options.pdfinfo ?? 'pdfinfo';
  const verapdf = options.verapdf ?? 'verapdf';
  if (qpdf !== false) external.push(runQpdf(file, qpdf));
  if (pdfinfo !== false) external.push(runPdfinfoStruct(file, pdfinfo));
  if (verapdf !== false) external.push(runVerapdf(file, verapdf));

  const tools: ToolRun[] = [];
  const violations: Violation[] = [];
  let ownRan = false;
  try {
    const report = await checkPdfUa(new Uint8Array(await readFile(file)));
    tools.push({ tool: 'pdfua', version: 'rijkspers', ran: true, checked: report.checked, durationMs: Math.round(performance.now() - started) });
    violations.push(...report.violations);
    ownRan = true;
  } catch (e) {
    tools.push({ tool: 'pdfua', ran: false, error: e instanceof Error ? e.message : String(e), durationMs: Math.round(performance.now() - started) });
  }
  let toolsOk = ownRan;
  for (const outcome of await Promise.all(external)) {
    const optional = !outcome.run.ran && outcome.missing && OPTIONAL_WHEN_MISSING.has(outcome.run.tool);
    tools.push(optional ? { ...outcome.run, optional: true } : outcome.run);
    violations.push(...outcome.violations);
    if (!outcome.run.ran && !optional) toolsOk = false;
  }
  return {
    format: 'pdf',
    file,
    tools,
    violations,
    passed: toolsOk && violations.every((v) => v.severity !== 'error'),
  };
}

/** A session with the given options; nothing is kept running between files. */
export function openPdfCheckerWith(options: PdfCheckOptions): OpenChecker {
  return async () => ({
    format: 'pdf',
    check: (file) => checkPdf(file, options),
    close: async () => {},
  });
}

export const openPdfChecker: OpenChecker = openPdfCheckerWith({});
