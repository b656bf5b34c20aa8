/**
 * rijkspers' own PDF checker. No npm or Debian package validates PDF/UA or PDF/A, so this reads
 * the PDF with pdf-lib and applies the machine-checkable rules of PDF/UA-1 and PDF/A-2 under
 * veraPDF's rule ids (plus a few rijkspers rules), one profile at a time (`profiles.ts`); qpdf,
 * poppler's pdfinfo and (when installed) veraPDF add second opinions, run in parallel with our
 * own rules. Works on any PDF, not only ours.
 */
import { readFile } from 'node:fs/promises';
import { VERSION } from '../../version.js';
import { passedOf, toolFailure, type CheckResult, type Finding, type OpenChecker, type ToolId, type ToolRun } from '../types.js';
import { walkContent } from './content-walk.js';
import { runPdfinfoStruct, runQpdf, runVerapdf, timeLimitMs, type ToolOutcome } from './external-tools.js';
import { toFindings } from './findings.js';
import { fontCache } from './fonts.js';
import { loadPdfModel } from './pdf-model.js';
import { StreamDecodeError, getStream, streamBytes } from './pdf-objects.js';
import type { DocContext, FileContext, PdfRule, RuleHit } from './pdf-rule.js';
import { PROFILES, defaultProfiles, type PdfProfile } from './profiles.js';
import { readStructTree } from './struct-tree.js';
import { readXmp, type XmpFacts } from './xmp.js';

export { PDF_PROFILES, PROFILES, parsePdfProfiles, type PdfProfile } from './profiles.js';

/** Our checker as reports name it. */
export const RIJKSPERS_PDF: ToolId = { name: 'rijkspers', version: VERSION };

export interface OwnCheck {
  findings: Finding[];
  /** Rules evaluated, over all profiles (document rules count only when the document could be read). */
  checked: number;
  profiles: PdfProfile[];
}

/** Reads the file once into what every rule sees; the document part is absent when it cannot be read. */
async function readContext(bytes: Uint8Array): Promise<{ file: FileContext; doc?: DocContext }> {
  let model;
  try {
    model = await loadPdfModel(bytes);
  } catch (e) {
    return { file: { bytes, encrypted: false, loadError: e instanceof Error ? e.message : String(e) } };
  }
  const file: FileContext = { bytes, encrypted: model.trailer.Encrypt !== undefined };
  if (file.encrypted) return { file };
  let xmp: XmpFacts | undefined;
  const metadata = getStream(model.catalog, 'Metadata');
  if (metadata) {
    try {
      xmp = readXmp(streamBytes(metadata));
    } catch (e) {
      if (!(e instanceof StreamDecodeError)) throw e;
      xmp = { error: `the stream cannot be decoded (${e.message})`, usesXDefault: false, pdfaidPrefixes: [], properties: [], extensionProperties: new Map() };
    }
  }
  const doc: DocContext = { ...file, model, tree: readStructTree(model), content: walkContent(model, fontCache(model)) };
  if (xmp) doc.xmp = xmp;
  return { file, doc };
}

function runRule(rule: PdfRule, file: FileContext, doc: DocContext | undefined): RuleHit[] | undefined {
  if (rule.scope === 'file') return rule.check(file);
  return doc ? rule.check(doc) : undefined;
}

/**
 * Our own rules on PDF bytes, no external tools. `profiles` defaults to what the file claims
 * (`defaultProfiles`). A rule that throws is a tool failure, not a pass and not a violation.
 */
export async function checkOwnRules(bytes: Uint8Array, profiles?: readonly PdfProfile[]): Promise<OwnCheck> {
  const { file, doc } = await readContext(bytes);
  const chosen = profiles ? [...profiles] : defaultProfiles(doc?.xmp);
  const findings: Finding[] = [];
  let checked = 0;
  for (const profile of chosen) {
    const info = PROFILES[profile];
    // Set on the one context object, not on copies: facts shared between rules (annotations,
    // fonts) are cached per context object, so every profile reuses them.
    for (const context of doc ? [file, doc] : [file]) {
      if (info.pdfaLevel) context.pdfaLevel = info.pdfaLevel;
      else delete context.pdfaLevel;
    }
    for (const rule of info.rules) {
      let hits: RuleHit[] | undefined;
      try {
        hits = runRule(rule, file, doc);
      } catch (e) {
        findings.push({ ...toolFailure(RIJKSPERS_PDF, `rule ${rule.id} could not be evaluated: ${e instanceof Error ? e.message : String(e)}`), profile });
        continue;
      }
      // Document rules do not run on a file that cannot be read or is encrypted: not checked.
      if (hits === undefined) continue;
      checked += 1;
      if (hits.length > 0) findings.push(...toFindings(RIJKSPERS_PDF, profile, rule, hits));
    }
  }
  return { findings, checked, profiles: chosen };
}

