/**
 * How a PDF/A-2 rule is written down. Ids are veraPDF's PDF/A-2 ids (`clause-testNumber`) from
 * github.com/veraPDF/veraPDF-validation-profiles: the per-rule files under `PDF_A/2b/` and
 * `PDF_A/2a/` (e.g. `6.2.11.4.1 General/verapdf-profile-6-2-11-4-1-t01.xml`), and the combined
 * `PDF_A/PDFA-2A.xml` (flavour PDFA_2_A) for rules the per-rule folders do not split further.
 * Each rule says from which conformance level on it applies: B (all), U (Unicode), A (tagging).
 * Checks veraPDF does not make carry rijkspers ids `RP-…`.
 */
import type { DocRule, FileRule, PdfaLevel, PdfaRule } from '../../pdf-rule.js';

const VERAPDF_WIKI = 'https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFA-Parts-2-and-3-rules';

/** veraPDF's wiki anchors drop the dots: rule 6.2.11.4.1-1 → `#rule-621141-1`. */
export function pdfaHelpUrl(id: string): string | undefined {
  if (id.startsWith('RP-')) return undefined;
  const [clause, test] = id.split('-');
  return `${VERAPDF_WIKI}#rule-${clause!.replace(/\./g, '')}-${test}`;
}

type Texts<R> = Omit<R, 'scope' | 'severity' | 'helpUrl'> & { severity?: 'violation' | 'warning' };

export function pdfaRule(level: PdfaLevel, rule: Texts<DocRule>): PdfaRule {
  const url = pdfaHelpUrl(rule.id);
  return { scope: 'document', severity: 'violation', level, ...(url ? { helpUrl: url } : {}), ...rule };
}

export function pdfaFileRule(level: PdfaLevel, rule: Texts<FileRule>): PdfaRule {
  const url = pdfaHelpUrl(rule.id);
  return { scope: 'file', severity: 'violation', level, ...(url ? { helpUrl: url } : {}), ...rule };
}
