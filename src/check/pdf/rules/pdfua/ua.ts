/**
 * How a PDF/UA-1 rule is written down. Ids are veraPDF's PDF/UA-1 ids (`clause-testNumber`),
 * taken from the veraPDF validation profiles (github.com/veraPDF/veraPDF-validation-profiles,
 * `PDF_UA/PDFUA-1.xml`, flavour PDFUA_1, commit 70ddbd42, and for rules kept in their own files
 * there, `PDF_UA/1/…/verapdf-profile-*.xml`); checks veraPDF does not make carry rijkspers ids
 * `RP-…`. Where a check has no veraPDF rule of its own it is reported under the closest one and
 * the summary says so (ParentTree consistency → 7.1-3). `references` name Matterhorn Protocol 1.1
 * checkpoints where the mapping is one to one.
 */
import type { DocRule, FileRule } from '../../pdf-rule.js';

const VERAPDF_WIKI = 'https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules';

/** veraPDF's wiki anchors drop the dots: rule 7.21.4.1-1 → `#rule-72141-1`. */
export function uaHelpUrl(id: string): string | undefined {
  if (id.startsWith('RP-')) return undefined;
  const [clause, test] = id.split('-');
  return `${VERAPDF_WIKI}#rule-${clause!.replace(/\./g, '')}-${test}`;
}

type Texts<R> = Omit<R, 'scope' | 'severity' | 'helpUrl'> & { severity?: 'violation' | 'warning' };

export function uaRule(rule: Texts<DocRule>): DocRule {
  const url = uaHelpUrl(rule.id);
  return { scope: 'document', severity: 'violation', ...(url ? { helpUrl: url } : {}), ...rule };
}

export function uaFileRule(rule: Texts<FileRule>): FileRule {
  const url = uaHelpUrl(rule.id);
  return { scope: 'file', severity: 'violation', ...(url ? { helpUrl: url } : {}), ...rule };
}