export interface PdfCheckOptions {
  /** Profiles to check; default: PDF/UA-1 plus the PDF/A-2 level the file claims. */
  profiles?: readonly PdfProfile[];
  /** Command to run, or false to skip. Defaults: `qpdf`, `pdfinfo`, `verapdf`. */
  qpdf?: string | false;
  pdfinfo?: string | false;
  verapdf?: string | false;
  /** Time limit for each external tool; default grows with the file (`timeLimitMs`). */
  toolTimeoutMs?: number;
}

/**
 * The one tool that may be missing without failing the build: veraPDF is a Java application
 * outside npm and Debian that most machines lack, and our own rules cover its machine checks.
 * qpdf and pdfinfo are part of the documented environment (Debian qpdf, poppler-utils): when they
 * cannot run, the ToolRun says why and the check fails, like any tool that did not run. Pass
 * `qpdf: false` / `pdfinfo: false` to leave them out on purpose.
 */
const OPTIONAL_WHEN_MISSING = new Set(['verapdf']);

/** Pages, counted cheaply from the bytes (page objects written in the clear), for time limits only. */
function estimatePages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export async function checkPdf(file: string, options: PdfCheckOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    const error = `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`;
    const tools: ToolRun[] = [{ tool: RIJKSPERS_PDF, ran: false, error, durationMs: Math.round(performance.now() - started) }];
    const findings = [toolFailure(RIJKSPERS_PDF, error, [{ file }])];
    return { format: 'pdf', file, tools, findings, passed: passedOf(tools, findings) };
  }
  const limit = options.toolTimeoutMs ?? timeLimitMs(bytes.length, estimatePages(bytes));

  // The tools start first and run while our own rules occupy this process.
  const external: Array<Promise<ToolOutcome>> = [];
  const qpdf = options.qpdf ?? 'qpdf';
  const pdfinfo = options.pdfinfo ?? 'pdfinfo';
  if (qpdf !== false) external.push(runQpdf(file, limit, qpdf));
  if (pdfinfo !== false) external.push(runPdfinfoStruct(file, limit, pdfinfo));
  // veraPDF checks the same profiles as we do, one run per flavour: started now when they are
  // given, else once our own reading of the file has said what it claims.
  const verapdf = options.verapdf ?? 'verapdf';
  const startVerapdf = (profiles: readonly PdfProfile[]): void => {
    if (verapdf === false) return;
    for (const profile of profiles) external.push(runVerapdf(file, PROFILES[profile].verapdfFlavour, profile, limit, verapdf));
  };
  if (options.profiles) startVerapdf(options.profiles);

  const tools: ToolRun[] = [];
  const findings: Finding[] = [];
  let profiles: PdfProfile[] = options.profiles ? [...options.profiles] : ['pdfua1'];
  try {
    const own = await checkOwnRules(bytes, options.profiles);
    profiles = own.profiles;
    tools.push({ tool: RIJKSPERS_PDF, ran: true, checked: own.checked, profiles, durationMs: Math.round(performance.now() - started) });
    findings.push(...own.findings);
  } catch (e) {
    const error = `the checker failed: ${e instanceof Error ? e.message : String(e)}`;
    tools.push({ tool: RIJKSPERS_PDF, ran: false, error, profiles, durationMs: Math.round(performance.now() - started) });
    findings.push(toolFailure(RIJKSPERS_PDF, error, [{ file }]));
  }
  if (!options.profiles) startVerapdf(profiles);

  let verapdfMissingReported = false;
  for (const outcome of await Promise.all(external)) {
    const optional = !outcome.run.ran && outcome.missing && OPTIONAL_WHEN_MISSING.has(outcome.run.tool.name);
    if (optional && verapdfMissingReported) continue;
    if (optional) verapdfMissingReported = true;
    tools.push(optional ? { ...outcome.run, optional: true, profiles } : outcome.run);
    if (!outcome.run.ran && !optional && outcome.findings.length === 0) {
      findings.push(toolFailure(outcome.run.tool, outcome.run.error ?? `${outcome.run.tool.name} did not run`));
    }
    findings.push(...outcome.findings);
  }
  return { format: 'pdf', file, tools, findings, passed: passedOf(tools, findings) };
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
